// Answer, decline and hang up (CAL-2). Each changes one member's state with a conditional UPDATE (… WHERE
// state = 'ringing'), so a late or repeated request is a clear 409, never a double stop.
import { conflict, notFound } from "../http/errors.ts";
import type { Principal } from "../http/types.ts";
import type { Services } from "../services.ts";
import { visibleRoom } from "../store/rooms.ts";
import type { CallsTable } from "../store/schema/support.ts";
import { sendAll } from "../support/ports.ts";
import { announceCall, finishRinging, loadCallView } from "./service.ts";

async function visibleCall(services: Services, p: Principal, id: string): Promise<CallsTable> {
  const { db } = services.store;
  const call = await db.selectFrom("calls").selectAll().where("id", "=", id).executeTakeFirst();
  const access = call ? await visibleRoom(db, call.room_id, p.userId) : null;
  if (!call || !access || access.lastReadSeq === null) throw notFound("call_not_found", "no such call");
  return call;
}

/** Answers the route with the call's new state after telling every member of it (CAL-2). */
async function announced(services: Services, id: string) {
  return { call: await announceCall(services, id) };
}

/** Moves my ringing state to `state`; false when I was not ringing (answered elsewhere, timed out, …). */
async function leaveRinging(
  services: Services,
  p: Principal,
  call: CallsTable,
  state: "answered" | "declined",
): Promise<boolean> {
  const { db } = services.store;
  const now = services.clock.now();
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("call_members")
      .set({ state, updated_at: now })
      .where("call_id", "=", call.id)
      .where("user_id", "=", p.userId)
      .where("state", "=", "ringing")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    if (state === "answered")
      await trx
        .updateTable("calls")
        .set({ state: "ongoing", answered_at: now })
        .where("id", "=", call.id)
        .where("state", "=", "ringing")
        .execute();
    else {
      // Nobody left ringing and nobody answered: the call is over.
      const open = await trx
        .selectFrom("call_members")
        .select("user_id")
        .where("call_id", "=", call.id)
        .where("state", "in", ["ringing", "answered"])
        .executeTakeFirst();
      if (!open)
        await trx
          .updateTable("calls")
          .set({ state: "ended", ended_at: now })
          .where("id", "=", call.id)
          .execute();
    }
    return true;
  });
}

/** CAL-2: answering or declining stops the ringing on every device of that user. */
export async function answerOrDecline(
  services: Services,
  p: Principal,
  id: string,
  action: "answer" | "decline",
) {
  const call = await visibleCall(services, p, id);
  if (call.state === "ended" || call.started_at + 30_000 <= services.clock.now()) {
    if (call.state !== "ended") await finishRinging(services, call.id, "timeout");
    throw conflict("call_not_ringing", "this call is not ringing for you any more");
  }
  const ok = await leaveRinging(services, p, call, action === "answer" ? "answered" : "declined");
  if (!ok) throw conflict("call_not_ringing", "this call is not ringing for you");
  await sendAll(services, [
    {
      userId: p.userId,
      frame: {
        t: "ring.stop",
        callId: call.id,
        roomId: call.room_id,
        from: call.caller_id,
        reason: action === "answer" ? "answered" : "declined",
      },
    },
  ]);
  return announced(services, call.id);
}

/** CAL-2: the caller hanging up stops the ringing for everyone (they get a missed call); a callee hanging up
 *  leaves the call, which ends when nobody else is in it. */
export async function hangUp(services: Services, p: Principal, id: string) {
  const { db } = services.store;
  const call = await visibleCall(services, p, id);
  if (call.state === "ended") throw conflict("call_ended", "this call has ended");
  if (call.caller_id === p.userId) {
    await finishRinging(services, call.id, "hangup"); // announces the ended call
    return { call: await loadCallView(services, call.id) };
  }
  const mine = await db
    .selectFrom("call_members")
    .select("state")
    .where("call_id", "=", id)
    .where("user_id", "=", p.userId)
    .executeTakeFirst();
  if (mine?.state === "ringing") return answerOrDecline(services, p, id, "decline");
  if (mine?.state !== "answered") throw conflict("call_not_joined", "you are not in this call");
  const now = services.clock.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("call_members")
      .set({ state: "left", updated_at: now })
      .where("call_id", "=", id)
      .where("user_id", "=", p.userId)
      .execute();
    const open = await trx
      .selectFrom("call_members")
      .select("user_id")
      .where("call_id", "=", id)
      .where("state", "=", "answered")
      .executeTakeFirst();
    if (!open)
      await trx.updateTable("calls").set({ state: "ended", ended_at: now }).where("id", "=", id).execute();
  });
  return announced(services, call.id);
}
