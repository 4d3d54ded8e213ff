// Presence service of one gateway node (PRS-1 … PRS-7): turns the node's local connections into facts on
// the Presence port, derives the public status across nodes, and arms ONE timer per user at the exact next
// instant something can change (idle limit, PRS-7 thresholds, 30 s offline grace, dnd end) — no polling.
// Crossing a PRS-7 threshold publishes `user.inactive` / `user.offline` / `user.active` on the bus so the
// scheduler sends due pushes at once. (With several nodes holding one user's connections, each may publish
// the same crossing; consumers treat these as idempotent wake-ups.)
import type { Bus } from "../cluster/bus.ts";
import type { NodeFacts, PresenceStore, PublicStatus } from "../cluster/presence.ts";
import type { Clock, DeviceKind, PresenceReader, Timer, TimerHandle, UserSnapshot } from "./ports.ts";
import {
  desktopOfflineAt,
  inactiveFor,
  type Merged,
  mergeFacts,
  nextChangeAt,
  OFFLINE_GRACE_MS,
  publicStatus,
} from "./presence-rules.ts";

export interface PresenceConn {
  deviceKind: DeviceKind;
  lastActivity: number;
  lockedAt: number | null;
}

export interface PresenceServiceOptions {
  nodeId: string;
  clock: Clock;
  timer: Timer;
  store: PresenceStore;
  bus: Bus;
  /** PRS-7 thresholds besides the user's idle limit, e.g. PRV-6 (300 s) for trigger `all`. */
  thresholdsMs: readonly number[];
  user(userId: string): UserSnapshot | undefined;
  connections(userId: string): Iterable<PresenceConn>;
  onError?(error: unknown): void;
}

interface UserRecord {
  lastDesktopActivity: number;
  desktopGoneAt: number | null;
  goneAt: number | null;
  timer: TimerHandle | null;
  inactive: Set<number>;
  offline: boolean;
  /** Last known settings, kept through the offline grace after the gateway forgot the user. */
  user: UserSnapshot | null;
}

export class PresenceService implements PresenceReader {
  readonly #o: PresenceServiceOptions;
  readonly #users = new Map<string, UserRecord>();
  readonly #queued = new Set<string>();
  #chain: Promise<void> = Promise.resolve();

  constructor(options: PresenceServiceOptions) {
    this.#o = options;
  }

  /** Call after any change of the user's local connections, their state or activity, or the user's
   *  presence settings. Work is serialized; `settled()` waits for it. */
  touch(userId: string): void {
    let rec = this.#users.get(userId);
    if (!rec) {
      // Unknown here until now: assume the user was inactive, so becoming active is announced.
      rec = {
        lastDesktopActivity: 0,
        desktopGoneAt: null,
        goneAt: null,
        timer: null,
        inactive: new Set(),
        offline: true,
        user: null,
      };
      for (const t of this.#thresholds(userId)) rec.inactive.add(t);
      this.#users.set(userId, rec);
    }
    if (this.#queued.has(userId)) return;
    this.#queued.add(userId);
    this.#chain = this.#chain.then(async () => {
      this.#queued.delete(userId);
      try {
        await this.#recompute(userId);
      } catch (error) {
        this.#o.onError?.(error);
      }
    });
  }

  /** Resolves when every queued recompute has run. */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.#chain;
      await seen;
    } while (seen !== this.#chain);
  }

  /** Re-reports every local user (heartbeat for the facts' TTL on the Presence port). */
  refreshAll(): void {
    for (const userId of this.#users.keys()) this.touch(userId);
  }

  statuses(userIds: readonly string[]): Promise<Map<string, PublicStatus>> {
    return this.#o.store.statuses(userIds);
  }

  async onlineUserIds(userIds: readonly string[]): Promise<Set<string>> {
    const all = await this.#o.store.statuses(userIds);
    return new Set([...all].filter(([, s]) => s === "online").map(([id]) => id));
  }

  stop(): void {
    for (const rec of this.#users.values()) if (rec.timer) this.#o.timer.clearTimeout(rec.timer);
    this.#users.clear();
  }

  #thresholds(userId: string): number[] {
    const idle = (this.#o.user(userId) ?? this.#users.get(userId)?.user)?.idleLimitMs ?? 60_000;
    return [...new Set([idle, ...this.#o.thresholdsMs.map((t) => Math.max(t, idle))])].sort((a, b) => a - b);
  }

  #localFacts(userId: string, rec: UserRecord, now: number): NodeFacts {
    let connections = 0;
    let desktop = 0;
    let allLocked = true;
    let lockedSince = 0;
    for (const c of this.#o.connections(userId)) {
      connections++;
      if (c.deviceKind === "mobile") continue;
      desktop++;
      rec.lastDesktopActivity = Math.max(rec.lastDesktopActivity, c.lastActivity);
      if (c.lockedAt === null) allLocked = false;
      else lockedSince = Math.max(lockedSince, c.lockedAt);
    }
    // Remember when this node lost its last connection, for the 30 s grace (PRS-4) and PRS-7.
    if (desktop === 0) rec.desktopGoneAt ??= now;
    else rec.desktopGoneAt = null;
    if (connections === 0) rec.goneAt ??= now;
    else rec.goneAt = null;
    return {
      connections,
      desktopConnections: desktop,
      lastDesktopActivity: rec.lastDesktopActivity,
      lockedSince: desktop > 0 && allLocked ? lockedSince : null,
      desktopGoneAt: rec.desktopGoneAt,
      goneAt: rec.goneAt,
    };
  }

  async #recompute(userId: string): Promise<void> {
    const rec = this.#users.get(userId);
    const user = this.#o.user(userId) ?? rec?.user;
    if (!rec || !user) return;
    rec.user = user;
    const { store, nodeId } = this.#o;
    const now = this.#o.clock.now();
    await store.report(userId, nodeId, this.#localFacts(userId, rec, now));
    const merged = mergeFacts(await store.facts(userId));
    await store.setStatus(userId, publicStatus(merged, user, now));
    await this.#emitCrossings(userId, rec, merged, user, now);
    this.#arm(userId, rec, merged, user, now);
    // This node forgets the user once its own connections are gone past the grace; a node that still has
    // connections (or the user's next connection) carries on.
    const goneForGood =
      rec.goneAt !== null &&
      now - rec.goneAt >= OFFLINE_GRACE_MS &&
      rec.desktopGoneAt !== null &&
      now - rec.desktopGoneAt >= OFFLINE_GRACE_MS;
    if (goneForGood) {
      if (rec.timer) this.#o.timer.clearTimeout(rec.timer);
      this.#users.delete(userId);
      await store.remove(userId, nodeId);
    }
  }

  async #emitCrossings(userId: string, rec: UserRecord, m: Merged, user: UserSnapshot, now: number) {
    const { bus } = this.#o;
    const wasInactive = rec.inactive.size > 0 || rec.offline;
    for (const t of this.#thresholds(userId)) {
      const inactive = inactiveFor(m, user, now, t);
      if (inactive && !rec.inactive.has(t)) {
        rec.inactive.add(t);
        await bus.publish("user.inactive", { userId, thresholdMs: t, at: now });
      } else if (!inactive) rec.inactive.delete(t);
    }
    const off = desktopOfflineAt(m);
    const offline = off !== null && now >= off;
    if (offline && !rec.offline) await bus.publish("user.offline", { userId, at: now });
    rec.offline = offline;
    if (wasInactive && rec.inactive.size === 0 && !rec.offline) {
      await bus.publish("user.active", { userId, at: now });
    }
  }

  #arm(userId: string, rec: UserRecord, m: Merged, user: UserSnapshot, now: number): void {
    if (rec.timer) this.#o.timer.clearTimeout(rec.timer);
    rec.timer = null;
    const at = nextChangeAt(m, user, now, this.#thresholds(userId));
    if (at === null) return;
    rec.timer = this.#o.timer.setTimeout(() => {
      rec.timer = null;
      this.touch(userId);
    }, at - now);
  }
}
