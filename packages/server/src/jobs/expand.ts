// Expands ONE room row (group mention or trigger-`all` message) into per-recipient push/email rows, a page of
// members at a time (bounded memory), each page in one transaction with the cursor, so a crash resumes at the
// page it was on. Core decides each member of the page (decideForMembers); the expansion only loads facts and
// writes rows for core's candidates. Personal rows written at post time already hold their key, with the
// trigger core named from the message's full set of triggers (TRG-1), so they win.
import { decideForMembers, type ResolvedMentions, type RoomKind } from "@herald/core";
import { sql } from "kysely";
import { LEVEL_ALL } from "./candidates.ts";
import type { Decisions, JobContext } from "./context.ts";
import { factsOfRows, memberRows, messageEvent } from "./facts.ts";
import { finish, release } from "./queue.ts";
import { type DeliveryRow, insertRows, keys, type NewDelivery, newRow, payloadOf } from "./rows.ts";

export const EXPAND_PAGE = 500;

/**
 * Members who have the level `all` somewhere (a room override, or their account): for a plain message only
 * they can get a push/email, so the rest of a 100,000-member room costs nothing here. Two partial-index scans.
 */
function levelAllMembers(roomId: string) {
  return sql<string>`(select lm.user_id from memberships lm where lm.room_id = ${roomId} and lm.prefs like ${LEVEL_ALL}
    union select lu.id from users lu where lu.prefs like ${LEVEL_ALL}
    and exists (select 1 from memberships lum where lum.room_id = ${roomId} and lum.user_id = lu.id))`;
}

export async function expandRoomRow(ctx: JobContext, row: DeliveryRow, d: Decisions): Promise<void> {
  const p = payloadOf(row);
  const groupAll = p.group === "all";
  const admin = ctx.admin;
  const roomId = row.room_id ?? "";
  const pageSize = ctx.expandPage ?? EXPAND_PAGE;
  // Trigger `all` only reaches members with some level at `all`: load only them when the defaults allow
  // (account and room defaults: a room default `all` applies to every member without an override).
  const { account, room: roomDefaults } = admin.defaults;
  const anyAllDefault = [
    account.push,
    account.email,
    account.desktop,
    roomDefaults.push,
    roomDefaults.email,
    roomDefaults.desktop,
  ].includes("all");
  let q = memberRows(ctx.db, roomId)
    .select((eb) =>
      eb
        .exists(
          eb.selectFrom("push_subscriptions as ps").select("ps.id").whereRef("ps.user_id", "=", "mb.user_id"),
        )
        .as("has_sub"),
    )
    .orderBy("mb.user_id")
    .limit(pageSize);
  // The cursor bounds both sides of the join: PostgreSQL merge-joins memberships with users' primary key, and
  // with the bound on memberships alone it read users from the first id on every page (a million-member room
  // read half a million user rows a page, on average).
  if (p.cursor) q = q.where("mb.user_id", ">", p.cursor).where("u.id", ">", p.cursor);
  if (!groupAll && !anyAllDefault) q = q.where("mb.user_id", "in", levelAllMembers(roomId));
  const page = await q.execute();
  const now = ctx.clock.now();
  const senderId = p.senderId ?? null;
  const facts = await factsOfRows(ctx.db, page, senderId, admin);
  const hasSub = new Set(page.filter((m) => Number(m.has_sub) === 1 || m.has_sub === true).map((m) => m.id));
  // The personal triggers were decided at post time; here only the room-wide ones remain (group, all).
  const mentions: ResolvedMentions = { users: [], keywords: [], all: groupAll, here: false };
  const event = messageEvent(
    {
      id: row.message_id ?? "",
      roomId,
      seq: row.seq,
      senderId,
      threadRootId: row.thread_root_id,
      threadSeq: row.thread_seq,
      inRoom: row.seq > 0,
      createdAt: Number(row.created_at),
      kind: "user",
    },
    mentions,
    p.senderRole ? { senderRole: p.senderRole } : {},
  );
  const room = {
    id: roomId,
    kind: (p.roomKind ?? "channel") as RoomKind,
    ...(p.memberCount !== undefined ? { memberCount: p.memberCount } : {}),
  };
  const rows: NewDelivery[] = [];
  const skipped = new Map<
    string,
    { channel: "push" | "email"; rule: string; fact: string; trigger: string; n: number }
  >();
  const skip = (channel: "push" | "email", rule: string, fact: string, trigger: string) => {
    const k = `${channel}|${rule}|${fact}|${trigger}`;
    const s = skipped.get(k);
    if (s) s.n++;
    else skipped.set(k, { channel, rule, fact, trigger, n: 1 });
  };
  const base = {
    roomId: row.room_id,
    messageId: row.message_id,
    seq: row.seq,
    threadRootId: row.thread_root_id,
    threadSeq: row.thread_seq,
    dueAt: now,
    payload: { senderId },
  };
  const messageId = row.message_id ?? "";
  for (const c of decideForMembers(event, room, facts, admin, now)) {
    if (!c.trigger) continue; // MEN-5, TRG-2: no trigger, nothing to record
    for (const s of c.skipped) skip(s.channel, s.reason.rule, s.reason.fact, c.trigger);
    // A candidate without a device: nothing to send to (the send would drop it the same way).
    if (c.push && !hasSub.has(c.userId)) skip("push", "PSH-1", "no push subscription", c.trigger);
    else if (c.push)
      rows.push(
        newRow(
          {
            ...base,
            userId: c.userId,
            trigger: c.push,
            kind: "push",
            channel: "push",
            key: keys.push(c.userId, messageId),
          },
          now,
        ),
      );
    if (c.email)
      rows.push(
        newRow(
          {
            ...base,
            userId: c.userId,
            trigger: c.email,
            kind: "email",
            channel: "email",
            key: keys.email(c.userId, messageId),
          },
          now,
        ),
      );
  }
  const more = page.length === pageSize;
  await ctx.db.transaction().execute(async (trx) => {
    await insertRows(trx, rows);
    if (more) await release(trx, row, now, now, { payload: { ...p, cursor: page[page.length - 1].id } });
    else await finish(trx, [row.id], "sent", "expanded", now);
  });
  for (const s of skipped.values()) d.nothing(row.message_id ?? row.id, s.channel, s, s.n);
}
