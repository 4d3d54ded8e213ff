// Per-room state of the rooms this node's users are in: the room's facts and core's snapshot of the members
// connected to THIS node (GEN-5: the member index is the snapshot's), so a node's memory grows with its own
// users, not with room size — a million-member room costs a node only the members it serves. Core decides
// nothing about a member from another member's facts (mentions, `@here` and thread followers come resolved
// with the event; MEN-7 reads the room's full `memberCount`). Loaded in one store call when the room's first
// local member connects, then one member at a time as local members come and go.
import type { ActivityFacts } from "@herald/core";
import { CoreRoom } from "./core-room.ts";
import type { Clock, GatewayStore, RoomInfo, RoomKind } from "./ports.ts";

export class RoomState {
  readonly roomId: string;
  kind: RoomKind;
  name: string;
  lastSeq: number;
  /** False once bus events may have been missed (a Redis outage): `lastSeq` may be behind the store until the
   *  next message event of the room, so a resume asks the store instead of trusting it. */
  seqKnown = true;
  assigneeId: string | null;
  /** Support conversation of this room (kind `conversation`), for PRF-50's `assigned.unread`. */
  conversationId: string | null;
  /** Core's snapshot of this node's members of the room; decide runs on it for each message. */
  readonly core: CoreRoom;

  constructor(info: RoomInfo, core: CoreRoom) {
    this.roomId = info.roomId;
    this.kind = info.kind;
    this.name = info.name;
    this.lastSeq = info.lastSeq;
    this.assigneeId = info.assigneeId ?? null;
    this.conversationId = info.conversationId ?? null;
    this.core = core;
  }

  has(userId: string): boolean {
    return this.core.has(userId);
  }

  get size(): number {
    return this.core.snap.size;
  }

  get userIds(): readonly string[] {
    return this.core.snap.userIds;
  }
}

/** Rooms of locally connected users. A room is loaded (one store call, for the local members asking) when its
 *  first local member connects, gains and loses members as local users come and go, and is dropped when its
 *  last one leaves. */
export class RoomIndex {
  readonly #store: GatewayStore;
  readonly #rooms = new Map<string, RoomState>();
  readonly #loading = new Map<string, Promise<RoomState | null>>();
  /** The local users holding each room: exactly the members its snapshot carries. */
  readonly #holders = new Map<string, Set<string>>();

  readonly #clock: Clock;
  readonly #activity: (userId: string) => ActivityFacts | undefined;

  /** `activity`: the presence service's latest facts of a user, written into each snapshot loaded. */
  constructor(store: GatewayStore, clock: Clock, activity: (userId: string) => ActivityFacts | undefined) {
    this.#store = store;
    this.#clock = clock;
    this.#activity = activity;
  }

  /** Bus events may have been missed: no room's `lastSeq` is trusted until its next message event. */
  forgetSeqs(): void {
    for (const room of this.#rooms.values()) room.seqKnown = false;
  }

  /** Loaded rooms (presence facts go to each one the user is in). */
  values(): IterableIterator<RoomState> {
    return this.#rooms.values();
  }

  get(roomId: string): RoomState | undefined {
    return this.#rooms.get(roomId);
  }

  /** Whether the local user holds the room (so its snapshot carries the user's facts). */
  holds(roomId: string, userId: string): boolean {
    return this.#holders.get(roomId)?.has(userId) === true;
  }

  /** The local user `userId` is in the room: loads the room, or adds the user's facts to the loaded one. */
  async acquire(roomId: string, userId: string): Promise<RoomState | null> {
    let holders = this.#holders.get(roomId);
    if (!holders) {
      holders = new Set();
      this.#holders.set(roomId, holders);
    }
    holders.add(userId);
    const state = this.#rooms.get(roomId) ?? (await this.#pending(roomId));
    if (!state || state.has(userId) || !this.holds(roomId, userId)) return state;
    // Loaded before this user asked: one member's facts.
    const facts = await this.#store.loadMemberFacts(roomId, userId);
    if (facts && this.holds(roomId, userId) && !state.has(userId))
      state.core.upsert(facts, this.#activity(userId), this.#clock.now());
    return state;
  }

  #pending(roomId: string): Promise<RoomState | null> {
    let pending = this.#loading.get(roomId);
    if (!pending) {
      pending = this.#load(roomId).then((state) => {
        this.#loading.delete(roomId);
        if (!state) return null;
        if ((this.#holders.get(roomId)?.size ?? 0) > 0) this.#rooms.set(roomId, state);
        return state;
      });
      this.#loading.set(roomId, pending);
    }
    return pending;
  }

  async #load(roomId: string): Promise<RoomState | null> {
    const store = this.#store;
    const users = [...(this.#holders.get(roomId) ?? [])];
    const [info, facts] = await Promise.all([store.loadRoom(roomId), store.loadRoomFacts(roomId, users)]);
    if (!info || !facts) return null;
    const state = new RoomState(info, new CoreRoom(info, facts, this.#activity, this.#clock.now()));
    // Users who let go while it loaded are not carried.
    for (const u of users) if (!this.holds(roomId, u)) state.core.remove(u, this.#clock.now());
    return state;
  }

  /** Reloads every loaded room from the store (workspace defaults changed: PRV-7). */
  async reloadAll(): Promise<void> {
    for (const roomId of [...this.#rooms.keys()]) {
      const state = await this.#load(roomId);
      if (state && this.#rooms.has(roomId)) this.#rooms.set(roomId, state);
    }
  }

  /** The local user left the room or this node: its facts leave the snapshot; the last one drops the room. */
  release(roomId: string, userId: string): void {
    const holders = this.#holders.get(roomId);
    if (!holders?.delete(userId)) return;
    if (holders.size > 0) {
      this.#rooms.get(roomId)?.core.remove(userId, this.#clock.now());
      return;
    }
    this.#holders.delete(roomId);
    this.#rooms.delete(roomId);
  }

  get loadedCount(): number {
    return this.#rooms.size;
  }
}
