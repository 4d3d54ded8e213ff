// Support events (SUP-2 … SUP-9) decided per agent with plain objects (agent counts are small), in the same
// decision vocabulary as decide(): banner, sound, push, email, inbox → deliver | schedule | skip + reasons.
import type { ChannelDecision, Conversation, Reason, SupportEventType, UserStatus } from "./model.ts";
import { type ActivityFacts, inactiveFrom, isBusy, presenceOf } from "./presence.ts";
import type {
  AgentPreferences,
  BannerClick,
  BannerDuration,
  RingTone,
  SupportAlertPreferences,
} from "./settings.ts";

export type SupportEvent =
  | { type: "conversation_created"; conversation: Conversation; actorId: string | null }
  | { type: "pending_contact"; conversation: Conversation; actorId: string | null }
  | { type: "conversation_assigned"; conversation: Conversation; actorId: string | null }
  | {
      type: "conversation_mention";
      conversation: Conversation;
      actorId: string | null;
      mentionedAgentIds: readonly string[];
    }
  /** A new message from the contact (authorId null) or an agent (SUP-7). */
  | { type: "conversation_message"; conversation: Conversation; authorId: string | null };

export interface AgentFacts {
  userId: string;
  prefs: AgentPreferences;
  activity: ActivityFacts;
  status: UserStatus;
  inboxIds: readonly string[];
  /** PRF-44: some console window has focus; and which conversation a focused window shows. */
  consoleFocused: boolean;
  focusedConversationId: string | null;
  hasEmail: boolean;
}

export interface SupportDecision {
  userId: string;
  /** The PRF-40/41 event type this agent gets, or null when only an audio/banner alert applies (PRF-42 all). */
  eventType: SupportEventType | null;
  /** When delivered: close after PRF-47 seconds; on click do PRF-48 ("pickup" only for pending contacts). */
  banner: ChannelDecision & { closeAfter?: BannerDuration; click?: BannerClick };
  sound: ChannelDecision & { tone?: RingTone; loop?: boolean };
  push: ChannelDecision;
  email: ChannelDecision;
  inbox: ChannelDecision;
}

const skip = (rule: string, fact: string): ChannelDecision => ({
  decision: "skip",
  reasons: [{ rule, fact }],
});
const deliver = (rule: string, fact: string): ChannelDecision => ({
  decision: "deliver",
  reasons: [{ rule, fact }],
});

/** Who gets what for one support event (SUP-2, SUP-3, SUP-5, SUP-6, SUP-7). */
function eventTypeFor(ev: SupportEvent, a: AgentFacts): SupportEventType | null | "none" {
  const c = ev.conversation;
  const inInbox = a.inboxIds.includes(c.inboxId);
  switch (ev.type) {
    case "conversation_created":
    case "pending_contact":
      return inInbox ? ev.type : "none";
    case "conversation_assigned": // SUP-5: self-assignment does not notify
      return c.assigneeId === a.userId && ev.actorId !== a.userId ? ev.type : "none";
    case "conversation_mention":
      return ev.mentionedAgentIds.includes(a.userId) && ev.actorId !== a.userId ? ev.type : "none";
    case "conversation_message":
      if (ev.authorId === a.userId) return "none"; // SUP-7: never its author
      if (c.assigneeId === a.userId) return "assigned_conversation_message";
      if (c.participantIds.includes(a.userId)) return "participating_conversation_message";
      // SUP-8: PRF-42 "all" rings for every conversation of my inboxes, with nothing else.
      return inInbox && a.prefs.audioScope === "all" ? null : "none";
  }
}

export function decideSupport(
  ev: SupportEvent,
  agents: readonly AgentFacts[],
  now: number,
): SupportDecision[] {
  const out: SupportDecision[] = [];
  for (const a of agents) {
    const type = eventTypeFor(ev, a);
    if (type === "none") continue;
    out.push(decideForAgent(ev, a, type, now));
  }
  return out;
}

function decideForAgent(
  ev: SupportEvent,
  a: AgentFacts,
  type: SupportEventType | null,
  now: number,
): SupportDecision {
  const pendingAlert =
    ev.type === "pending_contact" ||
    (ev.type === "conversation_created" && ev.conversation.status === "pending");
  const { banner, sound } = alerts(ev, a, pendingAlert, now);
  const none = skip("SUP-8", "only an audio/banner alert for conversations of my inboxes (PRF-42 all)");
  if (type === null)
    return { userId: a.userId, eventType: null, banner, sound, push: none, email: none, inbox: none };
  return {
    userId: a.userId,
    eventType: type,
    banner,
    sound,
    push: supportPush(a, type, now),
    email: supportEmail(a, type, now),
    inbox: deliver("GEN-1", `support event ${type}`),
  };
}

/** PRF-51 / PRF-52 / SUP-3 / SUP-8: the banner and sound of a support alert. */
function alerts(ev: SupportEvent, a: AgentFacts, pending: boolean, now: number) {
  const p = a.prefs;
  const alert: SupportAlertPreferences = pending ? p.pending : p.messages;
  const kind = pending ? "pending contacts" : "incoming messages";
  const isMessage = ev.type === "conversation_message";
  const c = ev.conversation;
  const selected =
    !isMessage ||
    (p.audioScope === "all" && a.inboxIds.includes(c.inboxId)) ||
    (p.audioScope === "assigned" && c.assigneeId === a.userId);
  const common = commonAlertBlock(a, pending, now) ?? ringsAlready(ev);
  let banner: SupportDecision["banner"];
  if (common) banner = { decision: "skip", reasons: [common] };
  else if (!p.desktopMaster) banner = skip("PRF-49", "desktop banners master switch off");
  else if (!alert.desktop) banner = skip("PRF-43", `desktop off for ${kind}`);
  else if (!selected) banner = skip("PRF-42", `audio/desktop alerts for ${p.audioScope} conversations`);
  else {
    const click: BannerClick = alert.click === "pickup" && !pending ? "open" : alert.click;
    banner = focusGate(a, alert, c.id) ?? {
      ...deliver(
        pending ? "SUP-3" : "PRF-51",
        `${kind} banner, closes after ${alert.bannerSeconds}, click: ${click}`,
      ),
      closeAfter: alert.bannerSeconds,
      click,
    };
  }
  let sound: SupportDecision["sound"];
  if (common) sound = { decision: "skip", reasons: [common] };
  else if (!p.audioMaster) sound = skip("PRF-49", "audio master switch off");
  else if (!alert.audio) sound = skip("PRF-43", `audio off for ${kind}`);
  else if (!selected) sound = skip("PRF-42", `audio alerts for ${p.audioScope} conversations`);
  else {
    const gate = focusGate(a, alert, c.id);
    const loop = pending && alert.loop;
    sound = gate ?? {
      decision: "deliver",
      tone: alert.tone,
      loop,
      reasons: [
        {
          rule: pending ? "PRF-45" : "PRF-46",
          fact: `tone ${alert.tone}${loop ? ", looping while pending" : ""}`,
        },
      ],
    };
  }
  return { banner, sound };
}

/** SUP-3: a busy agent is not available — no pending-contact alert, nor any support banner or sound. Also asked
 *  when a connecting agent is sent the alerts that ring now. */
export function supportBusyBlock(status: UserStatus, now: number): Reason | null {
  return isBusy(status.busy, now) ? { rule: "SUP-3", fact: "busy" } : null;
}

/**
 * SUP-3: while a conversation is pending its one pending-contact alert already rings (and loops) on every
 * available agent's devices, so a further message from the contact rings nobody again — a contact flooding a
 * waiting conversation costs agents one ring per conversation. Their in-app items and push/email still follow.
 */
function ringsAlready(ev: SupportEvent): Reason | null {
  if (ev.type !== "conversation_message" || ev.authorId !== null) return null;
  if (ev.conversation.status !== "pending") return null;
  return { rule: "SUP-3", fact: "the pending-contact alert already rings for this conversation" };
}

function commonAlertBlock(a: AgentFacts, pending: boolean, now: number): Reason | null {
  const busy = supportBusyBlock(a.status, now);
  if (busy) return busy;
  if (pending && presenceOf(a.activity, now) === "offline")
    return { rule: "SUP-3", fact: "not available (offline)" };
  if (!a.activity.hasDesktopConnection) return { rule: "DSK-1", fact: "no console open" };
  return null;
}

/** PRF-51 focus rule: nothing while the console has focus unless PRF-44; never for the conversation in view. */
function focusGate(
  a: AgentFacts,
  alert: SupportAlertPreferences,
  conversationId: string,
): ChannelDecision | null {
  const console = {
    focused: a.consoleFocused,
    showsConversation: a.focusedConversationId === conversationId,
  };
  const block = supportFocusBlock(console, alert.alsoWhenFocused);
  return block ? { decision: "skip", reasons: [block] } : null;
}

/**
 * PRF-51 / DSK-2 for one console — the agent's, or one device's windows at delivery: why a support alert's
 * banner and sound may not show there now, or null. Nothing while it has focus unless "also when the console
 * has focus" (PRF-44); never while a focused window shows that very conversation.
 */
export function supportFocusBlock(
  console: { focused: boolean; showsConversation: boolean },
  alsoWhenFocused: boolean,
): Reason | null {
  if (!console.focused) return null;
  if (console.showsConversation) return { rule: "DSK-2", fact: "this conversation is in view with focus" };
  if (!alsoWhenFocused) return { rule: "PRF-44", fact: "console has focus" };
  return null;
}

/** SUP-9: push per PRF-41, waits for inactivity like PSH-2, stopped by busy. */
function supportPush(a: AgentFacts, type: SupportEventType, now: number): ChannelDecision {
  if (!a.prefs.push[type]) return skip("PRF-41", `push off for ${type}`);
  if (isBusy(a.status.busy, now)) return skip("SUP-9", "busy");
  const th = a.activity.idleSeconds * 1000;
  const from = inactiveFrom(a.activity, th);
  if (now >= from) return deliver("SUP-9", "agent inactive");
  return {
    decision: "schedule",
    until: Number.isFinite(from) ? from : null,
    waitsFor: "SUP-9",
    reasons: [{ rule: "SUP-9", fact: `waits for ${th / 1000} s of inactivity` }],
  };
}

/** EML-8: email per PRF-40, batched like EML-3; the message events only while inactive. */
function supportEmail(a: AgentFacts, type: SupportEventType, now: number): ChannelDecision {
  if (!a.prefs.email[type]) return skip("PRF-40", `email off for ${type}`);
  if (!a.hasEmail) return skip("EML-1", "no email address");
  const msg = type === "assigned_conversation_message" || type === "participating_conversation_message";
  const from = msg ? inactiveFrom(a.activity, a.activity.idleSeconds * 1000) : Number.NEGATIVE_INFINITY;
  const waitsFor = now >= from ? "EML-3" : "EML-8";
  return {
    decision: "schedule",
    until: now >= from ? now : Number.isFinite(from) ? from : null,
    waitsFor,
    reasons: [
      {
        rule: "EML-8",
        fact: msg
          ? "message events email only while inactive, if the item is still unread"
          : "sent if the in-app item is still unread",
      },
    ],
  };
}

/** Send-time check for a pending support push/email (SUP-9, EML-8): dropped once the in-app item is read. */
export function scheduleSupportDelivery(
  channel: "push" | "email",
  type: SupportEventType,
  notificationRead: boolean,
  a: AgentFacts,
  now: number,
): { kind: "send" | "drop" | "wait"; until?: number | null; rule: string; reason: string } {
  if (notificationRead)
    return { kind: "drop", rule: channel === "push" ? "SUP-9" : "EML-8", reason: "in-app notification read" };
  const enabled = channel === "push" ? a.prefs.push[type] : a.prefs.email[type];
  if (!enabled) return { kind: "drop", rule: channel === "push" ? "PRF-41" : "PRF-40", reason: "turned off" };
  if (channel === "push" && isBusy(a.status.busy, now))
    return { kind: "drop", rule: "SUP-9", reason: "busy" };
  const needsIdle =
    channel === "push" ||
    type === "assigned_conversation_message" ||
    type === "participating_conversation_message";
  if (!needsIdle) return { kind: "send", rule: "EML-8", reason: "still unread" };
  const from = inactiveFrom(a.activity, a.activity.idleSeconds * 1000);
  if (now >= from)
    return {
      kind: "send",
      rule: channel === "push" ? "SUP-9" : "EML-8",
      reason: "agent inactive, still unread",
    };
  return {
    kind: "wait",
    until: Number.isFinite(from) ? from : null,
    rule: channel === "push" ? "SUP-9" : "EML-8",
    reason: "agent active",
  };
}

/** PRF-50: remind every 30 s while an assigned conversation has unread messages. */
export function reminderDue(
  prefs: AgentPreferences,
  hasUnreadAssigned: boolean,
  lastReminderAt: number | null,
  now: number,
): number | null {
  if (!prefs.remindUnread || !hasUnreadAssigned) return null;
  return lastReminderAt === null ? now : Math.max(now, lastReminderAt + 30_000);
}

/**
 * SUP-1 / SUP-3: what a resolved conversation becomes when it is reopened, or null when it is not resolved.
 * The contact writing again: pending when nobody is assigned (the pending-contact alert rings anew), else open
 * for its assignee. An agent's Reopen (as Chatwoot's): open, its assignee kept, or the reopening agent's
 * when it had none — an agent is already there, so nobody is rung.
 */
export function reopenedConversation(
  c: { status: Conversation["status"]; assigneeId: string | null },
  by: { agentId: string } | "contact",
): { status: "pending" | "open"; assigneeId: string | null } | null {
  if (c.status !== "resolved") return null;
  if (by === "contact") return { status: c.assigneeId ? "open" : "pending", assigneeId: c.assigneeId };
  return { status: "open", assigneeId: c.assigneeId ?? by.agentId };
}
