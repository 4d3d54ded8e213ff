// The website widget per inbox and the offline contact email. Never edit once committed.
// - inboxes.frame_origins: JSON array of the website origins allowed to frame the widget page (CSP
//   frame-ancestors); inboxes.offline_email_minutes: how long an agent reply may stay unseen before it is
//   emailed to the contact (null = the site setting).
// - contacts.email_off: the contact used one-click unsubscribe (RFC 8058).
// - conversations.contact_seen_seq / contact_emailed_seq: the room position the contact has seen in the open
//   widget, and the one the last contact email carried (core's decideContactEmail compares replies to both).
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("inboxes")
    .addColumn("frame_origins", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema.alterTable("inboxes").addColumn("offline_email_minutes", "integer").execute();
  await db.schema
    .alterTable("contacts")
    .addColumn("email_off", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("conversations")
    .addColumn("contact_seen_seq", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("conversations")
    .addColumn("contact_emailed_seq", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("conversations").dropColumn("contact_emailed_seq").execute();
  await db.schema.alterTable("conversations").dropColumn("contact_seen_seq").execute();
  await db.schema.alterTable("contacts").dropColumn("email_off").execute();
  await db.schema.alterTable("inboxes").dropColumn("offline_email_minutes").execute();
  await db.schema.alterTable("inboxes").dropColumn("frame_origins").execute();
}
