// Permission flow PRM-1 … PRM-4 as a small pure state machine (reducePermission)
// plus a thin controller that talks to the Notification API and a storage port.
import type { KeyValueStore, NotificationPermissionState } from "./types.ts";

export type PermissionPhase =
  | "unsupported" // no Notification API: banners fall back to in-app toasts (PRM-3)
  | "default" // not asked in this app start (yet)
  | "offered" // our own "Enable desktop notifications?" prompt is showing (PRM-1)
  | "requesting" // the browser's prompt is open
  | "granted"
  | "dismissed" // "not now" or browser prompt closed: offered again at next start, and from Settings
  | "denied"; // blocked in the browser: never asked again (PRM-2)

export type BrowserPermission = "default" | "granted" | "denied";

export type PermissionEvent =
  | { type: "start"; supported: boolean; browser: BrowserPermission }
  | { type: "allow" } // user clicked Allow (our prompt or Settings)
  | { type: "dismiss" } // user clicked "not now" / closed our prompt
  | { type: "result"; browser: BrowserPermission } // the browser prompt answered
  | { type: "browserChanged"; browser: BrowserPermission } // changed in site settings
  | { type: "offerFromSettings" };

export function reducePermission(phase: PermissionPhase, e: PermissionEvent): PermissionPhase {
  switch (e.type) {
    case "start":
      if (!e.supported) return "unsupported";
      // PRM-1/PRM-2: every app start with permission "default" offers again, even after a dismiss.
      return e.browser === "default" ? "offered" : e.browser;
    case "allow":
      return phase === "offered" || phase === "dismissed" || phase === "default" ? "requesting" : phase;
    case "dismiss":
      return phase === "offered" ? "dismissed" : phase;
    case "result":
      if (phase !== "requesting") return phase;
      // Closing the browser's own prompt leaves "default": treat it as a dismiss.
      return e.browser === "default" ? "dismissed" : e.browser;
    case "browserChanged":
      if (phase === "unsupported") return phase;
      if (e.browser === "default") return phase === "granted" || phase === "denied" ? "dismissed" : phase;
      return e.browser;
    case "offerFromSettings":
      return phase === "dismissed" || phase === "default" ? "offered" : phase;
  }
}

/** What each connection reports to the server (PRM-3). */
export function reportedPermission(phase: PermissionPhase): NotificationPermissionState {
  if (phase === "unsupported" || phase === "granted" || phase === "denied") return phase;
  return "default";
}

export type BrowserFamily = "chrome" | "edge" | "firefox" | "safari" | "other";

export function detectBrowser(userAgent: string): BrowserFamily {
  if (/Edg\//.test(userAgent)) return "edge";
  if (/Firefox\//.test(userAgent)) return "firefox";
  if (/Chrome\/|Chromium\/|CriOS\//.test(userAgent)) return "chrome";
  if (/Safari\//.test(userAgent)) return "safari";
  return "other";
}

/** PRM-2: how to unblock notifications once denied. */
export function unblockInstructions(browser: BrowserFamily): string {
  switch (browser) {
    case "chrome":
    case "edge":
      return "Click the icon left of the address bar (site information), open Notifications and choose Allow, then reload the page.";
    case "firefox":
      return "Click the icon left of the address bar, remove the 'Blocked' notifications permission (or open Settings › Privacy & Security › Permissions › Notifications › Settings and allow this site), then reload the page.";
    case "safari":
      return "Open Safari › Settings › Websites › Notifications, set this website to Allow, then reload the page.";
    default:
      return "Open your browser's site settings for this page, allow notifications, then reload the page.";
  }
}

/** PRM-3: the reminder Settings shows in every case. */
export const OS_BLOCK_REMINDER =
  "Your operating system may also block notifications from your browser (for example Focus / Do Not Disturb, or the browser being turned off in the system's notification settings). If banners do not appear, check there too.";
export const OFFER_TEXT = "Enable desktop notifications?";
export const UNSUPPORTED_TEXT =
  "This browser does not support desktop notifications; Herald shows notifications inside the page instead.";

export interface NotificationApiLike {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
}

const STORE_KEY = "herald.permission";

/** Controller: keeps the phase, records decisions in the store, notifies listeners. */
export class PermissionFlow {
  phase: PermissionPhase = "default";
  private readonly api: NotificationApiLike | null;
  private readonly store: KeyValueStore;
  private readonly listeners = new Set<(phase: PermissionPhase) => void>();

  constructor(api: NotificationApiLike | null, store: KeyValueStore) {
    this.api = api;
    this.store = store;
  }

  /** Call once per app start (PRM-1). */
  start(): PermissionPhase {
    return this.apply({ type: "start", supported: this.api !== null, browser: this.browser() });
  }

  /** Must run inside a click handler: browsers only show their prompt on a user gesture (PRM-1). */
  allowFromClick(): Promise<PermissionPhase> {
    if (!this.api || this.apply({ type: "allow" }) !== "requesting") return Promise.resolve(this.phase);
    let pending: Promise<NotificationPermission>;
    try {
      pending = this.api.requestPermission();
    } catch {
      return Promise.resolve(this.apply({ type: "result", browser: this.browser() }));
    }
    return pending.then(
      (r) => this.apply({ type: "result", browser: r }),
      () => this.apply({ type: "result", browser: this.browser() }),
    );
  }

  dismiss(): PermissionPhase {
    return this.apply({ type: "dismiss" });
  }

  offerFromSettings(): PermissionPhase {
    return this.apply({ type: "offerFromSettings" });
  }

  /** Re-read the browser (on focus / visibilitychange: the user may have changed site settings). */
  refresh(): PermissionPhase {
    if (!this.api) return this.phase;
    const b = this.browser();
    return reportedPermission(this.phase) === b
      ? this.phase
      : this.apply({ type: "browserChanged", browser: b });
  }

  /** The last decision recorded by any tab of this device, with its time. */
  lastDecision(): { phase: PermissionPhase; at: number } | null {
    try {
      const raw = this.store.getItem(STORE_KEY);
      return raw ? (JSON.parse(raw) as { phase: PermissionPhase; at: number }) : null;
    } catch {
      return null;
    }
  }

  onChange(fn: (phase: PermissionPhase) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private browser(): BrowserPermission {
    return this.api ? this.api.permission : "default";
  }

  private apply(e: PermissionEvent): PermissionPhase {
    const next = reducePermission(this.phase, e);
    if (next === this.phase) return next;
    this.phase = next;
    if (next === "granted" || next === "denied" || next === "dismissed") {
      try {
        this.store.setItem(STORE_KEY, JSON.stringify({ phase: next, at: Date.now() }));
      } catch {
        // Storage blocked: the browser's own permission still tells the truth.
      }
    }
    for (const fn of this.listeners) fn(next);
    return next;
  }
}
