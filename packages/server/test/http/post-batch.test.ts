// Group commit of posts (http/messages/batch.ts): concurrent posts share one transaction, each in its own
// savepoint; a failing post fails alone (GEN-4: nothing of it is written), the others commit, and nobody is
// answered before the commit.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { PostBatcher } from "../../src/http/messages/batch.ts";
import type { Tx } from "../../src/store/db.ts";
import { migrateToLatest } from "../../src/store/migrator.ts";
import { openTestStore, type TestStore } from "../helpers/app.ts";

describe("post group commit", () => {
  let t: TestStore;
  before(async () => {
    t = await openTestStore();
    await migrateToLatest(t.store.db);
  });
  after(() => t.dispose());

  const addRoom = (id: string) => async (trx: Tx) => {
    await trx
      .insertInto("rooms")
      .values({ id, kind: "channel", name: id, created_at: 1 } as never)
      .execute();
    return id;
  };
  const rooms = async (prefix: string) =>
    (await t.store.db.selectFrom("rooms").select("id").where("id", "like", `${prefix}%`).execute())
      .map((r) => r.id)
      .sort();

  test("[GEN-4] concurrent posts share a transaction; a failing one writes nothing and fails alone", async () => {
    const b = new PostBatcher(t.store.db);
    const jobs = Array.from({ length: 10 }, (_, i) =>
      b.submit(`r${i}`, async (trx) => {
        await addRoom(`a${i}`)(trx);
        if (i === 4) throw new Error("post 4 is bad");
        return i;
      }),
    );
    const results = await Promise.allSettled(jobs);
    assert.deepEqual(
      results.map((r) => r.status),
      results.map((_, i) => (i === 4 ? "rejected" : "fulfilled")),
    );
    assert.deepEqual(await rooms("a"), ["a0", "a1", "a2", "a3", "a5", "a6", "a7", "a8", "a9"]);
    assert.ok(b.stats.transactions < 10, `10 posts took ${b.stats.transactions} transactions`);
  });

  test("a post is answered only once its transaction committed", async () => {
    const b = new PostBatcher(t.store.db);
    const seen: string[][] = [];
    const jobs = Array.from({ length: 5 }, (_, i) =>
      b.submit(`r${i}`, addRoom(`c${i}`)).then(async (id) => {
        // Another handle on the store sees the row as soon as the post is answered.
        seen.push([id, ...(await rooms(id))]);
      }),
    );
    await Promise.all(jobs);
    for (const s of seen) assert.equal(s[1], s[0]);
  });

  test("when the shared transaction fails as a whole, each post runs again alone", async () => {
    const b = new PostBatcher(t.store.db);
    // Post 2 (once) releases its own savepoint and returns normally: the batcher's release then fails outside
    // any post, which is the shape of a failed COMMIT or a lost connection.
    let broke = false;
    const jobs = Array.from({ length: 4 }, (_, i) =>
      b.submit(`r${i}`, async (trx) => {
        await addRoom(`d${i}`)(trx);
        if (i === 2 && !broke) {
          broke = true;
          const { sql } = await import("kysely");
          await sql`release savepoint herald_post`.execute(trx);
        }
        return i;
      }),
    );
    const results = await Promise.allSettled(jobs);
    assert.deepEqual(
      results.map((r) => r.status),
      ["fulfilled", "fulfilled", "fulfilled", "fulfilled"],
    );
    assert.deepEqual(await rooms("d"), ["d0", "d1", "d2", "d3"]);
  });
});
