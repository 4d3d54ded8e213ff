// PushMessage → APNs request (headers + JSON body). Pure. The text is the Web Push payload's, which core's
// pushNotice wrote per PRV-1; this only places it where iOS reads it.
import { createHash } from "node:crypto";
import type { PushMessage, PushPayload } from "../push-types.ts";
import { cutToBytes, jsonBytes } from "../text.ts";

/** APNs rejects a payload over 4 KiB (PayloadTooLarge); VoIP pushes may take 5 KiB but we send none. */
export const APNS_MAX_BYTES = 4096;

export interface ApnsRequest {
  headers: Record<string, string>;
  body: string;
}

/** What the app needs to route a tap or fetch the text (id only): ids, never text. */
export function heraldData(p: PushPayload): Record<string, unknown> {
  const d: Record<string, unknown> = { v: 1, type: p.type, tag: p.tag };
  if (p.type === "message") {
    d.id = p.id;
    d.roomId = p.roomId;
    if (p.threadId) d.threadId = p.threadId;
    if (p.trigger) d.trigger = p.trigger;
    if (p.fetch) d.fetch = true;
  } else if (p.type === "clear") {
    d.roomId = p.roomId;
    if (p.threadId) d.threadId = p.threadId;
    if (p.messageIds?.length) d.messageIds = p.messageIds;
    d.badge = p.badge;
  } else if (p.type === "summary") {
    d.roomId = p.roomId;
    d.count = p.count;
    if (p.fetch) d.fetch = true;
  } else if (p.type === "call") {
    d.callId = p.callId;
    d.roomId = p.roomId;
  } else if (p.type === "support") {
    d.conversationId = p.conversationId;
    d.inboxId = p.inboxId;
    d.event = p.event;
  }
  return d;
}

/** apns-collapse-id is at most 64 bytes: room tags fit; anything longer is hashed to a stable id. */
export function collapseId(tag: string): string {
  return Buffer.byteLength(tag) <= 64 ? tag : createHash("sha256").update(tag).digest("base64url");
}

function textOf(p: PushPayload): { title?: string; body?: string } {
  const t = p as { title?: string; body?: string };
  return { ...(t.title ? { title: t.title } : {}), ...(t.body ? { body: t.body } : {}) };
}

/** PSH-3's clear: a background push (no alert), the new badge in Herald's data for the app to set. */
function isBackground(p: PushPayload): boolean {
  return p.type === "clear";
}

export function apnsRequest(
  push: PushMessage,
  target: { token: string; appId: string },
  nowMs: number,
): ApnsRequest {
  const p = push.payload;
  const data = heraldData(p);
  const headers: Record<string, string> = {
    ":path": `/3/device/${target.token}`,
    "apns-topic": target.appId,
    "apns-expiration": String(Math.floor(nowMs / 1000) + push.ttl),
  };
  if (isBackground(p)) {
    headers["apns-push-type"] = "background";
    // Apple throttles and may drop background pushes sent with priority 10.
    headers["apns-priority"] = "5";
    return { headers, body: JSON.stringify({ aps: { "content-available": 1 }, herald: data }) };
  }
  headers["apns-push-type"] = "alert";
  // PSH-7's urgency: high (dm, mention, calls) wakes the device now; the rest may be batched for power.
  headers["apns-priority"] = push.urgency === "high" ? "10" : "5";
  headers["apns-collapse-id"] = collapseId(p.tag);
  const text = textOf(p);
  const idOnly = !text.title && !text.body;
  const aps: Record<string, unknown> = {
    // PRV-1 id only: a neutral line the system shows if the app's notification service extension cannot
    // fetch the text (GET /push/messages/:id) in time; no content of the message leaves the server.
    alert: idOnly ? { body: p.type === "call" ? "Incoming call" : "New message" } : text,
    badge: p.badge,
    sound: "default",
    "thread-id": p.tag,
  };
  if (idOnly && p.type !== "call") aps["mutable-content"] = 1;
  return { headers, body: fit({ aps, herald: data }) };
}

/** PSH-6 for APNs: cut the body, then the title, never the JSON. */
function fit(doc: { aps: Record<string, unknown>; herald: Record<string, unknown> }): string {
  if (jsonBytes(doc) <= APNS_MAX_BYTES) return JSON.stringify(doc);
  let cur = doc;
  for (const field of ["body", "title"] as const) {
    const alert = cur.aps.alert as Record<string, string>;
    if (jsonBytes(cur) <= APNS_MAX_BYTES || typeof alert[field] !== "string") continue;
    const base = cur;
    cur = cutToBytes(
      APNS_MAX_BYTES,
      (s) => ({ ...base, aps: { ...base.aps, alert: { ...alert, [field]: s } } }),
      alert[field],
    );
  }
  return JSON.stringify(cur);
}
