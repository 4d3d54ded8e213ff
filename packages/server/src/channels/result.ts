/**
 * Explicit outcome of one delivery attempt. The scheduler maps each kind to an action:
 * sent → record, retry → reschedule (at `at` if given, else its own backoff), gone → delete the
 * subscription (PSH-7), failed → record as a permanent failure visible to admins.
 */
export type SendResult =
  | { kind: "sent"; info?: SentInfo }
  | { kind: "retry"; at?: number; reason: string }
  | { kind: "gone"; reason: string }
  | { kind: "failed"; reason: string };

export type SentInfo = { status?: number; messageId?: string; bytes?: number };

export type { Clock } from "../clock.ts";

/**
 * Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Returns the absolute time in ms,
 * or undefined when absent or unparseable (the scheduler then uses its own backoff).
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return now + Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(date, now);
}

/**
 * Shared HTTP status mapping for Web Push (RFC 8030 §5, PSH-7) and webhook targets (PSH-8):
 * 2xx → sent; 404/410 → gone; 429 and 5xx → retry honouring Retry-After; other 4xx → failed.
 */
export function mapHttpStatus(
  status: number,
  retryAfter: string | string[] | undefined,
  now: number,
  detail = "",
): SendResult {
  const suffix = detail ? `: ${detail.slice(0, 200)}` : "";
  if (status >= 200 && status < 300) return { kind: "sent", info: { status } };
  if (status === 404 || status === 410) return { kind: "gone", reason: `http ${status}${suffix}` };
  if (status === 429 || status >= 500) {
    const at = parseRetryAfter(retryAfter, now);
    const reason = `http ${status}${suffix}`;
    return at === undefined ? { kind: "retry", reason } : { kind: "retry", at, reason };
  }
  return { kind: "failed", reason: `http ${status}${suffix}` };
}

/** Network errors (refused, reset, timeout) are transient by nature: retry with the scheduler's backoff. */
export function networkRetry(error: unknown): SendResult {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return { kind: "retry", reason: `network: ${typeof code === "string" ? `${code} ` : ""}${message}` };
}
