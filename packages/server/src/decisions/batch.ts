// Builds the entries of one event compactly (EXP-3): members who were notified (or scheduled) get an entry
// each; members who got nothing are counted into one aggregate entry per (channel, outcome, trigger, reason).
import type {
  DecisionChannel,
  DecisionEntry,
  DecisionEventKind,
  DecisionOutcome,
  DecisionTrigger,
  Reason,
} from "./recorder.ts";

export interface Why {
  trigger?: DecisionTrigger | null;
  reasons: Reason[];
}

export class DecisionBatch {
  readonly #eventKind: DecisionEventKind;
  readonly #eventId: string;
  readonly #at: number;
  readonly #members: DecisionEntry[] = [];
  readonly #aggregates = new Map<string, DecisionEntry>();

  constructor(eventKind: DecisionEventKind, eventId: string, at: number) {
    this.#eventKind = eventKind;
    this.#eventId = eventId;
    this.#at = at;
  }

  /** One member's decision on one channel, kept as its own entry (use for what was delivered/scheduled). */
  member(userId: string, channel: DecisionChannel, outcome: DecisionOutcome, why: Why): this {
    this.#members.push(this.#entry(userId, channel, outcome, why, 1));
    return this;
  }

  /** `n` members who got nothing on `channel` for the same reason: folded into one aggregate entry.
   * The facts must not name the member (they are shared), e.g. "not connected at fan-out". */
  nothing(channel: DecisionChannel, outcome: DecisionOutcome, why: Why, n = 1): this {
    const key = JSON.stringify([channel, outcome, why.trigger ?? null, why.reasons]);
    const found = this.#aggregates.get(key);
    if (found) found.count = (found.count ?? 1) + n;
    else this.#aggregates.set(key, this.#entry(null, channel, outcome, why, n));
    return this;
  }

  entries(): DecisionEntry[] {
    return [...this.#members, ...this.#aggregates.values()];
  }

  get size(): number {
    return this.#members.length + this.#aggregates.size;
  }

  #entry(
    userId: string | null,
    channel: DecisionChannel,
    outcome: DecisionOutcome,
    why: Why,
    count: number,
  ): DecisionEntry {
    return {
      eventKind: this.#eventKind,
      eventId: this.#eventId,
      userId,
      channel,
      outcome,
      trigger: why.trigger ?? null,
      reasons: why.reasons,
      count,
      at: this.#at,
    };
  }
}
