// Calls in dm/gdm (CAL-1, CAL-2): start rings the other members (core decideCall: PRV-4, busy, PRF-36) with
// ring.start on every device and a push at once; ringing stops per user on answer / decline, for everyone when
// the caller hangs up, and after 30 s (a Timer, so tests step it; routes also expire overdue calls lazily, so
// a restart loses no stop). Who did not answer gets a missed-call inbox item (GEN-1).
import type { CallRecipient } from "@herald/core";
import { decideCall, RING_TIMEOUT_MS, resolvePreferences } from "@herald/core";
import { DecisionBatch } from "../decisions/batch.ts";
import { badRequest, conflict, notFound } from "../http/errors.ts";
import { insertItems, item } from "../http/notifications/items.ts";
import { loadAdminSettings, roomPrefsOf } from "../http/preferences/resolve.ts";
import type { Principal } from "../http/types.ts";
import { newId } from "../ids.ts";
import type { Services } from "../services.ts";
import { visibleRoom } from "../store/rooms.ts";
import type { CallsTable } from "../store/schema/support.ts";
import { busyOf } from "../support/agents.ts";
import type { RealtimeFrame } from "../support/ports.ts";
import { sendAll, supportPorts } from "../support/ports.ts";

type Frame = { userId: string; frame: RealtimeFrame };

export function callView(c: CallsTable, members: { user_id: string; state: string }[]) {
  return {
    id: c.id,
    roomId: c.room_id,
    callerId: c.caller_id,
    state: c.state,
    startedAt: Number(c.started_at),
    answeredAt: c.answered_at === null ? null : Number(c.answered_at),
    endedAt: c.ended_at === null ? null : Number(c.ended_at),
    members: members.map((m) => ({ userId: m.user_id, state: m.state })),
  };
}

/** The call as the routes answer it: the call row and each member's state. */
export async function loadCallView(services: Services, callId: string) {
  const { db } = services.store;
  const call = await db.selectFrom("calls").selectAll().where("id", "=", callId).executeTakeFirstOrThrow();
  const members = await db
    .selectFrom("call_members")
    .select(["user_id", "state"])
    .where("call_id", "=", callId)
    .execute();
  return callView(call, members);
}

/**
 * CAL-2: after every change, the caller and every callee get the call's new state (`call.updated`), so the
 * caller's "Calling…" becomes the call when someone answers and every side sees it end.
 */
export async function announceCall(services: Services, callId: string) {
  const call = await loadCallView(services, callId);
  const users = new Set([call.callerId, ...call.members.map((m) => m.userId)]);
  await sendAll(
    services,
    [...users].map((userId) => ({ userId, frame: { t: "call.updated", call } })),
  );
  return call;
}

async function recipients(services: Services, roomId: string, callerId: string): Promise<CallRecipient[]> {
  const { db } = services.store;
  const admin = await loadAdminSettings(db);
  const rows = await db
    .selectFrom("memberships as mb")
    .innerJoin("users as u", "u.id", "mb.user_id")
    .select([
      "u.id",
      "u.prefs as account",
      "u.presence_choice",
      "u.dnd_on",
      "u.dnd_until",
      "mb.prefs as room",
    ])
    .where("mb.room_id", "=", roomId)
    .where("u.id", "!=", callerId)
    .execute();
  const out: CallRecipient[] = [];
  for (const r of rows) {
    const account = resolvePreferences(JSON.parse(r.account), admin.defaults.account);
    const activity = await services.explainSources.activity?.(
      r.id,
      { autoAway: account.autoAway, idleSeconds: account.idleSeconds },
      r.presence_choice,
    );
    out.push({
      userId: r.id,
      account,
      room: roomPrefsOf(r.room, admin),
      busy: busyOf(r),
      hasDesktopConnection: activity?.hasDesktopConnection ?? false,
    });
  }
  return out;
}

export async function startCall(services: Services, p: Principal, roomId: string) {
  const { db } = services.store;
  const access = await visibleRoom(db, roomId, p.userId);
  if (!access || access.lastReadSeq === null) throw notFound("room_not_found", "no such room");
  if (access.room.kind !== "dm" && access.room.kind !== "gdm")
    throw badRequest("call_not_allowed", "calls ring only in direct messages (dm / gdm)");
  await expireOverdue(services);
  const busy = await db
    .selectFrom("calls")
    .select("id")
    .where("room_id", "=", roomId)
    .where("state", "!=", "ended")
    .executeTakeFirst();
  if (busy) throw conflict("call_in_progress", "a call is already going on in this room");
  const now = services.clock.now();
  const call: CallsTable = {
    id: newId(),
    room_id: roomId,
    caller_id: p.userId,
    state: "ringing",
    started_at: now,
    answered_at: null,
    ended_at: null,
  };
  const admin = await loadAdminSettings(db);
  const decisions = decideCall(
    { id: call.id, roomId, callerId: p.userId, startedAt: now },
    access.room.kind,
    await recipients(services, roomId, p.userId),
    admin,
    now,
  );
  const caller = await db
    .selectFrom("users")
    .select("display_name")
    .where("id", "=", p.userId)
    .executeTakeFirstOrThrow();
  const rings = decisions.filter((d) => d.push.decision === "deliver");
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("calls").values(call).execute();
    if (decisions.length)
      await trx
        .insertInto("call_members")
        .values(
          decisions.map((d) => ({
            call_id: call.id,
            user_id: d.userId,
            state: "ringing" as const,
            rang: rings.includes(d) ? 1 : 0,
            updated_at: now,
          })),
        )
        .execute();
    const { deliveries } = supportPorts(services);
    for (const d of rings)
      await deliveries.enqueueCall(trx, {
        userId: d.userId,
        callId: call.id,
        roomId,
        callerId: p.userId,
        callerName: caller.display_name,
      });
  });
  record(services, call.id, now, decisions);
  await sendAll(
    services,
    rings.map((d) => {
      const frame: RealtimeFrame = { t: "ring.start", callId: call.id, roomId, from: p.userId };
      if (d.sound.decision === "deliver" && d.sound.tone) frame.sound = { name: d.sound.tone, loop: true };
      return { userId: d.userId, frame };
    }),
  );
  armTimeout(services, call.id);
  return {
    call: callView(
      call,
      decisions.map((d) => ({ user_id: d.userId, state: "ringing" })),
    ),
  };
}

function record(
  services: Services,
  callId: string,
  at: number,
  decisions: ReturnType<typeof decideCall>,
): void {
  const batch = new DecisionBatch("call", callId, at);
  const outcome = { deliver: "delivered", schedule: "scheduled", skip: "skipped" } as const;
  for (const d of decisions)
    for (const ch of ["banner", "sound", "push", "email", "inbox"] as const)
      batch.member(d.userId, ch, outcome[d[ch].decision], { reasons: d[ch].reasons });
  services.decisions.record(batch.entries());
}

const inFlight = new WeakMap<Services, Set<Promise<void>>>();

function armTimeout(services: Services, callId: string): void {
  const { timer } = supportPorts(services);
  timer.setTimeout(() => {
    const set = inFlight.get(services) ?? new Set();
    inFlight.set(services, set);
    const job = finishRinging(services, callId, "timeout")
      .catch((err) => services.log.error({ err, callId }, "call timeout failed"))
      .finally(() => set.delete(job));
    set.add(job);
  }, RING_TIMEOUT_MS);
}

/** Waits for timeout work the timer started (tests; orderly shutdown). */
export async function settleCalls(services: Services): Promise<void> {
  await Promise.all([...(inFlight.get(services) ?? [])]);
}

/** Calls still ringing past 30 s (e.g. across a restart): ring them out now. */
async function expireOverdue(services: Services): Promise<void> {
  const due = await services.store.db
    .selectFrom("calls")
    .select("id")
    .where("state", "!=", "ended")
    .where("started_at", "<=", services.clock.now() - RING_TIMEOUT_MS)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("call_members as m")
          .select("m.call_id")
          .whereRef("m.call_id", "=", "calls.id")
          .where("m.state", "=", "ringing"),
      ),
    )
    .execute();
  for (const c of due) await finishRinging(services, c.id, "timeout");
}

/** CAL-2: whoever still rings is missed — ring.stop on their devices and a missed-call item (GEN-1). */
export async function finishRinging(
  services: Services,
  callId: string,
  reason: "timeout" | "hangup",
): Promise<void> {
  const { db } = services.store;
  const now = services.clock.now();
  const frames: Frame[] = [];
  await db.transaction().execute(async (trx) => {
    const call = await trx.selectFrom("calls").selectAll().where("id", "=", callId).executeTakeFirst();
    if (!call) return;
    const missed = await trx
      .updateTable("call_members")
      .set({ state: "missed", updated_at: now })
      .where("call_id", "=", callId)
      .where("state", "=", "ringing")
      .returning(["user_id", "rang"])
      .execute();
    const answered = await trx
      .selectFrom("call_members")
      .select("user_id")
      .where("call_id", "=", callId)
      .where("state", "=", "answered")
      .executeTakeFirst();
    if (reason === "hangup" || !answered)
      await trx
        .updateTable("calls")
        .set({ state: "ended", ended_at: now })
        .where("id", "=", callId)
        .where("state", "!=", "ended")
        .execute();
    await insertItems(
      trx,
      missed.map((m) =>
        item(m.user_id, "call", now, {
          id: `call.${callId}`,
          event: "missed_call",
          room_id: call.room_id,
          call_id: callId,
          actor_id: call.caller_id,
        }),
      ),
    );
    for (const m of missed)
      if (m.rang)
        frames.push({
          userId: m.user_id,
          frame: { t: "ring.stop", callId, roomId: call.room_id, from: call.caller_id, reason },
        });
  });
  await sendAll(services, frames);
  await announceCall(services, callId);
}
