// Password hashing: argon2id (@node-rs/argon2, its defaults are OWASP's minimum: 19 MiB, 2 passes, 1 lane),
// stored in the PHC format ($argon2id$v=19$m=…). Hashes from before (scrypt$N$r$p$salt$hash, N=16384) still
// verify; `needsRehash` tells sign-in to replace them while it has the plain password.
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

const MEMORY_KIB = 19_456;
const PASSES = 2;
const PARAMS = `m=${MEMORY_KIB},t=${PASSES},p=1`;

export function hashPassword(password: string): Promise<string> {
  // Algorithm 2 is Argon2id (the package's const enum cannot be imported by erasable TypeScript).
  return hash(password, { algorithm: 2, memoryCost: MEMORY_KIB, timeCost: PASSES, parallelism: 1 });
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith("$argon2")) {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  }
  return verifyScrypt(password, stored);
}

/** True for a hash weaker than today's: an older algorithm or older argon2 parameters. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith("$argon2id$v=19$") || !stored.includes(`$${PARAMS}$`);
}

function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return Promise.resolve(false);
  const [, n, r, p, salt, hashed] = parts;
  const expected = Buffer.from(hashed, "base64url");
  const opts = { N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * 1024 * 1024 };
  return new Promise((resolve) => {
    scrypt(password, Buffer.from(salt, "base64url"), expected.length, opts, (err, key) =>
      resolve(!err && key.length === expected.length && timingSafeEqual(key, expected)),
    );
  });
}

/** A hash nobody can match (of 32 random bytes nobody keeps), verified against for unknown users so the
 *  answer's timing does not reveal which logins exist. Made once, on first use. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString("base64url"));
  return dummy;
}
