// Expands ONE room row (group mention or trigger-`all` message) into per-recipient push/email rows, a page of
// members at a time (bounded memory), each page in one transaction with the cursor, so a crash resumes at the
// page it was on. Personal rows written at post time already hold their key: TRG-1's first trigger wins.
import {
  effectiveRoomPreferences,
  levelAllows,
  resolvePreferences,
  resolveRoomPreferences,
  silencedUntil,
} from "@herald/core";
import { sql } from "kysely";
import { LEVEL_ALL } from "./candidates.ts";
import type { Decisions, JobContext } from "./context.ts";
import { finish, release } from "./queue.ts";
import { type DeliveryRow, insertRows, keys, type NewDelivery, newRow, payloadOf } from "./rows.ts";
import { parseJson } from "./state.ts";

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
  const defaults = admin.defaults.account;
  const roomDefaults = admin.defaults.room;
  // Trigger `all` only reaches members with some level at `all`: skip the rest in SQL when the defaults allow
  // (account and room defaults: a room default `all` applies to every member without an override).
  const anyAllDefault = [
    defaults.push,
    defaults.email,
    defaults.desktop,
    roomDefaults.push,
    roomDefaults.email,
    roomDefaults.desktop,
  ].includes("all");
  let q = ctx.db
    .selectFrom("memberships as mb")
    .innerJoin("users as u", "u.id", "mb.user_id")
    .select(["mb.user_id", "mb.prefs as room_prefs", "u.prefs", "u.email", "u.email_verified", "u.active"])
    .select((eb) =>
      eb
        .exists(
          eb.selectFrom("push_subscriptions as ps").select("ps.id").whereRef("ps.user_id", "=", "mb.user_id"),
        )
        .as("has_sub"),
    )
    .where("mb.room_id", "=", row.room_id ?? "")
    .orderBy("mb.user_id")
    .limit(EXPAND_PAGE);
  if (p.cursor) q = q.where("mb.user_id", ">", p.cursor);
  if (!groupAll && !anyAllDefault) q = q.where("mb.user_id", "in", levelAllMembers(row.room_id ?? ""));
  const page = await q.execute();
  const now = ctx.clock.now();
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
  for (const m of page) {
    if (m.user_id === p.senderId || m.active !== 1) continue; // MEN-5
    const account = resolvePreferences(parseJson(m.prefs), defaults);
    const room = resolveRoomPreferences(parseJson(m.room_prefs), admin.defaults.room);
    const eff = effectiveRoomPreferences(account, room);
    const trigger = groupAll && !eff.muteGroupMentions ? "group" : row.seq > 0 ? "all" : null;
    if (!trigger) continue; // TRG-2: a thread-only reply reaches non-followers only by mention
    if (silencedUntil(room, now) !== false) {
      skip("push", "PRF-36", "room silenced", trigger);
      continue;
    }
    const base = {
      userId: m.user_id,
      roomId: row.room_id,
      messageId: row.message_id,
      trigger,
      seq: row.seq,
      threadRootId: row.thread_root_id,
      threadSeq: row.thread_seq,
      dueAt: now,
      payload: { senderId: p.senderId ?? null },
    };
    if (!levelAllows(eff.levels.push, trigger, "push", eff.threads.push))
      skip("push", "PSH-1", `push level ${eff.levels.push}`, trigger);
    else if (!m.has_sub) skip("push", "PSH-1", "no push subscription", trigger);
    else
      rows.push(
        newRow(
          { ...base, kind: "push", channel: "push", key: keys.push(m.user_id, row.message_id ?? "") },
          now,
        ),
      );
    if (!levelAllows(eff.levels.email, trigger, "email", eff.threads.email))
      skip("email", "EML-1", `email level ${eff.levels.email}`, trigger);
    else if (!m.email || (admin.requireVerifiedEmail && m.email_verified !== 1))
      skip(
        "email",
        m.email ? "PRV-8" : "EML-1",
        m.email ? "email not verified" : "no email address",
        trigger,
      );
    else
      rows.push(
        newRow(
          { ...base, kind: "email", channel: "email", key: keys.email(m.user_id, row.message_id ?? "") },
          now,
        ),
      );
  }
  const more = page.length === EXPAND_PAGE;
  await ctx.db.transaction().execute(async (trx) => {
    await insertRows(trx, rows);
    if (more) await release(trx, row, now, now, { payload: { ...p, cursor: page[page.length - 1].user_id } });
    else await finish(trx, [row.id], "sent", "expanded", now);
  });
  for (const s of skipped.values()) d.nothing(row.message_id ?? row.id, s.channel, s, s.n);
}
