// The explain answer (EXP-1) as sentences a user reads (GEN-9): decisions, facts and times in words. The
// decision itself comes from the server (core's record and rule functions); this only phrases it. Rule IDs
// stay for the "details" view.
import { ruleWords } from "./rules.ts";
import { agoWords, durationWords, factWords, momentText, momentWords } from "./when.ts";

export interface Reason {
  rule: string;
  fact: string;
  /** A wait or hold's facts as numbers (EXP-1); `fact` is the server's wording of the same. */
  wait?: WaitFacts | null;
}

/**
 * The facts a waiting or held push/email used (EXP-1), as numbers — core's `WaitFacts`, restated here as the
 * app reads them off the wire. Any field may be missing on an answer recorded before the facts existed; the
 * sentence then says less.
 */
export type WaitFacts =
  | {
      kind: "inactivity";
      thresholdMs?: number;
      lastActivityAt?: number | null;
      lastActivityDevice?: string | null;
      autoAway?: boolean;
      lockedSince?: number | null;
      connected?: boolean;
      desktopGoneAt?: number | null;
      /** Earliest moment it may go; null = only once inactive for the threshold. */
      dueAt?: number | null;
    }
  /** PRF-17 "only when I'm offline": worded by the server's fact (no numbers phrased here yet). */
  | { kind: "offline"; connected?: boolean; desktopGoneAt?: number | null; dueAt?: number | null }
  | { kind: "quiet_hours"; until?: number }
  | { kind: "batch_window"; until?: number; windowMs?: number }
  | { kind?: undefined };

export interface ChannelAnswer {
  decision: string;
  /** When it was decided (an older server sent a waiting channel's due time here, and no `dueAt`). */
  at?: number;
  /** A waiting push/email: the earliest time it may go; null = once inactive for the threshold. */
  dueAt?: number | null;
  source?: string;
  reasons: Reason[];
  aggregate?: { decision: string; count: number; at?: number; reasons: Reason[] };
}

export const CHANNELS: readonly (readonly [string, string])[] = [
  ["banner", "Desktop banner"],
  ["sound", "Sound"],
  ["push", "Mobile / web push"],
  ["email", "Email"],
  ["inbox", "In-app inbox"],
];

const TRIGGER_SENTENCE: Record<string, string> = {
  dm: "It was a direct message to you.",
  mention: "You were mentioned by name.",
  keyword: "It contained one of your keywords.",
  thread: "It was a reply in a thread you follow.",
  group: "It was addressed to the whole room (@all, @channel or @here).",
  all: "It was a message in a room you are in, with no mention of you.",
  pending_contact: "A contact was waiting for an agent.",
  conversation_created: "A conversation was started.",
  conversation_assigned: "A conversation was assigned to you.",
  conversation_mention: "You were mentioned in a private note.",
  assigned_conversation_message: "It was a message in a conversation assigned to you.",
  participating_conversation_message: "It was a message in a conversation you take part in.",
};

const LEVEL_WORDS: Record<string, string> = {
  all: "all messages",
  mentions: "mentions and direct messages",
  nothing: "nothing",
};

const TRIGGER_NOUN: Record<string, string> = {
  dm: "a direct message",
  mention: "a mention of you",
  keyword: "one of your keywords",
  thread: "a reply in a thread you follow",
  group: "a message to the whole room (@all or @here)",
  all: "a message with no mention of you",
};

const trig = (t: string) => TRIGGER_NOUN[t] ?? "a message";

/**
 * Core states its facts tersely ("level mentions (room override), trigger all", "busy"); these are the
 * ones a user meets, said as a person would. Anything else passes through factWords (times in words, rule
 * IDs left out).
 */
export function reasonWords(fact: string, now: number): string {
  const level =
    /^(?:(?:push|email) )?level (\w+)( \(room override\)| \(push follows desktop\))?(, thread replies off)?(?:, trigger| does not allow(?: trigger)?) (\w+)(?: \(settings changed\))?$/.exec(
      fact,
    );
  if (level) {
    const [, lv, origin, threadOff, t] = level;
    const where =
      origin === " (room override)"
        ? "this room is set to notify you about"
        : origin
          ? "push follows your desktop setting, which notifies you about"
          : "your setting notifies you about";
    const thread = threadOff ? ", and replies in threads you follow are off" : "";
    return `${where} ${LEVEL_WORDS[lv] ?? lv}${thread}; this was ${trig(t)}`;
  }
  const allows = /^level (\w+) allows trigger (\w+)$/.exec(fact);
  if (allows) return `your setting (${LEVEL_WORDS[allows[1]] ?? allows[1]}) allows ${trig(allows[2])}`;
  const inbox = /^trigger (\w+) makes (an|no) inbox item$/.exec(fact);
  if (inbox)
    return inbox[2] === "an"
      ? `${trig(inbox[1])} is kept in your inbox`
      : `your inbox keeps mentions, direct messages, keywords and followed threads, not ${trig(inbox[1])}`;
  if (/^busy$/.test(fact)) return "you were set to do not disturb";
  if (fact === "busy until you change it") return "you are set to do not disturb until you turn it off";
  if (fact.startsWith("busy until "))
    return factWords(`you are set to do not disturb until ${fact.slice(11)}`, now);
  if (fact === "room silenced") return "alerts are off or the room is snoozed";
  if (fact === "recipient ignores the sender") return "you ignore the sender";
  const tone = /^tone (\S+)$/.exec(fact);
  if (tone) return `the “${tone[1]}” sound`;
  if (/^direct message \(room kind \w+\)$/.test(fact)) return "a direct message";
  return factWords(fact, now);
}

export interface SettingLink {
  href: string;
  /** Where the link goes, for the link's name ("this room's notification preferences"). */
  where: string;
}

const ROOM_RULES = new Set(["PRF-30", "PRF-31", "PRF-33", "PRF-34", "PRF-35", "PRF-36", "PRF-37"]);
const SECTION: Record<string, [string, string]> = {
  "PRF-1": ["s-desktop", "desktop notifications"],
  "PRF-14": ["s-desktop", "desktop notifications"],
  "PRF-49": ["s-desktop", "desktop notifications"],
  "PRF-2": ["s-push", "push notifications"],
  "PRF-3": ["s-push", "push notifications"],
  "PRF-17": ["s-push", "push notifications"],
  "PRF-20": ["s-push", "push notifications"],
  "PRF-4": ["s-email", "email notifications"],
  "PRF-5": ["s-email", "email notifications"],
  "EML-3": ["s-email", "email notifications"],
  "PRF-6": ["s-threads", "thread notifications"],
  "MEN-4": ["s-keywords", "your keywords"],
  "PRF-8": ["s-sounds", "sounds"],
  "PRF-9": ["s-sounds", "sounds"],
  "PRF-10": ["s-sounds", "sounds"],
  "PRF-12": ["s-away", "away status"],
  "PRF-13": ["s-away", "away status"],
  "PRF-16": ["s-quiet", "quiet hours"],
  "PSH-9": ["s-quiet", "quiet hours"],
};
// A channel's own level rule cites the level when the level said no; the section is the channel's.
const LEVEL_SECTION: Record<string, [string, string]> = {
  "DSK-1": ["s-desktop", "desktop notifications"],
  "PSH-1": ["s-push", "push notifications"],
  "EML-1": ["s-email", "email notifications"],
};

/**
 * The setting that would change a reason (EXP-1's "Why?" links to it): the room's notification preferences
 * for a room's own settings, else the section of My Account › Preferences. Null when no setting of the
 * user's decides it (a mention, a focused window, the sender being you).
 */
export function settingFor(
  r: Reason,
  room: { id?: string | null; kind?: string | null },
): SettingLink | null {
  if (ROOM_RULES.has(r.rule) || r.fact === "room silenced") {
    if (!room.id || room.kind === "conversation") return null;
    return { href: `/chat/${room.id}?prefs=notifications`, where: "this room's notification preferences" };
  }
  const section =
    SECTION[r.rule] ??
    (LEVEL_SECTION[r.rule] && /^(?:(?:push|email) )?level /.test(r.fact) ? LEVEL_SECTION[r.rule] : undefined);
  if (section) return { href: `/settings/notifications#${section[0]}`, where: section[1] };
  if (/^PRF-(4\d|5\d)$/.test(r.rule)) return { href: "/settings/agent", where: "agent notifications" };
  if (r.rule === "EML-1" && r.fact === "no email address")
    return { href: "/settings/account", where: "your profile" };
  return null;
}

/** The distinct settings behind a list of reasons, in order. */
export function settingsFor(
  reasons: Reason[],
  room: { id?: string | null; kind?: string | null },
): SettingLink[] {
  const out: SettingLink[] = [];
  for (const r of reasons) {
    const s = settingFor(r, room);
    if (s && !out.some((o) => o.href === s.href)) out.push(s);
  }
  return out;
}

/** Why the message concerned the user (TRG-1), or why it did not. */
export function triggerSentence(trigger: string | null, reasons: Reason[], now: number): string {
  if (trigger && TRIGGER_SENTENCE[trigger]) return TRIGGER_SENTENCE[trigger];
  if (trigger) return "It concerned you.";
  const why = reasons.map((r) => reasonWords(r.fact, now)).filter(Boolean);
  return why.length
    ? `This message did not concern you: ${why.join("; ")}.`
    : "This message did not concern you.";
}

/** What happened on a channel, in a word or two. */
export function decisionWords(decision: string, channel: string): string {
  switch (decision) {
    case "delivered":
    case "deliver":
      return channel === "sound" ? "played" : channel === "inbox" ? "added" : "shown";
    case "sent":
      return "sent";
    case "scheduled":
    case "schedule":
    case "waiting":
      return "waiting";
    case "skipped":
    case "skip":
    case "dropped":
      return channel === "inbox" ? "not added" : channel === "sound" ? "not played" : "not sent";
    case "failed":
      return "failed";
    default:
      return "undecided";
  }
}

const waiting = (d: string) => d === "waiting" || d === "scheduled" || d === "schedule";

const DEVICE: Record<string, string> = { web: "the web app", desktop: "the desktop app", mobile: "a phone" };
const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** The facts, in words: "you were last active on the web app 12 s ago; it goes once you have been inactive for 60 s". */
export function factsWords(f: WaitFacts | null | undefined, now: number): string[] {
  if (!f) return [];
  if (f.kind === "quiet_hours")
    return [
      num(f.until)
        ? `held by your quiet hours, which end ${momentWords(f.until, now)}`
        : "held by your quiet hours",
    ];
  if (f.kind === "batch_window") {
    const window = num(f.windowMs) ? ` of ${durationWords(f.windowMs)}` : "";
    return [`gathered with your other emails in a batching window${window}`];
  }
  if (f.kind !== "inactivity") return [];
  const out: string[] = [];
  const device = f.lastActivityDevice ? ` on ${DEVICE[f.lastActivityDevice] ?? f.lastActivityDevice}` : "";
  if (f.connected === false)
    out.push(
      num(f.desktopGoneAt)
        ? `no desktop or web window has been open since ${agoWords(f.desktopGoneAt, now)}`
        : "no desktop or web window is open",
    );
  if (f.autoAway === false)
    out.push(
      num(f.lockedSince)
        ? `your screen has been locked since ${agoWords(f.lockedSince, now)}`
        : "an app window is open and your screen is not locked (you turned automatic away off)",
    );
  else if (num(f.lastActivityAt))
    out.push(`you were last active${device} ${agoWords(f.lastActivityAt, now)}`);
  if (num(f.thresholdMs)) out.push(`it goes once you have been inactive for ${durationWords(f.thresholdMs)}`);
  return out;
}

/** The wait facts of a channel's chain: carried by the reason of the rule it waits on. */
export function waitOf(c: ChannelAnswer): WaitFacts | null {
  return c.reasons.find((r) => r.wait)?.wait ?? null;
}

/** When: the decision time for a done channel, the due time for a waiting one. */
function timeWords(c: ChannelAnswer, now: number): string {
  const f = waitOf(c);
  const factDue =
    f?.kind === "inactivity" || f?.kind === "offline"
      ? f.dueAt
      : f?.kind === "quiet_hours" || f?.kind === "batch_window"
        ? f.until
        : undefined;
  if (waiting(c.decision)) {
    const due = c.dueAt !== undefined ? c.dueAt : num(factDue) ? factDue : c.at;
    // A due time already past: it may go, and waits only for its condition (still unread, inactive…).
    if (num(due))
      return due > now ? `, may go ${momentWords(due, now)}` : `, due since ${momentText(due, now)}`;
    // No due time: it goes once the user has been inactive long enough — the facts say how long.
    if (f?.kind === "offline") return ", until no desktop or web window is open";
    return f?.kind === "inactivity" && num(f.thresholdMs) ? "" : ", until you are inactive";
  }
  return c.at ? ` ${momentWords(c.at, now)}` : "";
}

/** The reasons a channel's sentence is made of (its own, else its aggregate's). */
export function reasonsOf(c: ChannelAnswer): Reason[] {
  return c.reasons.length ? c.reasons : (c.aggregate?.reasons ?? []);
}

/** One channel as a sentence: "Mobile / web push: waiting, may go at 3:02 PM (in 48 s) — you were last … ." */
export function channelSentence(label: string, id: string, c: ChannelAnswer, now: number): string {
  const reasons = reasonsOf(c);
  const structured = factsWords(waitOf(c), now);
  // The wait's own reason says its facts in words relative to the decision time; they are said here, as of
  // now, from the numbers instead.
  const words = reasons
    .filter((r) => !(r.wait && structured.length))
    .map((r) => reasonWords(r.fact, now) || ruleWords(r.rule))
    .filter(Boolean);
  // Do not disturb is cited by the channel's rule and by its own with the same fact: said once.
  const because = [...new Set([...words, ...structured])];
  const head = `${label}: ${decisionWords(c.decision, id)}${timeWords(c, now)}`;
  return because.length ? `${head} — ${because.join("; ")}.` : `${head}.`;
}

const CONVERSATION_STATUS: Record<string, string> = {
  pending: "waiting",
  open: "open",
  snoozed: "snoozed",
  resolved: "resolved",
};

/** A support conversation's status as agents read it ("waiting", not the stored "pending"). */
export function conversationStatusWords(status: string): string {
  return CONVERSATION_STATUS[status] ?? "open";
}
