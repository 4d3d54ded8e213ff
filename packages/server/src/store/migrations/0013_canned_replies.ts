// Canned replies: texts admins keep for agents to insert with `/shortcut` in the console composer. One list
// for the install (Chatwoot keeps one per account). Never edit once committed.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("canned_replies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("shortcut", "text", (c) => c.notNull().unique())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("canned_replies").execute();
}
