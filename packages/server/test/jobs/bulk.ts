// Bulk fixtures for big rooms (tests and bench/delivery.bench.ts): members, memberships and push subscriptions
// inserted with multi-row INSERTs — creating 100,000 users through the API (scrypt) would take hours.
import type { Insertable } from "kysely";
import { newId } from "../../src/ids.ts";
import type { Db } from "../../src/store/db.ts";
import type { Database } from "../../src/store/schema.ts";

export interface BulkSub {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * Adds `subs.length` (or `n`) offline members to the room, each with one mobile push subscription when `subs`
 * is given. Returns the member ids in insertion order (subs[i] belongs to ids[i]).
 */
export async function bulkMembers(
  db: Db,
  roomId: string,
  n: number,
  now: number,
  opts: { subs?: readonly BulkSub[]; prefix?: string; prefs?: string } = {},
): Promise<string[]> {
  const prefix = opts.prefix ?? `b${newId().slice(0, 6)}`;
  const ids: string[] = [];
  for (let i = 0; i < n; i += 500) {
    const users: Insertable<Database["users"]>[] = [];
    const members: Insertable<Database["memberships"]>[] = [];
    const subs: Insertable<Database["push_subscriptions"]>[] = [];
    for (let k = i; k < Math.min(n, i + 500); k++) {
      const id = newId();
      ids.push(id);
      const name = `${prefix}_${k}`;
      users.push({
        id,
        username: name,
        username_lower: name.toLowerCase(),
        display_name: `Member ${k}`,
        email: `${name.toLowerCase()}@example.com`,
        role: "member" as const,
        email_verified: 0,
        timezone: "UTC",
        password_hash: "x",
        active: 1,
        prefs: opts.prefs ?? "{}",
        agent_prefs: "{}",
        keywords: null,
        presence_choice: "auto" as const,
        dnd_on: 0,
        dnd_until: null,
        created_at: now,
      });
      members.push({ room_id: roomId, user_id: id, last_read_seq: 0, prefs: "{}", joined_at: now });
      const s = opts.subs?.[k];
      if (s)
        subs.push({
          id: newId(),
          user_id: id,
          device_id: `dev-${k}`,
          device_kind: "mobile" as const,
          type: "webpush" as const,
          endpoint: s.endpoint,
          p256dh: s.keys.p256dh,
          auth: s.keys.auth,
          secret: null,
          created_at: now,
        });
    }
    await db.transaction().execute(async (trx) => {
      // Chunks of 100: SQLite caps bound parameters per statement.
      for (let c = 0; c < users.length; c += 100) {
        await trx
          .insertInto("users")
          .values(users.slice(c, c + 100))
          .execute();
        await trx
          .insertInto("memberships")
          .values(members.slice(c, c + 100))
          .execute();
      }
      for (let c = 0; c < subs.length; c += 100)
        await trx
          .insertInto("push_subscriptions")
          .values(subs.slice(c, c + 100))
          .execute();
    });
  }
  await db
    .updateTable("rooms")
    .set((eb) => ({ member_count: eb("member_count", "+", n) }))
    .where("id", "=", roomId)
    .execute();
  return ids;
}
