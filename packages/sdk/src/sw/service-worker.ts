// Herald push service worker: shows pushes (title/body/tag/badge from the
// payload, or fetched with the user's credentials for "id only", PSH-4),
// removes notifications on "clear" pushes (PSH-3), and opens or focuses the
// app at the message on click (DSK-6). Build it as /sw.js: scripts/build-sw.ts.
import { clearMatches, type NotificationData, parsePayload, pickClient, showSpec } from "./payload.ts";

// Minimal service-worker types: the project compiles with lib "dom", not "webworker".
interface ExtendableEvent {
  waitUntil(p: Promise<unknown>): void;
}
interface PushEvent extends ExtendableEvent {
  readonly data: { text(): string } | null;
}
interface ShownNotification {
  readonly tag: string;
  readonly data: unknown;
  close(): void;
}
interface NotificationEvent extends ExtendableEvent {
  readonly notification: ShownNotification;
  readonly action: string;
}
interface WindowClientLike {
  readonly url: string;
  readonly focused: boolean;
  focus(): Promise<unknown>;
  navigate?(url: string): Promise<unknown>;
  postMessage(msg: unknown): void;
}
interface SwScope {
  readonly location: { origin: string };
  readonly registration: {
    showNotification(title: string, options: object): Promise<void>;
    getNotifications(filter?: { tag?: string }): Promise<ShownNotification[]>;
  };
  readonly clients: {
    matchAll(o: { type: "window"; includeUncontrolled: boolean }): Promise<WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
    claim(): Promise<void>;
  };
  readonly navigator: { setAppBadge?(n?: number): Promise<void>; clearAppBadge?(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: string, fn: (e: never) => void): void;
  fetch(url: string, init?: RequestInit): Promise<Response>;
}

const sw = globalThis as unknown as SwScope;
const API = "/api/v1";

sw.addEventListener("install", (e: ExtendableEvent) => e.waitUntil(sw.skipWaiting()));
sw.addEventListener("activate", (e: ExtendableEvent) => e.waitUntil(sw.clients.claim()));

sw.addEventListener("push", (e: PushEvent) => e.waitUntil(onPush(e.data?.text() ?? null)));

async function onPush(text: string | null): Promise<void> {
  const p = parsePayload(text);
  if (!p) return;
  await setBadge(p.badge);
  if (p.type === "clear") {
    const shown = await sw.registration.getNotifications();
    for (const n of shown) if (clearMatches(p, n)) n.close();
    return;
  }
  const fetched = "fetch" in p && p.fetch && p.type === "message" ? await fetchContent(p.id) : null;
  const spec = showSpec(p, fetched);
  if (spec)
    await sw.registration.showNotification(spec.title, {
      ...spec.options,
      icon: spec.options.icon ?? "/icon-192.png",
    });
}

async function fetchContent(
  messageId: string,
): Promise<{ title?: string; body?: string; url?: string } | null> {
  try {
    const res = await sw.fetch(`${API}/push/messages/${encodeURIComponent(messageId)}`, {
      credentials: "include",
      headers: { accept: "application/json" },
    });
    if (!res.ok) return null; // signed out, or the message is gone: show the generic text
    return (await res.json()) as { title?: string; body?: string; url?: string };
  } catch {
    return null;
  }
}

async function setBadge(n: number): Promise<void> {
  try {
    if (typeof n !== "number") return;
    if (n > 0) await sw.navigator.setAppBadge?.(n);
    else await sw.navigator.clearAppBadge?.();
  } catch {
    // The badging API is optional.
  }
}

sw.addEventListener("notificationclick", (e: NotificationEvent) => {
  e.notification.close();
  e.waitUntil(openApp((e.notification.data ?? { url: "/" }) as NotificationData, e.action));
});

async function openApp(data: NotificationData, action: string): Promise<void> {
  const windows = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
  const client = pickClient(windows, data.url, sw.location.origin);
  if (!client) {
    await sw.clients.openWindow(data.url);
    return;
  }
  // The page's SDK navigates in-app and marks the message read (DSK-6).
  client.postMessage({ t: "herald.open", action, ...data });
  await client.focus();
}
