// Assembles the explain answer (EXP-1) for one recipient from three sources, per channel, in this order of
// trust: a decision recorded for the member where it was made (EXP-3), else a pending push/email row of the
// scheduler, else the chain rebuilt on demand by core's `explain` from the current stored state. Aggregate
// rows (members who got nothing, counted) are attached as context: they say what happened to "everyone
// like you" at the time, while the rebuilt chain says why it applies to this member.
import { fillFacts } from "./facts.ts";
import type { DecisionChannel, DecisionTrigger, Reason, StoredDecision } from "./recorder.ts";

export type { Reason };

export const EXPLAIN_CHANNELS: readonly DecisionChannel[] = ["banner", "sound", "push", "email", "inbox"];

export type Source = "recorded" | "pending" | "rebuilt" | "recorded-aggregate";

export interface ChannelAnswer {
  /** delivered | scheduled | skipped | sent | dropped | failed | waiting */
  decision: string;
  /** When it was decided: the recorded decision's time, or the moment the rebuilt chain was computed for. */
  at?: number;
  /** A waiting or held push/email: the earliest moment it may go (null = once inactive for the threshold).
   * The wait's facts, as data, are on its reason (`reasons[].wait`); the app says both in words (GEN-9). */
  dueAt?: number | null;
  source: Source;
  reasons: Reason[];
  /** The aggregate record this member falls under, when one exists for this channel. */
  aggregate?: { decision: string; count: number; at: number; reasons: Reason[] };
}

/** A channel decision as core's `explain` returns it (deliver | schedule | skip + reasons). */
export interface RebuiltChannel {
  decision: "deliver" | "schedule" | "skip";
  until?: number | null;
  waitsFor?: string;
  reasons: Reason[];
}

export interface Rebuilt {
  trigger: DecisionTrigger | null;
  channels: Partial<Record<DecisionChannel, RebuiltChannel>>;
  /** explainText lines of the rebuilt chain, keyed by channel when they start with "<channel>:". */
  text: string[];
  /** The trigger's own reasons (they lead every channel's chain). */
  triggerReasons?: Reason[];
  /** Facts of rules the chain names without saying them (the member's levels, tones): fill recorded rows. */
  ruleFacts?: Record<string, string>;
}

/** Which message (or support event) the answer is about, so a client can show it (EXP-1). */
export interface ExplainSubject {
  roomId: string | null;
  roomName: string | null;
  roomKind: string | null;
  conversationId: string | null;
  messageId: string | null;
  senderId: string | null;
  /** Display name of the sender (an agent or user), or the contact's name for a contact's message. */
  senderName: string | null;
  /** First line of the text, ≤ 200 characters (DSK-4); empty for a deleted message. */
  firstLine: string;
  createdAt: number | null;
  /** True when the asker may not read the room (an admin asking about a DM): names and text are left out. */
  hidden?: boolean;
}

/** A pending push/email candidate of the scheduler for this member. */
export interface PendingDelivery {
  channel: "push" | "email";
  /** waiting | scheduled while in the outbox; sent | dropped | failed once the scheduler is done with it. */
  decision?: "waiting" | "scheduled" | "sent" | "dropped" | "failed";
  /** One row for the whole room (group / `all`): applies to this member only if their chain allows it. */
  roomWide?: boolean;
  /** Earliest send time, null while it waits for an event (the member going idle). */
  dueAt: number | null;
  /** When the outbox finished with it (sent | dropped | failed): that decision's time. */
  decidedAt?: number;
  reasons: Reason[];
}

const DONE = new Set(["sent", "dropped", "failed"]);

export interface ExplainAnswer {
  eventKind: "message" | "support";
  messageId: string;
  userId: string;
  trigger: DecisionTrigger | null;
  channels: Record<DecisionChannel, ChannelAnswer>;
  text: string[];
  /** Which channels come from records, from pending rows, and which were rebuilt from current state. */
  sources: { recorded: DecisionChannel[]; pending: DecisionChannel[]; rebuilt: DecisionChannel[] };
  /** The moment the rebuilt parts were computed for. */
  rebuiltAt: number | null;
  subject: ExplainSubject | null;
}

export interface AssembleInput {
  eventKind: "message" | "support";
  messageId: string;
  userId: string;
  recorded: readonly StoredDecision[];
  pending: readonly PendingDelivery[];
  rebuilt: Rebuilt | null;
  rebuiltAt: number | null;
  /** The trigger when no record names one (support events: the event type from their inbox item). */
  trigger?: DecisionTrigger | null;
  subject?: ExplainSubject | null;
}

export function assemble(input: AssembleInput): ExplainAnswer {
  const channels = {} as Record<DecisionChannel, ChannelAnswer>;
  const sources: ExplainAnswer["sources"] = { recorded: [], pending: [], rebuilt: [] };
  const text: string[] = [];
  const ownTrigger = input.recorded.find((d) => d.userId === input.userId && d.trigger)?.trigger ?? null;
  const trigger = ownTrigger ?? input.rebuilt?.trigger ?? input.trigger ?? null;
  // Recorded rows keep their decision and source; rules recorded without words get their facts (EXP-1).
  const words = (d: StoredDecision, ch: DecisionChannel) =>
    fillFacts(d.reasons, ch, d.outcome, input.rebuilt, d.trigger ?? trigger);
  for (const ch of EXPLAIN_CHANNELS) {
    const own = latest(input.recorded.filter((d) => d.channel === ch && d.userId === input.userId));
    const agg = latest(input.recorded.filter((d) => d.channel === ch && d.userId === null));
    const rebuilt = input.rebuilt?.channels[ch];
    // A member's own outbox row applies as is; the room-wide row only where this member's chain is not a skip.
    const pending =
      input.pending.find((p) => p.channel === ch && !p.roomWide) ??
      input.pending.find((p) => p.channel === ch && p.roomWide && rebuilt && rebuilt.decision !== "skip");
    // A recorded wait is over once the outbox finished the row later (e.g. read elsewhere: dropped, PSH-3).
    const finished =
      own &&
      (own.outcome === "waiting" || own.outcome === "scheduled") &&
      pending &&
      !pending.roomWide &&
      DONE.has(pending.decision ?? "") &&
      (pending.decidedAt ?? 0) >= own.at;
    let answer: ChannelAnswer;
    if (own && !finished) {
      answer = {
        decision: own.outcome,
        at: own.at,
        source: "recorded",
        reasons: words(own, ch),
      };
      if (own.outcome === "waiting" || own.outcome === "scheduled") answer.dueAt = dueOf(own.reasons);
      sources.recorded.push(ch);
    } else if (pending) {
      answer = pendingAnswer(pending, rebuilt, input.rebuiltAt);
      sources.pending.push(ch);
    } else if (rebuilt) {
      answer = { decision: rebuiltDecision(rebuilt), source: "rebuilt", reasons: rebuilt.reasons };
      if (input.rebuiltAt !== null) answer.at = input.rebuiltAt;
      if (rebuilt.decision === "schedule") answer.dueAt = rebuilt.until ?? null;
      sources.rebuilt.push(ch);
    } else if (agg) {
      // Nothing to rebuild with (e.g. the member left): the aggregate is the best we know.
      answer = {
        decision: agg.outcome,
        at: agg.at,
        source: "recorded-aggregate",
        reasons: words(agg, ch),
      };
      sources.recorded.push(ch);
    } else {
      answer = {
        decision: "skipped",
        source: "rebuilt",
        reasons: [{ rule: "EXP-1", fact: "no decision recorded or pending, and none could be rebuilt" }],
      };
      sources.rebuilt.push(ch);
    }
    if (agg && answer.source !== "recorded-aggregate") {
      answer.aggregate = {
        decision: agg.outcome,
        count: agg.count,
        at: agg.at,
        reasons: words(agg, ch),
      };
    }
    channels[ch] = answer;
    text.push(lineFor(ch, answer, input.rebuilt));
  }
  text.unshift(input.rebuilt?.text.find((t) => t.startsWith("trigger:")) ?? `trigger: ${trigger ?? "none"}`);
  return {
    eventKind: input.eventKind,
    messageId: input.messageId,
    userId: input.userId,
    trigger,
    channels,
    text,
    sources,
    rebuiltAt: input.rebuilt ? input.rebuiltAt : null,
    subject: input.subject ?? null,
  };
}

/** The earliest moment a recorded wait may go, from the facts it recorded (EXP-1). */
function dueOf(reasons: readonly Reason[]): number | null | undefined {
  for (let k = reasons.length - 1; k >= 0; k--) {
    const w = reasons[k].wait;
    if (!w) continue;
    return w.kind === "inactivity" || w.kind === "offline" ? w.dueAt : w.until;
  }
  return undefined;
}

/**
 * An outbox row the scheduler has not decided on yet (or one room-wide row for everyone): its state is the
 * decision; while it waits, the wait's facts are those of core's chain computed now for this member — the
 * same functions the scheduler will call — and their time is that moment, not the post time.
 */
function pendingAnswer(
  p: PendingDelivery,
  rebuilt: RebuiltChannel | undefined,
  now: number | null,
): ChannelAnswer {
  const decision = p.decision ?? "waiting";
  const open = decision === "waiting" || decision === "scheduled";
  const waits = open && rebuilt?.decision === "schedule";
  const reasons = waits || (p.roomWide && rebuilt) ? [...rebuilt!.reasons, ...p.reasons] : p.reasons;
  const answer: ChannelAnswer = { decision, source: "pending", reasons };
  // A finished row's time is when the outbox finished it; an open one is worked out now (never the post time).
  const at = DONE.has(decision) ? p.decidedAt : now;
  if (at != null) answer.at = at;
  if (open) answer.dueAt = waits ? (rebuilt!.until ?? null) : p.dueAt;
  return answer;
}

function latest(rows: readonly StoredDecision[]): StoredDecision | undefined {
  let best: StoredDecision | undefined;
  for (const r of rows) if (!best || r.at >= best.at) best = r;
  return best;
}

function rebuiltDecision(c: RebuiltChannel): string {
  if (c.decision === "deliver") return "delivered";
  if (c.decision === "schedule") return "waiting";
  return "skipped";
}

const VERBS: Record<string, string> = {
  delivered: "shown",
  sent: "sent",
  scheduled: "scheduled",
  waiting: "waiting",
  skipped: "not sent",
  dropped: "dropped",
  failed: "failed",
};

/** "push: waiting — active on web 12 s ago, threshold 60 s [PSH-2]" (EXP-1). Rebuilt channels use core's
 * explainText line when it has one, so both sources read the same. */
export function lineFor(ch: DecisionChannel, a: ChannelAnswer, rebuilt: Rebuilt | null): string {
  if (a.source === "rebuilt" && rebuilt) {
    const line = rebuilt.text.find((t) => t.startsWith(`${ch}:`));
    if (line) return line;
  }
  let verb = VERBS[a.decision] ?? a.decision;
  if (a.decision === "delivered")
    verb =
      ch === "sound"
        ? "played"
        : ch === "inbox"
          ? "added"
          : ch === "push" || ch === "email"
            ? "sent"
            : "shown";
  if (a.decision === "skipped" && (ch === "banner" || ch === "inbox")) verb = "not shown";
  if (a.decision === "skipped" && ch === "sound") verb = "not played";
  const why = a.reasons.map((r) => (r.fact ? `${r.fact} [${r.rule}]` : `[${r.rule}]`)).join("; ");
  return why ? `${ch}: ${verb} — ${why}` : `${ch}: ${verb}`;
}
