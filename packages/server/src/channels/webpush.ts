import webpush from "web-push";
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
};

/**
 * Web Push sender (RFC 8030 / 8291 / 8292, PSH-5 … PSH-7). web-push encrypts (aes128gcm, RFC 8291); we set
 * the TTL / Urgency / Topic headers ourselves (web-push's generateRequestDetails would also sign a VAPID JWT
 * per message or read its process-global VAPID details); the Authorization comes from our cached signer;
 * the request goes out on a keep-alive agent. It never throws for delivery problems: every outcome is a SendResult.
 */
export class WebPushSender {
  readonly #signer: VapidSigner;
  readonly #clock: Clock;
  readonly #poster: HttpPoster;

  constructor(options: WebPushSenderOptions) {
    this.#signer = options.signer;
    this.#clock = options.clock;
    this.#poster = options.poster ?? createHttpPoster();
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
      return networkRetry(error);
    }
  }

  #prepare(
    target: WebPushTarget,
    message: PushMessage,
  ): { headers: Record<string, string | number>; body: Buffer } | SendResult {
    let body: Buffer;
    try {
      body = webpush.encrypt(target.keys.p256dh, target.keys.auth, message.json, "aes128gcm").cipherText;
    } catch (error) {
      // Keys that do not parse can never work: treat the subscription as gone so it gets deleted.
      return { kind: "gone", reason: `invalid subscription: ${(error as Error).message}` };
    }
    if (body.length > MAX_ENCRYPTED_BYTES) {
      return { kind: "failed", reason: `encrypted payload ${body.length} B exceeds 4096 B (PSH-6)` };
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
