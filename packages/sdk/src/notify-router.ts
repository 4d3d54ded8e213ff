// Routes realtime frames to the presenters: chat notifies (DSK-2 … DSK-6, GEN-7), support and missed-call
// notifies with their PRF-44 … PRF-48 options (the PRF-51 focus rule again, with this tab's focus now: the
// gateway decided with what it knew when it sent), PRF-50's `assigned.unread` to the reminder, and
// `ready.rebuilt` / `ready.gap` to the app's resync callback (GEN-7: rebuilt items never banner or sound).
import type { AlertAction, AlertManager } from "./alerts.ts";
import { bannerBody } from "./banner-text.ts";
import {
  type BannerPresenter,
  type BannerRequest,
  bannerOfNotify,
  needsBodyOfText,
  notifyTag,
  roomTag,
} from "./banners.ts";
import type { Connection } from "./connection.ts";
import type { ClientPreferences } from "./prefs.ts";
import type { SoundHandle } from "./sounds.ts";
import { isToneName, type ToneName } from "./tones.ts";
import type { AssignedUnreadFrame, NotifyFrame, ReadyFrame, View } from "./types.ts";

/** Where a banner or push click should take the app (DSK-6). */
export interface OpenTarget {
  roomId?: string;
  threadId?: string;
  messageId?: string;
  conversationId?: string;
  url?: string;
}

/** Why the app should refetch its room lists, badge and inbox over HTTP (GEN-7). */
export interface ResyncInfo {
  /** Missed items were rebuilt from the store (replayed without banners). */
  rebuilt: boolean;
  /** Even that is incomplete: reload the inbox. */
  gap: boolean;
}

export interface NotifyRouterOptions {
  banners: Pick<BannerPresenter, "show" | "closeTag">;
  alerts: Pick<AlertManager, "handle" | "setUnreadAssigned">;
  play: (tone: ToneName, o: { volume: number; loop: boolean }) => SoundHandle;
  /** Device-wide dedup (GEN-7, DSK-3): false when this key was already claimed on the device. */
  claim: (key: string) => boolean;
  prefs: () => ClientPreferences;
  /** This tab's window has focus. */
  focused: () => boolean;
  view: () => View & { conversationId?: string };
  /** Chat banner click (DSK-6): open the target and mark it read. */
  open: (target: OpenTarget, notificationId?: string) => void;
  markNotificationRead?: (notificationId: string) => void;
  /** Support banner click (PRF-48); without it a click opens the conversation. */
  onAlertAction?: (a: AlertAction) => void;
  onResync?: (info: ResyncInfo) => void;
}

const isUserEvent = (n: NotifyFrame) => n.trigger === "support" || n.trigger === "call";

export class NotifyRouter {
  readonly #o: NotifyRouterOptions;
  /** Set by a `ready` whose missed items were rebuilt: its replayed notifies get no banner or sound. */
  #rebuilt = false;
  /** Looping notify sounds (PRF-45), by banner tag: stopped by a read of the room, a click or stopAll. */
  readonly #loops = new Map<string, SoundHandle>();

  constructor(options: NotifyRouterOptions) {
    this.#o = options;
  }

  /** Subscribes to the connection; returns the unsubscribes. */
  attach(c: Connection): (() => void)[] {
    return [
      c.on("ready", (e) => this.ready(e)),
      c.on("notify", (e) => this.notify(e)),
      c.on("read", (e) => this.read(e.roomId)),
      c.on("assigned.unread", (e) => this.assignedUnread(e)),
      c.on("ring.start", (e) => this.#o.alerts.handle(e)),
      c.on("ring.stop", (e) => this.#o.alerts.handle(e)),
      c.on("pending.start", (e) => this.#o.alerts.handle(e)),
      c.on("pending.stop", (e) => this.#o.alerts.handle(e)),
    ];
  }

  ready(e: ReadyFrame): void {
    this.#rebuilt = e.rebuilt === true;
    // The server sends `assigned.unread` after `ready` only when the set is not empty (PRF-50): start from
    // empty so a set that emptied while this tab was away does not keep reminding.
    this.#o.alerts.setUnreadAssigned([]);
    if (e.rebuilt || e.gap) this.#o.onResync?.({ rebuilt: e.rebuilt === true, gap: e.gap === true });
  }

  assignedUnread(e: AssignedUnreadFrame): void {
    this.#o.alerts.setUnreadAssigned(Array.isArray(e.conversationIds) ? e.conversationIds : []);
  }

  /** A read anywhere (another device too) removes that room's banner and stops its looping sound. */
  read(roomId: string): void {
    const tag = roomTag(roomId);
    this.#o.banners.closeTag(tag);
    this.#stopLoop(tag);
  }

  notify(n: NotifyFrame): void {
    // GEN-7: items rebuilt from the store were never alerted on this device's connection; never now either.
    if (n.replay && this.#rebuilt) return;
    if (isUserEvent(n)) this.#userEvent(n);
    else this.#chat(n);
  }

  stopAll(): void {
    for (const tag of [...this.#loops.keys()]) this.#stopLoop(tag);
  }

  #chat(n: NotifyFrame): void {
    const target = targetOf(n);
    this.#banner(n, this.#o.prefs().account.bannerSeconds, () => this.#o.open(target, n.notificationId));
    this.#sound(n);
  }

  /** Support events and missed calls (SUP-5 … SUP-8, CAL-1): PRF-51's focus rule, PRF-47 stay, PRF-48 click,
   *  PRF-46 tone and PRF-45 loop as the gateway sent them. */
  #userEvent(n: NotifyFrame): void {
    if (!this.#focusAllows(n)) return;
    const p = this.#o.prefs();
    this.#banner(n, p.agent.messages.bannerSeconds, () => this.#clicked(n));
    this.#sound(n);
  }

  /** Shows the notify's banner (DSK-4). The server sends its body; only a banner without one waits for core's
   *  Markdown parser, which is loaded then, so a page does not carry it from the start. */
  #banner(n: NotifyFrame, stay: BannerRequest["stay"], onClick: () => void): void {
    const show = (bodyOfText: (text: string) => string) => {
      const banner = bannerOfNotify(n, stay, bodyOfText, onClick);
      if (banner) this.#o.banners.show(banner);
    };
    if (!needsBodyOfText(n)) show(() => "");
    // Should the parser fail to load (the network dropped), the first line as written still says something.
    else
      import("./banner-plain.ts").then(
        (m) => show(m.bannerBodyOfText),
        () => show((text) => bannerBody(text)),
      );
  }

  /** PRF-51 / DSK-2: nothing while this tab has focus unless PRF-44, never for the conversation in view. */
  #focusAllows(n: NotifyFrame): boolean {
    if (!this.#o.focused()) return true;
    const v = this.#o.view();
    if (n.conversationId && v.conversationId === n.conversationId) return false;
    if (n.roomId && v.roomId === n.roomId) return false;
    return n.alsoWhenFocused === true;
  }

  /** DSK-6 for support alerts: perform PRF-48 and mark the item read. */
  #clicked(n: NotifyFrame): void {
    this.#stopLoop(notifyTag(n));
    const click = typeof n.banner === "object" ? n.banner.click : undefined;
    const conversationId = n.conversationId;
    if (!conversationId || !click || click === "open" || !this.#o.onAlertAction) {
      this.#o.open(targetOf(n), n.notificationId);
      return;
    }
    // "focus": the presenter already focused the window; "pickup": the app picks the contact up.
    this.#o.onAlertAction({ kind: click, conversationId });
    if (n.notificationId) this.#o.markNotificationRead?.(n.notificationId);
  }

  #sound(n: NotifyFrame): void {
    if (!n.sound || !this.#o.prefs().agent.audioMaster) return; // PRF-49
    const id = n.notificationId ?? n.messageId ?? String(n.cursor);
    // One chime per device, like banners (DSK-3: the gateway picks the tab), none again after a resume (GEN-7).
    if (!this.#o.claim(`sound:${id}`)) return;
    const s = n.sound;
    const account = this.#o.prefs().account;
    const tone = s.name;
    if (!isToneName(tone)) return;
    const volume = s.volume ?? account.volume;
    const loop = s.loop === true;
    const handle = this.#o.play(tone, { volume, loop });
    if (!loop) return;
    const tag = notifyTag(n);
    this.#stopLoop(tag);
    this.#loops.set(tag, handle);
  }

  #stopLoop(tag: string): void {
    this.#loops.get(tag)?.stop();
    this.#loops.delete(tag);
  }
}

function targetOf(n: NotifyFrame): OpenTarget {
  return {
    roomId: n.roomId ?? undefined,
    threadId: n.threadId,
    messageId: n.messageId ?? undefined,
    conversationId: n.conversationId,
  };
}
