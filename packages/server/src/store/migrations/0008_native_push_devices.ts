// Native mobile push devices (APNs, FCM) live in push_subscriptions beside Web Push and webhook targets, so
// every path that asks "does this user have a push device" (expansion, support, calls) sees them too.
// `endpoint` holds the device token; `app_id` the bundle id / Firebase app; `environment` APNs production or
// sandbox; `device_name` what Settings shows; `last_used_at` the last push the device accepted. And a small
// table of per-platform send outcomes for the admin statistics. Never edit once committed.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable("push_subscriptions").addColumn("app_id", "text").execute();
  await db.schema.alterTable("push_subscriptions").addColumn("environment", "text").execute();
  await db.schema.alterTable("push_subscriptions").addColumn("device_name", "text").execute();
  await db.schema.alterTable("push_subscriptions").addColumn("last_used_at", "bigint").execute();
  await db.schema
    .createTable("push_platform_stats")
    .addColumn("platform", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("count", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("push_platform_stats_pk", ["platform", "outcome"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("push_platform_stats").execute();
  for (const c of ["last_used_at", "device_name", "environment", "app_id"])
    await db.schema.alterTable("push_subscriptions").dropColumn(c).execute();
}
