// The link an offline contact email carries back to the conversation. The widget keeps the contact's token in
// the browser that started the chat; the email may be opened elsewhere, so the link carries its own credential:
// an HMAC-signed claim {contact, expiry} the widget uses as its contact token. It opens that contact's
// conversations in that inbox only, and stops working after RESUME_TTL_MS. Signed with the site's email secret
// (kept in workspace_settings like the unsubscribe secret), so it survives restarts.
import { createHmac, timingSafeEqual } from "node:crypto";
import { sha256 } from "../ids.ts";
import { settingsKv, unsubscribeSecret } from "../jobs/channels.ts";
import type { Services } from "../services.ts";

export const RESUME_PREFIX = "r1.";
export const RESUME_TTL_MS = 30 * 24 * 3600_000;

export function signResume(contactId: string, expiresAt: number, secret: string): string {
  const body = Buffer.from(JSON.stringify({ c: contactId, e: expiresAt })).toString("base64url");
  return `${RESUME_PREFIX}${body}.${mac(body, secret)}`;
}

/** The contact a resume token names, or null (forged, malformed or expired). */
export function verifyResume(token: string, secret: string, now: number): string | null {
  if (!token.startsWith(RESUME_PREFIX)) return null;
  const rest = token.slice(RESUME_PREFIX.length);
  const dot = rest.indexOf(".");
  if (dot <= 0) return null;
  const body = rest.slice(0, dot);
  const given = Buffer.from(rest.slice(dot + 1), "base64url");
  const expected = Buffer.from(mac(body, secret), "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const raw = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { c?: unknown; e?: unknown };
    if (typeof raw.c !== "string" || typeof raw.e !== "number" || raw.e <= now) return null;
    return raw.c;
  } catch {
    return null;
  }
}

export async function linkSecret(services: Services): Promise<string> {
  return unsubscribeSecret(settingsKv(services.store.db, services.clock));
}

function mac(body: string, secret: string): string {
  return createHmac("sha256", secret).update(`contact-resume.${body}`).digest("base64url");
}

/** The contact a widget token names in an inbox: the contact's own token (by its hash) or an email's link. */
export async function contactByToken(
  services: Services,
  inboxId: string,
  token: string,
): Promise<{ id: string; name: string } | null> {
  const { db } = services.store;
  let q = db.selectFrom("contacts").select(["id", "name"]).where("inbox_id", "=", inboxId);
  if (token.startsWith(RESUME_PREFIX)) {
    const id = verifyResume(token, await linkSecret(services), services.clock.now());
    if (!id) return null;
    q = q.where("id", "=", id);
  } else q = q.where("token_hash", "=", sha256(token));
  return (await q.executeTakeFirst()) ?? null;
}
