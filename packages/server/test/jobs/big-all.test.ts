// [ARCH] A big @all is ONE room row, expanded 500 members a page at send time, while undelivered rows stay
// bounded (per-recipient rows are claimed before the next page): every eligible offline member with a
// subscription gets exactly one push at the real push-service peer.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { EXPAND_PAGE } from "../../src/jobs/expand.ts";
import type { Queue } from "../../src/jobs/queue.ts";
import { sqlQueue } from "../../src/jobs/queue.ts";
import { CLAIM_BATCH, Scheduler } from "../../src/jobs/scheduler.ts";
import { bulkMembers } from "./bulk.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

const N = 5_000;
let f: JobsFixture;

before(async () => {
  f = await jobsFixture();
});
after(() => f.close());

test("[ARCH] @all in a 5,000-member room expands in batches with bounded rows", async () => {
  const db = f.h.services.store.db;
  const alice = await f.h.user("member");
  const room = await f.room(alice, [await f.h.user("member")]);
  const subs = Array.from({ length: N }, () => f.peer.subscribe());
  // Every 10th member: no subscription (not eligible); every 25th: push "nothing" (not eligible).
  const withSub = subs.map((s, i) => (i % 10 === 9 ? undefined : s));
  const ids = await bulkMembers(db, room, N, f.h.clock.now(), {
    subs: withSub.map((s) => s ?? { endpoint: "", keys: { p256dh: "", auth: "" } }),
  });
  await db.deleteFrom("push_subscriptions").where("endpoint", "=", "").execute();
  const quiet = ids.filter((_, i) => i % 25 === 0);
  for (let i = 0; i < quiet.length; i += 100)
    await db
      .updateTable("users")
      .set({ prefs: JSON.stringify({ push: "nothing", mobileDifferent: true }) })
      .where("id", "in", quiet.slice(i, i + 100))
      .execute();

  const outbox = await db
    .selectFrom("deliveries")
    .select(({ fn }) => fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  const before = Number(outbox.n);
  const msg = await f.post(alice, room, "@all release tonight");
  const written = await db
    .selectFrom("deliveries")
    .select(({ fn }) => fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  assert.equal(Number(written.n) - before, 1, "the post writes ONE room row, not a row per member");

  // Count undelivered rows of this message at every claim: expansion must not run ahead of delivery.
  const inner = sqlQueue(db, "sqlite", 60_000);
  let peak = 0;
  let claims = 0;
  const queue: Queue = {
    ...inner,
    async claim(now, limit) {
      const open = await db
        .selectFrom("deliveries")
        .select(({ fn }) => fn.countAll().as("n"))
        .where("message_id", "=", msg)
        .where("kind", "=", "push")
        .where("state", "in", ["pending", "claimed"])
        .executeTakeFirstOrThrow();
      peak = Math.max(peak, Number(open.n));
      claims++;
      return inner.claim(now, limit);
    },
  };
  const s = new Scheduler({ ctx: f.s.ctx, queue, timer: null });
  await s.tick();

  const pushes = f.peer.received.filter((p) => (p.json as { id?: string }).id === msg);
  const bySub = new Map<string, number>();
  for (const p of pushes) bySub.set(p.subscriptionId, (bySub.get(p.subscriptionId) ?? 0) + 1);
  const eligible = ids.filter((_, i) => i % 10 !== 9 && i % 25 !== 0).length;
  assert.equal(bySub.size, eligible, "every eligible member reached");
  assert.equal(Math.max(...bySub.values()), 1, "exactly one push each");
  for (const [i] of ids.entries()) {
    const got = bySub.get(subs[i].id) ?? 0;
    assert.equal(got, i % 10 === 9 || i % 25 === 0 ? 0 : 1, `member ${i}`);
  }
  assert.ok(peak <= EXPAND_PAGE + CLAIM_BATCH, `undelivered rows peaked at ${peak}`);
  assert.ok(claims >= N / EXPAND_PAGE, `expanded in pages (${claims} claims)`);
  const room1 = await db
    .selectFrom("deliveries")
    .select(["state", "reason"])
    .where("message_id", "=", msg)
    .where("kind", "=", "room")
    .executeTakeFirstOrThrow();
  assert.deepEqual([room1.state, room1.reason], ["sent", "expanded"]);
});
