// A plain message (trigger `all`) writes a room row only when some member may have a level `all` in that room
// (jobs/candidates.ts): a room override, an account level, or an admin default. Each way in is tested, as is
// the worker's admin-settings cache (reloaded on the workspace event, not per pass) and EXP-1's explanation of
// a member the post skipped.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

let f: JobsFixture;
let alice: TestUser;

const call = (u: TestUser, method: "PUT" | "GET", url: string, payload?: unknown) =>
  f.h.app.inject({ method, url: `/api/v1${url}`, headers: u.h, payload: payload as object });

const roomRows = async (messageId: string) =>
  (
    await f.h.services.store.db
      .selectFrom("deliveries")
      .select("id")
      .where("message_id", "=", messageId)
      .where("kind", "=", "room")
      .execute()
  ).length;

const fresh = async () => {
  const bob = await f.h.user("member");
  const sub = await f.subscribe(bob);
  const room = await f.room(alice, [bob]);
  return { bob, sub, room };
};

/** Every due row, as many passes as the expansion needs. */
const drain = async () => {
  for (let i = 0; i < 4; i++) await f.s.tick();
};

before(async () => {
  f = await jobsFixture();
  alice = await f.h.user("member");
});
after(() => f.close());

test("[PSH-1] a plain message in a room where nobody has level all writes no room row and pushes nobody", async () => {
  const { sub, room } = await fresh();
  const msg = await f.post(alice, room, "plain message, nobody at level all");
  assert.equal(await roomRows(msg), 0);
  await drain();
  assert.equal(f.pushesFor(sub).length, 0);
});

test("[PSH-1] a member who switches push to all gets the next plain message's push", async () => {
  const { bob, sub, room } = await fresh();
  const before = await f.post(alice, room, "before the switch");
  assert.equal(await roomRows(before), 0);
  assert.equal((await call(bob, "PUT", "/me/preferences", { desktop: "all" })).statusCode, 200);
  const msg = await f.post(alice, room, "after the switch");
  assert.equal(await roomRows(msg), 1);
  await drain();
  const pushes = f.pushesFor(sub);
  assert.equal(pushes.length, 1);
  assert.equal(pushes[0].trigger, "all");
});

test("[PSH-1] a room override to all makes plain messages in that room candidates, not in others", async () => {
  const { bob, sub, room } = await fresh();
  const other = await f.room(alice, [bob]);
  const r = await call(bob, "PUT", `/rooms/${room}/preferences`, { desktop: "all" });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(await roomRows(await f.post(alice, other, "elsewhere")), 0);
  assert.equal(await roomRows(await f.post(alice, room, "here")), 1);
  await drain();
  assert.equal(f.pushesFor(sub).length, 1);
});

test("[PRF-21] an admin default switched to all makes plain messages candidates", async () => {
  const { sub, room } = await fresh();
  // The worker has loaded the admin settings (a pass ran) before the change: it must see the change.
  await drain();
  assert.equal(await roomRows(await f.post(alice, room, "default mentions")), 0);
  const admin = (body: unknown) => call(f.h.admin, "PUT", "/admin/settings", body);
  assert.equal((await admin({ defaults: { account: { desktop: "all" } } })).statusCode, 200);
  try {
    const msg = await f.post(alice, room, "default all");
    assert.equal(await roomRows(msg), 1);
    await drain();
    const pushes = f.pushesFor(sub);
    assert.equal(pushes.length, 1);
    assert.equal(pushes[0].trigger, "all");
  } finally {
    assert.equal((await admin({ defaults: { account: { desktop: null } } })).statusCode, 200);
  }
  await drain();
  assert.equal(await roomRows(await f.post(alice, room, "back to mentions")), 0);
});

test("[PRF-21] an admin ROOM default of all reaches members without a room override", async () => {
  const { sub, room } = await fresh();
  await drain();
  const admin = (body: unknown) => call(f.h.admin, "PUT", "/admin/settings", body);
  const r = await admin({ defaults: { room: { desktop: "all" } } });
  assert.equal(r.statusCode, 200, r.body);
  try {
    const msg = await f.post(alice, room, "room default all");
    assert.equal(await roomRows(msg), 1);
    await drain();
    assert.equal(f.pushesFor(sub).length, 1);
  } finally {
    assert.equal((await admin({ defaults: { room: { desktop: null } } })).statusCode, 200);
  }
});

test("[EXP-1] a member with level mentions, skipped at post time, still explains level mentions, trigger all [PRF-4]", async () => {
  const { bob, room } = await fresh();
  const msg = await f.post(alice, room, "lunch at noon");
  assert.equal(await roomRows(msg), 0);
  const res = await call(bob, "GET", `/notifications/explain?message=${msg}`);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.trigger, "all");
  assert.ok(
    body.text.includes("email: not sent — level mentions, trigger all [PRF-4]"),
    body.text.join("\n"),
  );
});
