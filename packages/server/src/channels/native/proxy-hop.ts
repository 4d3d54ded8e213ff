// The push proxy hop's contract, shared by both ends: what a self-hosted Herald sends to the Herald that holds
// the Apple/Google credentials. It carries only what the native push needs and PRV-1 allows — the ids, the
// badge, the tag, and the title/body core wrote for the workspace's push content setting (none for "id only");
// never sender/room objects, links or timestamps. Signed HMAC-SHA256 over "<timestamp>.<message>".
import type { PushMessage, PushPayload } from "../push-types.ts";
import { heraldData } from "./apns-payload.ts";

export const PROXY_PATH = "/api/v1/push-proxy/send";

export interface HopMessage {
  platform: "apns" | "fcm";
  token: string;
  appId: string;
  environment: "production" | "sandbox";
  /** Herald's ids (heraldData) plus the visible text, if PRV-1 lets any leave the server. */
  data: Record<string, unknown>;
  title?: string;
  body?: string;
  badge: number;
  ttl: number;
  urgency: PushMessage["urgency"];
}

export function toHop(
  t: { platform: "apns" | "fcm"; token: string; appId: string; environment: "production" | "sandbox" },
  push: PushMessage,
): HopMessage {
  const p = push.payload as PushPayload & { title?: string; body?: string };
  return {
    ...t,
    data: heraldData(push.payload),
    ...(p.title ? { title: p.title } : {}),
    ...(p.body ? { body: p.body } : {}),
    badge: p.badge,
    ttl: push.ttl,
    urgency: push.urgency,
  };
}

const TYPES = new Set(["message", "clear", "summary", "call", "support"]);
const URGENCIES = new Set(["very-low", "low", "normal", "high"]);

/** The proxy's side: a HopMessage checked field by field, or why not. Rebuilds the PushMessage to send. */
export function fromHop(raw: unknown): { hop: HopMessage; push: PushMessage } | string {
  if (!raw || typeof raw !== "object") return "message must be an object";
  const h = raw as Record<string, unknown>;
  if (h.platform !== "apns" && h.platform !== "fcm") return "platform";
  if (typeof h.token !== "string" || !h.token || h.token.length > 4096) return "token";
  if (typeof h.appId !== "string" || !/^[A-Za-z0-9._:-]{1,200}$/.test(h.appId)) return "appId";
  if (h.environment !== "production" && h.environment !== "sandbox") return "environment";
  const d = h.data as Record<string, unknown> | null;
  if (!d || typeof d !== "object" || d.v !== 1 || !TYPES.has(String(d.type)) || typeof d.tag !== "string")
    return "data";
  for (const k of ["title", "body"] as const)
    if (h[k] !== undefined && (typeof h[k] !== "string" || (h[k] as string).length > 4096)) return k;
  if (!Number.isInteger(h.badge) || (h.badge as number) < 0) return "badge";
  if (!Number.isInteger(h.ttl) || (h.ttl as number) < 0 || (h.ttl as number) > 2_419_200) return "ttl";
  if (!URGENCIES.has(String(h.urgency))) return "urgency";
  const hop = h as unknown as HopMessage;
  // The native mappings read the payload's type, tag, badge, ids and text: rebuild exactly those.
  const payload = {
    ...d,
    badge: hop.badge,
    ...(hop.title ? { title: hop.title } : {}),
    ...(hop.body ? { body: hop.body } : {}),
  } as unknown as PushPayload;
  return {
    hop,
    push: {
      payload,
      json: JSON.stringify(payload),
      ttl: hop.ttl,
      urgency: hop.urgency,
      topic: String(d.tag),
    },
  };
}
