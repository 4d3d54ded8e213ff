// The worker's cheap paths: a due push for a user without any push subscription is settled without a send
// (no badge count, no attempt mark, no payload) but with the same outcome and recorded reason as before (PSH-1);
// the claim takes per-recipient rows before room rows in one statement; the next due time covers pending rows
// and expired leases.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sqlQueue } from "../../src/jobs/queue.ts";
import { keys, newRow } from "../../src/jobs/rows.ts";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

let f: JobsFixture;
let alice: TestUser;

before(async () => {
  f = await jobsFixture();
  alice = await f.h.user("member");
});
after(() => f.close());

test("[PSH-1] a due push to a user without a subscription is dropped and recorded, and only devices get a badge", async () => {
  const bob = await f.h.user("member"); // no device
  const carol = await f.h.user("member");
  const sub = await f.subscribe(carol);
  const room = await f.room(alice, [bob, carol]);
  const asked: string[] = [];
  const badges = f.s.ctx.badges;
  f.s.ctx.badges = (ids) => {
    asked.push(...ids);
    return badges(ids);
  };
  try {
    const msg = await f.post(alice, room, `@${bob.username} @${carol.username} look`);
    await f.s.tick();
    assert.equal(f.pushesFor(sub).length, 1, "carol's device gets the push");
    const row = await f.h.services.store.db
      .selectFrom("deliveries")
      .select(["state", "reason", "attempt_at"])
      .where("user_id", "=", bob.id)
      .where("message_id", "=", msg)
      .where("kind", "=", "push")
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...row },
      { state: "dropped", reason: "PSH-1 no push subscription", attempt_at: null },
    );
    assert.deepEqual(asked, [carol.id], "a badge is counted only for a push that goes to a device");
    await f.h.services.decisions.flush();
    const recorded = await f.h.services.store.db
      .selectFrom("decisions")
      .select(["channel", "outcome", "trigger", "rules"])
      .where("event_id", "=", msg)
      .where("user_id", "=", bob.id)
      .where("channel", "=", "push")
      .execute();
    assert.deepEqual(
      recorded.map((d) => ({ ...d })),
      [{ channel: "push", outcome: "dropped", trigger: "mention", rules: JSON.stringify(["PSH-1"]) }],
    );
  } finally {
    f.s.ctx.badges = badges;
  }
});

test("the claim takes per-recipient rows first, room rows only for what is left; next due covers leases", async () => {
  const db = f.h.services.store.db;
  const q = sqlQueue(db, f.h.services.store.dialect, 60_000);
  const t0 = f.h.clock.now() + 10_000_000; // after every row the other test left
  await q.claim(t0, 1_000); // takes whatever else is due, so only this test's rows remain
  const row = (kind: "room" | "push", n: number, dueAt: number) =>
    newRow(
      kind === "room"
        ? { kind, channel: "push", key: keys.room(`claim-m${n}`), messageId: `claim-m${n}`, dueAt }
        : { kind, channel: "push", key: keys.push("claim-u", `claim-m${n}`), userId: "claim-u", dueAt },
      t0,
    );
  // The room rows are due earlier: the order by due time alone would take them first.
  const rows = [
    row("room", 1, t0 - 50),
    row("room", 2, t0 - 40),
    row("push", 3, t0 - 10),
    row("push", 4, t0),
  ];
  await db.insertInto("deliveries").values(rows).execute();
  assert.equal(await q.nextDueAt(), t0 - 50);
  const first = await q.claim(t0, 3);
  assert.deepEqual(
    first.map((r) => [r.kind, Number(r.due_at)]),
    [
      ["push", t0 - 10],
      ["push", t0],
      ["room", t0 - 50],
    ],
  );
  assert.equal(await q.nextDueAt(), t0 - 40, "the room row left");
  const second = await q.claim(t0, 3);
  assert.deepEqual(
    second.map((r) => r.kind),
    ["room"],
  );
  assert.equal(await q.nextDueAt(), t0 + 60_000, "only leases are left: the first one ends then");
  const again = (await q.claim(t0 + 60_000, 100)).filter((r) => r.dedupe_key.includes(":claim-m"));
  assert.equal(again.length, 4, "expired leases are claimable again");
});
