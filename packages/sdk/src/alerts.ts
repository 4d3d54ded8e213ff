// Ring and loop manager: calls (CAL-1, CAL-2), pending contacts (SUP-3,
// PRF-43 … PRF-48, PRF-51) and unread reminders every 30 s (PRF-50).
import type { BannerPresenter } from "./banners.ts";
import type { SoundHandle } from "./sounds.ts";
import type { ToneName } from "./tones.ts";
import type { BannerStay, PendingFrame, RingFrame, Timers, View } from "./types.ts";
import { realTimers } from "./types.ts";

export const RING_TIMEOUT_MS = 30_000; // CAL-2
export const REMINDER_EVERY_MS = 30_000; // PRF-50

/** Same field names as packages/core's SupportAlertPreferences. */
export interface SupportAlertPrefs {
  audio: boolean;
  desktop: boolean;
  alsoWhenFocused: boolean;
  loop: boolean;
  tone: ToneName;
  bannerSeconds: BannerStay;
  click: "open" | "pickup" | "focus";
}
export interface AlertPrefs {
  callSound: ToneName | "none"; // PRF-10
  volume: number; // PRF-9
  audioMaster: boolean; // PRF-49
  desktopMaster: boolean; // PRF-49
  pending: SupportAlertPrefs; // PRF-43 … PRF-48
  messages: SupportAlertPrefs;
  remindUnread: boolean; // PRF-50
}

export type AlertAction =
  | { kind: "call.open" | "call.answer" | "call.decline"; callId: string; roomId: string }
  | { kind: "open" | "pickup" | "focus"; conversationId: string };

export interface AlertManagerOptions {
  play: (tone: ToneName, o: { volume: number; loop: boolean }) => SoundHandle;
  banners: Pick<BannerPresenter, "show" | "closeTag">;
  prefs: () => AlertPrefs;
  /** The console / app window has focus. */
  focused: () => boolean;
  view: () => View & { conversationId?: string };
  onAction?: (a: AlertAction) => void;
  onRingChange?: (ringing: RingFrame[]) => void;
  onPendingChange?: (pending: PendingFrame[]) => void;
  onReminder?: (conversationIds: string[]) => void;
  /** Ring / pending frames reach every tab: only the leader tab plays sounds (DSK-3). Default: always. */
  isLeader?: () => boolean;
  displayName?: (userId: string) => string | undefined;
  timers?: Timers;
}

interface Active<F> {
  frame: F;
  sound: SoundHandle | null;
  timer: unknown;
}

export const callTag = (callId: string): string => `call-${callId}`;
export const pendingTag = (conversationId: string): string => `conv-${conversationId}`;

export class AlertManager {
  private readonly o: AlertManagerOptions;
  private readonly timers: Timers;
  private readonly rings = new Map<string, Active<RingFrame>>();
  private readonly pendings = new Map<string, Active<PendingFrame>>();
  private reminderTimer: unknown = null;
  private reminderIds: string[] = [];

  constructor(options: AlertManagerOptions) {
    this.o = options;
    this.timers = options.timers ?? realTimers;
  }

  handle(frame: RingFrame | PendingFrame): void {
    if ("callId" in frame) {
      if (frame.t === "ring.start") this.ringStart(frame);
      else this.ringStop(frame.callId);
    } else if (frame.t === "pending.start") this.pendingStart(frame);
    else this.pendingStop(frame.conversationId);
  }

  ringing(): RingFrame[] {
    return [...this.rings.values()].map((r) => r.frame);
  }
  pending(): PendingFrame[] {
    return [...this.pendings.values()].map((p) => p.frame);
  }

  /** The user pressed Answer / Decline in the app: stop here at once; the server stops the others. */
  answer(callId: string): void {
    this.callAction("call.answer", callId);
  }
  decline(callId: string): void {
    this.callAction("call.decline", callId);
  }

  private callAction(kind: "call.answer" | "call.decline", callId: string): void {
    const r = this.rings.get(callId);
    if (!r) return;
    this.ringStop(callId);
    this.o.onAction?.({ kind, callId, roomId: r.frame.roomId });
  }

  private ringStart(f: RingFrame): void {
    if (this.rings.has(f.callId)) return; // replayed on resume (GEN-7)
    const p = this.o.prefs();
    const sound =
      p.audioMaster && p.callSound !== "none" && this.leads()
        ? this.o.play(p.callSound, { volume: p.volume, loop: true })
        : null;
    // CAL-2: stop after 30 s even if the stop frame is lost.
    const timer = this.timers.setTimeout(() => this.ringStop(f.callId), RING_TIMEOUT_MS);
    this.rings.set(f.callId, { frame: f, sound, timer });
    if (p.desktopMaster) {
      const from = this.o.displayName?.(f.from) ?? f.from;
      this.o.banners.show({
        id: `call:${f.callId}`,
        title: `${from} is calling`,
        body: "Answer or decline in Herald",
        tag: callTag(f.callId),
        stay: "until_closed",
        onClick: () => this.o.onAction?.({ kind: "call.open", callId: f.callId, roomId: f.roomId }),
      });
    }
    this.o.onRingChange?.(this.ringing());
  }

  private ringStop(callId: string): void {
    const r = this.rings.get(callId);
    if (!r) return;
    this.rings.delete(callId);
    r.sound?.stop();
    this.timers.clearTimeout(r.timer);
    this.o.banners.closeTag(callTag(callId));
    this.o.onRingChange?.(this.ringing());
  }

  /** PRF-51 focus rule: nothing with focus unless PRF-44, never for the conversation in view. */
  private focusAllows(s: SupportAlertPrefs, conversationId: string): boolean {
    if (!this.o.focused()) return true;
    if (this.o.view().conversationId === conversationId) return false;
    return s.alsoWhenFocused;
  }

  private pendingStart(f: PendingFrame): void {
    if (this.pendings.has(f.conversationId)) return;
    const p = this.o.prefs();
    const s = p.pending;
    const focusOk = this.focusAllows(s, f.conversationId);
    const sound =
      p.audioMaster && s.audio && focusOk && this.leads()
        ? this.o.play(s.tone, { volume: p.volume, loop: s.loop })
        : null;
    this.pendings.set(f.conversationId, { frame: f, sound, timer: null });
    if (p.desktopMaster && s.desktop && focusOk) {
      this.o.banners.show({
        id: `pending:${f.conversationId}`,
        title: f.contactName ? `${f.contactName} is waiting` : "A contact is waiting",
        body: f.text ?? "New conversation waiting for an agent",
        tag: pendingTag(f.conversationId),
        stay: s.bannerSeconds,
        onClick: () => this.o.onAction?.({ kind: s.click, conversationId: f.conversationId }),
      });
    }
    this.o.onPendingChange?.(this.pending());
  }

  private pendingStop(conversationId: string): void {
    const a = this.pendings.get(conversationId);
    if (!a) return;
    this.pendings.delete(conversationId);
    a.sound?.stop();
    this.o.banners.closeTag(pendingTag(conversationId));
    this.o.onPendingChange?.(this.pending());
  }

  /** PRF-50: conversations assigned to me with unread messages (the gateway's `assigned.unread` frame);
   *  reminds every 30 s while non-empty and the agent's PRF-50 is on. */
  setUnreadAssigned(conversationIds: string[]): void {
    this.reminderIds = [...conversationIds];
    this.refreshReminder();
  }

  unreadAssigned(): string[] {
    return [...this.reminderIds];
  }

  /** Re-reads PRF-50 (call after a preference change): starts or stops the reminder for the current set. */
  refreshReminder(): void {
    const want = this.o.prefs().remindUnread && this.reminderIds.length > 0;
    if (want && this.reminderTimer === null) {
      this.reminderTimer = this.timers.setInterval(() => this.remind(), REMINDER_EVERY_MS);
    } else if (!want && this.reminderTimer !== null) {
      this.timers.clearInterval(this.reminderTimer);
      this.reminderTimer = null;
    }
  }

  private remind(): void {
    const p = this.o.prefs();
    if (!p.remindUnread || this.reminderIds.length === 0) {
      // Keep the set: turning PRF-50 on again resumes reminding for it.
      this.refreshReminder();
      return;
    }
    if (p.audioMaster && p.messages.audio && this.leads())
      this.o.play(p.messages.tone, { volume: p.volume, loop: false });
    this.o.onReminder?.(this.reminderIds);
  }

  private leads(): boolean {
    return this.o.isLeader?.() ?? true;
  }

  stopAll(): void {
    for (const id of [...this.rings.keys()]) this.ringStop(id);
    for (const id of [...this.pendings.keys()]) this.pendingStop(id);
    this.setUnreadAssigned([]);
  }
}
