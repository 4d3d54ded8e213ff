// A keyword hit (or a name) in a group of concurrent posts (http/messages/batch.ts): its facts are read before
// the transaction, so in it the post sends its one in-order statement and then only the inbox items and outbox
// rows its hooks write last, which go out in any order (store/pipeline.ts inAnyOrder). It therefore leads like a
// post that names nobody: the next posts of its group are not held behind its answers, and nothing runs twice.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { postBatcher } from "../../src/http/messages/batch.ts";
import type { Tx } from "../../src/store/db.ts";
import { inAnyOrder, runPipelined } from "../../src/store/pipeline.ts";
import { wireLog } from "../helpers/pg-wire.ts";
import { type Harness, harness, type TestUser } from "./harness.ts";

describe("a keyword hit leads its group", () => {
  let h: Harness;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;
  before(async () => {
    h = await harness();
    alice = await h.user();
    bob = await h.user();
    const inject = (u: TestUser, method: "POST" | "PUT", url: string, payload: object) =>
      h.app.inject({ method, url: `/api/v1${url}`, headers: u.h, payload });
    const r = await inject(alice, "POST", "/rooms", { kind: "channel", name: "ops", memberIds: [bob.id] });
    assert.equal(r.statusCode, 201, r.body);
    roomId = r.json().room.id;
    assert.equal((await inject(bob, "PUT", "/me/preferences", { keywords: ["deploy"] })).statusCode, 200);
  });
  after(() => h.close());

  const post = (text: string) =>
    h.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${roomId}/messages`,
      headers: alice.h,
      payload: { text },
    });

  test("[MEN-4] a hit and the plain posts after it share a group: all lead, each runs once, the hit's item and outbox rows are written", async () => {
    const db = h.services.store.db;
    const b = postBatcher(db);
    const submit = b.submit.bind(b);
    const submitted: { leads: boolean; runs: number }[] = [];
    // The posts' submissions are held until all three arrived, then handed on together, in the order posted:
    // they form one group.
    const held: (() => void)[] = [];
    let arrived = () => {};
    b.submit = <T>(room: string, run: (trx: Tx) => Promise<T>, leads = false) => {
      const job = { leads, runs: 0 };
      submitted.push(job);
      return new Promise<T>((resolve, reject) => {
        held.push(() =>
          submit(
            room,
            (trx) => {
              job.runs++;
              return run(trx);
            },
            leads,
          ).then(resolve, reject),
        );
        arrived();
      });
    };
    const until = (n: number) =>
      new Promise<void>((resolve) => {
        arrived = () => {
          if (held.length >= n) resolve();
        };
        arrived();
      });
    const wire = wireLog();
    try {
      const answers: ReturnType<typeof post>[] = [];
      answers.push(post("deploy at noon"));
      await until(1);
      answers.push(post("plain one"));
      await until(2);
      answers.push(post("plain two"));
      await until(3);
      wire.on = true;
      for (const go of held) go();
      const replies = await Promise.all(answers);
      wire.on = false;
      for (const r of replies) assert.equal(r.statusCode, 201, r.body);
      assert.deepEqual(
        submitted.map((s) => s.leads),
        [true, true, true],
      );
      assert.deepEqual(
        submitted.map((s) => s.runs),
        [1, 1, 1],
      );
      const [hit, ...plain] = replies.map((r) => r.json().message as { id: string; seq: number });
      assert.deepEqual(
        [hit, ...plain].map((m) => m.seq),
        [1, 2, 3],
      );
      const items = await db
        .selectFrom("notifications")
        .select(["message_id", "type"])
        .where("user_id", "=", bob.id)
        .execute();
      assert.deepEqual(
        items.map((r) => ({ ...r })),
        [{ message_id: hit.id, type: "keyword" }],
      );
      const rows = await db
        .selectFrom("deliveries")
        .select(["message_id", "trigger"])
        .where("user_id", "=", bob.id)
        .execute();
      assert.ok(rows.length > 0);
      for (const row of rows) assert.deepEqual({ ...row }, { message_id: hit.id, trigger: "keyword" });
      const mentions = await db
        .selectFrom("mentions")
        .select(["message_id", "kind"])
        .where("user_id", "=", bob.id)
        .execute();
      assert.deepEqual(
        mentions.map((r) => ({ ...r })),
        [{ message_id: hit.id, kind: "keyword" }],
      );
      if (h.services.store.dialect === "postgres") {
        // The three posts' first statements are on the wire before the answer of the hit's.
        const first = wire.log.indexOf("send statement");
        const answer = wire.log.indexOf("answer", first);
        assert.ok(first >= 0 && answer > first, wire.log.join(", "));
        assert.equal(
          wire.log.slice(first, answer).filter((x) => x === "send statement").length,
          3,
          wire.log.join(", "),
        );
      }
    } finally {
      wire.restore();
      b.submit = submit;
    }
  });

  test("a leading post's writes through inAnyOrder follow the next posts' statements; anything else sends the group back", async () => {
    const db = h.services.store.db;
    await db.transaction().execute(async (trx) => {
      const add = (tx: Tx, id: string) =>
        tx.insertInto("rooms").values({ id, kind: "channel", name: id, created_at: 1 } as never);
      const ran: string[] = [];
      const task = (id: string, second: "any" | "ordered" | null) => ({
        leads: true,
        run: async (tx: Tx) => {
          ran.push(id);
          await sql`insert into rooms (id, kind, name, created_at) values (${`${id}a`}, 'channel', 'x', 1)`.execute(
            tx,
          );
          if (second === "any") await inAnyOrder(tx, () => add(tx, `${id}b`).execute());
          if (second === "ordered") await sql`select 1`.execute(tx);
          return id;
        },
      });
      const ok = await runPipelined(trx, [task("zp1", "any"), task("zp2", null), task("zp3", null)]);
      assert.deepEqual(
        ok.map((o) => o.ok),
        [true, true, true],
      );
      const ids = await trx
        .selectFrom("rooms")
        .select("id")
        .where("id", "like", "zp%")
        .orderBy("id")
        .execute();
      assert.deepEqual(
        ids.map((r) => r.id),
        ["zp1a", "zp1b", "zp2a", "zp3a"],
      );
      // A second statement outside inAnyOrder, once the next post may have sent its own, is refused (OutOfTurn).
      const refused = await runPipelined(trx, [task("zq1", "ordered"), task("zq2", null)]);
      assert.equal(refused[0].ok, false);
    });
  });
});
