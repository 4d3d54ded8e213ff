import { createHmac, timingSafeEqual } from "node:crypto";
import { type DestinationPolicy, NO_EXCEPTIONS, RefusedDestinationError } from "./destinations.ts";
import { createHttpPoster, type HttpPoster } from "./http-post.ts";
import { type Clock, mapHttpStatus, networkRetry, type SendResult } from "./result.ts";

/**
 * PSH-8 webhook targets: a JSON POST signed with HMAC-SHA256 so receivers (bridges to native push
 * gateways) can check it came from Herald. The signed string is "<timestamp>.<body>" with the timestamp in
 * Unix seconds, so a captured request cannot be replayed later with a fresh timestamp.
 */
export type WebhookTarget = { url: string; secret: string };

export const SIGNATURE_HEADER = "x-herald-signature";
export const TIMESTAMP_HEADER = "x-herald-timestamp";
export const DELIVERY_HEADER = "x-herald-delivery";

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export type WebhookVerifyInput = {
  secret: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  nowMs: number;
  /** Accepted clock skew / delay; default 5 minutes. */
  toleranceSeconds?: number;
};

/** Receiver-side check: signature matches (constant time) and the timestamp is recent. */
export function verifyWebhook(input: WebhookVerifyInput): { ok: true } | { ok: false; reason: string } {
  if (!input.signature || !input.timestamp) return { ok: false, reason: "missing signature or timestamp" };
  if (!/^\d+$/.test(input.timestamp)) return { ok: false, reason: "malformed timestamp" };
  const ts = Number(input.timestamp);
  const tolerance = input.toleranceSeconds ?? 300;
  if (Math.abs(Math.floor(input.nowMs / 1000) - ts) > tolerance)
    return { ok: false, reason: "stale timestamp" };
  const expected = Buffer.from(signWebhook(input.secret, ts, input.body));
  const given = Buffer.from(input.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "signature mismatch" };
  }
  return { ok: true };
}

export type WebhookSenderOptions = {
  clock: Clock;
  poster?: HttpPoster;
  /** Which destinations may be reached (default: public addresses only); checked at connect time. */
  destinations?: DestinationPolicy;
};

export class WebhookSender {
  readonly #clock: Clock;
  readonly #poster: HttpPoster;

  constructor(options: WebhookSenderOptions) {
    this.#clock = options.clock;
    this.#poster =
      options.poster ?? createHttpPoster({ destinations: options.destinations ?? NO_EXCEPTIONS });
  }

  /**
   * Same result mapping as Web Push. `deliveryId` goes out as X-Herald-Delivery so a receiver can drop a
   * retried duplicate.
   */
  async send(target: WebhookTarget, payload: unknown, deliveryId?: string): Promise<SendResult> {
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(this.#clock.now() / 1000);
    const headers: Record<string, string | number> = {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(body),
      "User-Agent": "Herald-Webhook/1",
      [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, body),
      [TIMESTAMP_HEADER]: String(timestamp),
    };
    if (deliveryId) headers[DELIVERY_HEADER] = deliveryId;
    try {
      const res = await this.#poster.post(target.url, headers, Buffer.from(body));
      return mapHttpStatus(res.status, res.headers["retry-after"], this.#clock.now(), res.body);
    } catch (error) {
      // Refused by the destination policy: retrying would be refused again, so this delivery fails.
      if (error instanceof RefusedDestinationError)
        return { kind: "failed", reason: `destination not allowed: ${error.message}` };
      return networkRetry(error);
    }
  }

  close(): void {
    this.#poster.close();
  }
}
