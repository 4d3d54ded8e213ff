// Support-event push and email (SUP-9, EML-8, PRF-40/41): rows written by enqueueSupportDelivery (api.ts) in
// the support transaction; at send time core's scheduleSupportDelivery decides again with fresh facts — the
// in-app item read? (then dropped), the switch still on, busy (push), inactive (push; email for the two
// message events). Push goes to every device like a message push; email is batched like EML-3 in its own
// `support` window and goes out as one supportEmail.
import type { AgentFacts, ScheduleOutcome, SupportEventType } from "@herald/core";
import {
  emailWindowMs,
  resolveAgentPreferences,
  resolvePreferences,
  scheduleSupportDelivery,
} from "@herald/core";
import type { EmailContext, SupportEmailItem } from "../channels/email/index.ts";
import { supportEmail } from "../channels/email/index.ts";
import { supportPush } from "../channels/push-payload.ts";
import { busyOf, offlineFacts } from "../support/agents.ts";
import { contactNames } from "../support/store.ts";
import { type Decisions, type JobContext, SAFETY_RECHECK_MS } from "./context.ts";
import { applyEmailPlan } from "./email.ts";
import { deliver, runSends, type Send } from "./push.ts";
import { finish, type Queue, release } from "./queue.ts";
import { type DeliveryRow, payloadOf } from "./rows.ts";
import { parseJson } from "./state.ts";

/** What a support row carries (payload.data). */
export interface SupportData {
  eventId: string;
  eventType: SupportEventType;
  conversationId: string;
  inboxId: string;
  notificationId: string;
  title: string;
  body: string;
}

const dataOf = (r: DeliveryRow) => payloadOf(r).data as unknown as SupportData;

interface Facts {
  agents: Map<string, AgentFacts>;
  /** `${userId}:${notificationId}` of in-app items already read. */
  read: Set<string>;
  inboxNames: Map<string, string>;
  /** `${userId}:${notificationId}` → actor display name. */
  actors: Map<string, string>;
  /** conversation id → the contact's name (emails name the contact, never an id). */
  contacts: Map<string, string>;
}

export async function runSupportRows(ctx: JobContext, q: Queue, rows: DeliveryRow[], d: Decisions) {
  const push = rows.filter((r) => r.channel === "push");
  const mail = rows.filter((r) => r.channel === "email");
  if (push.length) await pushPass(ctx, push, await loadFacts(ctx, push), d);
  const users = [...new Set(mail.map((r) => r.user_id ?? ""))];
  for (const userId of users) {
    // The pass sees every support email candidate of the agent, so one batch gathers them all (EML-3).
    const rest = await q.claimUser(userId, ["support"], ctx.clock.now(), "email");
    const all = [...mail.filter((r) => r.user_id === userId), ...rest];
    await emailPass(ctx, userId, all, await loadFacts(ctx, all), d);
  }
}

function decide(ctx: JobContext, f: Facts, row: DeliveryRow, channel: "push" | "email"): ScheduleOutcome {
  const data = dataOf(row);
  const agent = f.agents.get(row.user_id ?? "");
  if (!agent) return { kind: "drop", rule: "GEN-5", reason: "agent gone or deactivated" };
  const read = f.read.has(`${agent.userId}:${data.notificationId}`);
  const o = scheduleSupportDelivery(channel, data.eventType, read, agent, ctx.clock.now());
  if (o.kind === "wait") return { kind: "wait", until: o.until ?? null, rule: o.rule, reason: o.reason };
  return { kind: o.kind, rule: o.rule, reason: o.reason };
}

async function pushPass(ctx: JobContext, rows: DeliveryRow[], f: Facts, d: Decisions): Promise<void> {
  const sends: Send[] = [];
  for (const row of rows) {
    const out = decide(ctx, f, row, "push");
    const now = ctx.clock.now();
    const ev = { kind: "support" as const, id: dataOf(row).eventId };
    const user = row.user_id ?? "";
    if (out.kind === "drop") {
      await finish(ctx.db, [row.id], "dropped", `${out.rule} ${out.reason}`, now);
      d.add(ev, user, "push", "dropped", { rule: out.rule, fact: out.reason });
    } else if (out.kind === "wait") {
      await release(ctx.db, row, out.until ?? now + SAFETY_RECHECK_MS, now);
    } else {
      sends.push({ rows: [row], run: (badge) => sendPush(ctx, f, row, badge, d) });
    }
  }
  await runSends(ctx, sends);
}

async function sendPush(ctx: JobContext, f: Facts, row: DeliveryRow, badge: number, d: Decisions) {
  const data = dataOf(row);
  const subs = await ctx.db
    .selectFrom("push_subscriptions")
    .selectAll()
    .where("user_id", "=", row.user_id ?? "")
    .execute();
  const push = supportPush({
    mode: ctx.admin.pushContent,
    event: data.eventType,
    conversationId: data.conversationId,
    inboxId: data.inboxId,
    inboxName: f.inboxNames.get(data.inboxId) ?? "Support",
    actorName: f.actors.get(`${row.user_id}:${data.notificationId}`) ?? "A contact",
    text: data.body,
    badge,
  });
  await deliver(ctx, [row], subs, push, d, "SUP-9");
}

async function emailPass(ctx: JobContext, userId: string, rows: DeliveryRow[], f: Facts, d: Decisions) {
  const cands = rows.map((row) => ({ item: row, outcome: decide(ctx, f, row, "email") }));
  const u = await ctx.db.selectFrom("users").select("prefs").where("id", "=", userId).executeTakeFirst();
  const account = resolvePreferences(parseJson(u?.prefs), ctx.admin.defaults.account);
  const windowMs = emailWindowMs(account);
  await applyEmailPlan(ctx, userId, "support", cands, windowMs, d);
}

/** EML-8: one email for a support batch; items whose in-app notification was read by now are left out. */
export async function supportBatchEmail(
  ctx: JobContext,
  to: EmailContext["recipient"],
  items: DeliveryRow[],
  id: string,
) {
  const f = await loadFacts(ctx, items);
  const list: SupportEmailItem[] = [];
  for (const it of items) {
    const data = dataOf(it);
    if (f.read.has(`${to.userId}:${data.notificationId}`)) continue;
    list.push({
      event: data.eventType,
      conversationId: data.conversationId,
      contactName: f.contacts.get(data.conversationId) ?? "a visitor",
      inboxName: f.inboxNames.get(data.inboxId) ?? "Support",
      actorName: f.actors.get(`${to.userId}:${data.notificationId}`) ?? "A contact",
      text: data.body,
      at: Number(it.created_at),
    });
  }
  if (!list.length) return null;
  return supportEmail(ctx.channels.emailContext(to, ctx.admin.siteName), {
    deliveryId: id,
    mode: ctx.admin.emailContent,
    items: list,
  });
}

/** Agents, item read state, inbox and actor names for a batch of rows: a few IN-queries, no per-row query. */
async function loadFacts(ctx: JobContext, rows: DeliveryRow[]): Promise<Facts> {
  const userIds = [...new Set(rows.map((r) => r.user_id ?? ""))];
  const notes = [...new Set(rows.map((r) => dataOf(r).notificationId))];
  const inboxes = [...new Set(rows.map((r) => dataOf(r).inboxId))];
  const f: Facts = {
    agents: new Map(),
    read: new Set(),
    inboxNames: new Map(),
    actors: new Map(),
    contacts: await contactNames(ctx.db, [...new Set(rows.map((r) => dataOf(r).conversationId))]),
  };
  if (!userIds.length) return f;
  const users = await ctx.db
    .selectFrom("users")
    .select(["id", "prefs", "agent_prefs", "email", "presence_choice", "dnd_on", "dnd_until"])
    .where("id", "in", userIds)
    .where("active", "=", 1)
    .execute();
  for (const u of users) {
    const account = resolvePreferences(parseJson(u.prefs), ctx.admin.defaults.account);
    const settings = { autoAway: account.autoAway, idleSeconds: account.idleSeconds };
    const activity =
      (ctx.activity ? await ctx.activity(u.id, settings, u.presence_choice) : null) ??
      offlineFacts(account.autoAway, account.idleSeconds, u.presence_choice);
    f.agents.set(u.id, {
      userId: u.id,
      prefs: resolveAgentPreferences(parseJson(u.agent_prefs), ctx.admin.defaults.agent),
      activity,
      status: { manual: u.presence_choice, busy: busyOf(u) },
      inboxIds: [],
      consoleFocused: false,
      focusedConversationId: null,
      hasEmail: !!u.email,
    });
  }
  const items = await ctx.db
    .selectFrom("notifications as n")
    .leftJoin("memberships as mb", (j) =>
      j.onRef("mb.room_id", "=", "n.room_id").onRef("mb.user_id", "=", "n.user_id"),
    )
    .leftJoin("notification_marks as nm", "nm.user_id", "n.user_id")
    .leftJoin("users as a", "a.id", "n.actor_id")
    .select(["n.user_id", "n.id", "n.read_at", "n.created_at", "n.seq", "mb.last_read_seq", "nm.read_all_at"])
    .select("a.display_name as actor")
    .where("n.user_id", "in", userIds)
    .where("n.id", "in", notes)
    .execute();
  for (const n of items) {
    const key = `${n.user_id}:${n.id}`;
    if (n.actor) f.actors.set(key, n.actor);
    // GEN-1's read rules: by hand, by "mark all read", or by the read position passing its message.
    const byPosition = n.seq !== null && n.last_read_seq !== null && Number(n.last_read_seq) >= Number(n.seq);
    const byMark = n.read_all_at !== null && Number(n.created_at) <= Number(n.read_all_at);
    if (n.read_at !== null || byMark || byPosition) f.read.add(key);
  }
  const names = await ctx.db
    .selectFrom("inboxes")
    .select(["id", "name"])
    .where("id", "in", inboxes)
    .execute();
  for (const i of names) f.inboxNames.set(i.id, i.name);
  return f;
}
