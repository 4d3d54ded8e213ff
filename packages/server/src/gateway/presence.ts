// Presence service of one gateway node (PRS-1 … PRS-8): turns the node's local connections into facts on the
// Presence port, records the user's input there (kept per user across connections and nodes, PRS-8), asks
// core (presence.ts) what the merged facts mean — public status, "inactive for T" — and arms ONE timer per
// user at the exact next instant core says something can change. No rule is decided here.
// Crossing a PRS-7 threshold publishes `user.inactive` / `user.offline` / `user.active` on the bus so the
// scheduler sends due pushes at once. (With several nodes holding one user's connections, each may publish
// the same crossing; consumers treat these as idempotent wake-ups.)
import {
  type ActivityFacts,
  displayedStatus,
  isInactiveFor,
  mergeNodeFacts,
  nextPresenceChangeAt,
  noDesktopFrom,
  RECONNECT_GRACE_MS,
  type UserStatus,
  type WindowView,
} from "@herald/core";
import type { Bus } from "../cluster/bus.ts";
import type { NodeFacts, PresenceStore, PublicStatus } from "../cluster/presence.ts";
import type { Clock, DeviceKind, PresenceReader, Timer, TimerHandle, UserSnapshot } from "./ports.ts";

export interface PresenceConn {
  deviceKind: DeviceKind;
  /** Last input the client reported on this connection (PRS-8: never the moment it opened); -Infinity if none. */
  lastActivity: number;
  lockedAt: number | null;
  /** What the window shows while focused (DSK-2), null otherwise; absent for sources that never know. */
  focusedView?: WindowView | null;
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
  /** The user's activity facts across nodes, each time they are recomputed: the gateway writes them into
   *  core's room snapshots, so every decision reads the same facts presence is judged on. */
  onActivity?(userId: string, facts: ActivityFacts): void;
  onError?(error: unknown): void;
}

interface UserRecord {
  /** Input of this node's connections already written to the Presence port (only newer input is written). */
  sentDesktop: number;
  sentAny: number;
  /** This node held a desktop/web connection of the user since it started tracking them. */
  hadDesktop: boolean;
  desktopGoneAt: number | null;
  goneAt: number | null;
  timer: TimerHandle | null;
  inactive: Set<number>;
  offline: boolean;
  /** Last known settings, kept through the offline grace after the gateway forgot the user. */
  user: UserSnapshot | null;
}

const finite = (t: number): number | null => (Number.isFinite(t) ? t : null);

function statusOf(user: UserSnapshot): UserStatus {
  return { manual: user.manual, busy: user.dndUntil === undefined ? null : { until: user.dndUntil } };
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
        sentDesktop: Number.NEGATIVE_INFINITY,
        sentAny: Number.NEGATIVE_INFINITY,
        hadDesktop: false,
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

  /** This node's connection facts, and the newest input its connections reported (PRS-8). */
  #local(userId: string, rec: UserRecord, now: number) {
    let connections = 0;
    let desktop = 0;
    let allLocked = true;
    let lockedSince = 0;
    let lastDesktop = Number.NEGATIVE_INFINITY;
    let device: DeviceKind | null = null;
    let lastAny = Number.NEGATIVE_INFINITY;
    const focusedViews: WindowView[] = [];
    for (const c of this.#o.connections(userId)) {
      connections++;
      lastAny = Math.max(lastAny, c.lastActivity);
      if (c.deviceKind === "mobile") continue;
      desktop++;
      const view = c.focusedView;
      if (view) focusedViews.push(view);
      if (c.lastActivity > lastDesktop) {
        lastDesktop = c.lastActivity;
        device = c.deviceKind;
      }
      if (c.lockedAt === null) allLocked = false;
      else lockedSince = Math.max(lockedSince, c.lockedAt);
    }
    // Remember when this node lost its last connection, for the 30 s grace (PRS-4) and PRS-7. A node that
    // never held a desktop/web connection (a phone only) has none to remember: PRS-7 counts it inactive.
    if (desktop > 0) {
      rec.hadDesktop = true;
      rec.desktopGoneAt = null;
    } else if (rec.hadDesktop) rec.desktopGoneAt ??= now;
    if (connections === 0) rec.goneAt ??= now;
    else rec.goneAt = null;
    const facts: NodeFacts = {
      connections,
      desktopConnections: desktop,
      lockedSince: desktop > 0 && allLocked ? lockedSince : null,
      desktopGoneAt: rec.desktopGoneAt,
      goneAt: rec.goneAt,
      ...(focusedViews.length > 0 ? { focusedViews } : {}),
    };
    return { facts, lastDesktop, device, lastAny };
  }

  async #recompute(userId: string): Promise<void> {
    const rec = this.#users.get(userId);
    const user = this.#o.user(userId) ?? rec?.user;
    if (!rec || !user) return;
    rec.user = user;
    const { store, nodeId } = this.#o;
    const now = this.#o.clock.now();
    const local = this.#local(userId, rec, now);
    await store.report(userId, nodeId, local.facts);
    // PRS-8: only input is activity, and it is kept per user (not per connection), so a reload, a reconnect
    // to another node or a node restart neither adds activity nor forgets it.
    if (local.lastDesktop > rec.sentDesktop || local.lastAny > rec.sentAny) {
      await store.recordActivity(userId, {
        desktop: local.lastDesktop > rec.sentDesktop ? finite(local.lastDesktop) : null,
        any: local.lastAny > rec.sentAny ? finite(local.lastAny) : null,
        desktopDevice: local.device,
      });
      rec.sentDesktop = Math.max(rec.sentDesktop, local.lastDesktop);
      rec.sentAny = Math.max(rec.sentAny, local.lastAny);
    }
    const [nodes, last] = await Promise.all([store.facts(userId), store.lastActivity(userId)]);
    const prefs = { autoAway: user.autoAway, idleSeconds: user.idleLimitMs / 1000 };
    const f = mergeNodeFacts(nodes, last, prefs, user.manual);
    this.#o.onActivity?.(userId, f);
    const status = statusOf(user);
    await store.setStatus(userId, displayedStatus(f, status, now));
    await this.#emitCrossings(userId, rec, f, now);
    this.#arm(userId, rec, f, status, now);
    // This node forgets the user once its own connections are gone past the grace; a node that still has
    // connections (or the user's next connection) carries on. The user's last input stays on the port.
    if (rec.goneAt !== null && now - rec.goneAt >= RECONNECT_GRACE_MS) {
      if (rec.timer) this.#o.timer.clearTimeout(rec.timer);
      this.#users.delete(userId);
      await store.remove(userId, nodeId);
    }
  }

  async #emitCrossings(userId: string, rec: UserRecord, f: ActivityFacts, now: number) {
    const { bus } = this.#o;
    const wasInactive = rec.inactive.size > 0 || rec.offline;
    for (const t of this.#thresholds(userId)) {
      const inactive = isInactiveFor(f, t, now);
      if (inactive && !rec.inactive.has(t)) {
        rec.inactive.add(t);
        await bus.publish("user.inactive", { userId, thresholdMs: t, at: now });
      } else if (!inactive) rec.inactive.delete(t);
    }
    const offline = now >= noDesktopFrom(f);
    if (offline && !rec.offline) await bus.publish("user.offline", { userId, at: now });
    rec.offline = offline;
    if (wasInactive && rec.inactive.size === 0 && !rec.offline) {
      await bus.publish("user.active", { userId, at: now });
    }
  }

  #arm(userId: string, rec: UserRecord, f: ActivityFacts, status: UserStatus, now: number): void {
    if (rec.timer) this.#o.timer.clearTimeout(rec.timer);
    rec.timer = null;
    let at = nextPresenceChangeAt(f, status, now, this.#thresholds(userId));
    // This node's own forgetting moment (another node may keep the user connected longer).
    const forget = rec.goneAt === null ? null : rec.goneAt + RECONNECT_GRACE_MS;
    if (forget !== null && forget > now && (at === null || forget < at)) at = forget;
    if (at === null) return;
    rec.timer = this.#o.timer.setTimeout(() => {
      rec.timer = null;
      this.touch(userId);
    }, at - now);
  }
}
