// Explain states the facts the scheduler's decision used (EXP-1), read back from the recorded decision:
// the real path — post, the scheduler decides and records, then GET /notifications/explain.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "../jobs/fixture.ts";

let f: JobsFixture;
let alice: TestUser;

before(async () => {
  f = await jobsFixture();
  alice = await f.h.user("member");
});
after(() => f.close());

interface Reason {
  rule: string;
  fact: string;
  wait?: Record<string, unknown>;
}

async function explainPush(who: TestUser, messageId: string) {
  await f.h.services.decisions.flush(); // the recorder buffers; explain reads the store
  const res = await f.h.app.inject({
    method: "GET",
    url: `/api/v1/notifications/explain?message=${messageId}`,
    headers: who.h,
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().channels.push as {
    decision: string;
    source: string;
    at?: number;
    dueAt?: number | null;
    reasons: Reason[];
  };
}

const fresh = async () => {
  const bob = await f.h.user("member");
  await f.subscribe(bob);
  const room = await f.room(alice, [bob]);
  return { bob, room };
};

test("[EXP-1][PSH-9] a push held by quiet hours says until when and why", async () => {
  const { bob, room } = await fresh();
  // 1_700_000_000_000 ms + 7 days = Tue 22:13:20 UTC = Wed 07:13:20 in Tokyo: quiet Wed 07:00–08:00 there.
  f.h.clock.set(1_700_000_000_000 + 7 * 24 * 3600_000);
  const now = f.h.clock.now();
  await f.h.services.store.db
    .updateTable("users")
    .set({
      timezone: "Asia/Tokyo",
      prefs: JSON.stringify({ quietHours: [{ day: 3, start: "07:00", end: "08:00" }] }),
    })
    .where("id", "=", bob.id)
    .execute();
  const msg = await f.post(alice, room, `@${bob.username} the build is red`);
  await f.s.tick();
  const push = await explainPush(bob, msg);
  const end = now + 46 * 60_000 + 40_000; // 08:00 in Tokyo
  assert.equal(push.source, "recorded");
  assert.equal(push.decision, "waiting");
  assert.equal(push.dueAt, end, "held until the quiet hours end");
  const held = push.reasons.at(-1)!;
  assert.equal(held.rule, "PSH-9");
  assert.deepEqual(held.wait, { kind: "quiet_hours", until: end });
  assert.equal(held.fact, "quiet hours: held until they end, in 47 min");
});

test("[EXP-1][PSH-2] a waiting mention push states the last activity, its age, the threshold 60 s and the due time", async () => {
  const { bob, room } = await fresh();
  const t0 = f.h.clock.now();
  f.connect(bob.id, t0 - 12_000); // input on a desktop client 12 s before the post
  const msg = await f.post(alice, room, `@${bob.username} can you look`);
  await f.s.tick();
  const push = await explainPush(bob, msg);
  assert.equal(push.source, "recorded", "answered from the scheduler's recorded decision");
  assert.equal(push.decision, "waiting");
  assert.equal(push.dueAt, t0 + 48_000, "60 s after the last activity");
  const wait = push.reasons.at(-1)!;
  assert.equal(wait.rule, "PSH-2");
  assert.deepEqual(wait.wait, {
    kind: "inactivity",
    thresholdMs: 60_000,
    lastActivityAt: t0 - 12_000,
    lastActivityDevice: "desktop",
    autoAway: true,
    lockedSince: null,
    connected: true,
    desktopGoneAt: null,
    dueAt: t0 + 48_000,
  });
  assert.equal(wait.fact, "active on desktop 12 s ago, threshold 60 s, may go in 48 s");
  f.active.delete(bob.id);
});

test("[EXP-1] the explain time is the decision time, not the post time", async () => {
  const { bob, room } = await fresh();
  const posted = f.h.clock.now();
  f.connect(bob.id, posted);
  const msg = await f.post(alice, room, `@${bob.username} lunch?`);
  // The scheduler decides 5 s after the post (a busy worker); the record carries that moment.
  f.h.clock.set(posted + 5_000);
  await f.s.tick();
  const first = await explainPush(bob, msg);
  assert.equal(first.at, posted + 5_000);
  assert.equal(first.dueAt, posted + 60_000);
  assert.equal(first.reasons.at(-1)!.fact, "active on desktop 5 s ago, threshold 60 s, may go in 55 s");
  // New input moves the due time: the scheduler's next decision is recorded, and explain states that one.
  f.connect(bob.id, posted + 20_000);
  f.h.clock.set(posted + 60_000);
  await f.s.tick();
  const moved = await explainPush(bob, msg);
  assert.equal(moved.at, posted + 60_000);
  assert.equal(moved.dueAt, posted + 80_000);
  assert.equal(moved.reasons.at(-1)!.fact, "active on desktop 40 s ago, threshold 60 s, may go in 20 s");
  // Absence of a push so far is proven by the next tick sending it at the new due time, not by waiting.
  f.h.clock.set(posted + 80_000);
  await f.s.tick();
  const sent = await explainPush(bob, msg);
  assert.equal(sent.decision, "sent");
  assert.equal(sent.at, posted + 80_000, "the send decision's time");
  f.active.delete(bob.id);
});

test("[EXP-1][EML-2][EML-3] an email waits for inactivity, then for its batching window — each stated with its facts", async () => {
  const { bob, room } = await fresh();
  const t0 = f.h.clock.now();
  f.connect(bob.id, t0);
  const msg = await f.post(alice, room, `@${bob.username} the report`);
  await f.s.tick();
  const email = async () => {
    await f.h.services.decisions.flush();
    const res = await f.h.app.inject({
      method: "GET",
      url: `/api/v1/notifications/explain?message=${msg}`,
      headers: bob.h,
    });
    return res.json().channels.email as {
      decision: string;
      at: number;
      dueAt: number | null;
      reasons: Reason[];
    };
  };
  const idle = await email();
  assert.equal(idle.decision, "waiting");
  assert.equal(idle.at, t0);
  assert.equal(idle.dueAt, t0 + 60_000);
  assert.equal(idle.reasons.at(-1)!.rule, "EML-2");
  assert.equal(idle.reasons.at(-1)!.fact, "active on desktop 0 s ago, threshold 60 s, may go in 60 s");
  // Inactive for 60 s: due, so the batching window (PRF-5 default 2 min) opens and the email waits for it.
  f.h.clock.set(t0 + 60_000);
  await f.s.tick();
  const batching = await email();
  assert.equal(batching.decision, "waiting");
  assert.equal(batching.at, t0 + 60_000);
  assert.equal(batching.dueAt, t0 + 180_000);
  assert.deepEqual(batching.reasons.at(-1), {
    rule: "EML-3",
    fact: "batching window of 2 min: goes when it closes, in 2 min",
    wait: { kind: "batch_window", until: t0 + 180_000, windowMs: 120_000 },
  });
  f.active.delete(bob.id);
});

test("[EXP-1][PSH-3] a waiting push read elsewhere is explained as dropped, at the moment it was read", async () => {
  const { bob, room } = await fresh();
  const t0 = f.h.clock.now();
  f.connect(bob.id, t0);
  const msg = await f.post(alice, room, `@${bob.username} standup?`);
  await f.s.tick();
  assert.equal((await explainPush(bob, msg)).decision, "waiting");
  f.h.clock.set(t0 + 7_000);
  const read = await f.h.app.inject({
    method: "POST",
    url: `/api/v1/rooms/${room}/read`,
    headers: bob.h,
    payload: {},
  });
  assert.equal(read.statusCode, 200);
  await f.s.tick();
  const push = await explainPush(bob, msg);
  assert.equal(push.decision, "dropped");
  assert.equal(push.at, t0 + 7_000);
  assert.equal(push.dueAt, undefined, "nothing is due any more");
  f.active.delete(bob.id);
});
