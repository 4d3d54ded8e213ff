// PushMessage → FCM HTTP v1 message. Pure. PRV-1's text goes in `notification` (full, generic); id only and
// the clear are data-only, so the app fetches or acts itself. Android collapses per room (collapse_key and
// notification tag); the `apns` block serves iOS devices registered through FCM with the same APNs fields.
import type { PushMessage } from "../push-types.ts";
import { cutToBytes, jsonBytes } from "../text.ts";
import { apnsRequest, heraldData } from "./apns-payload.ts";

/** FCM refuses a message whose data and notification together pass 4,096 bytes (PSH-6: cut text, not JSON). */
export const FCM_MAX_BYTES = 4096;

function fitNotification(
  text: { title?: string; body?: string },
  data: Record<string, string>,
): { title?: string; body?: string } {
  const budget = FCM_MAX_BYTES - jsonBytes(data);
  let cur = text;
  for (const field of ["body", "title"] as const) {
    const value = cur[field];
    if (jsonBytes(cur) <= budget || value === undefined) continue;
    const base = cur;
    cur = cutToBytes(budget, (v) => ({ ...base, [field]: v }), value);
  }
  return cur;
}

export interface FcmMessage {
  message: Record<string, unknown>;
}

/** FCM data values must be strings. */
function stringData(d: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d)) out[k] = typeof v === "string" ? v : JSON.stringify(v);
  return out;
}

export function fcmMessage(push: PushMessage, token: string, nowMs: number): FcmMessage {
  const p = push.payload;
  const t = p as { title?: string; body?: string };
  const text =
    t.title || t.body
      ? { ...(t.title ? { title: t.title } : {}), ...(t.body ? { body: t.body } : {}) }
      : null;
  const visible = text !== null && p.type !== "clear";
  const high = push.urgency === "high";
  const data = stringData({ ...heraldData(p), badge: p.badge });
  const ios = apnsRequest(push, { token, appId: "" }, nowMs);
  const { ":path": _path, "apns-topic": _topic, ...apnsHeaders } = ios.headers;
  return {
    message: {
      token,
      data,
      ...(visible ? { notification: fitNotification(text, data) } : {}),
      android: {
        collapse_key: p.tag,
        // Data-only pushes that the user must see soon (id only for a mention) are high too, so the app wakes.
        priority: high ? "HIGH" : "NORMAL",
        ttl: `${push.ttl}s`,
        ...(visible ? { notification: { tag: p.tag, notification_count: p.badge } } : {}),
      },
      apns: { headers: apnsHeaders, payload: JSON.parse(ios.body) as object },
    },
  };
}
