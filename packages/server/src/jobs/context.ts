// What every job handler gets: the store, time, the channels, and where decisions and counters go.
import type { AdminSettings, WaitFacts } from "@herald/core";
import type { Logger } from "pino";
import { Counter, type Registry } from "prom-client";
import type { SendResult } from "../channels/result.ts";
import type { Clock } from "../clock.ts";
import type { ViewSource } from "../decisions/activity.ts";
import { DecisionBatch } from "../decisions/batch.ts";
import type { DecisionOutcome, DecisionRecorder, DecisionTrigger } from "../decisions/recorder.ts";
import type { ActivitySource } from "../decisions/state.ts";
import type { Db } from "../store/db.ts";
import type { Channels } from "./channels.ts";

export interface JobContext {
  db: Db;
  clock: Clock;
  channels: Channels;
  log: Logger;
  recorder: DecisionRecorder;
  counter: Counter<"channel" | "outcome" | "reason">;
  activity?: ActivitySource;
  /** DSK-2: focused windows' views, so PRF-17 "always" does not push a message already in view. */
  views?: ViewSource;
  /** PSH-5: numbered badges of a batch of users, in a few set-based queries (jobs/badges.ts). */
  badges(userIds: readonly string[]): Promise<Map<string, number>>;
  admin: AdminSettings;
  /** Test-only divisor of email windows (HERALD_DELIVERY_TIME_SCALE). */
  timeScale: number;
  /** HERALD_WIDGET_OFFLINE_EMAIL_MINUTES: an inbox without its own delay emails unseen replies after this. */
  contactEmailMinutes?: number;
  /** HERALD_PUSH_IN_FLIGHT: push sends in flight at once (default IN_FLIGHT). */
  pushInFlight?: number;
  /** Members per expansion page of a room row (default EXPAND_PAGE); tests shrink it to see the paging. */
  expandPage?: number;
  /** Set by sendMarked while a chunk of sends runs: their outcomes are stored together after it (queue.ts). */
  outcomes?: OutcomeBuffer;
}

import type { OutcomeBuffer } from "./queue.ts";

export function deliveryCounter(registry: Registry): Counter<"channel" | "outcome" | "reason"> {
  const have = registry.getSingleMetric("herald_deliveries_total");
  if (have) return have as Counter<"channel" | "outcome" | "reason">;
  return new Counter({
    name: "herald_deliveries_total",
    help: "Push and email deliveries by channel, outcome (sent, skipped, failed) and rule/reason (GEN-3)",
    labelNames: ["channel", "outcome", "reason"],
    registers: [registry],
  });
}

/** Collects the scheduler's decisions of one pass per event and records them compactly (EXP-3). */
export class Decisions {
  readonly #batches = new Map<string, DecisionBatch>();
  readonly #ctx: JobContext;
  constructor(ctx: JobContext) {
    this.#ctx = ctx;
  }
  add(
    event: { kind: "message" | "support" | "call"; id: string },
    userId: string,
    channel: "push" | "email",
    outcome: DecisionOutcome,
    why: { trigger?: string | null; rule: string; fact: string; wait?: WaitFacts },
  ): void {
    const key = `${event.kind}:${event.id}`;
    let b = this.#batches.get(key);
    if (!b) {
      b = new DecisionBatch(event.kind, event.id, this.#ctx.clock.now());
      this.#batches.set(key, b);
    }
    b.member(userId, channel, outcome, {
      trigger: (why.trigger ?? null) as DecisionTrigger | null,
      // EXP-1: a wait's facts are recorded as data, with the words the decider gave them.
      reasons: [
        why.wait ? { rule: why.rule, fact: why.fact, wait: why.wait } : { rule: why.rule, fact: why.fact },
      ],
    });
    const stat =
      outcome === "sent"
        ? "sent"
        : outcome === "failed"
          ? "failed"
          : outcome === "dropped"
            ? "skipped"
            : null;
    if (stat) this.#ctx.counter.inc({ channel, outcome: stat, reason: why.rule });
  }
  /** Members filtered out at expansion: one aggregate entry per reason, never a row each. */
  nothing(
    eventId: string,
    channel: "push" | "email",
    why: { rule: string; fact: string; trigger: string },
    n: number,
  ) {
    const key = `message:${eventId}`;
    let b = this.#batches.get(key);
    if (!b) {
      b = new DecisionBatch("message", eventId, this.#ctx.clock.now());
      this.#batches.set(key, b);
    }
    b.nothing(
      channel,
      "skipped",
      { trigger: why.trigger as DecisionTrigger, reasons: [{ rule: why.rule, fact: why.fact }] },
      n,
    );
  }
  flush(): void {
    for (const b of this.#batches.values()) this.#ctx.recorder.record(b.entries());
    this.#batches.clear();
  }
}

/** Exponential backoff with ±20 % jitter: 5 s, 10 s, 20 s … capped at 30 min. Retry-After wins when later. */
export function retryAt(attempts: number, now: number, retryAfter?: number, rand = Math.random): number {
  const base = Math.min(5_000 * 2 ** attempts, 30 * 60_000);
  const own = now + Math.round(base * (0.8 + 0.4 * rand()));
  return retryAfter !== undefined ? Math.max(retryAfter, now + 1) : own;
}

/** EML-7: email retries for up to 24 h, then fails. */
export const EMAIL_GIVE_UP_MS = 24 * 3600_000;

/** What one email attempt means (EML-7): try again at `at`, or the row's final state and reason. */
export type EmailAttempt =
  | { retry: true; at: number; reason: string }
  | { retry: false; state: "sent" | "failed"; reason: string | null };

/** EML-7 for every email the worker sends: retried with backoff until 24 h after the first try, then failed. */
export function emailAttempt(
  r: SendResult,
  attempts: number,
  firstTryAt: number | null,
  now: number,
): EmailAttempt {
  if (r.kind === "retry" && now - (firstTryAt ?? now) < EMAIL_GIVE_UP_MS)
    return { retry: true, at: retryAt(attempts, now, r.at), reason: r.reason };
  if (r.kind === "sent") return { retry: false, state: "sent", reason: null };
  const reason = r.kind === "retry" ? `EML-7 gave up after 24 h: ${r.reason}` : r.reason;
  return { retry: false, state: "failed", reason };
}
/** Rows waiting for an event (activity change, read) are re-checked this often anyway: the safety sweep. */
export const SAFETY_RECHECK_MS = 10 * 60_000;
