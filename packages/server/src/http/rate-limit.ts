// Rate limits (GEN-6) on rate-limiter-flexible: in memory for one process, in Redis when REDIS_URL is set so
// every node of a cluster counts against the same buckets (keys under HERALD_REDIS_PREFIX). A Redis outage
// falls back to the in-memory limiter of each node (the library's insurance limiter) instead of failing
// requests. One limiter per (points, window, block) shape; callers name the keys ("post:user:<id>").
import { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { tooManyRequests } from "./errors.ts";

export interface LimitShape {
  points: number;
  /** Window in seconds. */
  duration: number;
  /** Once past the points, refuse for this many seconds (0: until the window ends). */
  blockDuration?: number;
}

export type Limiter = Pick<RateLimiterAbstract, "consume" | "get" | "delete">;

export class RateLimiter {
  readonly #limiters = new Map<string, Limiter>();
  /** hit()'s limiters by points, then window: the same objects #limiters holds. */
  readonly #hits = new Map<number, Map<number, Limiter>>();
  readonly #redisUrl: string | null;
  readonly #prefix: string;
  #redis: Redis | null = null;

  constructor(options: { redisUrl?: string | null; prefix?: string } = {}) {
    this.#redisUrl = options.redisUrl ?? null;
    this.#prefix = `${options.prefix ?? "herald:"}rl:`;
  }

  /** The limiter of this shape; `name` keeps buckets of different purposes apart. */
  limiter(name: string, shape: LimitShape): Limiter {
    const id = `${name}:${shape.points}:${shape.duration}:${shape.blockDuration ?? 0}`;
    let l = this.#limiters.get(id);
    if (!l) {
      const opts = { ...shape, keyPrefix: `${this.#prefix}${id}` };
      const memory = new RateLimiterMemory(opts);
      // The Redis client is made on first use, so commands that never limit open no connection.
      l = this.#redisUrl
        ? new RateLimiterRedis({ ...opts, storeClient: this.#client(), insuranceLimiter: memory })
        : memory;
      this.#limiters.set(id, l);
    }
    return l;
  }

  /**
   * Counts one hit on every key against `limitPerWindow`; rejects with 429 (with Retry-After) past it. Keys
   * are counted in order and a refused key stops the count, as a loop awaiting each would. Written as one
   * promise chain, not an async loop over an async helper: it runs up to three times per request, and those
   * two async layers cost a generator and several promises per key (about 1 KiB of garbage per call).
   */
  hit(keys: readonly string[], limitPerWindow: number, windowSeconds = 60): Promise<void> {
    const l = this.#hitLimiter(limitPerWindow, windowSeconds);
    if (keys.length === 0) return Promise.resolve();
    let chain: Promise<unknown> = l.consume(keys[0]);
    for (let i = 1; i < keys.length; i++) {
      const key = keys[i];
      chain = chain.then(() => l.consume(key));
    }
    return chain.then(counted, as429);
  }

  /** hit()'s limiter, found by number: limiter() builds its id string and options object on every call. */
  #hitLimiter(points: number, duration: number): Limiter {
    let byWindow = this.#hits.get(points);
    if (!byWindow) {
      byWindow = new Map();
      this.#hits.set(points, byWindow);
    }
    let l = byWindow.get(duration);
    if (!l) {
      l = this.limiter("hits", { points, duration });
      byWindow.set(duration, l);
    }
    return l;
  }

  /** Resolves once the shared store answers (at once without Redis); until then each node counts alone. */
  async ready(): Promise<void> {
    if (!this.#redisUrl) return;
    const c = this.#client();
    if (c.status === "ready") return;
    await new Promise<void>((resolve) => c.once("ready", () => resolve()));
  }

  async close(): Promise<void> {
    this.#redis?.disconnect();
    this.#redis = null;
    this.#limiters.clear();
    this.#hits.clear();
  }

  #client(): Redis {
    if (!this.#redis) {
      // No offline queue: while Redis is away commands fail at once and the insurance limiter counts.
      this.#redis = new Redis(this.#redisUrl ?? "", { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      this.#redis.on("error", () => {});
    }
    return this.#redis;
  }
}

/** Consumes a point, turning the library's rejection into our 429 with Retry-After. */
export function consumeOr429(l: Limiter, key: string, points = 1): Promise<void> {
  return l.consume(key, points).then(counted, as429);
}

function counted(): void {}

/** The library rejects with a RateLimiterRes when a key is past its points; anything else is a real failure. */
function as429(err: unknown): never {
  if (err instanceof RateLimiterRes) throw tooManyRequests(err.msBeforeNext / 1000);
  throw err;
}
