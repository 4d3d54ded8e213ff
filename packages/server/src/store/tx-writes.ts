// Rows the post hooks write inside a message transaction, collected and written once every hook has run
// (PostHooks.inTransaction): the inbox items (GEN-1) and the outbox rows of one notified post. On PostgreSQL
// both go in ONE statement (a data-modifying CTE): every statement there is a round trip that the other posts
// of the group commit (http/messages/batch.ts) wait for while the room row is locked, and a named or
// keyword-matched recipient costs one instead of two. SQLite runs in process: two statements, each row's
// compiled once (store/prepared.ts RowInsert).
// Nothing in a hook reads these tables back before the end of the transaction, so writing them last is the
// same write; and no statement of any post reads them in its transaction, so in a pipelined PostgreSQL group
// they go out in any order (store/pipeline.ts inAnyOrder): a post whose only other statement this is still
// lets the next post's statement follow its first one.
import { PostgresAdapter } from "kysely";
import { insertRows, type NewDelivery } from "../jobs/rows.ts";
import type { Tx } from "./db.ts";
import { inAnyOrder } from "./pipeline.ts";
import { RowInsert } from "./prepared.ts";
import type { NotificationsTable } from "./schema/notifications.ts";

interface Deferred {
  items: NotificationsTable[];
  deliveries: NewDelivery[];
}

const pending = new WeakMap<Tx, Deferred>();

function of(trx: Tx): Deferred {
  let d = pending.get(trx);
  if (!d) {
    d = { items: [], deliveries: [] };
    pending.set(trx, d);
  }
  return d;
}

/** Inbox items to insert at the end of the hooks (an existing (user, message) item wins: do nothing). */
export function deferItems(trx: Tx, items: readonly NotificationsTable[]): void {
  if (items.length) of(trx).items.push(...items);
}

/** Outbox rows to insert at the end of the hooks (an existing dedupe key wins: do nothing). */
export function deferDeliveries(trx: Tx, rows: readonly NewDelivery[]): void {
  if (rows.length) of(trx).deliveries.push(...rows);
}

/** Rows per statement, as insertItems / insertRows chunk them. */
const CHUNK = 200;

/** Writes (and forgets) what the hooks deferred in this transaction. */
export async function flushDeferred(trx: Tx): Promise<void> {
  const d = pending.get(trx);
  if (!d) return;
  pending.delete(trx);
  await inAnyOrder(trx, () => write(trx, d));
}

async function write(trx: Tx, { items, deliveries }: Deferred): Promise<void> {
  if (
    items.length > 0 &&
    deliveries.length > 0 &&
    items.length <= CHUNK &&
    deliveries.length <= CHUNK &&
    trx.getExecutor().adapter instanceof PostgresAdapter
  ) {
    // A data-modifying CTE runs exactly once whether or not the main statement reads it.
    await trx
      .with("items", (db) =>
        db
          .insertInto("notifications")
          .values(items)
          .onConflict((oc) => oc.doNothing())
          .returning("id"),
      )
      .insertInto("deliveries")
      .values(deliveries)
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .execute();
    return;
  }
  await insertItems(trx, items);
  await insertRows(trx, deliveries);
}

/** Every column of an item (http/notifications/items.ts item() fills them all), compiled once. */
const oneItem = new RowInsert<NotificationsTable>(
  [
    "user_id",
    "id",
    "type",
    "event",
    "room_id",
    "message_id",
    "seq",
    "thread_root_id",
    "thread_seq",
    "conversation_id",
    "call_id",
    "actor_id",
    "created_at",
    "read_at",
    "snoozed_until",
  ],
  (db, values) =>
    db
      .insertInto("notifications")
      .values(values)
      .onConflict((oc) => oc.doNothing()),
);

/** Inserts items; an existing (user, message) item wins, so the first trigger of TRG-1's order stays. */
export async function insertItems(trx: Tx, items: readonly NotificationsTable[]): Promise<void> {
  if ((await oneItem.insert(trx, items)) !== null) return;
  for (let i = 0; i < items.length; i += CHUNK) {
    await trx
      .insertInto("notifications")
      .values(items.slice(i, i + CHUNK))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
