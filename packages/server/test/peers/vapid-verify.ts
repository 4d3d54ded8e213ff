import { createPublicKey, verify } from "node:crypto";

/** RFC 8292 VAPID check as a push service does it: `Authorization: vapid t=<jwt>, k=<public key>`. */
export type VapidClaims = { aud: string; exp: number; sub: string; k: string; token: string };
export type VapidCheck = { ok: true; claims: VapidClaims } | { ok: false; reason: string };

export function parseVapidHeader(header: string | undefined): { t: string; k: string } | null {
  if (!header) return null;
  const match = /^vapid\s+(.*)$/i.exec(header.trim());
  if (!match) return null;
  const params = new Map<string, string>();
  for (const part of match[1].split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const t = params.get("t");
  const k = params.get("k");
  return t && k ? { t, k } : null;
}

/** Verifies signature (ES256 with k), `aud` = origin, `exp` in the future and at most 24 h away, `sub` set. */
export function checkVapid(header: string | undefined, origin: string, nowMs: number): VapidCheck {
  const parsed = parseVapidHeader(header);
  if (!parsed) return { ok: false, reason: "missing or malformed vapid Authorization" };
  const parts = parsed.t.split(".");
  if (parts.length !== 3) return { ok: false, reason: "JWT must have three parts" };
  const [head, body, signature] = parts;
  const header0 = decodeJson(head) as { alg?: string; typ?: string } | null;
  if (header0?.alg !== "ES256") return { ok: false, reason: "JWT alg must be ES256" };
  const key = publicKey(parsed.k);
  if (!key) return { ok: false, reason: "k is not a P-256 public key" };
  const valid = verify(
    "sha256",
    Buffer.from(`${head}.${body}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!valid) return { ok: false, reason: "bad JWT signature" };
  const claims = decodeJson(body) as { aud?: unknown; exp?: unknown; sub?: unknown } | null;
  if (!claims) return { ok: false, reason: "JWT claims are not JSON" };
  if (claims.aud !== origin) return { ok: false, reason: `aud ${String(claims.aud)} is not ${origin}` };
  const now = Math.floor(nowMs / 1000);
  if (typeof claims.exp !== "number" || claims.exp <= now) return { ok: false, reason: "JWT expired" };
  if (claims.exp > now + 24 * 3600) return { ok: false, reason: "exp more than 24 h ahead" };
  if (typeof claims.sub !== "string" || !claims.sub) return { ok: false, reason: "sub missing" };
  return {
    ok: true,
    claims: { aud: claims.aud, exp: claims.exp, sub: claims.sub, k: parsed.k, token: parsed.t },
  };
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}

function publicKey(k: string) {
  const raw = Buffer.from(k, "base64url");
  if (raw.length !== 65 || raw[0] !== 4) return null;
  try {
    return createPublicKey({
      format: "jwk",
      key: {
        kty: "EC",
        crv: "P-256",
        x: raw.subarray(1, 33).toString("base64url"),
        y: raw.subarray(33).toString("base64url"),
      },
    });
  } catch {
    return null;
  }
}
