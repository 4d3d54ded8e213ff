// Per-room member index (GEN-5) with members' notification-relevant prefs in compact parallel arrays, so a
// fan-out to 100,000 members is one tight loop over arrays, loaded once from the store and then updated
// incrementally on membership / preference events — never a query per recipient.
import { CoreRoom } from "./core-room.ts";
import type { Clock, GatewayStore, Level, MemberPrefs, RoomInfo, RoomKind } from "./ports.ts";

const LEVELS: readonly (Level | "default")[] = ["default", "all", "mentions", "nothing"];
const F_ALERTS_OFF = 1;
const F_MUTE_GROUP = 2;

export class RoomState {
  readonly roomId: string;
  kind: RoomKind;
  name: string;
  lastSeq: number;
  assigneeId: string | null;
  /** Support conversation of this room (kind `conversation`), for PRF-50's `assigned.unread`. */
  conversationId: string | null;
  userIds: string[] = [];
  /** Core's snapshot of the room, when the store provides member facts (not for support conversations). */
  core: CoreRoom | null = null;
  readonly #index = new Map<string, number>();
  #flags = new Uint8Array(16);
  #desktop = new Uint8Array(16);
  #snooze = new Float64Array(16);
  /** Sounds are rare overrides: kept sparse. */
  readonly #sound = new Map<string, string | null>();

  constructor(info: RoomInfo) {
    this.roomId = info.roomId;
    this.kind = info.kind;
    this.name = info.name;
    this.lastSeq = info.lastSeq;
    this.assigneeId = info.assigneeId ?? null;
    this.conversationId = info.conversationId ?? null;
    for (const m of info.members) this.upsert(m.userId, m.prefs);
  }

  has(userId: string): boolean {
    return this.#index.has(userId);
  }

  get size(): number {
    return this.userIds.length;
  }

  upsert(userId: string, prefs: MemberPrefs): void {
    let i = this.#index.get(userId);
    if (i === undefined) {
      i = this.userIds.length;
      this.userIds.push(userId);
      this.#index.set(userId, i);
      if (i >= this.#flags.length) this.#grow();
    }
    this.#flags[i] = (prefs.alerts ? 0 : F_ALERTS_OFF) | (prefs.muteGroup ? F_MUTE_GROUP : 0);
    this.#desktop[i] = LEVELS.indexOf(prefs.desktop);
    this.#snooze[i] = prefs.snoozeUntil ?? 0;
    if (prefs.sound === "default") this.#sound.delete(userId);
    else this.#sound.set(userId, prefs.sound);
  }

  /** Swap-remove keeps the arrays dense. */
  remove(userId: string): void {
    const i = this.#index.get(userId);
    if (i === undefined) return;
    const last = this.userIds.length - 1;
    const moved = this.userIds[last];
    this.userIds[i] = moved;
    this.#flags[i] = this.#flags[last];
    this.#desktop[i] = this.#desktop[last];
    this.#snooze[i] = this.#snooze[last];
    this.#index.set(moved, i);
    this.userIds.pop();
    this.#index.delete(userId);
    this.#sound.delete(userId);
  }

  prefs(userId: string): MemberPrefs | null {
    const i = this.#index.get(userId);
    if (i === undefined) return null;
    const sound = this.#sound.has(userId) ? (this.#sound.get(userId) ?? null) : "default";
    return {
      alerts: (this.#flags[i] & F_ALERTS_OFF) === 0,
      muteGroup: (this.#flags[i] & F_MUTE_GROUP) !== 0,
      desktop: LEVELS[this.#desktop[i]],
      sound,
      snoozeUntil: this.#snooze[i] || null,
    };
  }

  #grow(): void {
    const n = this.#flags.length * 2;
    const flags = new Uint8Array(n);
    flags.set(this.#flags);
    const desktop = new Uint8Array(n);
    desktop.set(this.#desktop);
    const snooze = new Float64Array(n);
    snooze.set(this.#snooze);
    this.#flags = flags;
    this.#desktop = desktop;
    this.#snooze = snooze;
  }
}

/** Rooms of locally connected users. A room is loaded (one store call) when its first local member
 *  connects and dropped when its last one leaves. */
export class RoomIndex {
  readonly #store: GatewayStore;
  readonly #rooms = new Map<string, RoomState>();
  readonly #loading = new Map<string, Promise<RoomState | null>>();
  /** How many local users reference the room. */
  readonly #refs = new Map<string, number>();

  readonly #clock: Clock;

  constructor(store: GatewayStore, clock: Clock) {
    this.#store = store;
    this.#clock = clock;
  }

  get(roomId: string): RoomState | undefined {
    return this.#rooms.get(roomId);
  }

  async acquire(roomId: string): Promise<RoomState | null> {
    this.#refs.set(roomId, (this.#refs.get(roomId) ?? 0) + 1);
    const have = this.#rooms.get(roomId);
    if (have) return have;
    let pending = this.#loading.get(roomId);
    if (!pending) {
      pending = this.#load(roomId).then((state) => {
        this.#loading.delete(roomId);
        if (!state) return null;
        if ((this.#refs.get(roomId) ?? 0) > 0) this.#rooms.set(roomId, state);
        return state;
      });
      this.#loading.set(roomId, pending);
    }
    return pending;
  }

  async #load(roomId: string): Promise<RoomState | null> {
    const store = this.#store;
    const [info, facts] = await Promise.all([store.loadRoom(roomId), store.loadRoomFacts?.(roomId) ?? null]);
    if (!info) return null;
    const state = new RoomState(info);
    if (facts && info.kind !== "conversation") state.core = new CoreRoom(info, facts, this.#clock.now());
    return state;
  }

  /** Reloads every loaded room from the store (workspace defaults changed: PRV-7). */
  async reloadAll(): Promise<void> {
    for (const roomId of [...this.#rooms.keys()]) {
      const state = await this.#load(roomId);
      if (state && this.#rooms.has(roomId)) this.#rooms.set(roomId, state);
    }
  }

  release(roomId: string): void {
    const n = (this.#refs.get(roomId) ?? 0) - 1;
    if (n > 0) {
      this.#refs.set(roomId, n);
      return;
    }
    this.#refs.delete(roomId);
    this.#rooms.delete(roomId);
  }

  get loadedCount(): number {
    return this.#rooms.size;
  }
}
