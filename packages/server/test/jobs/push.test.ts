// Push scheduling against the real RFC 8030 push-service peer, with a stepped clock (PSH-2, PSH-3, PSH-7,
// PSH-9, TRG-3, CAL-1).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { enqueueCallPush } from "../../src/jobs/api.ts";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

let f: JobsFixture;
let alice: TestUser;
const fresh = async () => {
  const bob = await f.h.user("member");
  const sub = await f.subscribe(bob);
  const room = await f.room(alice, [bob]);
  return { bob, sub, room };
};

before(async () => {
  f = await jobsFixture();
  alice = await f.h.user("member");
});
after(() => f.close());

test("[PSH-2] 60 s idle then push, not before — the due time is the exact threshold", async () => {
  const { bob, sub, room } = await fresh();
  const t0 = f.h.clock.now();
  f.connect(bob.id, t0);
  const msg = await f.post(alice, room, `@${bob.username} ping`);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 0);
  assert.equal(await f.dueAt(bob.id), t0 + 60_000, "due at the PSH-2 moment, not a poll");
  assert.ok(((await f.s.nextDueAt()) as number) <= t0 + 60_000, "the one timer covers it");
  f.h.clock.set(t0 + 59_999);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 0, "not before 60 s");
  f.h.clock.set(t0 + 60_000);
  await f.s.tick();
  const got = f.pushesFor(sub);
  assert.equal(got.length, 1);
  assert.equal(got[0].id, msg);
  assert.equal(got[0].trigger, "mention");
  assert.equal(f.peer.receivedFor(sub.id)[0].headers.urgency, "high");
});

test("[PSH-2] no desktop connection for 30 s → at once", async () => {
  const { bob, sub, room } = await fresh();
  await f.post(alice, room, `@${bob.username} are you there?`);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 1);
});

test("[PSH-2] trigger all waits max(PRV-6, PRF-13)", async () => {
  const { bob, sub, room } = await fresh();
  await f.h.app.inject({
    method: "PUT",
    url: "/api/v1/me/preferences",
    headers: bob.h,
    payload: { desktop: "all" },
  });
  const t0 = f.h.clock.now();
  f.connect(bob.id, t0);
  await f.post(alice, room, "plain message, no mention");
  await f.s.tick(); // expands the room row, then decides bob's row
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 0);
  assert.equal(await f.dueAt(bob.id), t0 + 300_000);
  f.h.clock.set(t0 + 299_999);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 0);
  f.h.clock.set(t0 + 300_000);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 1);
  assert.equal(f.pushesFor(sub)[0].trigger, "all");
  f.active.delete(bob.id);
});

test("[PSH-2] candidates older than 2 h expire unsent", async () => {
  const { bob, sub, room } = await fresh();
  const t0 = f.h.clock.now();
  f.connect(bob.id, t0);
  await f.post(alice, room, `@${bob.username} later`);
  await f.s.tick();
  f.h.clock.set(t0 + 2 * 3600_000);
  f.connect(bob.id, t0 + 2 * 3600_000 - 1000); // still active all along
  await f.s.tick();
  f.active.delete(bob.id);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 0);
  const row = await f.h.services.store.db
    .selectFrom("deliveries")
    .select(["state", "reason"])
    .where("user_id", "=", bob.id)
    .where("kind", "=", "push")
    .executeTakeFirstOrThrow();
  assert.equal(row.state, "dropped");
  assert.match(row.reason ?? "", /PSH-2 expired/);
});

test("[PSH-3] reading cancels pending pushes and sends a clear push for shown ones", async () => {
  const { bob, sub, room } = await fresh();
  await f.post(alice, room, `@${bob.username} first`);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 1, "offline: pushed at once");
  const t1 = f.h.clock.now();
  f.connect(bob.id, t1);
  await f.post(alice, room, `@${bob.username} second`);
  await f.s.tick();
  const read = await f.h.app.inject({
    method: "POST",
    url: `/api/v1/rooms/${room}/read`,
    headers: bob.h,
    payload: {},
  });
  assert.equal(read.statusCode, 200);
  await f.s.tick();
  f.h.clock.set(t1 + 61_000);
  await f.s.tick();
  const got = f.pushesFor(sub);
  assert.deepEqual(
    got.map((p) => p.type),
    ["message", "clear"],
    "second push cancelled; one clear",
  );
  f.active.delete(bob.id);
});

test("[TRG-3] deleting a message cancels its pending push", async () => {
  const { bob, sub, room } = await fresh();
  const t0 = f.h.clock.now();
  f.connect(bob.id, t0);
  const msg = await f.post(alice, room, `@${bob.username} oops`);
  await f.s.tick();
  const del = await f.h.app.inject({ method: "DELETE", url: `/api/v1/messages/${msg}`, headers: alice.h });
  assert.equal(del.statusCode, 200);
  f.h.clock.set(t0 + 61_000);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 0);
  f.active.delete(bob.id);
});

test("[PSH-7] 410 deletes the subscription; 429 Retry-After is honoured", async () => {
  const { bob, sub, room } = await fresh();
  f.peer.expire(sub.id, 410);
  await f.post(alice, room, `@${bob.username} gone?`);
  await f.s.tick();
  const left = await f.h.services.store.db
    .selectFrom("push_subscriptions")
    .select("id")
    .where("user_id", "=", bob.id)
    .execute();
  assert.equal(left.length, 0, "410 deleted it");

  const sub2 = await f.subscribe(bob);
  f.peer.scriptFor(sub2.id, [{ status: 429, retryAfter: "120" }]);
  const t0 = f.h.clock.now();
  await f.post(alice, room, `@${bob.username} busy service`);
  await f.s.tick();
  assert.equal(f.pushesFor(sub2).length, 0);
  assert.equal(await f.dueAt(bob.id), t0 + 120_000, "retry at Retry-After");
  f.h.clock.set(t0 + 119_000);
  await f.s.tick();
  assert.equal(f.pushesFor(sub2).length, 0);
  f.h.clock.set(t0 + 120_000);
  await f.s.tick();
  assert.equal(f.pushesFor(sub2).length, 1);
});

test("[PSH-9] quiet hours in another time zone defer, then one summary per room", async () => {
  const { bob, sub, room } = await fresh();
  const db = f.h.services.store.db;
  // 1_700_000_000_000 ms = Tue 2023-11-14 22:13 UTC = Wed 07:13 in Tokyo: quiet Wed 07:00–08:00 there.
  f.h.clock.set(1_700_000_000_000 + 24 * 3600_000 * 7);
  const now = f.h.clock.now();
  await db
    .updateTable("users")
    .set({
      timezone: "Asia/Tokyo",
      prefs: JSON.stringify({ quietHours: [{ day: 3, start: "07:00", end: "08:00" }] }),
    })
    .where("id", "=", bob.id)
    .execute();
  await f.post(alice, room, `@${bob.username} one`);
  await f.post(alice, room, `@${bob.username} two`);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 0, "held by quiet hours");
  const due = (await f.dueAt(bob.id, "push")) as number;
  // 07:13:20 Tokyo → the window ends at 08:00 Tokyo.
  assert.equal(due, now + 46 * 60_000 + 40_000, "wakes at the end of the window");
  f.h.clock.set(due);
  await f.s.tick();
  const got = f.pushesFor(sub);
  assert.equal(got.length, 1, "one summary for the room");
  assert.equal(got[0].type, "summary");
  assert.equal(got[0].count, 2);
});

test("[CAL-1] a call pushes to mobile devices at once, even while active", async () => {
  const { bob, sub } = await fresh();
  const desk = await f.subscribe(bob, "desktop");
  f.connect(bob.id, f.h.clock.now());
  await enqueueCallPush(
    f.h.services.store.db,
    { callId: "call-1", roomId: "r", userId: bob.id, from: { id: alice.id, name: "Alice" } },
    f.h.clock.now(),
  );
  await f.s.tick();
  assert.deepEqual(
    f.pushesFor(sub).map((p) => p.type),
    ["call"],
  );
  assert.equal(f.pushesFor(desk).length, 0);
  f.active.delete(bob.id);
});
