// Files sent with messages. The bytes live outside the database (files/ports.ts, a folder under the data
// folder by default); a `files` row says which room and message a file belongs to, so serving it asks the
// room's membership and deleting the message finds its files. `messages.files` keeps the files' public facts
// (id, name, type, size) as JSON with the message, like `mention_view`: every page, frame and notification
// that reads a message has them without a join. Never edit once committed.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("room_id", "text", (c) => c.notNull().references("rooms.id").onDelete("cascade"))
    .addColumn("message_id", "text", (c) => c.notNull().references("messages.id").onDelete("cascade"))
    .addColumn("uploader_id", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("size", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("files_message_idx").on("files").column("message_id").execute();
  await db.schema.alterTable("messages").addColumn("files", "text").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("messages").dropColumn("files").execute();
  await db.schema.dropTable("files").execute();
}
