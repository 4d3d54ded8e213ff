// [ARCH] A room row's expansion reads its members in keyset pages (here 7 members a page, so a 122-member room
// takes 18 of them), each decided by core and written before the next is read, and is complete: every idle
// member with a device gets exactly one push, however the pages fall — none twice at a page's edge, none left
// out — and a member active right now none yet (PSH-2).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Queue } from "../../src/jobs/queue.ts";
import { sqlQueue } from "../../src/jobs/queue.ts";
import { Scheduler } from "../../src/jobs/scheduler.ts";
import { bulkMembers } from "./bulk.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

const N = 120; // + the poster and one member without a device: 122, 18 pages
const PAGE = 7;
let f: JobsFixture;

before(async () => {
  f = await jobsFixture();
});
after(() => f.close());

test("[ARCH] @all expands 7 members a page: every idle member with a device pushed exactly once", async () => {
  const db = f.h.services.store.db;
  const alice = await f.h.user("member");
  // One member without a device besides the bulk ones: decided, but nothing to send to.
  const room = await f.room(alice, [await f.h.user("member")]);
  const subs = Array.from({ length: N }, () => f.peer.subscribe());
  const ids = await bulkMembers(db, room, N, f.h.clock.now(), { subs });
  // Every 11th member is at a desktop right now: no push yet (PSH-2), whichever page they fall in.
  const active = new Set(ids.filter((_, i) => i % 11 === 0));
  for (const id of active) f.connect(id, f.h.clock.now());

  const msg = await f.post(alice, room, "@all the release moved");
  let expansions = 0;
  const inner = sqlQueue(db, "sqlite", 60_000);
  const queue: Queue = {
    ...inner,
    async claim(now, limit) {
      const rows = await inner.claim(now, limit);
      expansions += rows.filter((r) => r.kind === "room").length;
      return rows;
    },
  };
  await new Scheduler({ ctx: { ...f.s.ctx, expandPage: PAGE }, queue, timer: null }).tick();

  assert.equal(expansions, Math.ceil((N + 2) / PAGE), "one claim of the room row a page");
  const got = new Map<string, number>();
  for (const p of f.peer.received)
    if ((p.json as { id?: string }).id === msg)
      got.set(p.subscriptionId, (got.get(p.subscriptionId) ?? 0) + 1);
  for (const [i, id] of ids.entries())
    assert.equal(
      got.get(subs[i].id) ?? 0,
      active.has(id) ? 0 : 1,
      `member ${i} (${active.has(id) ? "active" : "idle"})`,
    );
  const rows = await db
    .selectFrom("deliveries")
    .select(["user_id", "channel"])
    .select(({ fn }) => fn.countAll<number>().as("n"))
    .where("message_id", "=", msg)
    .where("kind", "!=", "room")
    .groupBy(["user_id", "channel"])
    .execute();
  assert.equal(rows.length, N, "one push row per member, active members' waiting");
  assert.ok(
    rows.every((r) => Number(r.n) === 1),
    "no member has two rows of a channel",
  );
  const roomRow = await db
    .selectFrom("deliveries")
    .select(["state", "reason"])
    .where("message_id", "=", msg)
    .where("kind", "=", "room")
    .executeTakeFirstOrThrow();
  assert.deepEqual([roomRow.state, roomRow.reason], ["sent", "expanded"]);
});
