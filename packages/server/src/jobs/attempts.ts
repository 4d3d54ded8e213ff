// Crash safety of sends (at-most-once per delivery and device). Before a push or email leaves, its row's
// `attempt_at` is committed; storing the outcome (finish / release) clears it. A claimed row that still has it
// was being sent by a worker that died (SIGKILL, power loss): the peer may or may not have it, and no receiver
// dedups for us (RFC 8030 push services and SMTP servers accept the same message twice), so the send is NOT
// repeated — the row is settled as "outcome unknown". The loss is bounded by what was in flight: at most
// IN_FLIGHT rows per killed worker. Same-tag pushes collapse on the device anyway (PSH-5).
import type { Decisions, JobContext } from "./context.ts";
import { OutcomeBuffer } from "./queue.ts";
import { type DeliveryRow, payloadOf } from "./rows.ts";

/** Sends in flight at once per worker; also the bound on rows a kill can leave unknown. */
export const IN_FLIGHT = 64;

export const UNKNOWN_REASON = "unknown: send interrupted by a crash, not repeated (at-most-once)";

const SENDING_KINDS = new Set(["push", "clear", "call", "support", "batch", "mail"]);

export function isInterrupted(row: DeliveryRow): boolean {
  return row.attempt_at !== null && row.attempt_at !== undefined && SENDING_KINDS.has(row.kind);
}

/** Commits the attempt mark of rows still claimed by us, before any of their sends starts. */
export async function markAttempt(ctx: JobContext, ids: string[]): Promise<void> {
  const now = ctx.clock.now();
  for (let i = 0; i < ids.length; i += 500)
    await ctx.db
      .updateTable("deliveries")
      .set({ attempt_at: now })
      .where("id", "in", ids.slice(i, i + 500))
      .where("state", "=", "claimed")
      .execute();
}

/** Runs sends IN_FLIGHT at a time; each chunk's rows are marked (one UPDATE) before the chunk starts. */
export async function sendMarked<T>(
  ctx: JobContext,
  jobs: readonly T[],
  idsOf: (job: T) => string[],
  run: (job: T) => Promise<void>,
  inFlight = IN_FLIGHT,
): Promise<void> {
  for (let i = 0; i < jobs.length; i += inFlight) {
    const chunk = jobs.slice(i, i + inFlight);
    await markAttempt(ctx, chunk.flatMap(idsOf));
    // Passes never overlap (Scheduler.tick), so the chunk owns ctx.outcomes while it runs.
    const outcomes = new OutcomeBuffer();
    ctx.outcomes = outcomes;
    try {
      await Promise.all(chunk.map(run));
    } finally {
      ctx.outcomes = undefined;
      await outcomes.flush(ctx.db);
    }
  }
}

/** Settles rows whose send was interrupted: never sent again; the email batch's items follow their batch. */
export async function settleInterrupted(ctx: JobContext, rows: DeliveryRow[], d: Decisions): Promise<void> {
  if (!rows.length) return;
  const now = ctx.clock.now();
  const ids = rows.map((r) => r.id);
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      await trx
        .updateTable("deliveries")
        .set({
          state: "sent",
          reason: UNKNOWN_REASON,
          claimed_until: null,
          attempt_at: null,
          updated_at: now,
        })
        .where("id", "in", part)
        .where("state", "=", "claimed")
        .execute();
      await trx
        .updateTable("deliveries")
        .set({ state: "sent", reason: UNKNOWN_REASON, updated_at: now })
        .where("batch_id", "in", part)
        .where("state", "=", "batched")
        .execute();
    }
  });
  for (const r of rows) {
    ctx.log.warn(
      { delivery: r.id, kind: r.kind },
      "send interrupted by a crash: outcome unknown, not repeated",
    );
    if (r.user_id && r.kind !== "batch" && r.kind !== "mail")
      d.add(eventOf(r), r.user_id, r.channel, "sent", {
        trigger: r.trigger,
        rule: "PSH-7",
        fact: `${UNKNOWN_REASON}; devices reached before: ${payloadOf(r).done?.length ?? 0}`,
      });
  }
}

/** The event a row's decisions belong to (EXP-3). */
export const eventOf = (r: DeliveryRow) =>
  r.kind === "support"
    ? { kind: "support" as const, id: String(payloadOf(r).data?.eventId ?? r.id) }
    : r.kind === "call"
      ? { kind: "call" as const, id: String(payloadOf(r).data?.callId ?? r.id) }
      : { kind: "message" as const, id: r.message_id ?? r.id };
