// Email jobs (EML-1 … EML-9): per user, every candidate is decided again (scheduleEmailCandidate), then
// planEmailBatch applies the PRF-5 window (EML-3). A closing window turns its due candidates into ONE batch
// row whose id is the email's Message-ID, so a retried send is the same email (EML-7).
import {
  describeWait,
  emailWindowMs,
  planEmailBatch,
  type ScheduleOutcome,
  scheduleEmailCandidate,
  type WaitFacts,
} from "@herald/core";
import type { EmailMessageItem } from "../channels/email/index.ts";
import { type EmailContext, messageEmail } from "../channels/email/index.ts";
import type { PushTrigger, RoomKind } from "../channels/push-payload.ts";
import { newId } from "../ids.ts";
import { fileNames } from "../store/files.ts";
import { eventOf, sendMarked } from "./attempts.ts";
import { type Decisions, emailAttempt, type JobContext, retryAt, SAFETY_RECHECK_MS } from "./context.ts";
import { finish, type Queue, release } from "./queue.ts";
import { type DeliveryRow, insertRows, keys, newRow, payloadOf } from "./rows.ts";
import { loadState, recipientState } from "./state.ts";
import { supportBatchEmail } from "./support.ts";

export async function runEmailRows(ctx: JobContext, q: Queue, rows: DeliveryRow[], d: Decisions) {
  const byUser = new Map<string, DeliveryRow[]>();
  for (const r of rows) byUser.set(r.user_id ?? "", [...(byUser.get(r.user_id ?? "") ?? []), r]);
  for (const [userId, own] of byUser) {
    try {
      // The pass sees every candidate of the user, due or not, so one batch gathers them all.
      const rest = await q.claimUser(userId, ["email"], ctx.clock.now());
      await userPass(ctx, [...own, ...rest], d);
    } catch (err) {
      ctx.log.error({ err, userId }, "email pass failed");
      const now = ctx.clock.now();
      for (const r of own)
        await release(ctx.db, r, retryAt(r.attempts, now), now, { attempt: true }).catch(() => {});
    }
  }
}

async function userPass(ctx: JobContext, rows: DeliveryRow[], d: Decisions): Promise<void> {
  const userId = rows[0].user_id ?? "";
  const loaded = await loadState(ctx.db, rows, ctx.admin, ctx.activity);
  const now = ctx.clock.now();
  let windowMs = 120_000;
  const cands = rows.map((row) => {
    const s = recipientState(loaded, row);
    if (s) windowMs = emailWindowMs(s.account);
    const outcome: ScheduleOutcome = s
      ? scheduleEmailCandidate(
          {
            messageId: row.message_id ?? "",
            roomId: row.room_id ?? "",
            trigger: (row.trigger ?? "all") as PushTrigger,
            createdAt: Number(row.created_at),
            seq: row.seq,
            threadRootId: row.thread_root_id,
            ...(row.thread_seq !== null ? { threadSeq: row.thread_seq } : {}),
          },
          s,
          now,
        )
      : { kind: "drop", rule: "GEN-5", reason: "recipient left the room or was removed" };
    return { item: row, outcome };
  });
  await applyEmailPlan(ctx, userId, "messages", cands, windowMs, d);
}

/**
 * EML-3 for one user and family (messages | support): drops, opens/closes the PRF-5 window, turns the due
 * candidates of a closing window into ONE batch row (its id = the Message-ID), and releases the rest.
 */
export async function applyEmailPlan(
  ctx: JobContext,
  userId: string,
  family: "messages" | "support",
  cands: { item: DeliveryRow; outcome: ScheduleOutcome }[],
  windowMs: number,
  d: Decisions,
): Promise<void> {
  const now = ctx.clock.now();
  const win = await ctx.db
    .selectFrom("email_windows")
    .select("opened_at")
    .where("user_id", "=", userId)
    .where("family", "=", family)
    .executeTakeFirst();
  const plan = planEmailBatch(
    cands,
    Math.ceil(windowMs / ctx.timeScale),
    win ? Number(win.opened_at) : null,
    now,
  );
  for (const c of plan.drop) {
    if (c.outcome.kind !== "drop") continue;
    await finish(ctx.db, [c.item.id], "dropped", `${c.outcome.rule} ${c.outcome.reason}`, now);
    d.add(evOf(c.item), userId, "email", "dropped", {
      trigger: c.item.trigger,
      rule: c.outcome.rule,
      fact: c.outcome.reason,
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("email_windows")
      .where("user_id", "=", userId)
      .where("family", "=", family)
      .execute();
    if (plan.windowOpenedAt !== null)
      await trx
        .insertInto("email_windows")
        .values({ user_id: userId, family, opened_at: plan.windowOpenedAt })
        .execute();
    if (plan.action === "send" && plan.send.length > 0) {
      const id = newId();
      await insertRows(trx, [
        newRow(
          {
            id,
            kind: "batch",
            channel: "email",
            key: keys.batch(id),
            userId,
            dueAt: now,
            payload: { family },
          },
          now,
        ),
      ]);
      await trx
        .updateTable("deliveries")
        .set({ state: "batched", batch_id: id, claimed_until: null, updated_at: now })
        .where(
          "id",
          "in",
          plan.send.map((r) => r.id),
        )
        .where("state", "=", "claimed")
        .execute();
    }
  });
  const outcomes = new Map(cands.map((c) => [c.item.id, c.outcome]));
  for (const row of plan.keep) {
    const o = outcomes.get(row.id);
    const p = payloadOf(row);
    // EXP-1: the facts of the wait, as data: the batching window's end, or the inactivity the candidate awaits.
    const wait: WaitFacts | undefined =
      o?.kind === "send" && plan.until !== null
        ? { kind: "batch_window", until: plan.until, windowMs: Math.ceil(windowMs / ctx.timeScale) }
        : o?.kind === "wait"
          ? o.facts
          : undefined;
    const why =
      o?.kind === "send" ? `EML-3 ${plan.until}` : `${o?.rule} ${o?.kind === "wait" ? o.until : ""}`;
    if (p.waitRecorded !== why) {
      d.add(evOf(row), userId, "email", "waiting", {
        trigger: row.trigger,
        rule: o?.kind === "send" ? "EML-3" : (o?.rule ?? "EML-2"),
        fact: wait ? describeWait(wait, now) : o?.kind === "wait" ? o.reason : "batch window open",
        wait,
      });
      p.waitRecorded = why;
    }
    await release(ctx.db, row, plan.until ?? now + SAFETY_RECHECK_MS, now, { payload: p });
  }
}

const evOf = eventOf;

/** Sends claimed batch rows: one email each, Message-ID = batch id; retried for 24 h (EML-7). */
export async function runBatchRows(ctx: JobContext, rows: DeliveryRow[], d: Decisions): Promise<void> {
  // Each batch's attempt is committed before its SMTP transaction starts (attempts.ts: at-most-once).
  await sendMarked(
    ctx,
    rows,
    (row) => [row.id],
    async (row) => {
      try {
        await sendBatch(ctx, row, d);
      } catch (err) {
        ctx.log.error({ err, batch: row.id }, "email batch failed unexpectedly");
        const now = ctx.clock.now();
        await release(ctx.db, row, retryAt(row.attempts, now), now, {
          attempt: true,
          keepAttemptMark: true,
        }).catch(() => {});
      }
    },
    EMAIL_IN_FLIGHT,
  );
}

/** SMTP transactions in flight at once (the pool has a few connections; more only queue in nodemailer). */
const EMAIL_IN_FLIGHT = 16;

async function sendBatch(ctx: JobContext, batch: DeliveryRow, d: Decisions): Promise<void> {
  const items = await ctx.db.selectFrom("deliveries").selectAll().where("batch_id", "=", batch.id).execute();
  const user = await ctx.db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", batch.user_id ?? "")
    .executeTakeFirst();
  const now = ctx.clock.now();
  const recipient = user?.email
    ? { userId: user.id, name: user.display_name, address: user.email, timeZone: user.timezone }
    : null;
  const email = !recipient
    ? null
    : payloadOf(batch).family === "support"
      ? await supportBatchEmail(ctx, recipient, items, batch.id)
      : await messageBatchEmail(ctx, recipient, items, batch.id);
  const itemIds = items.map((i) => i.id);
  if (!user || !email) {
    await finish(ctx.db, [batch.id], "dropped", "EML-3 nothing left to send", now);
    await ctx.db
      .updateTable("deliveries")
      .set({ state: "dropped", reason: "EML-3 nothing left", updated_at: now })
      .where("id", "in", itemIds.length ? itemIds : [""])
      .execute();
    return;
  }
  const r = await ctx.channels.email.send(email);
  const after = ctx.clock.now();
  const attempt = emailAttempt(r, batch.attempts, batch.first_try_at ?? now, after);
  if (attempt.retry) {
    await release(ctx.db, batch, attempt.at, after, { attempt: true, reason: attempt.reason });
    return;
  }
  const { state, reason } = attempt;
  await ctx.db.transaction().execute(async (trx) => {
    await finish(trx, [batch.id], state, reason, after);
    await trx
      .updateTable("deliveries")
      .set({ state, reason, updated_at: after })
      .where("batch_id", "=", batch.id)
      .where("state", "=", "batched")
      .execute();
  });
  for (const it of items)
    d.add(evOf(it), user.id, "email", state, {
      trigger: it.trigger,
      rule: state === "sent" ? "EML-3" : "EML-7",
      fact: state === "sent" ? `sent in one email of ${items.length}` : (reason ?? "failed"),
    });
}

type Recipient = EmailContext["recipient"];

/** EML-4 message batch; null when every message was deleted meanwhile (TRG-3). */
async function messageBatchEmail(ctx: JobContext, to: Recipient, items: DeliveryRow[], id: string) {
  const loaded = await loadState(ctx.db, items, ctx.admin, undefined);
  const mailItems: EmailMessageItem[] = [];
  for (const it of items) {
    const m = loaded.messages.get(it.message_id ?? "");
    const room = loaded.rooms.get(it.room_id ?? "");
    if (!m || m.deleted_at || !room) continue; // TRG-3: a message deleted meanwhile is left out
    const sender = loaded.users.get(m.sender_id ?? "");
    mailItems.push({
      id: m.id,
      roomId: room.id,
      roomName: room.name,
      roomKind: room.kind as RoomKind,
      ...(m.thread_root_id ? { threadId: m.thread_root_id } : {}),
      trigger: (it.trigger ?? "all") as PushTrigger,
      sender: { id: sender?.id ?? "", name: sender?.display_name ?? "Someone" },
      text: m.text,
      ...fileNames(m),
      sentAt: Number(m.created_at),
    });
  }
  if (!mailItems.length) return null;
  return messageEmail(ctx.channels.emailContext(to, ctx.admin.siteName), {
    deliveryId: id,
    mode: ctx.admin.emailContent,
    items: mailItems,
  });
}
