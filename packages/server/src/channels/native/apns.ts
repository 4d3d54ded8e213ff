// APNs sender over HTTP/2 with token-based authentication. Hand-written on node:http2 rather than
// @parse/node-apn / apns2: those own their connection and retry policy, while here the scheduler owns retries
// (PSH-7 backoff, the crash-resend mark) and every outcome must come back as one SendResult; the sender is
// one session per environment, a cached ES256 provider token, and a status/reason mapping.
import type { KeyObject } from "node:crypto";
import type { PushMessage } from "../push-types.ts";
import { type Clock, networkRetry, parseRetryAfter, type SendResult } from "../result.ts";
import { apnsRequest } from "./apns-payload.ts";
import { APNS_HOSTS } from "./config.ts";
import type { H2Pool } from "./h2.ts";
import { CachedCredential, signJwt } from "./jwt.ts";

export interface ApnsTarget {
  token: string;
  appId: string;
  environment: "production" | "sandbox";
}

export interface ApnsOptions {
  keyId: string;
  teamId: string;
  key: KeyObject;
  pool: H2Pool;
  clock: Clock;
  /** Replaces both hosts (test peer, relay). */
  host?: string | null;
}

/** Apple rejects provider tokens older than an hour and refreshes more often than every 20 minutes. */
export const PROVIDER_TOKEN_REFRESH_MS = 50 * 60_000;

/** Reasons that mean this token will never work again: the device is deleted (like Web Push 404/410). */
const GONE = new Set(["BadDeviceToken", "Unregistered", "DeviceTokenNotForTopic"]);

export class ApnsSender {
  readonly #o: ApnsOptions;
  readonly #token: CachedCredential;

  constructor(options: ApnsOptions) {
    this.#o = options;
    this.#token = new CachedCredential(
      async () => ({
        value: signJwt(
          "ES256",
          { kid: options.keyId },
          { iss: options.teamId, iat: Math.floor(options.clock.now() / 1000) },
          options.key,
        ),
      }),
      PROVIDER_TOKEN_REFRESH_MS,
      () => options.clock.now(),
    );
  }

  async send(target: ApnsTarget, push: PushMessage): Promise<SendResult> {
    const req = apnsRequest(push, target, this.#o.clock.now());
    const origin = this.#o.host ?? APNS_HOSTS[target.environment];
    let jwt: string;
    try {
      jwt = await this.#token.get();
    } catch (err) {
      return { kind: "failed", reason: `APNs provider token: ${(err as Error).message}` };
    }
    try {
      const res = await this.#o.pool.request(
        origin,
        { ...req.headers, authorization: `bearer ${jwt}`, "content-type": "application/json" },
        req.body,
      );
      const reason = apnsReason(res.body);
      if (res.status === 403 && reason === "ExpiredProviderToken") this.#token.invalidate(jwt);
      return mapApns(res.status, reason, res.headers["retry-after"], this.#o.clock.now(), req.body.length);
    } catch (err) {
      return networkRetry(err);
    }
  }
}

function apnsReason(body: string): string {
  try {
    return String((JSON.parse(body) as { reason?: unknown }).reason ?? "");
  } catch {
    return "";
  }
}

/** APNs status + reason → the scheduler's outcome. */
export function mapApns(
  status: number,
  reason: string,
  retryAfter: string | string[] | undefined,
  now: number,
  bytes: number,
): SendResult {
  const why = `APNs ${status}${reason ? ` ${reason}` : ""}`;
  if (status === 200) return { kind: "sent", info: { status, bytes } };
  if (status === 410 || (status === 400 && GONE.has(reason))) return { kind: "gone", reason: why };
  // An expired provider token is refreshed by the next attempt; the rest are APNs' load and outages.
  if (status === 429 || status >= 500 || (status === 403 && reason === "ExpiredProviderToken")) {
    const at = parseRetryAfter(retryAfter, now);
    return at === undefined ? { kind: "retry", reason: why } : { kind: "retry", at, reason: why };
  }
  return { kind: "failed", reason: why };
}
