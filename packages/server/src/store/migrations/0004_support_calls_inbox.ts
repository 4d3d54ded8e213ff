// Support (SUP-1), calls (CAL-1, CAL-2) and the in-app notification inbox (GEN-1). Never edit once committed.
// Group mentions write no inbox rows: their items are derived from group_mentions / mentions at read time.
import type { Kysely } from "kysely";
import { sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await createInbox(db);
  await createSupport(db);
  await createCalls(db);
}

async function createInbox(db: AnyDb): Promise<void> {
  // Keyed (user_id, id): a derived group item keeps its id `g.<messageId>` when it is materialized for one user
  // (read / snoozed by hand), so the same id can exist once per user.
  await db.schema
    .createTable("notifications")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("event", "text")
    .addColumn("room_id", "text")
    .addColumn("message_id", "text")
    .addColumn("seq", "integer")
    .addColumn("thread_root_id", "text")
    .addColumn("thread_seq", "integer")
    .addColumn("conversation_id", "text")
    .addColumn("call_id", "text")
    .addColumn("actor_id", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("read_at", "bigint")
    .addColumn("snoozed_until", "bigint")
    .addPrimaryKeyConstraint("notifications_pk", ["user_id", "id"])
    .execute();
  await db.schema
    .createIndex("notifications_user_time")
    .on("notifications")
    .columns(["user_id", "created_at", "id"])
    .execute();
  // One item per (user, message): the first trigger wins (TRG-1), and a deleted message drops them (TRG-3).
  await db.schema
    .createIndex("notifications_user_message")
    .on("notifications")
    .columns(["message_id", "user_id"])
    .unique()
    .where(sql.ref("message_id"), "is not", null)
    .execute();
  await db.schema
    .createTable("notification_marks")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("read_all_at", "bigint", (c) => c.notNull())
    .execute();
}

async function createSupport(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("inboxes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("key_prefix", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("inbox_agents")
    .addColumn("inbox_id", "text", (c) => c.notNull().references("inboxes.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("inbox_agents_pk", ["inbox_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("inbox_agents_user")
    .on("inbox_agents")
    .columns(["user_id", "inbox_id"])
    .execute();
  await db.schema
    .createTable("contacts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("inbox_id", "text", (c) => c.notNull().references("inboxes.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("conversations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("inbox_id", "text", (c) => c.notNull().references("inboxes.id").onDelete("cascade"))
    .addColumn("room_id", "text", (c) => c.notNull().unique().references("rooms.id").onDelete("cascade"))
    .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("assignee_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("contact_left", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("conversations_inbox")
    .on("conversations")
    .columns(["inbox_id", "status", "updated_at"])
    .execute();
  await db.schema
    .createTable("conversation_participants")
    .addColumn("conversation_id", "text", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("conversation_participants_pk", ["conversation_id", "user_id"])
    .execute();
  await db.schema
    .createTable("conversation_messages")
    .addColumn("message_id", "text", (c) => c.primaryKey().references("messages.id").onDelete("cascade"))
    .addColumn("conversation_id", "text", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("private", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("conversation_messages_conv")
    .on("conversation_messages")
    .columns(["conversation_id", "message_id"])
    .execute();
}

async function createCalls(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("calls")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("room_id", "text", (c) => c.notNull().references("rooms.id").onDelete("cascade"))
    .addColumn("caller_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("started_at", "bigint", (c) => c.notNull())
    .addColumn("answered_at", "bigint")
    .addColumn("ended_at", "bigint")
    .execute();
  await db.schema.createIndex("calls_room").on("calls").columns(["room_id", "state"]).execute();
  await db.schema
    .createTable("call_members")
    .addColumn("call_id", "text", (c) => c.notNull().references("calls.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("rang", "integer", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("call_members_pk", ["call_id", "user_id"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
