// Fixed-window counters per key (GEN-6), timed by the Clock so tests can step past a window.
// Written by hand instead of @fastify/rate-limit because one request must count against two keys (user and
// address) with per-bucket limits that tests and benchmarks configure. In-process: a cluster divides nothing,
// each node enforces its own window (documented in OPERATIONS.md).
import type { Clock } from "../clock.ts";
import { tooManyRequests } from "./errors.ts";

const WINDOW_MS = 60_000;

export class RateLimiter {
  private readonly counts = new Map<string, { n: number; resetAt: number }>();
  private readonly clock: Clock;
  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** Counts one hit on every key; throws 429 (with Retry-After) when any is past its limit. */
  hit(keys: string[], limitPerMinute: number): void {
    const now = this.clock.now();
    if (this.counts.size > 100_000) this.sweep(now);
    for (const key of keys) {
      let c = this.counts.get(key);
      if (!c || c.resetAt <= now) {
        c = { n: 0, resetAt: now + WINDOW_MS };
        this.counts.set(key, c);
      }
      c.n++;
      if (c.n > limitPerMinute) throw tooManyRequests((c.resetAt - now) / 1000);
    }
  }

  private sweep(now: number): void {
    for (const [k, c] of this.counts) if (c.resetAt <= now) this.counts.delete(k);
  }
}
