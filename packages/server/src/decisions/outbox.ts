// PendingSource over the scheduler's outbox (`deliveries`): the member's own push/email rows, and the ONE
// room-wide row of a group/`all` message (expanded per recipient at send time), for explain (EXP-1).
import type { Db } from "../store/db.ts";
import type { PendingDelivery } from "./answer.ts";
import type { PendingSource } from "./service.ts";

const OPEN = new Set(["pending", "claimed", "batched"]);

function decisionOf(state: string): PendingDelivery["decision"] {
  if (OPEN.has(state)) return state === "batched" ? "scheduled" : "waiting";
  return state === "sent" ? "sent" : state === "failed" ? "failed" : "dropped";
}

export function outboxPending(db: Db): PendingSource {
  return async (messageId, roomId, userId) => {
    let rows: {
      kind: string;
      channel: "push" | "email";
      user_id: string | null;
      state: string;
      due_at: number;
      updated_at: number;
      reason: string | null;
    }[];
    try {
      rows = await db
        .selectFrom("deliveries")
        .select(["kind", "channel", "user_id", "state", "due_at", "updated_at", "reason"])
        .where("message_id", "=", messageId)
        .where((w) =>
          w.or([w("user_id", "=", userId), w.and([w("user_id", "is", null), w("room_id", "=", roomId)])]),
        )
        .execute();
    } catch {
      // No outbox in this store (the worker's migration is absent): nothing pending to report.
      return [];
    }
    return rows.map((r) => {
      const rule = r.channel === "push" ? "PSH-2" : "EML-2";
      const roomWide = r.user_id === null;
      // The due time travels as a number (dueAt); words here would be a raw timestamp (GEN-9).
      const fact = roomWide
        ? `one deferred ${r.channel} record for the room (state ${r.state}), expanded per recipient at send time`
        : `${r.channel} ${r.state} in the outbox${r.reason ? `: ${r.reason}` : ""}`;
      return {
        channel: r.channel,
        dueAt: OPEN.has(r.state) ? Number(r.due_at) : null,
        ...(OPEN.has(r.state) ? {} : { decidedAt: Number(r.updated_at) }),
        decision: decisionOf(r.state),
        roomWide,
        reasons: [{ rule, fact }],
      };
    });
  };
}
