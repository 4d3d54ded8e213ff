// Accounts, rooms, messages, mentions, settings. Never edit once committed: add a new file instead.
import type { Kysely } from "kysely";
import { sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("username_lower", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("email_verified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("timezone", "text", (c) => c.notNull().defaultTo("UTC"))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("prefs", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("agent_prefs", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("keywords", "text")
    .addColumn("presence_choice", "text", (c) => c.notNull().defaultTo("auto"))
    .addColumn("dnd_on", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("dnd_until", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("users_keywords")
    .on("users")
    .column("id")
    .where(sql.ref("keywords"), "is not", null)
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("user_agent", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("access_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text")
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_used_at", "bigint")
    .execute();
  await db.schema.createIndex("access_tokens_user").on("access_tokens").column("user_id").execute();

  await db.schema
    .createTable("known_devices")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("browser", "text", (c) => c.notNull())
    .addColumn("os", "text", (c) => c.notNull())
    .addColumn("network", "text", (c) => c.notNull())
    .addColumn("first_seen_at", "bigint", (c) => c.notNull())
    .addColumn("last_seen_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("known_devices_pk", ["user_id", "fingerprint"])
    .execute();

  await db.schema
    .createTable("ignores")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("ignored_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("ignores_pk", ["user_id", "ignored_id"])
    .execute();

  await db.schema
    .createTable("email_verifications")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();

  await createRoomTables(db);
  await createMessageTables(db);

  await db.schema
    .createTable("workspace_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
}

async function createRoomTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("rooms")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("dm_key", "text", (c) => c.unique())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("last_seq", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("member_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("memberships")
    .addColumn("room_id", "text", (c) => c.notNull().references("rooms.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("last_read_seq", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("prefs", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("joined_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("memberships_pk", ["room_id", "user_id"])
    .execute();
  await db.schema.createIndex("memberships_user").on("memberships").columns(["user_id", "room_id"]).execute();
}

async function createMessageTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("room_id", "text", (c) => c.notNull().references("rooms.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("sender_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("thread_root_id", "text")
    .addColumn("thread_seq", "integer")
    .addColumn("in_room", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("edited_at", "bigint")
    .addColumn("deleted_at", "bigint")
    .execute();
  // Thread-only replies take no room sequence (they carry seq = the room's seq when posted, for ordering and
  // resume) so the room's unread stays last_seq − last_read_seq; only room messages own a unique seq.
  await db.schema
    .createIndex("messages_room_seq")
    .on("messages")
    .columns(["room_id", "seq"])
    .unique()
    .where(sql.ref("in_room"), "=", 1)
    .execute();
  await db.schema
    .createIndex("messages_room_order")
    .on("messages")
    .columns(["room_id", "seq", "created_at"])
    .execute();
  await db.schema
    .createIndex("messages_thread")
    .on("messages")
    .columns(["thread_root_id", "thread_seq"])
    .where("thread_root_id", "is not", null)
    .execute();

  await db.schema
    .createTable("threads")
    .addColumn("root_id", "text", (c) => c.primaryKey().references("messages.id").onDelete("cascade"))
    .addColumn("room_id", "text", (c) => c.notNull())
    .addColumn("last_seq", "integer", (c) => c.notNull())
    .addColumn("reply_count", "integer", (c) => c.notNull())
    .addColumn("last_reply_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("thread_follows")
    .addColumn("root_id", "text", (c) => c.notNull().references("threads.root_id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("following", "integer", (c) => c.notNull())
    .addColumn("last_read_seq", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("thread_follows_pk", ["root_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("thread_follows_user")
    .on("thread_follows")
    .columns(["user_id", "root_id"])
    .execute();

  await db.schema
    .createTable("group_mentions")
    .addColumn("room_id", "text", (c) => c.notNull().references("rooms.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("sender_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("thread_root_id", "text")
    .addPrimaryKeyConstraint("group_mentions_pk", ["message_id"])
    .execute();
  await db.schema
    .createIndex("group_mentions_room")
    .on("group_mentions")
    .columns(["room_id", "seq"])
    .execute();

  await db.schema
    .createTable("mentions")
    .addColumn("room_id", "text", (c) => c.notNull().references("rooms.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("thread_root_id", "text")
    .addColumn("thread_seq", "integer")
    .addPrimaryKeyConstraint("mentions_pk", ["message_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("mentions_user_room")
    .on("mentions")
    .columns(["user_id", "room_id", "seq"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("migrations are forward-only");
}
