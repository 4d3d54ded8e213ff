// One live client session (a tab): the per-connection state of SPEC §1 that banners, presence and explain use.
import { viewShowsMessage, type WindowView } from "@herald/core";
import type { ClientSocket, DeviceKind, Permission } from "./ports.ts";
import type { View } from "./protocol.ts";
import type { TokenBucket } from "./rate-limit.ts";

let nextConnectionId = 1;

/** Bytes queued on a socket past which the connection is closed (the client resumes, GEN-7). */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export class Connection {
  readonly id = nextConnectionId++;
  readonly userId: string;
  readonly socket: ClientSocket;
  readonly bucket: TokenBucket;
  /** Set by `hello`; before it the connection receives nothing but `error`. */
  ready = false;
  deviceId = "";
  deviceKind: DeviceKind = "web";
  permission: Permission = "unsupported";
  focused = false;
  visible = true;
  view: View = {};
  /** Last input the client reported here (PRS-8: not the moment it connected); -Infinity until then. */
  lastActivity = Number.NEGATIVE_INFINITY;
  /** When the screen was reported locked / the system idle (PRS-3), null when not. */
  lockedAt: number | null = null;
  locked = false;
  idle = false;
  /** Last time this tab was focused or visible: DSK-3 picks the most recent tab of a device. */
  lastSeenAt: number;
  refusals = 0;
  /** While a hello/resume is being answered, live writes queue here (see session.ts). */
  buffer: { roomId: string | null; seq: number; data: string }[] | null = null;
  /** Per room, the last message seq the resume sent from the store. Another node's post is in the store
   *  before its bus event reaches this node, so its live frame can follow the resume: not sent twice. */
  replayed: Map<string, number> | null = null;
  readonly subscriptions = new Set<string>();
  /** The credential the socket was opened with (PRM-4 / TOK-1: revoking it closes the socket). */
  sessionId: string | null = null;
  tokenId: string | null = null;

  constructor(userId: string, socket: ClientSocket, bucket: TokenBucket, now: number) {
    this.userId = userId;
    this.socket = socket;
    this.bucket = bucket;
    this.lastSeenAt = now;
  }

  get isDesktop(): boolean {
    return this.deviceKind !== "mobile";
  }

  /** DSK-2: the window is focused and shows that very room (or, for a thread-only reply, that thread). */
  shows(roomId: string, threadId: string | null | undefined, alsoInRoom: boolean | undefined): boolean {
    const view = this.focusedView;
    return view !== null && viewShowsMessage(view, roomId, threadId, alsoInRoom);
  }

  /** What this window shows while focused (null when unfocused or showing no room). */
  get focusedView(): WindowView | null {
    if (!this.focused || !this.view.roomId) return null;
    return { roomId: this.view.roomId, threadId: this.view.threadId ?? null };
  }

  setLocked(locked: boolean, idle: boolean, now: number): void {
    this.locked = locked;
    this.idle = idle;
    const away = locked || idle;
    if (away && this.lockedAt === null) this.lockedAt = now;
    if (!away) this.lockedAt = null;
  }

  send(data: string): void {
    if (!this.socket.isOpen()) return;
    // A client that stopped reading would make the server hold its backlog forever: drop it; it resumes.
    if ((this.socket.bufferedAmount ?? 0) > MAX_BUFFERED_BYTES) {
      this.socket.close(1013, "slow consumer");
      return;
    }
    this.socket.send(data);
  }

  /** The resume already sent this message of `roomId` from the store. */
  wasReplayed(roomId: string, seq: number): boolean {
    const upTo = this.replayed?.get(roomId);
    return upTo !== undefined && seq <= upTo;
  }

  /** A live event: queued while the connection is resuming, else written at once. */
  deliver(data: string, roomId: string | null = null, seq = 0): void {
    if (this.buffer) this.buffer.push({ roomId, seq, data });
    else if (this.ready) this.send(data);
  }
}
