// Push devices of a user: native app tokens (APNs, FCM) beside the Web Push subscriptions and webhook targets
// they share a table with, the "last used" Settings shows, and the per-platform send counts of admin stats.
import { sql } from "kysely";
import { newId } from "../ids.ts";
import type { Db } from "./db.ts";
import type { PushSubscriptionsTable } from "./schema/deliveries.ts";

export type NativePlatform = "apns" | "fcm";

export interface NativeDeviceInput {
  platform: NativePlatform;
  token: string;
  appId: string;
  deviceId: string;
  environment: "production" | "sandbox";
  name: string | null;
}

/**
 * One row per (user, token). A token is one app install on one phone: when another account signs in on that
 * phone, the token moves to it, so the previous account's pushes stop reaching a phone it left.
 */
export async function registerNativeDevice(
  db: Db,
  userId: string,
  d: NativeDeviceInput,
  now: number,
): Promise<{ id: string; created: boolean }> {
  return db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom("push_subscriptions")
      .where("type", "=", d.platform)
      .where("endpoint", "=", d.token)
      .where("user_id", "<>", userId)
      .execute();
    // The same install registering a new token replaces its old one (APNs and FCM rotate tokens).
    await tx
      .deleteFrom("push_subscriptions")
      .where("user_id", "=", userId)
      .where("type", "=", d.platform)
      .where("device_id", "=", d.deviceId)
      .where("app_id", "=", d.appId)
      .where("endpoint", "<>", d.token)
      .execute();
    const fields = {
      device_id: d.deviceId,
      device_kind: "mobile" as const,
      type: d.platform,
      app_id: d.appId,
      environment: d.environment,
      device_name: d.name,
    };
    // One statement on the (user, endpoint) key: two registrations of the same token at once (an app retrying)
    // both land on one row instead of the loser hitting the unique key.
    const id = newId();
    const saved = await tx
      .insertInto("push_subscriptions")
      .values({
        id,
        user_id: userId,
        endpoint: d.token,
        p256dh: null,
        auth: null,
        secret: null,
        created_at: now,
        ...fields,
      })
      .onConflict((oc) => oc.columns(["user_id", "endpoint"]).doUpdateSet(fields))
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: saved.id, created: saved.id === id };
  });
}

/** Every push device of the user, newest first. */
export async function devicesOf(db: Db, userId: string): Promise<PushSubscriptionsTable[]> {
  return db
    .selectFrom("push_subscriptions")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
}

/** Removes one of the caller's devices; false when there is none by that id (or it is someone else's). */
export async function removeDevice(db: Db, userId: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom("push_subscriptions")
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** A push service said the token or subscription is gone for good (410, Unregistered, UNREGISTERED). */
export async function dropDevice(db: Db, id: string): Promise<void> {
  await db.deleteFrom("push_subscriptions").where("id", "=", id).execute();
}

/** Last accepted push, written at most once a minute per device: Settings shows minutes, not milliseconds. */
export const TOUCH_EVERY_MS = 60_000;
export async function touchDevices(db: Db, ids: readonly string[], now: number): Promise<void> {
  for (let i = 0; i < ids.length; i += 500)
    await db
      .updateTable("push_subscriptions")
      .set({ last_used_at: now })
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
}

/** Adds a pass's per-platform outcomes in one statement per (platform, outcome). */
export async function addPlatformStats(db: Db, counts: ReadonlyMap<string, number>): Promise<void> {
  for (const [key, n] of counts) {
    const [platform, outcome] = key.split(":");
    await db
      .insertInto("push_platform_stats")
      .values({ platform, outcome, count: n })
      .onConflict((oc) =>
        oc.columns(["platform", "outcome"]).doUpdateSet({ count: sql`push_platform_stats.count + ${n}` }),
      )
      .execute();
  }
}

export async function platformStats(db: Db): Promise<{ platform: string; outcome: string; count: number }[]> {
  const rows = await db
    .selectFrom("push_platform_stats")
    .selectAll()
    .orderBy("platform")
    .orderBy("outcome")
    .execute();
  return rows.map((r) => ({ platform: r.platform, outcome: r.outcome, count: Number(r.count) }));
}
