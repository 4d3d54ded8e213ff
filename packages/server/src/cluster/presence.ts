// The Presence port: per-node connection facts of each user (so a user connected to two gateway nodes is
// judged on both), the user's last input kept per user across connections and nodes (PRS-8), and the user's
// public status with change notifications (PRS-6 travels on these). What these facts mean is decided in
// @herald/core (presence.ts); this port only keeps them.
// Adapters: in-process (embedded default) and Redis (hash per user with an expiry stamp per node, a per-user
// last-activity hash written as an atomic max, status keys with TTL, pub/sub for changes).
import type { DeviceKind, LastActivity, NodeFacts } from "@herald/core";
import { Redis } from "ioredis";
import type { Clock } from "../gateway/ports.ts";
import { connectWhenUp, watchRedis } from "./redis-up.ts";

export type { LastActivity, NodeFacts };

/**
 * How long a user's last input is kept after it was last written: longer than the longest idle limit
 * (PRF-13 ≤ 24 h) and than a push candidate lives (2 h, PSH-2), so a reconnect, a redeploy or a quiet hour
 * never loses it while it can still matter.
 */
export const ACTIVITY_TTL_MS = 25 * 3600_000;

export type PublicStatus = "online" | "away" | "busy" | "offline";
export type StatusHandler = (userId: string, status: PublicStatus) => void;

export interface PresenceStore {
  /** Replace this node's facts for the user; they expire `ttlMs` after `now` unless reported again. */
  report(userId: string, nodeId: string, facts: NodeFacts): Promise<void>;
  remove(userId: string, nodeId: string): Promise<void>;
  /** Unexpired facts of every node for the user (every node but `exceptNode` when given). */
  facts(userId: string, exceptNode?: string): Promise<NodeFacts[]>;
  /** PRS-8: raises the user's last input to these instants (never lowers it: nodes may report out of order). */
  recordActivity(userId: string, last: LastActivity): Promise<void>;
  /** PRS-8: the user's last input across every connection and node; nulls when none is known. */
  lastActivity(userId: string): Promise<LastActivity>;
  /** Stores the status; when it differs from the stored one, every node's onStatus handlers get it. */
  setStatus(userId: string, status: PublicStatus): Promise<boolean>;
  /** Users never seen (or expired) are `offline`. */
  statuses(userIds: readonly string[]): Promise<Map<string, PublicStatus>>;
  /** Every user whose status is `online` now (MEN-2's `@here` reads these, never a whole room's members). */
  online(): Promise<string[]>;
  onStatus(handler: StatusHandler): Promise<() => void>;
  close(): Promise<void>;
}

interface Stamped {
  at: number;
  facts: NodeFacts;
}

export class InProcessPresenceStore implements PresenceStore {
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #facts = new Map<string, Map<string, Stamped>>();
  readonly #status = new Map<string, PublicStatus>();
  readonly #handlers = new Set<StatusHandler>();
  readonly #activity = new Map<string, LastActivity & { at: number }>();
  #sweepAt = 1024;

  constructor(clock: Clock, ttlMs = 90_000) {
    this.#clock = clock;
    this.#ttlMs = ttlMs;
  }

  async report(userId: string, nodeId: string, facts: NodeFacts): Promise<void> {
    let nodes = this.#facts.get(userId);
    if (!nodes) {
      nodes = new Map();
      this.#facts.set(userId, nodes);
    }
    nodes.set(nodeId, { at: this.#clock.now(), facts: { ...facts } });
  }

  async remove(userId: string, nodeId: string): Promise<void> {
    const nodes = this.#facts.get(userId);
    nodes?.delete(nodeId);
    if (nodes?.size === 0) this.#facts.delete(userId);
  }

  async facts(userId: string, exceptNode?: string): Promise<NodeFacts[]> {
    const limit = this.#clock.now() - this.#ttlMs;
    const out: NodeFacts[] = [];
    for (const [nodeId, s] of this.#facts.get(userId) ?? [])
      if (s.at > limit && nodeId !== exceptNode) out.push({ ...s.facts });
    return out;
  }

  async recordActivity(userId: string, last: LastActivity): Promise<void> {
    const now = this.#clock.now();
    const old = this.#fresh(userId, now);
    const raised = last.desktop !== null && (old?.desktop == null || last.desktop > old.desktop);
    this.#activity.set(userId, {
      desktop: maxOf(old?.desktop ?? null, last.desktop),
      any: maxOf(old?.any ?? null, last.any),
      desktopDevice: raised ? (last.desktopDevice ?? null) : (old?.desktopDevice ?? null),
      at: now,
    });
    // Bounded memory: expired entries go whenever the map has doubled since the last sweep.
    if (this.#activity.size >= this.#sweepAt) {
      for (const id of [...this.#activity.keys()]) this.#fresh(id, now);
      this.#sweepAt = Math.max(1024, this.#activity.size * 2);
    }
  }

  async lastActivity(userId: string): Promise<LastActivity> {
    const e = this.#fresh(userId, this.#clock.now());
    return { desktop: e?.desktop ?? null, any: e?.any ?? null, desktopDevice: e?.desktopDevice ?? null };
  }

  #fresh(userId: string, now: number): (LastActivity & { at: number }) | undefined {
    const e = this.#activity.get(userId);
    if (e && now - e.at >= ACTIVITY_TTL_MS) {
      this.#activity.delete(userId);
      return undefined;
    }
    return e;
  }

  async setStatus(userId: string, status: PublicStatus): Promise<boolean> {
    const before = this.#status.get(userId) ?? "offline";
    if (status === "offline") this.#status.delete(userId);
    else this.#status.set(userId, status);
    if (before === status) return false;
    const targets = [...this.#handlers];
    queueMicrotask(() => {
      for (const h of targets) h(userId, status);
    });
    return true;
  }

  async statuses(userIds: readonly string[]): Promise<Map<string, PublicStatus>> {
    return new Map(userIds.map((id) => [id, this.#status.get(id) ?? "offline"]));
  }

  async online(): Promise<string[]> {
    return [...this.#status].filter(([, s]) => s === "online").map(([id]) => id);
  }

  async onStatus(handler: StatusHandler): Promise<() => void> {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.#handlers.clear();
  }
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** Raises `desktop` and `any` of the hash to ARGV's values if higher (atomic: two nodes racing keep the max;
 *  the device goes with the desktop instant it came with), then renews the key's TTL.
 *  ARGV: ttlMs, desktop, any, desktopDevice ('' = not given). */
const RAISE_LUA = `
local function raise(field, value)
  if value == '' then return false end
  local cur = redis.call('HGET', KEYS[1], field)
  if cur and tonumber(value) <= tonumber(cur) then return false end
  redis.call('HSET', KEYS[1], field, value)
  return true
end
if raise('desktop', ARGV[2]) and ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'device', ARGV[4]) end
raise('any', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

export interface RedisPresenceOptions {
  url?: string;
  prefix?: string;
  ttlMs?: number;
}

const STATUS_KEY_TTL_S = 24 * 3600;

export class RedisPresenceStore implements PresenceStore {
  readonly #clock: Clock;
  readonly #redis: Redis;
  readonly #sub: Redis;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #handlers = new Set<StatusHandler>();

  constructor(clock: Clock, options: RedisPresenceOptions = {}) {
    const url = options.url ?? "redis://127.0.0.1:6379";
    this.#clock = clock;
    this.#prefix = options.prefix ?? "herald:presence:";
    this.#ttlMs = options.ttlMs ?? 90_000;
    this.#redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.#sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    watchRedis(this.#redis, url);
    watchRedis(this.#sub, url);
    this.#sub.on("message", (_channel: string, message: string) => {
      const { userId, status } = JSON.parse(message) as { userId: string; status: PublicStatus };
      for (const h of [...this.#handlers]) h(userId, status);
    });
  }

  async connect(): Promise<void> {
    await Promise.all([connectWhenUp(this.#redis), connectWhenUp(this.#sub)]);
    await this.#sub.subscribe(`${this.#prefix}changes`);
  }

  #factsKey(userId: string): string {
    return `${this.#prefix}facts:${userId}`;
  }

  async report(userId: string, nodeId: string, facts: NodeFacts): Promise<void> {
    const key = this.#factsKey(userId);
    const stamped: Stamped = { at: this.#clock.now(), facts };
    // The hash's own TTL only garbage-collects users nobody reports any more; per-node expiry is the stamp.
    await this.#redis
      .multi()
      .hset(key, nodeId, JSON.stringify(stamped))
      .pexpire(key, this.#ttlMs * 2)
      .exec();
  }

  async remove(userId: string, nodeId: string): Promise<void> {
    await this.#redis.hdel(this.#factsKey(userId), nodeId);
  }

  async facts(userId: string, exceptNode?: string): Promise<NodeFacts[]> {
    const all = await this.#redis.hgetall(this.#factsKey(userId));
    const limit = this.#clock.now() - this.#ttlMs;
    const out: NodeFacts[] = [];
    for (const [nodeId, text] of Object.entries(all)) {
      const s = JSON.parse(text) as Stamped;
      if (s.at > limit && nodeId !== exceptNode) out.push(s.facts);
    }
    return out;
  }

  async recordActivity(userId: string, last: LastActivity): Promise<void> {
    if (last.desktop === null && last.any === null) return;
    await this.#redis.eval(
      RAISE_LUA,
      1,
      `${this.#prefix}activity:${userId}`,
      ACTIVITY_TTL_MS,
      last.desktop ?? "",
      last.any ?? "",
      last.desktop === null ? "" : (last.desktopDevice ?? ""),
    );
  }

  async lastActivity(userId: string): Promise<LastActivity> {
    const key = `${this.#prefix}activity:${userId}`;
    const [desktop, any, device] = await this.#redis.hmget(key, "desktop", "any", "device");
    return {
      desktop: desktop === null ? null : Number(desktop),
      any: any === null ? null : Number(any),
      desktopDevice: device === null ? null : (device as DeviceKind),
    };
  }

  async setStatus(userId: string, status: PublicStatus): Promise<boolean> {
    const key = `${this.#prefix}status:${userId}`;
    // One MULTI with the online index (scored by when the key expires, so the user drops out with it): two
    // nodes racing on one user leave the index and the key agreeing. SET … GET is atomic: of two nodes racing
    // to the same status, only one sees a change and publishes.
    const index = `${this.#prefix}online`;
    const tx = this.#redis.multi().set(key, status, "EX", STATUS_KEY_TTL_S, "GET");
    if (status === "online") tx.zadd(index, this.#clock.now() + STATUS_KEY_TTL_S * 1000, userId);
    else tx.zrem(index, userId);
    const replies = await tx.exec();
    const failed = replies?.find(([err]) => err)?.[0];
    if (!replies || failed) throw failed ?? new Error("presence: status transaction aborted");
    const before = (replies[0][1] as PublicStatus | null) ?? "offline";
    if (before === status) return false;
    await this.#redis.publish(`${this.#prefix}changes`, JSON.stringify({ userId, status }));
    return true;
  }

  async statuses(userIds: readonly string[]): Promise<Map<string, PublicStatus>> {
    const out = new Map<string, PublicStatus>();
    if (userIds.length === 0) return out;
    const values = await this.#redis.mget(userIds.map((id) => `${this.#prefix}status:${id}`));
    userIds.forEach((id, i) => {
      out.set(id, (values[i] as PublicStatus | null) ?? "offline");
    });
    return out;
  }

  /** The index's unexpired users, each confirmed by its status key (which may have expired on its own). */
  async online(): Promise<string[]> {
    const index = `${this.#prefix}online`;
    const now = this.#clock.now();
    const [, listed] = await Promise.all([
      this.#redis.zremrangebyscore(index, "-inf", now),
      this.#redis.zrangebyscore(index, now, "+inf"),
    ]);
    const out: string[] = [];
    for (let i = 0; i < listed.length; i += 1000) {
      const chunk = listed.slice(i, i + 1000);
      for (const [id, s] of await this.statuses(chunk)) if (s === "online") out.push(id);
    }
    return out;
  }

  async onStatus(handler: StatusHandler): Promise<() => void> {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.#handlers.clear();
    this.#redis.disconnect();
    this.#sub.disconnect();
  }
}
