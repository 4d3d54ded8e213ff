// Banner presenter on the Notification API (DSK-3 … DSK-6, PRF-49), with an
// in-app toast fallback when notifications are unsupported or not granted.
import { bannerBodyOfText } from "./banner-plain.ts";
import { bannerBody, bannerTitle, firstLine, truncate } from "./banner-text.ts";
import type { ShownBanners } from "./dedup.ts";
import type { TabLeader } from "./leader.ts";
import type { BannerStay, NotifyFrame, Timers } from "./types.ts";
import { realTimers } from "./types.ts";

export interface BannerRequest {
  /** Dedup key per device: notification id, else message id (GEN-7: no second banner). */
  id: string;
  title: string;
  body: string;
  /** One banner per room: a newer one replaces the older (tag). */
  tag: string;
  icon?: string;
  stay: BannerStay;
  onClick?: () => void;
  /**
   * false when the server already chose one tab per device (notify frames: the gateway sends the banner
   * to one tab, DSK-3) — the leader check would drop it when that tab is not the leader. The device-wide
   * dedup still applies. Default true (ring / pending frames reach every tab).
   */
  leaderOnly?: boolean;
}

export type BannerResult =
  | { outcome: "notification" | "toast" }
  | { outcome: "skipped"; reason: "master_off" | "not_leader" | "duplicate" | "no_output" };

export interface NotificationLike {
  close(): void;
  onclick: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
}
export interface NotificationCtorLike {
  readonly permission: NotificationPermission;
  new (title: string, options?: NotificationOptions & { requireInteraction?: boolean }): NotificationLike;
}

export interface Toast {
  id: string;
  title: string;
  body: string;
  stay: BannerStay;
  click(): void;
}

export interface BannerPresenterOptions {
  notification: NotificationCtorLike | null;
  leader: TabLeader;
  shown: ShownBanners;
  /** PRF-49 desktop-banner master switch. */
  masterOn: () => boolean;
  focusWindow?: () => void;
  /** In-app toast when the Notification API is missing or not granted (PRM-3). */
  onToast?: (toast: Toast) => void;
  timers?: Timers;
}

export class BannerPresenter {
  private readonly o: BannerPresenterOptions;
  private readonly timers: Timers;
  private readonly open = new Map<string, { n: NotificationLike; id: string; timer: unknown }>();
  private readonly toasted = new Set<string>();

  constructor(options: BannerPresenterOptions) {
    this.o = options;
    this.timers = options.timers ?? realTimers;
  }

  show(req: BannerRequest): BannerResult {
    if (!this.o.masterOn()) return { outcome: "skipped", reason: "master_off" };
    const N = this.o.notification;
    if (N && N.permission === "granted") return this.showNotification(N, req);
    if (!this.o.onToast) return { outcome: "skipped", reason: "no_output" };
    // Toasts live in the page, so each tab shows its own (a hidden leader tab would hide it).
    if (this.toasted.has(req.id)) return { outcome: "skipped", reason: "duplicate" };
    this.toasted.add(req.id);
    this.o.onToast({ ...req, click: () => this.clicked(req) });
    return { outcome: "toast" };
  }

  private showNotification(N: NotificationCtorLike, req: BannerRequest): BannerResult {
    if (req.leaderOnly !== false && !this.o.leader.isLeader())
      return { outcome: "skipped", reason: "not_leader" };
    if (!this.o.shown.claim(req.id)) return { outcome: "skipped", reason: "duplicate" };
    this.closeTag(req.tag);
    const n = new N(req.title, {
      body: req.body,
      tag: req.tag,
      icon: req.icon,
      // "until closed" (PRF-14/PRF-47) — else we close it ourselves (DSK-5).
      requireInteraction: req.stay === "until_closed",
      // The SDK plays its own tones (PRF-8/PRF-34); no second OS sound.
      silent: true,
    });
    const timer =
      req.stay === "until_closed"
        ? null
        : this.timers.setTimeout(() => this.closeTag(req.tag), req.stay * 1000);
    this.open.set(req.tag, { n, id: req.id, timer });
    n.onclick = () => {
      this.closeTag(req.tag);
      this.clicked(req);
    };
    n.onclose = () => this.forget(req.tag, n);
    return { outcome: "notification" };
  }

  private clicked(req: BannerRequest): void {
    this.o.focusWindow?.();
    req.onClick?.();
  }

  closeTag(tag: string): void {
    const entry = this.open.get(tag);
    if (!entry) return;
    this.forget(tag, entry.n);
    entry.n.close();
  }

  closeId(id: string): void {
    for (const [tag, e] of this.open) if (e.id === id) this.closeTag(tag);
  }

  closeAll(): void {
    for (const tag of [...this.open.keys()]) this.closeTag(tag);
  }

  openTags(): string[] {
    return [...this.open.keys()];
  }

  private forget(tag: string, n: NotificationLike): void {
    const entry = this.open.get(tag);
    if (!entry || entry.n !== n) return;
    if (entry.timer !== null) this.timers.clearTimeout(entry.timer);
    this.open.delete(tag);
  }
}

// Same tags as the server's push payloads, so a push and a page banner of one room replace each other.
export const roomTag = (roomId: string): string => `room-${roomId}`;
/** A notify's banner tag: its room's, else its own (support events without a room). */
export const notifyTag = (n: NotifyFrame): string =>
  n.roomId ? roomTag(n.roomId) : `notify-${n.notificationId ?? n.cursor}`;

/** Builds the banner of a `notify` frame (DSK-4), or null when the server said no banner. */
export function notifyToBanner(
  n: NotifyFrame,
  defaultStay: BannerStay,
  onClick?: () => void,
): BannerRequest | null {
  return bannerOfNotify(n, defaultStay, bannerBodyOfText, onClick);
}

/** A notify whose banner has text but no body: its body comes from the text, through core's parser. */
export const needsBodyOfText = (n: NotifyFrame): boolean => !!n.banner && n.banner.body === undefined;

/** notifyToBanner with the fallback body given: `bodyOfText` is called only when needsBodyOfText(n). */
export function bannerOfNotify(
  n: NotifyFrame,
  defaultStay: BannerStay,
  bodyOfText: (text: string) => string,
  onClick?: () => void,
): BannerRequest | null {
  if (!n.banner) return null;
  const b = n.banner;
  const title = b.title
    ? truncate(firstLine(b.title), 120)
    : bannerTitle(b.senderName ?? "", b.roomKind, b.roomName);
  const body = b.body !== undefined ? bannerBody(b.body) : bodyOfText(b.text ?? "");
  return {
    id: n.notificationId ?? n.messageId ?? `cursor:${n.cursor}`,
    title,
    body,
    tag: notifyTag(n),
    icon: b.senderAvatarUrl,
    stay: b.stay !== undefined ? b.stay : defaultStay,
    onClick,
    leaderOnly: false,
  };
}

/** In-app toast element; text goes through textContent only (DSK-4: never HTML). */
export function renderToast(doc: Document, toast: Toast): HTMLElement {
  const root = doc.createElement("div");
  root.className = "herald-toast";
  root.setAttribute("role", "status");
  const title = doc.createElement("strong");
  title.textContent = toast.title;
  const body = doc.createElement("div");
  body.textContent = toast.body;
  root.append(title, body);
  root.addEventListener("click", () => toast.click());
  return root;
}
