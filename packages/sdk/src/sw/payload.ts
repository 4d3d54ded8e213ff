// Push payload of the service worker: the type is core's (one contract with the server's sender,
// docs/ARCHITECTURE.md "Push payload"). Pure functions, tested in Node.

import type { Named, PushPayload } from "@herald/core";

export type { Named, PushPayload };

/** What the service worker shows. `data` travels with the notification to the click handler. */
export interface ShowSpec {
  title: string;
  options: {
    body: string;
    tag: string;
    icon?: string;
    badge?: string;
    timestamp?: number;
    requireInteraction?: boolean;
    renotify?: boolean;
    data: NotificationData;
  };
}
export interface NotificationData {
  url: string;
  messageId?: string;
  roomId?: string;
  threadId?: string;
  conversationId?: string;
  callId?: string;
}
/** Body of GET /api/v1/push/messages/:id for "id only" (PSH-4); extra fields are ignored. */
export interface FetchedContent {
  title?: string;
  body?: string;
  url?: string;
}

export function parsePayload(text: string | null | undefined): PushPayload | null {
  if (!text) return null;
  try {
    const p = JSON.parse(text) as { v?: unknown; type?: unknown; tag?: unknown };
    if (!p || p.v !== 1 || typeof p.type !== "string" || typeof p.tag !== "string") return null;
    return p as PushPayload;
  } catch {
    return null;
  }
}

/** The app URL a click opens (the web app's routes: /chat/:room[/thread/:id], /support/c/:id). */
export function targetUrl(p: PushPayload): string {
  if ("url" in p && p.url) return p.url;
  const room = (id: string, thread?: string) =>
    `/chat/${encodeURIComponent(id)}${thread ? `/thread/${encodeURIComponent(thread)}` : ""}`;
  switch (p.type) {
    case "message":
      return `${room(p.roomId, p.threadId)}?message=${encodeURIComponent(p.id)}`;
    case "support":
      return `/support/c/${encodeURIComponent(p.conversationId)}`;
    case "call":
    case "summary":
    case "clear":
      return room(p.roomId);
  }
}

/** Builds what to show; fetched = content from the id-only fetch (or null when it failed). */
export function showSpec(
  p: PushPayload,
  fetched: FetchedContent | null = null,
  siteName = "Herald",
): ShowSpec | null {
  if (p.type === "clear") return null;
  const data: NotificationData = { url: fetched?.url ?? targetUrl(p) };
  if (p.type === "support") data.conversationId = p.conversationId;
  else data.roomId = p.roomId;
  if (p.type === "message") Object.assign(data, { messageId: p.id, threadId: p.threadId });
  if (p.type === "call") data.callId = p.callId;
  const title = fetched?.title ?? p.title ?? defaultTitle(p, siteName);
  const body = fetched?.body ?? ("body" in p && p.body ? p.body : defaultBody(p));
  return {
    title,
    options: {
      body,
      tag: p.tag,
      timestamp: p.type === "message" ? p.ts : undefined,
      requireInteraction: p.type === "call" ? true : undefined,
      // A newer push for the same room replaces the old banner (PSH-5) and should still alert.
      renotify: true,
      data,
    },
  };
}

function defaultTitle(p: Exclude<PushPayload, { type: "clear" }>, siteName: string): string {
  if (p.type === "call") return p.from ? `${p.from.name} is calling` : "Incoming call";
  return siteName;
}

function defaultBody(p: Exclude<PushPayload, { type: "clear" }>): string {
  if (p.type === "summary") return `${p.count} new ${p.count === 1 ? "message" : "messages"}`;
  if (p.type === "call") return "Open Herald to answer";
  return "You have a new message";
}

/** PSH-3: which shown notifications a clear push removes: the room's tag, or only the listed messages. */
export function clearMatches(
  clear: Extract<PushPayload, { type: "clear" }>,
  shown: { tag: string; data: unknown },
): boolean {
  const data = (shown.data ?? {}) as Partial<NotificationData>;
  if (clear.messageIds?.length) return !!data.messageId && clear.messageIds.includes(data.messageId);
  if (clear.threadId) return shown.tag === clear.tag && data.threadId === clear.threadId;
  return shown.tag === clear.tag || data.roomId === clear.roomId;
}

/** Picks the window to focus on click: one already at the URL, else a focused one, else any. */
export function pickClient<C extends { url: string; focused?: boolean }>(
  clients: C[],
  url: string,
  origin: string,
): C | null {
  const abs = new URL(url, origin).href;
  const same = clients.filter((c) => c.url.startsWith(origin));
  return same.find((c) => c.url === abs) ?? same.find((c) => c.focused) ?? same[0] ?? null;
}
