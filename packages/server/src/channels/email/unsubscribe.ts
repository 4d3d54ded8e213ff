import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * EML-6 one-click unsubscribe tokens: HMAC-SHA256 over {userId, scope, kind}, no expiry (an old email's
 * link must still work). Format: base64url(JSON claims) "." base64url(HMAC). The server turns the claims
 * into a settings change: scope "account" or "room:<id>", kind = the email kind ("messages", "login",
 * "support:<event>").
 */
export type UnsubscribeScope = "account" | `room:${string}`;
export type UnsubscribeClaims = { userId: string; scope: UnsubscribeScope; kind: string };

export function signUnsubscribe(claims: UnsubscribeClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify({ u: claims.userId, s: claims.scope, k: claims.kind })).toString(
    "base64url",
  );
  return `${body}.${mac(body, secret)}`;
}

export function verifyUnsubscribe(token: string, secret: string): UnsubscribeClaims | null {
  const dot = token.indexOf(".");
  if (dot <= 0) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = Buffer.from(mac(body, secret), "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const raw = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as {
      u?: unknown;
      s?: unknown;
      k?: unknown;
    };
    if (typeof raw.u !== "string" || typeof raw.k !== "string" || typeof raw.s !== "string") return null;
    if (raw.s !== "account" && !raw.s.startsWith("room:")) return null;
    return { userId: raw.u, scope: raw.s as UnsubscribeScope, kind: raw.k };
  } catch {
    return null;
  }
}

function mac(body: string, secret: string): string {
  return createHmac("sha256", secret).update(`unsubscribe.${body}`).digest("base64url");
}
