// Web Push subscription (PSH-7) and the page side of the service worker.
import type { HeraldApi } from "./api.ts";
import type { NotificationData } from "./sw/payload.ts";
import type { DeviceKind, KeyValueStore } from "./types.ts";

export type { NotificationData, PushPayload } from "./sw/payload.ts";
export { clearMatches, parsePayload, pickClient, showSpec, targetUrl } from "./sw/payload.ts";

const SUB_KEY = "herald.pushSubscription";

export function pushSupported(): boolean {
  const g = globalThis as { navigator?: Navigator; PushManager?: unknown };
  return !!g.navigator && "serviceWorker" in g.navigator && typeof g.PushManager === "function";
}

export function registerServiceWorker(url = "/sw.js"): Promise<ServiceWorkerRegistration> {
  // Classic script: scripts/build-sw.ts bundles it into one file (module workers are not everywhere).
  return navigator.serviceWorker.register(url, { scope: "/" });
}

/** base64url (VAPID public key) → bytes for applicationServerKey. */
export function urlBase64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const pad = "=".repeat((4 - (b64.length % 4)) % 4);
  const raw = atob((b64 + pad).replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export interface SubscribeOptions {
  api: HeraldApi;
  registration: ServiceWorkerRegistration;
  deviceId: string;
  deviceKind: DeviceKind;
  store: KeyValueStore;
}

/**
 * Subscribes (or reuses the browser's subscription) and registers it with the
 * server once per endpoint. Needs notification permission "granted".
 */
export async function subscribePush(o: SubscribeOptions): Promise<{ id: string; endpoint: string }> {
  const { publicKey } = await o.api.vapidPublicKey();
  const key = urlBase64ToBytes(publicKey);
  let sub = await o.registration.pushManager.getSubscription();
  if (sub && !sameKey(sub.options.applicationServerKey, key)) {
    // The server's VAPID key changed: the old subscription can no longer be used.
    await sub.unsubscribe();
    sub = null;
  }
  sub ??= await o.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  const saved = readSaved(o.store);
  if (saved && saved.endpoint === sub.endpoint) return saved;
  const json = sub.toJSON();
  const { id } = await o.api.addPushSubscription({
    endpoint: sub.endpoint,
    keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" },
    deviceId: o.deviceId,
    deviceKind: o.deviceKind,
    expirationTime: sub.expirationTime,
  });
  const result = { id, endpoint: sub.endpoint };
  o.store.setItem(SUB_KEY, JSON.stringify(result));
  return result;
}

export async function unsubscribePush(o: Omit<SubscribeOptions, "deviceId" | "deviceKind">): Promise<void> {
  const saved = readSaved(o.store);
  if (saved) await o.api.removePushSubscription(saved.id).catch(() => {});
  o.store.removeItem(SUB_KEY);
  const sub = await o.registration.pushManager.getSubscription();
  await sub?.unsubscribe();
}

function readSaved(store: KeyValueStore): { id: string; endpoint: string } | null {
  try {
    const raw = store.getItem(SUB_KEY);
    return raw ? (JSON.parse(raw) as { id: string; endpoint: string }) : null;
  } catch {
    return null;
  }
}

function sameKey(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a) return false;
  const x = new Uint8Array(a);
  return x.length === b.length && x.every((v, i) => v === b[i]);
}

/** Clicks on push notifications: the service worker posts {t:"herald.open", …} to the focused tab. */
export function onServiceWorkerOpen(
  handler: (data: NotificationData & { action: string }) => void,
): () => void {
  if (!pushSupported()) return () => {};
  const fn = (ev: MessageEvent) => {
    const d = ev.data as { t?: string } | null;
    if (d?.t === "herald.open") handler(d as unknown as NotificationData & { action: string });
  };
  navigator.serviceWorker.addEventListener("message", fn);
  return () => navigator.serviceWorker.removeEventListener("message", fn);
}
