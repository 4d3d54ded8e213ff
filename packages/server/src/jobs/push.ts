// Push jobs (PSH-1 … PSH-9, CAL-1): decide again at send time through core's schedulePush, then send to every
// subscription of the user. Per-recipient isolation: each row is handled on its own, errors included.
import { PUSH_EXPIRY_MS, type ScheduleOutcome, schedulePush } from "@herald/core";
import {
  callPush,
  clearPush,
  messagePush,
  type PushMessage,
  type PushTrigger,
  type RoomKind,
  summaryPush,
} from "../channels/push-payload.ts";
import type { SendResult } from "../channels/result.ts";
import { fileNames } from "../store/files.ts";
import type { PushSubscriptionsTable } from "../store/schema/deliveries.ts";
import { eventOf, sendMarked } from "./attempts.ts";
import { type Decisions, type JobContext, retryAt, SAFETY_RECHECK_MS } from "./context.ts";
import type { Page } from "./page.ts";
import { flushPushTally, sendToDevice } from "./push-targets.ts";
import { finish, finishLater, finishSend, type OutcomeBuffer, release } from "./queue.ts";
import { type DeliveryRow, payloadOf } from "./rows.ts";
import { type Loaded, loadState, recipientState } from "./state.ts";

/**
 * `page`: the message rows' facts and every row's push subscriptions, when the claim read them already.
 * `settled`: where drops go to be stored at the end of the scheduler's pass (finishLater), when it runs one.
 */
export async function runPushRows(
  ctx: JobContext,
  rows: DeliveryRow[],
  d: Decisions,
  page?: Page,
  settled?: OutcomeBuffer,
): Promise<void> {
  const messageRows = rows.filter((r) => r.kind === "push");
  // One page read: the message rows' facts and every row's push subscriptions (page.ts).
  const loaded = await loadState(ctx.db, messageRows, ctx.admin, ctx.activity, ctx.views, rows, page);
  const subs = loaded.subscriptions;
  const summaries = new Map<string, DeliveryRow[]>();
  const sends: Send[] = [];
  // A row with nowhere to go is settled with the others in one statement: no badge, no attempt mark, no payload.
  const noDevice: DeliveryRow[] = [];
  const direct = (row: DeliveryRow, run: (badge: number) => Promise<void>) => {
    if (reachesNoDevice(row, subs)) noDevice.push(row);
    else sends.push({ rows: [row], run });
  };
  for (const row of rows) {
    const user = row.user_id ?? "";
    if (row.kind === "clear" || row.kind === "call") {
      direct(row, (badge) => sendDirect(ctx, row, subs.get(user) ?? [], badge));
      continue;
    }
    const state = recipientState(loaded, row);
    const now = ctx.clock.now();
    const out: ScheduleOutcome = state
      ? schedulePush(pendingOf(row), state, now)
      : { kind: "drop", rule: "GEN-5", reason: "recipient left the room or was removed" };
    const ev = { kind: "message" as const, id: row.message_id ?? row.id };
    if (out.kind === "drop") {
      await finishLater(ctx, settled, [row.id], "dropped", `${out.rule} ${out.reason}`, now);
      d.add(ev, user, "push", "dropped", { trigger: row.trigger, rule: out.rule, fact: out.reason });
    } else if (out.kind === "wait") {
      const p = payloadOf(row);
      if (out.hold) p.held = true;
      // A new record when the wait's facts change (new activity moves the due time): explain states the latest.
      const why = `${out.rule} ${out.until ?? "event"}`;
      if (p.waitRecorded !== why) {
        d.add(ev, user, "push", "waiting", {
          trigger: row.trigger,
          rule: out.rule,
          fact: out.reason,
          wait: out.facts,
        });
        p.waitRecorded = why;
      }
      await release(ctx.db, row, out.until ?? now + SAFETY_RECHECK_MS, now, { payload: p });
    } else if (out.summary) {
      const k = `${row.user_id}:${row.room_id}`;
      summaries.set(k, [...(summaries.get(k) ?? []), row]);
    } else {
      direct(row, (badge) => sendMessage(ctx, loaded, row, subs.get(user) ?? [], badge, d));
    }
  }
  for (const group of summaries.values()) {
    if (reachesNoDevice(group[0], subs)) noDevice.push(...group);
    else
      sends.push({
        rows: group,
        run: (badge) => sendSummary(ctx, loaded, group, subs.get(group[0].user_id ?? "") ?? [], badge, d),
      });
  }
  await dropNoDevice(ctx, noDevice, d, settled);
  await runSends(ctx, sends);
}

/** No subscription, and no device reached by an earlier try of the row (its `done`): nothing to send to. */
function reachesNoDevice(row: DeliveryRow, subs: Map<string, PushSubscriptionsTable[]>): boolean {
  return !subs.get(row.user_id ?? "")?.length && !payloadOf(row).done?.length;
}

/** PSH-1: what deliver() concludes for a user without a subscription, for all such rows at once. */
async function dropNoDevice(
  ctx: JobContext,
  rows: DeliveryRow[],
  d: Decisions,
  settled: OutcomeBuffer | undefined,
): Promise<void> {
  if (!rows.length) return;
  const ids = rows.map((r) => r.id);
  await finishLater(ctx, settled, ids, "dropped", NO_DEVICE, ctx.clock.now());
  for (const r of rows)
    if (r.kind === "push")
      d.add(eventOf(r), r.user_id ?? "", "push", "dropped", {
        trigger: r.trigger,
        rule: "PSH-1",
        fact: "no push subscription",
      });
}

const NO_DEVICE = "PSH-1 no push subscription";

/** One send job: its rows (one, or a PSH-9 summary's) and how to send once the badge is known. */
export interface Send {
  rows: DeliveryRow[];
  run(badge: number): Promise<void>;
}

/** Badges for the batch in a few set queries (PSH-5), then IN_FLIGHT sends at a time, each marked first. */
export async function runSends(ctx: JobContext, sends: Send[]): Promise<void> {
  if (!sends.length) return;
  const badges = await ctx.badges(sends.map((s) => s.rows[0].user_id ?? ""));
  await sendMarked(
    ctx,
    sends,
    (s) => s.rows.map((r) => r.id),
    (s) => isolate(ctx, s.rows[0], () => s.run(badges.get(s.rows[0].user_id ?? "") ?? 0)),
    ctx.pushInFlight,
  );
  await flushPushTally(ctx);
}

function pendingOf(row: DeliveryRow) {
  return {
    messageId: row.message_id ?? "",
    roomId: row.room_id ?? "",
    trigger: (row.trigger ?? "all") as PushTrigger,
    createdAt: Number(row.created_at),
    seq: row.seq,
    threadRootId: row.thread_root_id,
    ...(row.thread_seq !== null ? { threadSeq: row.thread_seq } : {}),
    heldByQuiet: payloadOf(row).held === true,
  };
}

/** One failing recipient never blocks the others: an unexpected error becomes a retry of that row alone. */
async function isolate(ctx: JobContext, row: DeliveryRow, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    ctx.log.error({ err, delivery: row.id }, "push delivery failed unexpectedly");
    const now = ctx.clock.now();
    await release(ctx.db, row, retryAt(row.attempts, now), now, {
      attempt: true,
      reason: `error: ${(err as Error).message}`,
      keepAttemptMark: true,
    }).catch(() => {});
  }
}

async function sendMessage(
  ctx: JobContext,
  l: Loaded,
  row: DeliveryRow,
  subs: PushSubscriptionsTable[],
  badge: number,
  d: Decisions,
): Promise<void> {
  const msg = l.messages.get(row.message_id ?? "");
  const room = l.rooms.get(row.room_id ?? "");
  const sender = msg?.sender_id ? l.users.get(msg.sender_id) : undefined;
  if (!msg || !room) {
    await finish(ctx.db, [row.id], "dropped", "TRG-3 message or room gone", ctx.clock.now());
    return;
  }
  const push = messagePush({
    mode: ctx.admin.pushContent,
    messageId: msg.id,
    roomId: room.id,
    roomKind: room.kind as RoomKind,
    roomName: room.name,
    ...(msg.thread_root_id ? { threadId: msg.thread_root_id } : {}),
    trigger: (row.trigger ?? "all") as PushTrigger,
    sender: { id: sender?.id ?? "", name: sender?.display_name ?? "Someone" },
    text: msg.text,
    ...fileNames(msg),
    badge,
    sentAt: Number(msg.created_at),
  });
  await deliver(ctx, [row], subs, push, d, "PSH-2");
}

async function sendSummary(
  ctx: JobContext,
  l: Loaded,
  rows: DeliveryRow[],
  subs: PushSubscriptionsTable[],
  badge: number,
  d: Decisions,
): Promise<void> {
  const room = l.rooms.get(rows[0].room_id ?? "");
  if (!room) {
    const ids = rows.map((r) => r.id);
    await finish(ctx.db, ids, "dropped", "GEN-5 room gone", ctx.clock.now());
    return;
  }
  const names: string[] = [];
  for (const r of rows) {
    const s = l.users.get(l.messages.get(r.message_id ?? "")?.sender_id ?? "");
    if (s && !names.includes(s.display_name)) names.push(s.display_name);
  }
  const push = summaryPush({
    mode: ctx.admin.pushContent,
    roomId: room.id,
    roomKind: room.kind as RoomKind,
    roomName: room.name,
    count: rows.length,
    senderNames: names.slice(0, 3),
    badge,
  });
  await deliver(ctx, rows, subs, push, d, "PSH-9");
}

async function sendDirect(
  ctx: JobContext,
  row: DeliveryRow,
  subs: PushSubscriptionsTable[],
  badge: number,
): Promise<void> {
  const data = payloadOf(row).data ?? {};
  const push =
    row.kind === "clear"
      ? clearPush({
          roomId: row.room_id ?? "",
          ...(row.thread_root_id ? { threadId: row.thread_root_id } : {}),
          badge,
        })
      : callPush({
          mode: ctx.admin.pushContent,
          callId: String(data.callId),
          roomId: row.room_id ?? "",
          from: data.from as { id: string; name: string },
          badge,
        });
  // CAL-1: only mobile devices get the call push; desktop/web clients ring over the gateway.
  const targets = row.kind === "call" ? subs.filter((s) => s.device_kind === "mobile") : subs;
  await deliver(ctx, [row], targets, push, null, row.kind === "call" ? "CAL-1" : "PSH-3");
}

/** Sends one push to each subscription not reached yet; maps the results to the rows' next state (PSH-7). */
export async function deliver(
  ctx: JobContext,
  rows: DeliveryRow[],
  subs: PushSubscriptionsTable[],
  push: PushMessage,
  d: Decisions | null,
  rule: string,
): Promise<void> {
  const head = rows[0];
  const p = payloadOf(head);
  const done = new Set(p.done ?? []);
  let retry: number | undefined;
  let lastRetryReason = "";
  let failed = "";
  for (const s of subs) {
    if (done.has(s.id)) continue;
    const r: SendResult = await sendToDevice(ctx, s, push, head.id);
    if (r.kind === "sent") done.add(s.id);
    else if (r.kind === "gone")
      await ctx.db.deleteFrom("push_subscriptions").where("id", "=", s.id).execute();
    else if (r.kind === "retry") {
      const at = retryAt(head.attempts, ctx.clock.now(), r.at);
      retry = retry === undefined ? at : Math.min(retry, at);
      lastRetryReason = r.reason;
    } else failed = r.reason;
  }
  const now = ctx.clock.now();
  const ids = rows.map((r) => r.id);
  const ev = eventOf(head);
  const user = head.user_id ?? "";
  // Retries stop where PSH-2's expiry would drop the candidate anyway (quiet-held ones excepted, PSH-9).
  const expired = !p.held && now >= Number(head.created_at) + PUSH_EXPIRY_MS;
  if (retry !== undefined && !expired) {
    for (const r of rows)
      await release(ctx.db, r, retry, now, {
        payload: { ...payloadOf(r), done: [...done] },
        attempt: true,
        reason: lastRetryReason,
      });
    return;
  }
  if (done.size > 0) {
    await finishSend(ctx, ids, "sent", null, now);
    d?.add(ev, user, "push", "sent", { trigger: head.trigger, rule, fact: `sent to ${done.size} device(s)` });
    if (!d) ctx.counter.inc({ channel: "push", outcome: "sent", reason: rule });
  } else if (retry !== undefined || failed) {
    const reason = failed || `gave up after 2 h: ${lastRetryReason}`;
    await finishSend(ctx, ids, "failed", reason, now);
    d?.add(ev, user, "push", "failed", { trigger: head.trigger, rule: "PSH-7", fact: reason });
    if (!d) ctx.counter.inc({ channel: "push", outcome: "failed", reason: "PSH-7" });
  } else {
    await finishSend(ctx, ids, "dropped", NO_DEVICE, now);
    d?.add(ev, user, "push", "dropped", {
      trigger: head.trigger,
      rule: "PSH-1",
      fact: "no push subscription",
    });
  }
}
