// DecisionRecorder port (EXP-3): decisions are recorded where they are made — banner and sound at the gateway,
// push and email at the scheduler, inbox at posting — and read back by the explain API (EXP-1).
//
// Compactness is the caller's contract: members who got nothing on a channel for the same reason are ONE
// aggregate entry (userId null, count = how many), never a row each. `DecisionBatch` (batch.ts) builds such
// entries. `record` never throws and never awaits: it buffers, and the implementation flushes in batches,
// logging errors, so recording can never make a message post or a fan-out fail.
//
// A reason is a typed value — the rule and the facts it used (core's Reason, with a wait's facts as data) —
// recorded as the decider returned it, so explain never rebuilds it or parses a sentence back.
import type { Reason } from "@herald/core";

export type { Reason };

export type DecisionEventKind = "message" | "support" | "call";
/** Same literals as core's `Channel` and `Trigger` (kept here so the port has no cross-package import). */
export type DecisionChannel = "banner" | "sound" | "push" | "email" | "inbox";
export type MessageTrigger = "dm" | "mention" | "keyword" | "thread" | "group" | "all";
/** Support events record their event type as the trigger (the PRF-40/41 type an agent got, else the event). */
export type SupportTrigger =
  | "pending_contact"
  | "conversation_created"
  | "conversation_assigned"
  | "conversation_mention"
  | "assigned_conversation_message"
  | "participating_conversation_message"
  | "conversation_message";
export type DecisionTrigger = MessageTrigger | SupportTrigger;
export type DecisionOutcome =
  | "delivered"
  | "scheduled"
  | "skipped"
  | "sent"
  | "dropped"
  | "failed"
  | "waiting";

export const DECISION_OUTCOMES: readonly DecisionOutcome[] = [
  "delivered",
  "scheduled",
  "skipped",
  "sent",
  "dropped",
  "failed",
  "waiting",
];

export interface DecisionEntry {
  eventKind: DecisionEventKind;
  /** Message id, support event id, or call id. */
  eventId: string;
  /** The recipient; null = an aggregate entry covering `count` members (EXP-3). */
  userId: string | null;
  channel: DecisionChannel;
  outcome: DecisionOutcome;
  /** The member's trigger (TRG-1), when one applied. */
  trigger?: DecisionTrigger | null;
  /** The chain, in order: each rule with the facts it used, e.g. { rule: "PRF-36", fact: "alerts are off" }.
   * An empty `fact` = the decider knew only the rule (explain words it from the member's settings). */
  reasons: Reason[];
  /** Aggregate size (members covered); 1 when omitted. */
  count?: number;
  /** When the decision was made (ms, from the Clock port). */
  at: number;
}

/** Where decisions go. Gateway and scheduler call `record`; tests and shutdown call `flush`. */
export interface DecisionRecorder {
  /** Buffers entries; never throws, never blocks on I/O. */
  record(entries: readonly DecisionEntry[]): void;
  /** Writes everything buffered so far (resolves even when the write fails; failures are logged). */
  flush(): Promise<void>;
  /** Flushes and stops the background timer. */
  close(): Promise<void>;
}

/** A recorded decision as read back (one row of the `decisions` table). */
export interface StoredDecision extends DecisionEntry {
  count: number;
  trigger: DecisionTrigger | null;
}

/** Read side, used by the explain API. */
export interface DecisionReader {
  /** Every entry of one event: the user's own rows plus the aggregate rows (userId null). */
  forEvent(eventKind: DecisionEventKind, eventId: string, userId: string): Promise<StoredDecision[]>;
}

/** Keeps entries in memory: for other parts' unit tests. */
export class MemoryDecisionRecorder implements DecisionRecorder, DecisionReader {
  readonly entries: StoredDecision[] = [];

  record(entries: readonly DecisionEntry[]): void {
    for (const e of entries) {
      this.entries.push({
        ...e,
        count: e.count ?? 1,
        trigger: e.trigger ?? null,
      });
    }
  }

  async forEvent(eventKind: DecisionEventKind, eventId: string, userId: string): Promise<StoredDecision[]> {
    return this.entries.filter(
      (e) => e.eventKind === eventKind && e.eventId === eventId && (e.userId === userId || e.userId === null),
    );
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

/** Records nothing (a role without explain, or a benchmark). */
export const noDecisionRecorder: DecisionRecorder = {
  record: () => {},
  flush: async () => {},
  close: async () => {},
};
