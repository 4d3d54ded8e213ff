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
      reason: string | null;
    }[];
    try {
      rows = await db
        .selectFrom("deliveries")
        .select(["kind", "channel", "user_id", "state", "due_at", "reason"])
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
      const due = new Date(Number(r.due_at)).toISOString();
      const fact = roomWide
        ? `one deferred ${r.channel} record for the room (state ${r.state}), expanded per recipient at send time`
        : `${r.channel} ${r.state} in the outbox${OPEN.has(r.state) ? `, next look at ${due}` : ""}${r.reason ? `: ${r.reason}` : ""}`;
      return {
        channel: r.channel,
        dueAt: OPEN.has(r.state) ? Number(r.due_at) : null,
        decision: decisionOf(r.state),
        roomWide,
        reasons: [{ rule, fact }],
      };
    });
  };
}
