// A keyword hit (MEN-4) on the post path and in the worker runs statements compiled once: Kysely building a
// query (its operation tree, then the SQL) cost more than SQLite running it, and a post with a hit wrote and
// read its recipient's rows with queries built on every call. Counted at Kysely's compiler: on SQLite nothing of
// a hit is compiled per post but the group's savepoints and the decision recorder's batch; on PostgreSQL the
// read of the recipient's facts is compiled once too (the inbox item and outbox row stay one statement built
// per post, store/tx-writes.ts). The rows written are checked too, on both stores.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DefaultQueryCompiler } from "kysely";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

type Compile = (this: unknown, ...args: unknown[]) => { sql: string };
const proto = DefaultQueryCompiler.prototype as unknown as { compileQuery: Compile };

/** The SQL of every query Kysely compiles while `fn` runs. */
async function compiledDuring(fn: () => Promise<void>): Promise<string[]> {
  const compiled: string[] = [];
  const original = proto.compileQuery;
  proto.compileQuery = function (this: unknown, ...args: unknown[]) {
    const q = original.apply(this, args);
    compiled.push(q.sql.replace(/\s+/g, " "));
    return q;
  };
  try {
    await fn();
  } finally {
    proto.compileQuery = original;
  }
  return compiled;
}

let f: JobsFixture;
let alice: TestUser;
let bob: TestUser;
let room: string;

before(async () => {
  f = await jobsFixture();
  alice = await f.h.user("member");
  // No device (the worker drops the push, PSH-1) and no email address (no email candidate, EML-1): as in the
  // benchmark's keyword room.
  bob = await f.h.user("member");
  await f.h.services.store.db.updateTable("users").set({ email: null }).where("id", "=", bob.id).execute();
  await f.keywords(bob, ["deploy", "release"]);
  room = await f.room(alice, [bob]);
  // The first hit compiles what is compiled once; the second is measured.
  await f.post(alice, room, "the deploy is done");
  await f.s.tick();
});
after(() => f.close());

test("[MEN-4][GEN-1][PSH-1] a keyword hit's post and its worker pass build no statement per call", async () => {
  const db = f.h.services.store.db;
  f.h.clock.advance(1000);
  let msg = "";
  const compiled = await compiledDuring(async () => {
    msg = await f.post(alice, room, "the release is out");
    await f.s.tick();
    await f.h.services.decisions.flush();
  });
  const sqlite = f.h.services.store.dialect === "sqlite";
  // Built on every call by design: the savepoints of SQLite's group commit, and the recorder's batch insert.
  const perCall = /^(savepoint herald_post|release savepoint herald_post|insert into "decisions" )/;
  const hit = compiled.filter((s) => !perCall.test(s));
  if (sqlite) assert.deepEqual(hit, [], `compiled per call:\n${hit.join("\n")}`);
  else {
    const facts = hit.filter((s) => /from "ignores"/.test(s));
    assert.deepEqual(facts, [], `the recipient's facts, compiled per call:\n${facts.join("\n")}`);
  }

  // What those statements wrote: the mention row, the inbox item, the outbox row, dropped without a device.
  const mentions = await db
    .selectFrom("mentions")
    .select(["user_id", "kind"])
    .where("message_id", "=", msg)
    .execute();
  assert.deepEqual(
    mentions.map((m) => ({ ...m })),
    [{ user_id: bob.id, kind: "keyword" }],
  );
  const items = await db
    .selectFrom("notifications")
    .select(["user_id", "type", "actor_id"])
    .where("message_id", "=", msg)
    .execute();
  assert.deepEqual(
    items.map((i) => ({ ...i })),
    [{ user_id: bob.id, type: "keyword", actor_id: alice.id }],
  );
  const rows = await db
    .selectFrom("deliveries")
    .select(["user_id", "kind", "trigger", "state", "reason", "claimed_until"])
    .where("message_id", "=", msg)
    .where("channel", "=", "push")
    .execute();
  assert.deepEqual(
    rows.map((r) => ({ ...r })),
    [
      {
        user_id: bob.id,
        kind: "push",
        trigger: "keyword",
        state: "dropped",
        reason: "PSH-1 no push subscription",
        claimed_until: null,
      },
    ],
  );
});

test("[MEN-4][GEN-1] a post written again writes no second mention row, inbox item or outbox row", async () => {
  // The one-row inserts keep the conflict clauses of the multi-row ones: the first row of a key wins.
  const db = f.h.services.store.db;
  const { insertRows, newRow, keys } = await import("../../src/jobs/rows.ts");
  const { insertItems } = await import("../../src/store/tx-writes.ts");
  const { item } = await import("../../src/http/notifications/items.ts");
  const now = f.h.clock.now();
  const msg = await f.post(alice, room, "the deploy is done again");
  const row = newRow(
    {
      kind: "push",
      channel: "push",
      key: keys.push(bob.id, msg),
      userId: bob.id,
      messageId: msg,
      dueAt: now,
    },
    now,
  );
  assert.equal(await insertRows(db, [row]), 0, "the post wrote this key already");
  const fresh = newRow(
    { kind: "push", channel: "push", key: keys.push(bob.id, `${msg}-x`), userId: bob.id, dueAt: now },
    now,
  );
  assert.equal(await insertRows(db, [fresh]), 1);
  await db
    .transaction()
    .execute((trx) => insertItems(trx, [item(bob.id, "mention", now, { room_id: room, message_id: msg })]));
  const items = await db
    .selectFrom("notifications")
    .select(["type"])
    .where("message_id", "=", msg)
    .where("user_id", "=", bob.id)
    .execute();
  assert.deepEqual(
    items.map((i) => i.type),
    ["keyword"],
    "the item of the post's trigger stays",
  );
});
