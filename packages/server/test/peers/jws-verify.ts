// Checks a compact JWS the way APNs and Google's token endpoint do: algorithm, signature, then the caller's
// claim checks. Returns why it fails, or the decoded parts.
import { type KeyObject, verify } from "node:crypto";

export type Jws = { header: Record<string, unknown>; claims: Record<string, unknown> };

export function verifyJws(token: string, alg: "ES256" | "RS256", key: KeyObject): Jws | string {
  const parts = token.split(".");
  if (parts.length !== 3) return "not a compact JWS";
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
  } catch {
    return "header or claims are not base64url JSON";
  }
  if (header.alg !== alg) return `alg ${String(header.alg)}, expected ${alg}`;
  const input = Buffer.from(`${parts[0]}.${parts[1]}`);
  const sig = Buffer.from(parts[2], "base64url");
  const ok =
    alg === "ES256"
      ? sig.length === 64 && verify("sha256", input, { key, dsaEncoding: "ieee-p1363" }, sig)
      : verify("sha256", input, key, sig);
  return ok ? { header, claims } : "bad signature";
}
