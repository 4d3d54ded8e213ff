// Row helpers for the delivery outbox: building rows, the idempotent insert, JSON payload access.
import type { Insertable } from "kysely";
import { newId } from "../ids.ts";
import type { Exec } from "../store/db.ts";
import { RowInsert } from "../store/prepared.ts";
import type { DeliveriesTable, DeliveryKind } from "../store/schema/deliveries.ts";

export type DeliveryRow = DeliveriesTable;
export type NewDelivery = Insertable<DeliveriesTable>;

/** Kind-specific data kept in `payload`. */
export interface Payload {
  /** PSH-9: quiet hours held it; it then never expires and goes out as a room summary. */
  held?: boolean;
  /** Push subscriptions already reached, so a retry never pushes twice to one device. */
  done?: string[];
  /** A waiting decision was recorded already (EXP-3: once per wait, not once per wake-up). */
  waitRecorded?: string;
  /** Room rows: `all` for @all/@channel; last member id expanded (keyset cursor). */
  group?: "all" | null;
  cursor?: string;
  senderId?: string | null;
  /** Room rows: what core's MEN-7 check reads (PRV-9), as known at post time. */
  senderRole?: "admin" | "agent" | "member";
  memberCount?: number;
  roomKind?: string;
  /** Email batches: which family (messages | support). */
  family?: string;
  /** Calls, support, mail: what to send. */
  data?: Record<string, unknown>;
}

export function payloadOf(row: { payload: string }): Payload {
  try {
    return JSON.parse(row.payload) as Payload;
  } catch {
    return {};
  }
}

export interface RowSpec {
  kind: DeliveryKind;
  channel: "push" | "email";
  key: string;
  userId?: string | null;
  roomId?: string | null;
  messageId?: string | null;
  trigger?: string | null;
  seq?: number;
  threadRootId?: string | null;
  threadSeq?: number | null;
  dueAt: number;
  payload?: Payload;
  state?: "pending" | "batched";
  batchId?: string | null;
  id?: string;
}

export function newRow(s: RowSpec, now: number): NewDelivery {
  return {
    id: s.id ?? newId(),
    dedupe_key: s.key,
    kind: s.kind,
    channel: s.channel,
    user_id: s.userId ?? null,
    room_id: s.roomId ?? null,
    message_id: s.messageId ?? null,
    trigger: s.trigger ?? null,
    seq: s.seq ?? 0,
    thread_root_id: s.threadRootId ?? null,
    thread_seq: s.threadSeq ?? null,
    state: s.state ?? "pending",
    due_at: s.dueAt,
    claimed_until: null,
    attempts: 0,
    first_try_at: null,
    reason: null,
    payload: JSON.stringify(s.payload ?? {}),
    batch_id: s.batchId ?? null,
    created_at: now,
    updated_at: now,
  };
}

/** The columns newRow fills: the outbox row of a keyword hit or a mention, inserted by one compiled statement. */
const oneRow = new RowInsert<NewDelivery>(
  [
    "id",
    "dedupe_key",
    "kind",
    "channel",
    "user_id",
    "room_id",
    "message_id",
    "trigger",
    "seq",
    "thread_root_id",
    "thread_seq",
    "state",
    "due_at",
    "claimed_until",
    "attempts",
    "first_try_at",
    "reason",
    "payload",
    "batch_id",
    "created_at",
    "updated_at",
  ],
  (db, values) =>
    db
      .insertInto("deliveries")
      .values(values)
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returning("id"),
);

/** Inserts rows in chunks; a row whose dedupe key exists is skipped (idempotent per user, message, channel). */
export async function insertRows(db: Exec, rows: NewDelivery[]): Promise<number> {
  const few = await oneRow.insert(db, rows);
  if (few !== null) return few;
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const r = await db
      .insertInto("deliveries")
      .values(chunk)
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returning("id")
      .execute();
    inserted += r.length;
  }
  return inserted;
}

export const keys = {
  push: (userId: string, messageId: string) => `p:${userId}:${messageId}`,
  email: (userId: string, messageId: string) => `e:${userId}:${messageId}`,
  room: (messageId: string) => `r:${messageId}`,
  clear: (userId: string, roomId: string, seq: number, thread: string | null) =>
    `c:${userId}:${roomId}:${thread ?? ""}:${seq}`,
  call: (userId: string, callId: string) => `k:${userId}:${callId}`,
  support: (channel: "push" | "email", userId: string, eventId: string) =>
    `s:${channel[0]}:${userId}:${eventId}`,
  batch: (id: string) => `b:${id}`,
  mail: (id: string) => `m:${id}`,
};
