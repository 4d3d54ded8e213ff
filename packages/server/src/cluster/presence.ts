// The Presence port: per-node connection facts of each user (so a user connected to two gateway nodes is
// judged on both) and the user's public status with change notifications (PRS-6 travels on these).
// Adapters: in-process (embedded default) and Redis (hash per user with an expiry stamp per node, status keys
// with TTL, pub/sub for changes).
import { Redis } from "ioredis";
import type { Clock } from "../gateway/ports.ts";

/** What one node knows about one user's live connections there. */
export interface NodeFacts {
  /** Live connections of any kind on that node. */
  connections: number;
  /** Live desktop/web connections (PRS-2, PRS-7 count only these). */
  desktopConnections: number;
  /** Last user activity on a desktop/web connection, ms; 0 when never. */
  lastDesktopActivity: number;
  /** Since when every desktop/web connection on this node reports screen locked / system idle (PRS-3). */
  lockedSince: number | null;
  /** When this node lost the user's last desktop/web connection, null while one is open. */
  desktopGoneAt: number | null;
  /** When this node lost the user's last connection of any kind, null while one is open. */
  goneAt: number | null;
}

export type PublicStatus = "online" | "away" | "busy" | "offline";
export type StatusHandler = (userId: string, status: PublicStatus) => void;

export interface PresenceStore {
  /** Replace this node's facts for the user; they expire `ttlMs` after `now` unless reported again. */
  report(userId: string, nodeId: string, facts: NodeFacts): Promise<void>;
  remove(userId: string, nodeId: string): Promise<void>;
  /** Unexpired facts of every node for the user. */
  facts(userId: string): Promise<NodeFacts[]>;
  /** Stores the status; when it differs from the stored one, every node's onStatus handlers get it. */
  setStatus(userId: string, status: PublicStatus): Promise<boolean>;
  /** Users never seen (or expired) are `offline`. */
  statuses(userIds: readonly string[]): Promise<Map<string, PublicStatus>>;
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

  async facts(userId: string): Promise<NodeFacts[]> {
    const limit = this.#clock.now() - this.#ttlMs;
    const out: NodeFacts[] = [];
    for (const s of this.#facts.get(userId)?.values() ?? []) if (s.at > limit) out.push({ ...s.facts });
    return out;
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

  async onStatus(handler: StatusHandler): Promise<() => void> {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.#handlers.clear();
  }
}

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
    this.#sub.on("message", (_channel: string, message: string) => {
      const { userId, status } = JSON.parse(message) as { userId: string; status: PublicStatus };
      for (const h of [...this.#handlers]) h(userId, status);
    });
  }

  async connect(): Promise<void> {
    await Promise.all([this.#redis.connect(), this.#sub.connect()]);
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

  async facts(userId: string): Promise<NodeFacts[]> {
    const all = await this.#redis.hgetall(this.#factsKey(userId));
    const limit = this.#clock.now() - this.#ttlMs;
    const out: NodeFacts[] = [];
    for (const text of Object.values(all)) {
      const s = JSON.parse(text) as Stamped;
      if (s.at > limit) out.push(s.facts);
    }
    return out;
  }

  async setStatus(userId: string, status: PublicStatus): Promise<boolean> {
    const key = `${this.#prefix}status:${userId}`;
    // SET … GET is atomic: of two nodes racing to the same status, only one sees a change and publishes.
    const before = (await this.#redis.set(key, status, "EX", STATUS_KEY_TTL_S, "GET")) ?? "offline";
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
