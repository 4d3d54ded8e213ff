// Reconnect delays: exponential with "equal jitter" so a server restart does
// not get every client back in the same millisecond, and a delay is never 0.

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2 };

/** attempt = 0 for the first retry; random() in [0, 1). */
export function backoffDelay(
  attempt: number,
  random: () => number,
  o: BackoffOptions = defaultBackoff,
): number {
  const ceiling = Math.min(o.maxMs, o.initialMs * o.factor ** Math.max(0, attempt));
  const half = ceiling / 2;
  return Math.round(half + random() * half);
}
