// Compact JWS (RFC 7515) for the two grants native push needs: APNs provider tokens (ES256, raw r||s
// signature as JWA requires, hence "ieee-p1363") and the Google OAuth2 JWT-bearer grant (RS256).
import { type KeyObject, sign } from "node:crypto";

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString("base64url");

export function signJwt(
  alg: "ES256" | "RS256",
  header: Record<string, string>,
  claims: object,
  key: KeyObject,
): string {
  const input = `${b64({ alg, ...header })}.${b64(claims)}`;
  const sig =
    alg === "ES256"
      ? sign("sha256", Buffer.from(input), { key, dsaEncoding: "ieee-p1363" })
      : sign("sha256", Buffer.from(input), key);
  return `${input}.${sig.toString("base64url")}`;
}

/**
 * A credential made on demand and reused until `refreshAfterMs` has passed since it was made; concurrent
 * callers during a refresh share one. `invalidate()` forces the next call to make a new one (the peer said
 * it expired).
 */
export class CachedCredential {
  readonly #make: () => Promise<{ value: string; validMs?: number }>;
  readonly #refreshAfterMs: number;
  readonly #now: () => number;
  #value: string | null = null;
  #expiresAt = 0;
  #pending: Promise<string> | null = null;

  constructor(
    make: () => Promise<{ value: string; validMs?: number }>,
    refreshAfterMs: number,
    now: () => number,
  ) {
    this.#make = make;
    this.#refreshAfterMs = refreshAfterMs;
    this.#now = now;
  }

  get(): Promise<string> {
    if (this.#value !== null && this.#now() < this.#expiresAt) return Promise.resolve(this.#value);
    if (this.#pending) return this.#pending;
    const started = this.#now();
    this.#pending = this.#make()
      .then(({ value, validMs }) => {
        this.#value = value;
        // Refresh early: at the configured age, or 5 minutes before the issuer's own expiry if sooner.
        const until =
          validMs === undefined ? this.#refreshAfterMs : Math.min(this.#refreshAfterMs, validMs - 300_000);
        this.#expiresAt = started + Math.max(until, 1_000);
        return value;
      })
      .finally(() => {
        this.#pending = null;
      });
    return this.#pending;
  }

  invalidate(value: string): void {
    if (this.#value === value) this.#value = null;
  }
}
