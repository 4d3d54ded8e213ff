// A user's time zone can follow their browser ("automatic", the default, as Slack and Mattermost do) or be one
// they chose. `timezone` stays the zone every rule reads (quiet hours, DND until tomorrow, e-mail times);
// with `timezone_auto` 1 the web app keeps it equal to the browser's zone. Users who already saved a zone
// other than the old default UTC chose it: they stay manual. Never edit once committed.
import type { Kysely } from "kysely";
import { sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("timezone_auto", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.updateTable("users").set({ timezone_auto: 0 }).where("timezone", "<>", sql.lit("UTC")).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("users").dropColumn("timezone_auto").execute();
}
