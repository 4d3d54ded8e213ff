// Token bucket for WebSocket frames (GEN-6), per connection and per user. Time comes from the Clock.

export class TokenBucket {
  readonly #ratePerMs: number;
  readonly #burst: number;
  #tokens: number;
  #at: number;

  constructor(perSecond: number, burst: number, now: number) {
    this.#ratePerMs = perSecond / 1000;
    this.#burst = burst;
    this.#tokens = burst;
    this.#at = now;
  }

  take(now: number): boolean {
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#at) * this.#ratePerMs);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

export interface RateLimits {
  connPerSecond: number;
  connBurst: number;
  userPerSecond: number;
  userBurst: number;
  /** Refused frames in a row after which the connection is closed with 4429. */
  closeAfterRefusals: number;
  /** Open sockets per user on this node; one more is closed at once with 4409 (docs/API.md). */
  connectionsPerUser: number;
}

/** Close codes the SDK backs off from before reconnecting (docs/API.md, "Realtime close codes"). */
export const CLOSE_RATE_LIMITED = 4429;
export const CLOSE_TOO_MANY_CONNECTIONS = 4409;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  connPerSecond: 20,
  connBurst: 60,
  userPerSecond: 50,
  userBurst: 150,
  closeAfterRefusals: 50,
  connectionsPerUser: 30,
};
