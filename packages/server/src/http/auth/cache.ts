// Principal cache for the auth hook: a token or session lookup (a join + SHA-256) on every request costs more
// than the rest of a small request. Correctness first:
// - an entry is dropped as soon as users, sessions or access_tokens are written on this node (sign-out,
//   token regenerate/revoke, deactivation, role change — whatever code path does it: store/write-watch.ts);
// - a lookup that raced such a write is not stored (generation check);
// - entries live at most TTL_MS, which bounds how long another node's revocation takes to reach this one;
// - a session entry never outlives the session's expires_at; failed lookups are never cached.
import type { Clock } from "../../clock.ts";
import type { WriteWatch } from "../../store/write-watch.ts";

export const TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;
const TABLES = ["users", "sessions", "access_tokens"] as const;

interface Entry<T> {
  value: T;
  gen: number;
  until: number;
}

export class PrincipalCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #clock: Clock;
  readonly #watch: WriteWatch | undefined;

  /** Without a WriteWatch nothing is cached: a revocation could not be seen. */
  constructor(clock: Clock, watch: WriteWatch | undefined) {
    this.#clock = clock;
    this.#watch = watch;
  }

  /** The generation to pass to set(): read it before the lookup starts. */
  generation(): number {
    return this.#watch ? this.#watch.generations(TABLES) : -1;
  }

  get(key: string): T | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.gen !== this.generation() || e.until <= this.#clock.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  /** Stores `value` found by a lookup that began at generation `gen`, valid until `expiresAt` at the latest. */
  set(key: string, value: T, gen: number, expiresAt = Number.POSITIVE_INFINITY): void {
    if (!this.#watch || gen !== this.generation()) return;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    this.#entries.set(key, { value, gen, until: Math.min(this.#clock.now() + TTL_MS, expiresAt) });
  }

  clear(): void {
    this.#entries.clear();
  }
}
