// Device identity (SPEC §1): an id kept in local storage, and the device kind.
import type { DeviceKind, KeyValueStore } from "./types.ts";

const DEVICE_KEY = "herald.deviceId";

export function getDeviceId(store: KeyValueStore, random: () => string = randomId): string {
  const existing = store.getItem(DEVICE_KEY);
  if (existing) return existing;
  const id = random();
  store.setItem(DEVICE_KEY, id);
  return id;
}

export function randomId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  return `d-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

const MOBILE_UA = /Android.+Mobile|iPhone|iPod|Windows Phone|Mobile Safari|Opera Mini|IEMobile|BlackBerry/i;

/** Phone UA → mobile; installed PWA/desktop app (standalone display) → desktop; else web. */
export function detectDeviceKind(userAgent: string, standalone: boolean): DeviceKind {
  if (MOBILE_UA.test(userAgent)) return "mobile";
  return standalone ? "desktop" : "web";
}

/** Reads the browser; safe to call where window/matchMedia are absent. */
export function browserDeviceKind(): DeviceKind {
  const ua = globalThis.navigator?.userAgent ?? "";
  const mm = (globalThis as { matchMedia?: (q: string) => { matches: boolean } }).matchMedia;
  const standalone = typeof mm === "function" && mm("(display-mode: standalone)").matches;
  return detectDeviceKind(ua, standalone);
}

/** localStorage when usable, else null (Safari private mode throws on access). */
export function browserStore(): KeyValueStore | null {
  try {
    const ls = (globalThis as { localStorage?: KeyValueStore }).localStorage;
    if (!ls) return null;
    ls.setItem("herald.probe", "1");
    ls.removeItem("herald.probe");
    return ls;
  } catch {
    return null;
  }
}
