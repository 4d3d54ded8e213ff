// Crash safety of sends. Before a push or email leaves, its row's `attempt_at` is committed; storing the
// outcome (finish / release) clears it. A claimed row that still has it was being sent by a worker that died
// (SIGKILL, power loss): the peer may or may not have it.
// - Push (PSH-7): sent again, at least once. The repeat carries the same Topic (RFC 8030 §5.4: the push
//   service replaces a still-queued message of that Topic) and the same notification tag (the device replaces
//   a shown notification of that tag), both fixed per room (PSH-5), so the device shows it once.
// - Email (EML-7): never sent twice. SMTP servers accept the same message twice and a mail client shows both,
//   so an interrupted batch is settled as "outcome unknown", not repeated; at most one chunk per killed worker.
import type { Exec } from "../store/db.ts";
import type { Decisions, JobContext } from "./context.ts";
import { OutcomeBuffer } from "./queue.ts";
import { type DeliveryRow, payloadOf } from "./rows.ts";

/** Sends in flight at once per worker; also the bound on pushes a kill can repeat. */
export const IN_FLIGHT = 64;

export const UNKNOWN_REASON = "unknown: send interrupted by a crash, not repeated (at-most-once)";

/** Log line of a push sent again after a crash (PSH-7). */
export const RESEND_REASON = "push interrupted by a crash: sent again with the same Topic and tag";

const SENDING_KINDS = new Set(["push", "clear", "call", "support", "batch", "mail", "contact"]);

export function isInterrupted(row: DeliveryRow): boolean {
  return row.attempt_at !== null && row.attempt_at !== undefined && SENDING_KINDS.has(row.kind);
}

/** PSH-7: an interrupted push (message, clear, call, support) is sent again; only email is settled unsent. */
export function resendsAfterCrash(row: DeliveryRow): boolean {
  return row.channel === "push";
}

/** Commits the attempt mark of rows still claimed by us, before any of their sends starts. */
export async function markAttempt(db: Exec, ids: string[], now: number): Promise<void> {
  for (let i = 0; i < ids.length; i += 500)
    await db
      .updateTable("deliveries")
      .set({ attempt_at: now })
      .where("id", "in", ids.slice(i, i + 500))
      .where("state", "=", "claimed")
      .execute();
}

/**
 * Runs sends with at most `inFlight` of them marked and not yet stored. Marks are committed before their sends
 * start; the outcomes of ended sends are stored before their places go to the next sends, in the same
 * transaction as those sends' marks (one commit). The window slides: once half of it has ended, the next sends
 * start while the other half still waits for the push service, so encrypting overlaps the answers (a
 * chunk-at-a-time loop left the worker idle for a round trip per chunk). A kill still repeats at most
 * `inFlight` pushes: only rows marked and not stored can be sent again.
 */
export async function sendMarked<T>(
  ctx: JobContext,
  jobs: readonly T[],
  idsOf: (job: T) => string[],
  run: (job: T) => Promise<void>,
  inFlight = IN_FLIGHT,
): Promise<void> {
  const refill = Math.max(1, Math.ceil(inFlight / 2));
  let next = 0;
  let open = 0; // sends marked whose outcome is not stored yet
  let ended = 0; // of those, sends that ended
  const errors: unknown[] = []; // a send that threw: no new sends start, the error is thrown at the end
  let wake = () => {};
  // Passes never overlap (Scheduler.tick), so these sends own ctx.outcomes while they run.
  let outcomes = new OutcomeBuffer();
  ctx.outcomes = outcomes;
  try {
    for (;;) {
      const left = errors.length ? 0 : jobs.length - next;
      if (open === 0 && left === 0) break;
      // Wait until enough sends ended to free room for the next ones (or, at the end, until all ended).
      const needed = left > 0 ? Math.min(refill, left) - (inFlight - open) : open;
      if (ended < needed) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      const done = ended;
      const chunk = jobs.slice(next, next + Math.min(inFlight - open + done, left));
      next += chunk.length;
      const ids = chunk.flatMap(idsOf);
      const stored = outcomes;
      outcomes = new OutcomeBuffer();
      ctx.outcomes = outcomes;
      if (!stored.empty || ids.length) {
        const now = ctx.clock.now();
        await ctx.db.transaction().execute(async (trx) => {
          await stored.write(trx);
          await markAttempt(trx, ids, now);
        });
      }
      open += chunk.length - done;
      ended -= done;
      for (const job of chunk)
        run(job)
          .catch((error: unknown) => {
            errors.push(error);
          })
          .finally(() => {
            ended++;
            wake();
          });
    }
  } finally {
    ctx.outcomes = undefined;
    await outcomes.flush(ctx.db);
  }
  if (errors.length) throw errors[0];
}

/** Settles email rows whose send was interrupted: never sent again; the batch's items follow their batch. */
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
        rule: "EML-7",
        fact: UNKNOWN_REASON,
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
