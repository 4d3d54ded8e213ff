// The decisions table (EXP-3). Never edit once committed: add a new file instead.
// No foreign keys: event ids name messages, support events or calls, and rows must never block a delete.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("decisions")
    .addColumn("event_kind", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text")
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("trigger", "text")
    .addColumn("rules", "text", (c) => c.notNull())
    .addColumn("facts", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("at", "bigint", (c) => c.notNull())
    .execute();
  // Explain reads one event's rows for one user plus its aggregates; pruning reads by time.
  await db.schema.createIndex("decisions_event").on("decisions").columns(["event_id", "user_id"]).execute();
  await db.schema.createIndex("decisions_at").on("decisions").column("at").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("decisions").execute();
}
