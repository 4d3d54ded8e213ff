// The offline contact email. An agent's public reply in a conversation whose contact left an address writes a
// `contact` row (in the reply's transaction) due when the reply may have stayed unseen long enough; at that
// moment core's decideContactEmail decides with fresh facts — what the contact has seen in the widget, what an
// earlier email carried, unsubscribed — and the row either waits, is dropped, or sends ONE email with every
// unseen reply. The conversation's contact_emailed_seq moves forward with a compare-and-set before the send,
// so two rows of one conversation never send the same replies twice; a retried row keeps its plan (EML-7).
import { type ContactEmailFacts, decideContactEmail } from "@herald/core";
import { contactEmail, signUnsubscribe } from "../channels/email/index.ts";
import type { Exec } from "../store/db.ts";
import type { ConversationsTable } from "../store/schema/support.ts";
import { RESUME_TTL_MS, signResume } from "../support/contact-link.ts";
import { sendMarked } from "./attempts.ts";
import { type Decisions, emailAttempt, type JobContext, retryAt } from "./context.ts";
import { finish, release } from "./queue.ts";
import { type DeliveryRow, insertRows, newRow, payloadOf } from "./rows.ts";

/** The site default when the job context names none (HERALD_WIDGET_OFFLINE_EMAIL_MINUTES's default). */
const DEFAULT_MINUTES = 5;

interface ContactData {
  conversationId: string;
  /** Set once this row won the conversation's compare-and-set: what it sends, also on a retry. */
  plan?: { messageIds: string[]; throughSeq: number };
}

/** After an agent's public reply: one row per reply, when the contact may get email at all. */
export async function enqueueContactEmail(
  db: Exec,
  c: Pick<ConversationsTable, "id" | "contact_id" | "inbox_id" | "room_id">,
  message: { id: string; seq: number },
  settings: { defaultMinutes: number; timeScale: number },
  now: number,
): Promise<void> {
  const who = await db
    .selectFrom("contacts as k")
    .innerJoin("inboxes as i", "i.id", "k.inbox_id")
    .select(["k.email", "k.email_off", "i.offline_email_minutes"])
    .where("k.id", "=", c.contact_id)
    .executeTakeFirst();
  if (!who?.email || who.email_off) return;
  const minutes = who.offline_email_minutes ?? settings.defaultMinutes;
  const data: ContactData = { conversationId: c.id };
  await insertRows(db, [
    newRow(
      {
        kind: "contact",
        channel: "email",
        key: `t:${message.id}`,
        roomId: c.room_id,
        messageId: message.id,
        seq: message.seq,
        // First looked at when the reply may have stayed unseen long enough (the decision is made then).
        dueAt: now + Math.ceil((minutes * 60_000) / settings.timeScale),
        payload: { data: { ...data } },
      },
      now,
    ),
  ]);
}

export async function runContactRows(ctx: JobContext, rows: DeliveryRow[], d: Decisions): Promise<void> {
  void d; // contacts are not users: no decision records (EXP-*) are kept for them
  const sends: { row: DeliveryRow; plan: NonNullable<ContactData["plan"]> }[] = [];
  for (const row of rows) {
    try {
      const plan = await planRow(ctx, row);
      if (plan) sends.push({ row, plan });
    } catch (err) {
      ctx.log.error({ err, delivery: row.id }, "contact email pass failed");
      const now = ctx.clock.now();
      await release(ctx.db, row, retryAt(row.attempts, now), now, { attempt: true }).catch(() => {});
    }
  }
  await sendMarked(
    ctx,
    sends,
    (s) => [s.row.id],
    async (s) => {
      try {
        await send(ctx, s.row, s.plan);
      } catch (err) {
        ctx.log.error({ err, delivery: s.row.id }, "contact email failed unexpectedly");
        const now = ctx.clock.now();
        await release(ctx.db, s.row, retryAt(s.row.attempts, now), now, {
          attempt: true,
          keepAttemptMark: true,
        }).catch(() => {});
      }
    },
    16,
  );
}

const dataOf = (row: DeliveryRow) => (payloadOf(row).data ?? {}) as unknown as ContactData;

/** Core's decision for the row's conversation; the plan to send when this row won it, else null (handled). */
async function planRow(ctx: JobContext, row: DeliveryRow) {
  const data = dataOf(row);
  if (data.plan) return data.plan;
  const now = ctx.clock.now();
  const facts = await loadFacts(ctx, data.conversationId);
  const out = facts
    ? decideContactEmail(facts.core, now)
    : ({ kind: "drop", rule: "GEN-5", reason: "conversation gone" } as const);
  if (out.kind === "drop") {
    await finish(ctx.db, [row.id], "dropped", `${out.rule} ${out.reason}`, now);
    return null;
  }
  if (out.kind === "wait") {
    await release(ctx.db, row, out.until, now);
    return null;
  }
  const plan = { messageIds: out.messageIds, throughSeq: out.throughSeq };
  const won = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("conversations")
      .set({ contact_emailed_seq: plan.throughSeq })
      .where("id", "=", data.conversationId)
      .where("contact_emailed_seq", "=", facts?.core.emailedSeq ?? 0)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await trx
      .updateTable("deliveries")
      .set({ payload: JSON.stringify({ ...payloadOf(row), data: { ...data, plan } }) })
      .where("id", "=", row.id)
      .execute();
    return true;
  });
  if (!won) {
    await finish(ctx.db, [row.id], "dropped", "EML-3 carried by another email of this conversation", now);
    return null;
  }
  return plan;
}

async function loadFacts(ctx: JobContext, conversationId: string) {
  const c = await ctx.db
    .selectFrom("conversations as c")
    .innerJoin("contacts as k", "k.id", "c.contact_id")
    .innerJoin("inboxes as i", "i.id", "c.inbox_id")
    .select([
      "c.id",
      "c.room_id",
      "c.contact_seen_seq",
      "c.contact_emailed_seq",
      "k.email",
      "k.email_off",
      "i.offline_email_minutes",
    ])
    .where("c.id", "=", conversationId)
    .executeTakeFirst();
  if (!c) return null;
  const from = Math.min(Number(c.contact_seen_seq ?? 0), Number(c.contact_emailed_seq ?? 0));
  const replies = await publicReplies(ctx, c.id, from);
  const minutes = c.offline_email_minutes ?? ctx.contactEmailMinutes ?? DEFAULT_MINUTES;
  const core: ContactEmailFacts = {
    email: c.email,
    unsubscribed: !!c.email_off,
    delayMs: Math.ceil((minutes * 60_000) / ctx.timeScale),
    replies: replies.map((r) => ({ id: r.id, seq: Number(r.seq), at: Number(r.created_at) })),
    seenSeq: Number(c.contact_seen_seq ?? 0),
    emailedSeq: Number(c.contact_emailed_seq ?? 0),
  };
  return { core };
}

/** Public agent replies after a position (private notes and deleted messages never reach the contact). */
function publicReplies(ctx: JobContext, conversationId: string, afterSeq: number) {
  return ctx.db
    .selectFrom("conversation_messages as cm")
    .innerJoin("messages as m", "m.id", "cm.message_id")
    .leftJoin("users as u", "u.id", "m.sender_id")
    .select(["m.id", "m.seq", "m.created_at", "m.text", "u.display_name"])
    .where("cm.conversation_id", "=", conversationId)
    .where("cm.author", "=", "agent")
    .where("cm.private", "=", 0)
    .where("m.deleted_at", "is", null)
    .where("m.seq", ">", afterSeq)
    .orderBy("m.seq")
    .execute();
}

async function send(ctx: JobContext, row: DeliveryRow, plan: NonNullable<ContactData["plan"]>) {
  const { conversationId } = dataOf(row);
  const c = await ctx.db
    .selectFrom("conversations as c")
    .innerJoin("contacts as k", "k.id", "c.contact_id")
    .innerJoin("inboxes as i", "i.id", "c.inbox_id")
    .select(["c.id", "k.id as contactId", "k.name", "k.email", "i.name as inboxName", "i.widget_key"])
    .where("c.id", "=", conversationId)
    .executeTakeFirst();
  const now = ctx.clock.now();
  const replies = c ? await publicReplies(ctx, c.id, 0) : [];
  const chosen = replies.filter((r) => plan.messageIds.includes(r.id));
  if (!c?.email || !chosen.length) {
    await finish(ctx.db, [row.id], "dropped", "EML-3 nothing left to send", now);
    return;
  }
  const ec = ctx.channels.emailContext(
    { userId: "", name: c.name, address: c.email, timeZone: "UTC" },
    ctx.admin.siteName,
  );
  const resume = signResume(c.contactId, now + RESUME_TTL_MS, ec.unsubscribeSecret);
  const link = new URLSearchParams({ key: c.widget_key ?? "", conversation: c.id, resume });
  const unsubscribe = signUnsubscribe(
    { userId: c.contactId, scope: "account", kind: "contact" },
    ec.unsubscribeSecret,
  );
  const email = contactEmail({
    deliveryId: row.id,
    site: ctx.admin.siteName,
    messageIdHost: ec.messageIdHost,
    to: { name: c.name, address: c.email },
    inboxName: c.inboxName,
    replies: chosen.map((r) => ({
      senderName: r.display_name ?? "Support",
      text: r.text,
      at: Number(r.created_at),
    })),
    conversationUrl: `${ec.baseUrl}/widget?${link}`,
    unsubscribeUrl: `${ec.baseUrl}/api/v1/email/unsubscribe?token=${encodeURIComponent(unsubscribe)}`,
  });
  const r = await ctx.channels.email.send(email);
  const after = ctx.clock.now();
  const attempt = emailAttempt(r, row.attempts, row.first_try_at, after);
  if (attempt.retry) {
    await release(ctx.db, row, attempt.at, after, { attempt: true, reason: attempt.reason });
    return;
  }
  const { state, reason } = attempt;
  await finish(ctx.db, [row.id], state, reason, after);
  ctx.counter.inc({ channel: "email", outcome: state, reason: "contact" });
}
