import { encryptedSize, encryptForSubscription } from "./aes128gcm.ts";
import { type DestinationPolicy, NO_EXCEPTIONS, RefusedDestinationError } from "./destinations.ts";
import { createHttpPoster, type HttpPoster } from "./http-post.ts";
import { MAX_ENCRYPTED_BYTES, type PushMessage } from "./push-payload.ts";
import { type Clock, mapHttpStatus, networkRetry, type SendResult } from "./result.ts";
import type { VapidSigner } from "./vapid.ts";

/** A browser PushSubscription as the client posts it (`subscription.toJSON()`). */
export type WebPushTarget = { endpoint: string; keys: { p256dh: string; auth: string } };

export type WebPushSenderOptions = {
  signer: VapidSigner;
  clock: Clock;
  /** Defaults to a keep-alive node:http/https poster. */
  poster?: HttpPoster;
  /** Which endpoints may be reached (default: public addresses only, as a browser's push service is);
   *  checked at connect time, like webhooks (destinations.ts). */
  destinations?: DestinationPolicy;
  /** Keep-alive sockets per push service origin (default: http-post.ts's). */
  maxSockets?: number;
};

/**
 * Web Push sender (RFC 8030 / 8291 / 8292, PSH-5 … PSH-7). aes128gcm.ts encrypts (RFC 8291, the bytes web-push
 * would send, with less CPU); we set the TTL / Urgency / Topic headers ourselves (web-push's
 * generateRequestDetails would also sign a VAPID JWT per message or read its process-global VAPID details); the
 * Authorization comes from our cached signer; the request goes out on a keep-alive agent. It never throws for
 * delivery problems: every outcome is a SendResult.
 */
export class WebPushSender {
  readonly #signer: VapidSigner;
  readonly #clock: Clock;
  readonly #poster: HttpPoster;

  constructor(options: WebPushSenderOptions) {
    this.#signer = options.signer;
    this.#clock = options.clock;
    this.#poster =
      options.poster ??
      createHttpPoster({
        destinations: options.destinations ?? NO_EXCEPTIONS,
        // Most subscribers share a push service origin (one for every Chrome user): its sockets bound the sends
        // in flight, so they follow the worker's own bound.
        ...(options.maxSockets ? { maxSockets: options.maxSockets } : {}),
      });
  }

  get vapidPublicKey(): string {
    return this.#signer.publicKey;
  }

  async send(target: WebPushTarget, message: PushMessage): Promise<SendResult> {
    const prepared = this.#prepare(target, message);
    if ("kind" in prepared) return prepared;
    try {
      const res = await this.#poster.post(target.endpoint, prepared.headers, prepared.body);
      const result = mapHttpStatus(res.status, res.headers["retry-after"], this.#clock.now(), res.body);
      return result.kind === "sent"
        ? { kind: "sent", info: { status: res.status, bytes: prepared.body.length } }
        : result;
    } catch (error) {
      // An endpoint that is not a public address (a subscription posted by hand, not by a browser): it
      // would be refused on every try, so the subscription is dropped.
      if (error instanceof RefusedDestinationError)
        return { kind: "gone", reason: `endpoint not allowed: ${error.message}` };
      return networkRetry(error);
    }
  }

  #prepare(
    target: WebPushTarget,
    message: PushMessage,
  ): { headers: Record<string, string | number>; body: Buffer } | SendResult {
    const plaintext = Buffer.from(message.json);
    const size = encryptedSize(plaintext.length);
    if (size > MAX_ENCRYPTED_BYTES) {
      return { kind: "failed", reason: `encrypted payload ${size} B exceeds 4096 B (PSH-6)` };
    }
    let body: Buffer;
    try {
      body = encryptForSubscription(target.keys, plaintext);
    } catch (error) {
      // Keys that do not parse can never work: treat the subscription as gone so it gets deleted.
      return { kind: "gone", reason: `invalid subscription: ${(error as Error).message}` };
    }
    // RFC 8030 §5.2–5.4 headers, RFC 8188 content coding, RFC 8292 VAPID (cached per origin).
    const headers: Record<string, string | number> = {
      TTL: message.ttl,
      Urgency: message.urgency,
      Topic: message.topic,
      "Content-Encoding": "aes128gcm",
      "Content-Type": "application/octet-stream",
      "Content-Length": body.length,
      Authorization: this.#signer.authorization(target.endpoint),
    };
    return { headers, body };
  }

  close(): void {
    this.#poster.close();
  }
}
