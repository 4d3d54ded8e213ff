// The worker's fresh state of a claimed page: an ignore saved after the post still drops the push at send time
// (MEN-6), whether the page has one sender or several, and a sent push names its room. On PostgreSQL the
// statements are counted at the pg client too: a page reads its memberships, rooms and ignores of the sender in
// one statement (jobs/page.ts), so no read of `rooms` or `ignores` of its own.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

type SubmitFn = (this: { text?: string }, ...args: unknown[]) => unknown;
// Every statement the pg driver sends passes Query#submit (pooled clients bind Client#query at connect time).
const proto = (pg as unknown as { Query: { prototype: { submit: SubmitFn } } }).Query.prototype;

/** The SQL texts the process sends while `fn` runs, lower-cased with runs of white space as one space. */
async function statementsOf(fn: () => Promise<void>): Promise<string[]> {
  const sent: string[] = [];
  const original = proto.submit;
  proto.submit = function (this: { text?: string }, ...args: unknown[]) {
    sent.push(this.text ?? "");
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.submit = original;
  }
  return sent.map((s) => s.replace(/\s+/g, " ").toLowerCase());
}

let f: JobsFixture;
let alice: TestUser;
let carol: TestUser;
let bob: TestUser;
let room: string;
let roomName: string;

before(async () => {
  f = await jobsFixture();
  alice = await f.h.user("member");
  carol = await f.h.user("member");
  bob = await f.h.user("member");
  room = await f.room(alice, [carol, bob]);
  const r = await f.h.services.store.db
    .selectFrom("rooms")
    .select("name")
    .where("id", "=", room)
    .executeTakeFirstOrThrow();
  roomName = r.name;
  await f.keywords(bob, ["deploy"]);
});
after(() => f.close());

async function ignore(u: TestUser, other: TestUser) {
  const r = await f.h.app.inject({ method: "PUT", url: `/api/v1/me/ignores/${other.id}`, headers: u.h });
  assert.equal(r.statusCode, 200, r.body);
}

async function pushRow(messageId: string) {
  return f.h.services.store.db
    .selectFrom("deliveries")
    .select(["state", "reason"])
    .where("message_id", "=", messageId)
    .where("user_id", "=", bob.id)
    .where("kind", "=", "push")
    .executeTakeFirstOrThrow();
}

test("[MEN-6][PSH-2] one sender: an ignore saved after the post drops the push when it is due", async () => {
  const sub = await f.subscribe(bob);
  f.h.clock.advance(1000);
  const id = await f.post(alice, room, "the deploy is done");
  assert.equal((await pushRow(id)).state, "pending");
  await ignore(bob, alice);
  const sent = await statementsOf(async () => {
    await f.s.tick();
  });
  const row = await pushRow(id);
  assert.equal(row.state, "dropped");
  assert.match(row.reason ?? "", /^MEN-6 /);
  assert.equal(f.pushesFor(sub).length, 0, "nothing pushed to someone who ignores the sender");
  await f.h.app.inject({ method: "DELETE", url: `/api/v1/me/ignores/${alice.id}`, headers: bob.h });
  if (f.h.services.store.dialect === "postgres") {
    // The pass loads a page's state for its push rows (with the claim) and again for the user's email pass:
    // each time the ignores are read in the page's one statement, with the memberships and the rooms.
    const ignoreReads = sent.filter((s) => /from "?ignores"?\b/.test(s));
    assert.ok(ignoreReads.length >= 1, "the ignore was read");
    for (const s of ignoreReads) {
      assert.match(s, /from "?memberships"?\b/, `read with the memberships:\n${s}`);
      assert.match(s, /from "?rooms"?\b/, `and the rooms:\n${s}`);
    }
    const roomReads = sent.filter((s) => /from "?rooms"?\b/.test(s) && !/from "?ignores"?\b/.test(s));
    assert.deepEqual(roomReads, [], "no read of rooms of its own");
  }
});

test("[MEN-6][PSH-2] two senders in one page: the ignored one's push is dropped, the other's names its room", async () => {
  const sub = await f.subscribe(bob);
  f.h.clock.advance(1000);
  const fromAlice = await f.post(alice, room, "deploy at noon");
  const fromCarol = await f.post(carol, room, "deploy postponed");
  await ignore(bob, carol);
  await f.s.tick();
  assert.equal((await pushRow(fromCarol)).state, "dropped");
  assert.match((await pushRow(fromCarol)).reason ?? "", /^MEN-6 /);
  assert.equal((await pushRow(fromAlice)).state, "sent");
  const got = f.peer.receivedFor(sub.id).map((p) => p.json as { id?: string; room?: { name: string } });
  assert.deepEqual(
    got.map((p) => [p.id, p.room?.name]),
    [[fromAlice, roomName]],
  );
});
