// The delivery outbox (push / email), email batch windows, push subscriptions and the email log + dev mailbox
// (EML-9). Never edit once committed: add a new file instead. No foreign keys on deliveries: rows must never
// block a message delete (TRG-3 marks them dropped instead) and are pruned by age.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    // Idempotency (user, message or batch, channel): a second insert of the same work is a no-op.
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("user_id", "text")
    .addColumn("room_id", "text")
    .addColumn("message_id", "text")
    .addColumn("trigger", "text")
    .addColumn("seq", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("thread_root_id", "text")
    .addColumn("thread_seq", "integer")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("due_at", "bigint", (c) => c.notNull())
    .addColumn("claimed_until", "bigint")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("first_try_at", "bigint")
    .addColumn("reason", "text")
    .addColumn("payload", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("batch_id", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  // The worker's claim and its single timer read (state, due_at); wake-ups and cancels read by user / message.
  await db.schema.createIndex("deliveries_due").on("deliveries").columns(["state", "due_at"]).execute();
  await db.schema
    .createIndex("deliveries_user")
    .on("deliveries")
    .columns(["user_id", "state", "channel"])
    .execute();
  await db.schema.createIndex("deliveries_message").on("deliveries").column("message_id").execute();
  await db.schema.createIndex("deliveries_batch").on("deliveries").column("batch_id").execute();

  await db.schema
    .createTable("email_windows")
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("family", "text", (c) => c.notNull())
    .addColumn("opened_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("email_windows_pk", ["user_id", "family"])
    .execute();

  await db.schema
    .createTable("push_subscriptions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("device_id", "text", (c) => c.notNull())
    .addColumn("device_kind", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("endpoint", "text", (c) => c.notNull())
    .addColumn("p256dh", "text")
    .addColumn("auth", "text")
    .addColumn("secret", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("push_subscriptions_endpoint", ["user_id", "endpoint"])
    .execute();
  await db.schema.createIndex("push_subscriptions_user").on("push_subscriptions").column("user_id").execute();

  await db.schema
    .createTable("emails")
    .addColumn("message_id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text")
    .addColumn("from_addr", "text", (c) => c.notNull())
    .addColumn("to_addr", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("html", "text", (c) => c.notNull())
    .addColumn("headers", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("emails_created").on("emails").column("created_at").execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ["emails", "push_subscriptions", "email_windows", "deliveries"])
    await db.schema.dropTable(t).execute();
}
