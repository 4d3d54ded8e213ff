// Realtime connection: WebSocket to /api/v1/realtime with backoff + jitter,
// hello with device facts, resume with the last cursors (GEN-7), heartbeats.
import { type BackoffOptions, backoffDelay, defaultBackoff } from "./backoff.ts";
import type {
  ClientFrame,
  DeviceKind,
  EventOf,
  HelloFrame,
  NotificationPermissionState,
  ResumeCursors,
  ServerEvent,
  ServerEventType,
  ServerFrame,
  Timers,
  View,
} from "./types.ts";
import { realTimers } from "./types.ts";

export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface ClientState {
  permission: NotificationPermissionState;
  focused: boolean;
  visible: boolean;
  view: View;
}

export type ConnectionStatus =
  | "idle"
  | "connecting"
  | "open"
  | "ready"
  | "waiting"
  | "unauthorized"
  | "closed";

export interface ConnectionOptions {
  /** ws(s):// URL; default: same origin + /api/v1/realtime. */
  url?: string;
  deviceId: string;
  deviceKind: DeviceKind;
  /** Current focus/visibility/view/permission, read at every hello. */
  getState: () => ClientState;
  createSocket?: WebSocketFactory;
  timers?: Timers;
  random?: () => number;
  backoff?: BackoffOptions;
  pingIntervalMs?: number;
  /** Called when a socket closed before `ready`; resolve false when the session is gone (PRM-4). */
  checkSession?: () => Promise<boolean>;
}

/** Close codes the server may use for "not signed in" (application range 4000+ mirrors HTTP). */
const UNAUTHORIZED_CODES = new Set([4401, 4403]);
/** Closes after which reconnecting at once would only be refused again (GEN-6): 4429 too many frames,
 *  4409 too many sockets for this user. The retry waits at least SLOW_DOWN_MS, doubling on each in a row. */
const SLOW_DOWN_CODES = new Set([4429, 4409]);
const SLOW_DOWN_MS = 15_000;
const SLOW_DOWN_MAX_MS = 5 * 60_000;
/** After a `rate_limited` error frame the client holds its optional frames for a while (doubling, capped). */
const HOLD_MS = 1_000;
const HOLD_MAX_MS = 30_000;
/** A `rate_limited` this long after the previous one starts the hold again from HOLD_MS. */
const HOLD_RESET_MS = 60_000;
const OPEN = 1;

type Listener<T extends ServerEventType> = (event: EventOf<T>) => void;

export class Connection {
  status: ConnectionStatus = "idle";
  readonly cursors: ResumeCursors = { rooms: {}, userCursor: null };
  private readonly o: ConnectionOptions;
  private readonly timers: Timers;
  private readonly random: () => number;
  private ws: WebSocketLike | null = null;
  private attempt = 0;
  private retryTimer: unknown = null;
  private pingTimer: unknown = null;
  private lastFrameAt = 0;
  private readyThisSocket = false;
  /** Closes with a slow-down code in a row, and no reconnect before `notBefore` (not even by nudge). */
  private slowDowns = 0;
  private notBefore = 0;
  /** After `rate_limited`: frames held until `holdUntil`; the latest state is kept and sent then. */
  private holds = 0;
  private lastLimitedAt = 0;
  private holdUntil = 0;
  private holdTimer: unknown = null;
  private heldState: ClientFrame | null = null;
  private readonly listeners = new Map<string, Set<(e: ServerEvent) => void>>();
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();

  constructor(options: ConnectionOptions) {
    this.o = options;
    this.timers = options.timers ?? realTimers;
    this.random = options.random ?? Math.random;
  }

  on<T extends ServerEventType>(type: T, fn: Listener<T>): () => void {
    const set = this.listeners.get(type) ?? new Set();
    this.listeners.set(type, set);
    const f = fn as (e: ServerEvent) => void;
    set.add(f);
    return () => set.delete(f);
  }

  /** Every event, after multi frames are unpacked. */
  onEvent(fn: (e: ServerEvent) => void): () => void {
    return this.on("*" as ServerEventType, fn as Listener<ServerEventType>);
  }

  onStatus(fn: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }

  connect(): void {
    if (this.ws || this.status === "closed") return;
    this.clearRetry();
    this.setStatus("connecting");
    const ws = (this.o.createSocket ?? defaultSocket)(this.o.url ?? defaultUrl());
    this.ws = ws;
    this.readyThisSocket = false;
    ws.onopen = () => this.handleOpen(ws);
    ws.onmessage = (ev) => this.handleMessage(ws, ev.data);
    ws.onclose = (ev) => this.handleClose(ws, ev.code);
    ws.onerror = () => {
      // The close event follows and decides what to do.
    };
  }

  /** Reconnect now if waiting (browser came online, tab became visible). */
  nudge(): void {
    if (this.status === "waiting" && this.timers.now() >= this.notBefore) {
      this.attempt = 0;
      this.connect();
    }
  }

  /** Start over after the user signed in again. */
  restart(): void {
    this.close();
    this.status = "idle";
    this.attempt = 0;
    this.connect();
  }

  close(): void {
    this.clearRetry();
    this.stopPing();
    if (this.holdTimer !== null) this.timers.clearTimeout(this.holdTimer);
    this.holdTimer = null;
    const ws = this.ws;
    this.ws = null;
    this.setStatus("closed");
    if (ws) ws.close(1000, "bye");
  }

  send(frame: ClientFrame): boolean {
    if (!this.ws || this.ws.readyState !== OPEN) return false;
    if (frame.t !== "hello" && this.timers.now() < this.holdUntil) {
      // Told to slow down: state changes merge into one frame sent when the hold ends; the rest (activity,
      // ping) report false so their owners try again later.
      if (frame.t === "state") this.heldState = { ...(this.heldState ?? {}), ...frame };
      return false;
    }
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Seed a room cursor from messages the app loaded over HTTP. */
  noteRoomSeq(roomId: string, seq: number): void {
    if (seq > (this.cursors.rooms[roomId] ?? 0)) this.cursors.rooms[roomId] = seq;
  }

  private handleOpen(ws: WebSocketLike): void {
    if (ws !== this.ws) return;
    this.setStatus("open");
    this.lastFrameAt = this.timers.now();
    // The hello carries the current state: what was held for the old socket is moot.
    this.heldState = null;
    ws.send(JSON.stringify(this.hello()));
    this.startPing(ws);
  }

  hello(): HelloFrame {
    const s = this.o.getState();
    const frame: HelloFrame = {
      t: "hello",
      deviceId: this.o.deviceId,
      deviceKind: this.o.deviceKind,
      permission: s.permission,
      focused: s.focused,
      visible: s.visible,
      view: s.view,
    };
    const { rooms, userCursor, log } = this.cursors;
    if (userCursor !== null || Object.keys(rooms).length > 0)
      frame.resume = { rooms: { ...rooms }, userCursor, ...(log !== undefined ? { log } : {}) };
    return frame;
  }

  private handleMessage(ws: WebSocketLike, data: unknown): void {
    if (ws !== this.ws || typeof data !== "string") return;
    this.lastFrameAt = this.timers.now();
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return;
    }
    const events = frame.t === "multi" ? frame.events : [frame];
    for (const e of events) this.dispatch(e);
  }

  private dispatch(e: ServerEvent): void {
    this.track(e);
    for (const key of [e.t, "*"]) {
      for (const fn of this.listeners.get(key) ?? []) {
        try {
          fn(e);
        } catch (err) {
          // One broken listener must not starve the others or kill the socket.
          console.error("herald: listener failed", err);
        }
      }
    }
  }

  /** Cursor bookkeeping for resume (GEN-7). */
  private track(e: ServerEvent): void {
    if (e.t === "error" && e.code === "rate_limited") this.hold();
    else if (e.t === "ready") {
      this.readyThisSocket = true;
      this.attempt = 0;
      this.slowDowns = 0;
      if (e.userCursor !== undefined && e.userCursor !== null) this.cursors.userCursor = e.userCursor;
      // The cursors that follow are this socket's log's; without a log (an older server) none is claimed.
      if (e.log !== undefined) this.cursors.log = e.log;
      else delete this.cursors.log;
      this.setStatus("ready");
    } else if (e.t === "message") {
      this.noteRoomSeq(e.roomId, e.seq);
    } else {
      const cursor = "cursor" in e ? e.cursor : undefined;
      if (typeof cursor === "number") this.cursors.userCursor = cursor;
    }
  }

  private handleClose(ws: WebSocketLike, code: number): void {
    if (ws !== this.ws) return;
    this.ws = null;
    this.stopPing();
    if (this.status === "closed") return;
    if (UNAUTHORIZED_CODES.has(code)) {
      this.setStatus("unauthorized");
      return;
    }
    if (SLOW_DOWN_CODES.has(code)) {
      this.setStatus("waiting");
      this.scheduleRetry(this.slowDownDelay());
      return;
    }
    const check = !this.readyThisSocket && this.o.checkSession;
    this.setStatus("waiting");
    if (check) {
      check().then(
        (ok) => (ok ? this.scheduleRetry() : this.setStatus("unauthorized")),
        () => this.scheduleRetry(),
      );
    } else this.scheduleRetry();
  }

  /** Jittered like every retry, so the clients refused together do not come back together. */
  private slowDownDelay(): number {
    const ceiling = Math.min(SLOW_DOWN_MAX_MS, SLOW_DOWN_MS * 2 ** this.slowDowns++);
    const delay = Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    this.notBefore = this.timers.now() + delay;
    return Math.max(delay, backoffDelay(this.attempt++, this.random, this.o.backoff ?? defaultBackoff));
  }

  private hold(): void {
    const now = this.timers.now();
    if (now - this.lastLimitedAt > HOLD_RESET_MS) this.holds = 0;
    this.lastLimitedAt = now;
    const ms = Math.min(HOLD_MAX_MS, HOLD_MS * 2 ** this.holds++);
    this.holdUntil = now + ms;
    if (this.holdTimer !== null) this.timers.clearTimeout(this.holdTimer);
    this.holdTimer = this.timers.setTimeout(() => {
      this.holdTimer = null;
      const state = this.heldState;
      this.heldState = null;
      if (state) this.send(state);
    }, ms);
  }

  private scheduleRetry(after?: number): void {
    if (this.status !== "waiting") return;
    const delay = after ?? backoffDelay(this.attempt++, this.random, this.o.backoff ?? defaultBackoff);
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private startPing(ws: WebSocketLike): void {
    const every = this.o.pingIntervalMs ?? 25_000;
    this.pingTimer = this.timers.setInterval(() => {
      // Two silent intervals: the socket is half-open (laptop slept, NAT dropped it).
      if (this.timers.now() - this.lastFrameAt > 2 * every + 1000) {
        ws.close(4000, "stale");
        this.handleClose(ws, 4000);
        return;
      }
      this.send({ t: "ping" });
    }, every);
  }

  private stopPing(): void {
    if (this.pingTimer !== null) this.timers.clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private setStatus(s: ConnectionStatus): void {
    if (this.status === s) return;
    this.status = s;
    for (const fn of this.statusListeners) fn(s);
  }
}

function defaultUrl(): string {
  const loc = globalThis.location;
  if (!loc) throw new Error("herald: pass `url` outside a browser");
  return `${loc.protocol === "https:" ? "wss:" : "ws:"}//${loc.host}/api/v1/realtime`;
}

function defaultSocket(url: string): WebSocketLike {
  return new WebSocket(url) as unknown as WebSocketLike;
}
