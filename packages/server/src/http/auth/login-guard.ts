// Brute-force protection for anything that checks a password (GEN-6), on rate-limiter-flexible's login
// protection pattern: wrong passwords in a row per (user, address) and wrong passwords per address per day.
// Past either the caller gets 429 with Retry-After — a slowdown of that address, never a lock of the account:
// the same user signing in from another address is not affected, and a right password resets its pair.
// The login is normalised to the user (username and email of one account share one bucket); an unknown login
// is keyed by its folded form, so probing names costs the same as probing passwords.
import { RateLimiterRes } from "rate-limiter-flexible";
import type { Services } from "../../services.ts";
import { tooManyRequests } from "../errors.ts";
import type { Limiter } from "../rate-limit.ts";

const DAY_S = 86_400;
/** How long a (user, address) pair waits once past its wrong passwords in a row; each further miss re-arms it. */
const IN_ROW_BLOCK_S = 15 * 60;

export class LoginGuard {
  readonly #inRow: Limiter;
  readonly #perDay: Limiter;

  constructor(services: Services) {
    const { config, limiter } = services;
    // The in-row count lives for weeks (the in-memory store's timers stop at 24 days): a right password clears it.
    this.#inRow = limiter.limiter("login-in-row", {
      points: config.loginFailsInRow,
      duration: 14 * DAY_S,
      blockDuration: IN_ROW_BLOCK_S,
    });
    this.#perDay = limiter.limiter("login-per-day", {
      points: config.loginFailsPerDay,
      duration: DAY_S,
      blockDuration: DAY_S,
    });
  }

  /** Throws 429 while this user (or login) from this address, or this address at all, is slowed down. */
  async check(userKey: string, ip: string): Promise<void> {
    const [pair, addr] = await Promise.all([this.#inRow.get(pairKey(userKey, ip)), this.#perDay.get(ip)]);
    let wait = 0;
    if (pair && pair.remainingPoints <= 0) wait = Math.max(wait, pair.msBeforeNext);
    if (addr && addr.remainingPoints <= 0) wait = Math.max(wait, addr.msBeforeNext);
    if (wait > 0) throw tooManyRequests(wait / 1000);
  }

  /** A wrong password: counts against the pair and the address. */
  async failed(userKey: string, ip: string): Promise<void> {
    await Promise.all([
      ignoreLimit(this.#inRow.consume(pairKey(userKey, ip))),
      ignoreLimit(this.#perDay.consume(ip)),
    ]);
  }

  /** A right password clears the pair's run of misses (the address's daily count stays). */
  async succeeded(userKey: string, ip: string): Promise<void> {
    await this.#inRow.delete(pairKey(userKey, ip));
  }
}

const pairKey = (userKey: string, ip: string): string => `${userKey}_${ip}`;

/** Going past the points is what `check` reports next time; the miss itself has already been answered. */
async function ignoreLimit(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
  }
}
