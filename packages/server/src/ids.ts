// Opaque ids and secrets. Ids: 16 url-safe chars (96 random bits); tokens: 32 random bytes.
import { hash, randomBytes } from "node:crypto";

// Ids are cut from a pooled buffer of CSPRNG bytes: one randomBytes call per 341 ids instead of per id
// (each call was a native round trip on the path of every message). Every id still has 96 fresh random bits.
const POOL_IDS = 341;
let pool = Buffer.alloc(0);
let at = 0;

export function newId(): string {
  if (at + 12 > pool.length) {
    pool = randomBytes(12 * POOL_IDS);
    at = 0;
  }
  const id = pool.toString("base64url", at, at + 12);
  at += 12;
  return id;
}

export function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** Hex SHA-256. The one-shot `hash` skips the Hash object `createHash` builds: this runs on every request's token. */
export function sha256(value: string): string {
  return hash("sha256", value, "hex");
}
