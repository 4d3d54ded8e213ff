// Send-time decisions for pending push / email (PSH-2, PSH-9, EML-2, EML-3): the scheduler calls these with
// fresh state when it wakes; each returns send now | wait until T | drop(reason), never a silent nothing.
import type { Trigger, UserStatus } from "./model.ts";
import { effectiveRoomPreferences, levelAllows, silencedUntil } from "./preferences.ts";
import { type ActivityFacts, inactiveFrom, isBusy, noDesktopFrom } from "./presence.ts";
import { quietUntil } from "./quiet.ts";
import {
  type AccountPreferences,
  type AdminSettings,
  EMAIL_DELIVERY,
  type PushWhen,
  type RoomPreferences,
} from "./settings.ts";
import { describeWait, inactivityFacts, offlineFacts, type WaitFacts } from "./wait-facts.ts";

/** PSH-2: candidates older than this expire unsent, unless quiet hours held them (PSH-9). */
export const PUSH_EXPIRY_MS = 2 * 3600_000;

export type ScheduleOutcome =
  | { kind: "send"; rule: string; reason: string; summary?: boolean }
  /** `until` null = wait for an event (activity change, read, settings); `hold` = now held by quiet hours. */
  | {
      kind: "wait";
      until: number | null;
      rule: string;
      reason: string;
      hold?: boolean;
      /** What the wait is for, as data (EXP-1): recorded as is; `reason` is the same in words. */
      facts?: WaitFacts;
    }
  | { kind: "drop"; rule: string; reason: string };

export interface PendingMessageDelivery {
  messageId: string;
  roomId: string;
  trigger: Trigger;
  /** When the candidate was made (the message time). */
  createdAt: number;
  /** Room sequence (0 for a thread-only reply). */
  seq: number;
  threadRootId?: string | null;
  threadSeq?: number;
  /** PSH-9: set once quiet hours held it; it then never expires. */
  heldByQuiet?: boolean;
}

/** Fresh state of the recipient at send time. Preferences resolved (PRF-21). */
export interface RecipientState {
  lastReadSeq: number;
  /** Read position in the reply's thread, when followed. */
  threadReadSeq?: number | null;
  messageDeleted?: boolean;
  ignoresSender?: boolean;
  activity: ActivityFacts;
  status: UserStatus;
  account: AccountPreferences;
  room: RoomPreferences;
  admin: AdminSettings;
  timezone: string;
  hasEmail: boolean;
  emailVerified: boolean;
  /** DSK-2: a focused window shows the message's room or thread now (PRF-17 "always" then waits as PSH-2). */
  inView?: boolean;
}

/** BDG-1 read positions: a room message is read up to lastReadSeq, a reply also by its thread position. */
export function isDeliveryRead(p: PendingMessageDelivery, s: RecipientState): boolean {
  if (p.seq > 0 && p.seq <= s.lastReadSeq) return true;
  return (
    p.threadRootId != null &&
    p.threadSeq !== undefined &&
    s.threadReadSeq != null &&
    p.threadSeq <= s.threadReadSeq
  );
}

/** PSH-2 / EML-2 inactivity threshold in ms. */
export function inactivityThresholdMs(
  trigger: Trigger,
  account: AccountPreferences,
  admin: AdminSettings,
): number {
  const idle = Math.max(60, account.idleSeconds) * 1000;
  return trigger === "all" ? Math.max(idle, admin.roomInactivitySeconds * 1000) : idle;
}

/** The checks push and email share: deleted, read, ignored, settings, silenced, busy. */
function commonDrop(
  p: PendingMessageDelivery,
  s: RecipientState,
  channel: "push" | "email",
  now: number,
): ScheduleOutcome | null {
  if (s.messageDeleted) return { kind: "drop", rule: "TRG-3", reason: "message deleted" };
  if (isDeliveryRead(p, s))
    return { kind: "drop", rule: channel === "push" ? "PSH-3" : "EML-2", reason: "already read" };
  if (s.ignoresSender) return { kind: "drop", rule: "MEN-6", reason: "recipient ignores the sender" };
  const eff = effectiveRoomPreferences(s.account, s.room);
  if (!levelAllows(eff.levels[channel], p.trigger, channel, eff.threads[channel]))
    return {
      kind: "drop",
      rule: channel === "push" ? "PSH-1" : "EML-1",
      reason: `level ${eff.levels[channel]} does not allow trigger ${p.trigger} (settings changed)`,
    };
  if (silencedUntil(s.room, now) !== false) return { kind: "drop", rule: "PRF-36", reason: "room silenced" };
  if (isBusy(s.status.busy, now))
    return { kind: "drop", rule: channel === "push" ? "PSH-1" : "EML-1", reason: "busy" };
  return null;
}

export function schedulePush(p: PendingMessageDelivery, s: RecipientState, now: number): ScheduleOutcome {
  const dropped = commonDrop(p, s, "push", now);
  if (dropped) return dropped;
  const qEnd = quietUntil(s.account.quietHours, s.timezone, now);
  if (qEnd !== null) {
    const facts: WaitFacts = { kind: "quiet_hours", until: qEnd };
    return { kind: "wait", until: qEnd, rule: "PSH-9", reason: describeWait(facts, now), hold: true, facts };
  }
  const expiresAt = p.createdAt + PUSH_EXPIRY_MS;
  if (!p.heldByQuiet && now >= expiresAt)
    return { kind: "drop", rule: "PSH-2", reason: "expired after 2 hours unsent" };
  const th = inactivityThresholdMs(p.trigger, s.account, s.admin);
  const when = s.account.pushWhen ?? "inactive";
  const from = pushFrom(s.activity, when, th, s.inView === true);
  if (now >= from)
    return p.heldByQuiet
      ? {
          kind: "send",
          rule: "PSH-9",
          reason: "quiet hours over, still unread: one summary per room",
          summary: true,
        }
      : when === "always" && !s.inView
        ? { kind: "send", rule: "PRF-17", reason: "sent at once: push even while active" }
        : when === "offline"
          ? { kind: "send", rule: "PRF-17", reason: "no desktop/web connection for 30 s" }
          : { kind: "send", rule: "PSH-2", reason: `inactive for ${th / 1000} s` };
  if (when === "offline") {
    const until = p.heldByQuiet ? from : Math.min(from, expiresAt);
    const facts = offlineFacts(s.activity, from);
    return {
      kind: "wait",
      until: Number.isFinite(until) ? until : null,
      rule: "PRF-17",
      reason: describeWait(facts, now),
      facts,
    };
  }
  // Wake at the inactivity moment, or at expiry to drop it, whichever is first.
  const until = p.heldByQuiet ? from : Math.min(from, expiresAt);
  const facts = inactivityFacts(s.activity, th, from);
  return {
    kind: "wait",
    until: Number.isFinite(until) ? until : null,
    rule: "PSH-2",
    reason: describeWait(facts, now),
    facts,
  };
}

/**
 * PRF-17 + PSH-2: the moment a push candidate may go. "always": at once, unless the message is in view in
 * a focused window (DSK-2) — then as "inactive"; "offline": once no desktop/web connection has been open
 * for 30 s (PRS-7's last clause); "inactive": PRS-7 for the threshold. kernel.pushFromAt is the same rule
 * over the snapshot columns.
 */
export function pushFrom(a: ActivityFacts, when: PushWhen, thresholdMs: number, inView: boolean): number {
  if (when === "always" && !inView) return Number.NEGATIVE_INFINITY;
  if (when === "offline") return noDesktopFrom(a);
  return inactiveFrom(a, thresholdMs);
}

/** Per email candidate: drop, not yet due (wait), or due (EML-2). Batching is planEmailBatch's job. */
export function scheduleEmailCandidate(
  p: PendingMessageDelivery,
  s: RecipientState,
  now: number,
): ScheduleOutcome {
  const dropped = commonDrop(p, s, "email", now);
  if (dropped) return dropped;
  if (!s.hasEmail) return { kind: "drop", rule: "EML-1", reason: "no email address" };
  if (s.admin.requireVerifiedEmail && !s.emailVerified)
    return { kind: "drop", rule: "PRV-8", reason: "email not verified" };
  const th = inactivityThresholdMs(p.trigger, s.account, s.admin);
  const from = inactiveFrom(s.activity, th);
  if (now >= from) return { kind: "send", rule: "EML-2", reason: "due: user inactive" };
  const facts = inactivityFacts(s.activity, th, from);
  return {
    kind: "wait",
    until: Number.isFinite(from) ? from : null,
    rule: "EML-2",
    reason: describeWait(facts, now),
    facts,
  };
}

/** PRF-5 window in ms ("immediately" = 10 s, EML-3). */
export function emailWindowMs(account: AccountPreferences): number {
  return EMAIL_DELIVERY[account.emailDelivery] * 1000;
}

export interface EmailBatchPlan<C> {
  /** send: the batch goes out now with `send`; wait: wake at `until`; idle: nothing pending. */
  action: "send" | "wait" | "idle";
  send: C[];
  drop: { item: C; outcome: ScheduleOutcome }[];
  /** Still pending after this plan (not due yet, or due inside an open window). */
  keep: C[];
  until: number | null;
  /** The batch window's opening time to store (null = no window open). */
  windowOpenedAt: number | null;
}

/**
 * EML-3: a window opens when the user's first candidate becomes due and closes PRF-5 later; everything due
 * then goes out as one email; read candidates are dropped; if nothing is left no email is sent.
 */
export function planEmailBatch<C>(
  candidates: readonly { item: C; outcome: ScheduleOutcome }[],
  windowMs: number,
  windowOpenedAt: number | null,
  now: number,
): EmailBatchPlan<C> {
  const plan: EmailBatchPlan<C> = {
    action: "idle",
    send: [],
    drop: [],
    keep: [],
    until: null,
    windowOpenedAt,
  };
  const due: C[] = [];
  let nextDue = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    if (c.outcome.kind === "drop") plan.drop.push(c);
    else if (c.outcome.kind === "send") due.push(c.item);
    else {
      plan.keep.push(c.item);
      if (c.outcome.until !== null && c.outcome.until < nextDue) nextDue = c.outcome.until;
    }
  }
  if (windowOpenedAt === null && due.length > 0) plan.windowOpenedAt = now; // the first due candidate opens it
  if (plan.windowOpenedAt !== null) {
    const closes = plan.windowOpenedAt + windowMs;
    if (now >= closes) {
      plan.send = due;
      plan.windowOpenedAt = null;
      plan.action = due.length > 0 ? "send" : "idle";
      if (plan.keep.length > 0) plan.action = due.length > 0 ? "send" : "wait";
      plan.until = plan.keep.length > 0 && Number.isFinite(nextDue) ? nextDue : null;
      return plan;
    }
    plan.keep.push(...due);
    plan.action = "wait";
    plan.until = closes;
    return plan;
  }
  plan.action = plan.keep.length > 0 ? "wait" : "idle";
  plan.until = Number.isFinite(nextDue) ? nextDue : null;
  return plan;
}

/** PSH-9: held pushes that are due go out as one summary per room. */
export function summarizeByRoom<P extends { roomId: string }>(pushes: readonly P[]): Map<string, P[]> {
  const out = new Map<string, P[]>();
  for (const p of pushes) {
    const list = out.get(p.roomId);
    if (list) list.push(p);
    else out.set(p.roomId, [p]);
  }
  return out;
}
