import { createPrivateKey, type KeyObject, sign } from "node:crypto";
import webpush from "web-push";
import type { Clock } from "./result.ts";

/** Storage for settings that must survive restarts; the server backs it with workspace_settings. */
export type KeyValuePort = {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
};

/** VAPID application server keys, base64url: public = 65-byte uncompressed P-256 point, private = 32 bytes. */
export type VapidKeys = { publicKey: string; privateKey: string };

export const VAPID_SETTING_KEY = "webpush.vapid_keys";

/**
 * PSH-7: VAPID keys are made at first start and kept. Subscriptions are bound to the public key, so losing
 * it silently would orphan every subscription. If two processes race at first start, both re-read after
 * writing and use whatever the store kept (last writer wins), so they agree from then on.
 */
export async function loadOrCreateVapidKeys(store: KeyValuePort): Promise<VapidKeys> {
  const existing = parseKeys(await store.get(VAPID_SETTING_KEY));
  if (existing) return existing;
  const fresh = webpush.generateVAPIDKeys();
  await store.set(VAPID_SETTING_KEY, JSON.stringify(fresh));
  return parseKeys(await store.get(VAPID_SETTING_KEY)) ?? fresh;
}

function parseKeys(raw: string | null): VapidKeys | null {
  if (!raw) return null;
  const value = JSON.parse(raw) as Partial<VapidKeys>;
  if (typeof value.publicKey !== "string" || typeof value.privateKey !== "string") return null;
  return { publicKey: value.publicKey, privateKey: value.privateKey };
}

export type VapidSignerOptions = {
  keys: VapidKeys;
  /** `sub` claim: a mailto: or https: contact for the push service operator (RFC 8292 §2.1). */
  subject: string;
  clock: Clock;
  /** JWT lifetime; RFC 8292 caps it at 24 h. Default 12 h. */
  lifetimeSeconds?: number;
  /** Re-sign when less than this remains, so a token never expires in flight. Default 1 h. */
  refreshMarginSeconds?: number;
};

/**
 * Signs the VAPID JWT (RFC 8292) once per push-service origin and reuses it while valid. We sign with
 * node:crypto ES256 ourselves rather than web-push's getVapidHeaders: that helper re-encodes the key to PEM
 * and signs on every call (the cost that caps throughput) and checks `exp` against the wall clock, which
 * would fight a stepped test Clock. web-push still does key generation and the payload encryption.
 */
export class VapidSigner {
  readonly publicKey: string;
  /** How many JWTs were signed; tests use it to prove reuse. */
  signCount = 0;
  readonly #key: KeyObject;
  readonly #subject: string;
  readonly #clock: Clock;
  readonly #lifetime: number;
  readonly #margin: number;
  readonly #cache = new Map<string, { header: string; exp: number }>();

  constructor(options: VapidSignerOptions) {
    this.publicKey = options.keys.publicKey;
    this.#key = privateKeyObject(options.keys);
    this.#subject = options.subject;
    this.#clock = options.clock;
    this.#lifetime = Math.min(options.lifetimeSeconds ?? 12 * 3600, 24 * 3600);
    this.#margin = options.refreshMarginSeconds ?? 3600;
  }

  /** `Authorization` header value for a push to `endpoint` (audience = its origin). */
  authorization(endpoint: string): string {
    const audience = new URL(endpoint).origin;
    const nowSeconds = Math.floor(this.#clock.now() / 1000);
    const cached = this.#cache.get(audience);
    if (cached && cached.exp - nowSeconds > this.#margin) return cached.header;
    const exp = nowSeconds + this.#lifetime;
    const header = `vapid t=${this.#jwt(audience, exp)}, k=${this.publicKey}`;
    this.#cache.set(audience, { header, exp });
    return header;
  }

  #jwt(aud: string, exp: number): string {
    this.signCount++;
    const head = Buffer.from(JSON.stringify({ typ: "JWT", alg: "ES256" })).toString("base64url");
    const body = Buffer.from(JSON.stringify({ aud, exp, sub: this.#subject })).toString("base64url");
    const input = `${head}.${body}`;
    const signature = sign("sha256", Buffer.from(input), { key: this.#key, dsaEncoding: "ieee-p1363" });
    return `${input}.${signature.toString("base64url")}`;
  }
}

function privateKeyObject(keys: VapidKeys): KeyObject {
  const pub = Buffer.from(keys.publicKey, "base64url");
  if (pub.length !== 65 || pub[0] !== 4)
    throw new Error("VAPID public key must be a 65-byte uncompressed point");
  return createPrivateKey({
    format: "jwk",
    key: {
      kty: "EC",
      crv: "P-256",
      d: keys.privateKey,
      x: pub.subarray(1, 33).toString("base64url"),
      y: pub.subarray(33, 65).toString("base64url"),
    },
  });
}
