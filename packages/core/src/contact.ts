// The contact's side of a support conversation: whether an agent's replies the contact has not seen go out by
// email, and what "we usually reply in …" the widget shows. Pure: the server loads the facts and acts.
import { isBusy, presenceOf } from "./presence.ts";
import type { AgentFacts } from "./support.ts";

/** One public agent reply in the conversation (private notes never reach the contact). */
export interface ContactReply {
  id: string;
  /** Room sequence: what "seen" and "already emailed" positions compare against. */
  seq: number;
  at: number;
}

export interface ContactEmailFacts {
  /** The address the contact gave in the widget, or null. */
  email: string | null;
  /** One-click unsubscribe (RFC 8058) was used for this contact. */
  unsubscribed: boolean;
  /** How long a reply may stay unseen before it is emailed (per inbox, else the site setting). */
  delayMs: number;
  /** Public agent replies, oldest first. */
  replies: readonly ContactReply[];
  /** Highest sequence the contact has seen in the open widget. */
  seenSeq: number;
  /** Highest sequence an earlier contact email carried. */
  emailedSeq: number;
}

export type ContactEmailOutcome =
  | { kind: "send"; messageIds: string[]; throughSeq: number; rule: string; reason: string }
  | { kind: "wait"; until: number; rule: string; reason: string }
  | { kind: "drop"; rule: string; reason: string };

/**
 * Offline contact email: the replies the contact has neither seen in the widget nor been emailed go out as
 * ONE email once the oldest of them has stayed unseen for the delay (the delay gathers a burst of replies,
 * as EML-3's window does); replies seen meanwhile are left out, and if none is left nothing is sent (EML-2's
 * "only if still unread"). No address or an unsubscribed contact: never (EML-1, EML-6).
 */
export function decideContactEmail(f: ContactEmailFacts, now: number): ContactEmailOutcome {
  if (!f.email) return { kind: "drop", rule: "EML-1", reason: "the contact gave no email address" };
  if (f.unsubscribed) return { kind: "drop", rule: "EML-6", reason: "the contact unsubscribed" };
  const from = Math.max(f.seenSeq, f.emailedSeq);
  const unseen = f.replies.filter((r) => r.seq > from);
  if (!unseen.length) return { kind: "drop", rule: "EML-2", reason: "seen in the widget or emailed already" };
  const due = Math.min(...unseen.map((r) => r.at)) + f.delayMs;
  if (now < due) return { kind: "wait", until: due, rule: "EML-3", reason: "the contact may still see it" };
  return {
    kind: "send",
    messageIds: unseen.map((r) => r.id),
    throughSeq: Math.max(...unseen.map((r) => r.seq)),
    rule: "EML-3",
    reason: `${unseen.length} unseen ${unseen.length === 1 ? "reply" : "replies"} in one email`,
  };
}

export type ReplyStatus = { online: true; text: string } | { online: false; text: string };

/**
 * The widget's status line. An agent of the inbox online now (present, not busy, not invisible) → "We're
 * online"; otherwise the inbox's typical first reply time (null when there is no history yet) in words.
 */
export function replyStatus(
  agents: readonly Pick<AgentFacts, "activity" | "status">[],
  typicalReplyMs: number | null,
  now: number,
): ReplyStatus {
  const online = agents.some((a) => !isBusy(a.status.busy, now) && presenceOf(a.activity, now) === "online");
  if (online) return { online: true, text: "We're online" };
  return { online: false, text: replyTimeWords(typicalReplyMs) };
}

/** "We usually reply in a few minutes" … "in a day or two"; words only, never a clock time (GEN-9). */
export function replyTimeWords(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return "We'll reply as soon as we can";
  const min = ms / 60_000;
  if (min <= 5) return "We usually reply in a few minutes";
  if (min <= 50) return `We usually reply in about ${Math.ceil(min / 10) * 10} minutes`;
  if (min <= 90) return "We usually reply in about an hour";
  if (min <= 5 * 60) return "We usually reply in a few hours";
  if (min <= 24 * 60) return "We usually reply within a day";
  return "We usually reply in a day or two";
}
