// Crash safety and the trigger-`all` member scan of the scheduler (jobs/). Never edit once committed.
// - deliveries.attempt_at: set (committed) BEFORE a push/email leaves, cleared when its outcome is stored. A
//   claim that finds it still set belongs to a worker killed mid-send: the outcome is unknown and the send is
//   NOT repeated (at-most-once per delivery and device; docs/ARCHITECTURE.md, Scheduler).
// - partial indexes over preferences that mention the level `all` somewhere: a plain message's room row then
//   reads only those members (plus everyone when an admin default is `all`), not the whole room.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

/** Same literal in the queries (jobs/expand.ts): a partial index is used only for the identical predicate. */
const LEVEL_ALL_LIKE = `'%"all"%'`;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("deliveries").addColumn("attempt_at", "bigint").execute();
  await sql`create index memberships_level_all on memberships (room_id, user_id) where prefs like ${sql.raw(LEVEL_ALL_LIKE)}`.execute(
    db,
  );
  await sql`create index users_level_all on users (id) where prefs like ${sql.raw(LEVEL_ALL_LIKE)}`.execute(
    db,
  );
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop index users_level_all`.execute(db);
  await sql`drop index memberships_level_all`.execute(db);
  await db.schema.alterTable("deliveries").dropColumn("attempt_at").execute();
}
