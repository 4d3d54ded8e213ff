// The statements a keyword-matched post sends on PostgreSQL, counted at the pg client: its recipient's member
// row and ignore of the sender are read in one statement before the transaction, and its inbox item and
// outbox row are written in one statement inside it (every statement there is a round trip the other posts
// of the group commit wait for). The rows themselves are checked too. SQLite has no round trips: skipped there.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import type { Harness, TestUser } from "../http/harness.ts";
import { harness } from "../http/harness.ts";

type QueryFn = (this: unknown, ...args: unknown[]) => unknown;
const proto = pg.Client.prototype as unknown as { query: QueryFn };

/** The SQL texts the process sends while `fn` runs. */
async function statementsOf(fn: () => Promise<void>): Promise<string[]> {
  const sent: string[] = [];
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0];
    sent.push(typeof q === "string" ? q : ((q as { text?: string } | undefined)?.text ?? ""));
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return sent;
}

describe("a keyword-matched post's statements (PostgreSQL)", () => {
  let h: Harness;
  let alice: TestUser;
  let bob: TestUser;
  let room: string;

  before(async () => {
    h = await harness();
    alice = await h.user("member", "alice");
    bob = await h.user("member", "bob");
    const r = await h.app.inject({
      method: "POST",
      url: "/api/v1/rooms",
      headers: alice.h,
      payload: { kind: "channel", name: "general", memberIds: [bob.id] },
    });
    room = r.json().room.id;
    const k = await h.app.inject({
      method: "PUT",
      url: "/api/v1/me/preferences",
      headers: bob.h,
      payload: { keywords: ["deploy"] },
    });
    assert.equal(k.statusCode, 200, k.body);
  });
  after(() => h.close());

  test("[MEN-4][GEN-1] one read of the member and their ignores, one write of the inbox item and outbox row", async (ctx) => {
    if (h.services.store.dialect !== "postgres") return ctx.skip("SQLite has no network round trips");
    let id = "";
    const sent = await statementsOf(async () => {
      h.clock.advance(1000);
      const r = await h.app.inject({
        method: "POST",
        url: `/api/v1/rooms/${room}/messages`,
        headers: alice.h,
        payload: { text: "the deploy is done" },
      });
      assert.equal(r.statusCode, 201, r.body);
      id = r.json().message.id;
    });
    const norm = sent.map((s) => s.replace(/\s+/g, " ").toLowerCase());
    const writes = norm.filter((s) => /insert into "(notifications|deliveries)"/.test(s));
    assert.equal(writes.length, 1, `one statement writes both:\n${writes.join("\n")}`);
    assert.match(writes[0], /insert into "notifications".*insert into "deliveries"/);
    const ignoreReads = norm.filter((s) => /from "ignores"/.test(s));
    assert.equal(ignoreReads.length, 1, `one read of the ignores:\n${ignoreReads.join("\n")}`);
    assert.match(ignoreReads[0], /"memberships"/, "read with the member row");

    const db = h.services.store.db;
    const items = await db
      .selectFrom("notifications")
      .select(["user_id", "type"])
      .where("message_id", "=", id)
      .execute();
    assert.deepEqual(items, [{ user_id: bob.id, type: "keyword" }]);
    const rows = await db
      .selectFrom("deliveries")
      .select(["user_id", "kind", "trigger"])
      .where("message_id", "=", id)
      .where("kind", "=", "push")
      .execute();
    assert.deepEqual(rows, [{ user_id: bob.id, kind: "push", trigger: "keyword" }]);
  });
});
