// The inbox key is public by design: the widget snippet carries it in the customer's web page, so admins can
// see it again (and rotate it). `widget_key` keeps it readable; lookups still go by `key_hash`. Inboxes made
// before this migration have only the hash: their key is unknown until an admin rotates it. Never edit once
// committed.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("inboxes").addColumn("widget_key", "text").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("inboxes").dropColumn("widget_key").execute();
}
