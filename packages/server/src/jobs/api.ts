// What other parts call, inside their own transaction (outbox): call pushes (CAL-1) go out at once; support
// events' push/email (SUP-9, EML-8) wait for the worker's send-time decision. Both are idempotent.
import type { SupportEventType } from "@herald/core";
import type { Exec } from "../store/db.ts";
import { SAFETY_RECHECK_MS } from "./context.ts";
import { insertRows, keys, newRow } from "./rows.ts";

export interface CallPush {
  callId: string;
  roomId: string;
  userId: string;
  from: { id: string; name: string };
}

/** CAL-1: push the call to the user's mobile devices at once (no inactivity wait). Idempotent per call. */
export async function enqueueCallPush(db: Exec, call: CallPush, now: number): Promise<void> {
  await insertRows(db, [
    newRow(
      {
        kind: "call",
        channel: "push",
        key: keys.call(call.userId, call.callId),
        userId: call.userId,
        roomId: call.roomId,
        dueAt: now,
        payload: { data: { callId: call.callId, from: call.from } },
      },
      now,
    ),
  ]);
}

/** One support event for one agent (the support part's SupportDelivery has this shape). */
export interface SupportDeliveryEvent {
  userId: string;
  /** Unique per event; with the user and channel it is the idempotency key. */
  eventId: string;
  eventType: SupportEventType;
  conversationId: string;
  inboxId: string;
  /** The in-app item: read before the send → dropped (SUP-9, EML-8). */
  notificationId: string;
  channels: readonly ("push" | "email")[];
  /** When the worker first looks (the agent's inactivity moment, or now). */
  dueAt: number;
  title: string;
  body: string;
}

/** SUP-9 / EML-8: one outbox row per channel; the worker decides at send time (jobs/support.ts). */
export async function enqueueSupportDelivery(db: Exec, ev: SupportDeliveryEvent, now: number): Promise<void> {
  // Wake no later than the safety re-check: an unknown inactivity moment still gets looked at.
  const dueAt = Math.max(now, Math.min(ev.dueAt, now + SAFETY_RECHECK_MS));
  const data = {
    eventId: ev.eventId,
    eventType: ev.eventType,
    conversationId: ev.conversationId,
    inboxId: ev.inboxId,
    notificationId: ev.notificationId,
    title: ev.title,
    body: ev.body,
  };
  await insertRows(
    db,
    ev.channels.map((channel) =>
      newRow(
        {
          kind: "support",
          channel,
          key: keys.support(channel, ev.userId, ev.eventId),
          userId: ev.userId,
          dueAt,
          payload: { data },
        },
        now,
      ),
    ),
  );
}
