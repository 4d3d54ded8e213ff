// The pages a contact was on when writing (the widget sends its page address and referrer with each
// message), so the console's contact panel shows where a contact came from. One row per page change, not per
// message. Never edit once committed.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("contact_pages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("contact_id", "text", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
    .addColumn("conversation_id", "text", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("referrer", "text")
    .addColumn("seen_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("contact_pages_contact")
    .on("contact_pages")
    .columns(["contact_id", "seen_at"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("contact_pages").execute();
}
