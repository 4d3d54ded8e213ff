// GET /api/v1/notifications/explain on SQLite through app.inject (EXP-1, EXP-2, EXP-3, GEN-5).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { InProcessPresenceStore } from "../../src/cluster/presence.ts";
import { presenceActivity } from "../../src/decisions/activity.ts";
import { DecisionBatch } from "../../src/decisions/batch.ts";
import { type Harness, harness, type TestUser } from "../http/harness.ts";
import { makeMessage, makeRoom, makeUsers } from "./fixture.ts";

let h: Harness;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

before(async () => {
  h = await harness();
  alice = await h.user("member", "alice");
  bob = await h.user("member", "bob");
  carol = await h.user("member", "carol");
});
after(() => h.close());

function explain(who: TestUser, query: string) {
  return h.app.inject({ method: "GET", url: `/api/v1/notifications/explain?${query}`, headers: who.h });
}

test("[EXP-1] a mentioned user with alerts off: push not sent — room silenced [PRF-36]", async () => {
  const db = h.services.store.db;
  const room = await makeRoom(db, "channel", [alice.id, bob.id], { [bob.id]: { alerts: false } });
  const msg = await makeMessage(db, room, alice.id, "hey @bob look", h.clock.now());
  const res = await explain(bob, `message=${msg}`);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.messageId, msg);
  assert.equal(body.userId, bob.id);
  assert.equal(body.trigger, "mention");
  for (const ch of ["banner", "sound", "push", "email"]) {
    assert.equal(body.channels[ch].decision, "skipped", ch);
    assert.ok(
      body.channels[ch].reasons.some((r: { rule: string }) => r.rule === "PRF-36"),
      `${ch}: ${JSON.stringify(body.channels[ch].reasons)}`,
    );
    assert.equal(body.channels[ch].source, "rebuilt");
  }
  assert.ok(
    body.channels.push.reasons.some((r: { rule: string }) => r.rule === "MEN-1"),
    "the trigger's reason leads",
  );
  assert.ok(
    body.text.includes("push: not sent — alerts are off for this room [PRF-36]"),
    body.text.join("\n"),
  );
  // PRF-36 leaves the in-app inbox alone (GEN-1): a mention still makes an item.
  assert.equal(body.channels.inbox.decision, "delivered");
  assert.deepEqual(body.sources.rebuilt, ["banner", "sound", "push", "email", "inbox"]);
});

test("[EXP-1] a plain message for a user with level mentions: level mentions, trigger all [PRF-4]", async () => {
  const db = h.services.store.db;
  const room = await makeRoom(db, "channel", [alice.id, bob.id]);
  const msg = await makeMessage(db, room, alice.id, "lunch at noon", h.clock.now());
  const body = (await explain(bob, `message=${msg}&user=${bob.id}`)).json();
  assert.equal(body.trigger, "all");
  assert.deepEqual(body.channels.email.reasons.at(-1), {
    rule: "PRF-4",
    fact: "level mentions, trigger all",
  });
  assert.ok(
    body.text.includes("email: not sent — level mentions, trigger all [PRF-4]"),
    body.text.join("\n"),
  );
  // PRF-20: push follows the desktop level while PRF-2 is off.
  assert.deepEqual(body.channels.push.reasons.at(-1), {
    rule: "PRF-20",
    fact: "level mentions (push follows desktop), trigger all",
  });
  assert.equal(body.channels.inbox.decision, "skipped");
});

test("[EXP-1] a recorded decision is answered as recorded, with its time", async () => {
  const db = h.services.store.db;
  const room = await makeRoom(db, "channel", [alice.id, bob.id]);
  const at = h.clock.now();
  const msg = await makeMessage(db, room, alice.id, "@bob ping", at);
  h.services.decisions.record(
    new DecisionBatch("message", msg, at)
      .member(bob.id, "banner", "delivered", {
        trigger: "mention",
        reasons: [
          { rule: "MEN-1", fact: "@bob" },
          { rule: "DSK-1", fact: "web tab open" },
        ],
      })
      .entries(),
  );
  await h.services.decisions.flush();
  const body = (await explain(bob, `message=${msg}`)).json();
  assert.deepEqual(body.channels.banner, {
    decision: "delivered",
    at,
    source: "recorded",
    reasons: [
      { rule: "MEN-1", fact: "@bob" },
      { rule: "DSK-1", fact: "web tab open" },
    ],
  });
  assert.deepEqual(body.sources.recorded, ["banner"]);
  assert.equal(body.text[1], "banner: shown — @bob [MEN-1]; web tab open [DSK-1]");
});

test("[EXP-2] a member cannot explain another user's notifications; an admin can", async () => {
  const db = h.services.store.db;
  const room = await makeRoom(db, "channel", [alice.id, bob.id]);
  const msg = await makeMessage(db, room, alice.id, "hello", h.clock.now());
  const denied = await explain(alice, `message=${msg}&user=${bob.id}`);
  assert.equal(denied.statusCode, 403);
  assert.equal(denied.json().error.code, "explain_forbidden");
  const ok = await explain(h.admin, `message=${msg}&user=${bob.id}`);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().userId, bob.id);
  assert.equal(ok.json().trigger, "all");
});

test("[GEN-5] a non-member asking about a message gets 404, as for a message that does not exist", async () => {
  const db = h.services.store.db;
  const room = await makeRoom(db, "group", [alice.id, bob.id]);
  const msg = await makeMessage(db, room, alice.id, "private", h.clock.now());
  const res = await explain(carol, `message=${msg}`);
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().error.code, "message_not_found");
  const missing = await explain(carol, "message=nope");
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, "message_not_found");
});

test("[GEN-4] explain needs exactly one of message or event", async () => {
  const res = await explain(bob, "");
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.code, "missing_field");
  const both = await explain(bob, "message=a&event=b");
  assert.equal(both.statusCode, 400);
  const unknown = await explain(bob, "message=a&foo=1");
  assert.equal(unknown.statusCode, 400);
  assert.equal(unknown.json().error.code, "unknown_field");
  const unauth = await h.app.inject({ method: "GET", url: "/api/v1/notifications/explain?message=x" });
  assert.equal(unauth.statusCode, 401);
});

test("[EXP-3] @all in a 2,000-member room with nobody connected: O(1) rows, and any member is still explained", async () => {
  const db = h.services.store.db;
  const now = h.clock.now();
  const members = await makeUsers(db, 1999, now);
  const room = await makeRoom(db, "channel", [alice.id, ...members]);
  // The real message path: one transaction, then the post hooks (gateway, scheduler) record what they decide.
  const posted = await h.app.inject({
    method: "POST",
    url: `/api/v1/rooms/${room}/messages`,
    headers: alice.h,
    payload: { text: "@all release is out" },
  });
  assert.equal(posted.statusCode, 201, posted.body);
  const msg: string = posted.json().message.id;
  // Stand-in for a gateway with no local members: what it records for "nothing" is one counted row per reason.
  const batch = new DecisionBatch("message", msg, now);
  for (const _ of members) {
    batch.nothing("banner", "skipped", {
      trigger: "group",
      reasons: [{ rule: "DSK-1", fact: "not connected at fan-out" }],
    });
  }
  h.services.decisions.record(batch.entries());
  await h.services.decisions.flush();
  const rows = await db.selectFrom("decisions").selectAll().where("event_id", "=", msg).execute();
  assert.ok(rows.length <= 10, `${rows.length} decision rows for one @all in a 2,000-member room`);
  assert.ok(rows.some((r) => r.user_id === null && Number(r.count) === 1999));

  const anyone = members[1234];
  const res = await explain(h.admin, `message=${msg}&user=${anyone}`);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.trigger, "group");
  assert.equal(body.channels.banner.source, "rebuilt");
  assert.deepEqual(body.channels.banner.reasons.at(-1), {
    rule: "DSK-1",
    fact: "no desktop/web connection open",
  });
  assert.equal(body.channels.banner.aggregate.count, 1999);
  assert.ok(
    ["delivered", "waiting", "sent"].includes(body.channels.push.decision),
    body.channels.push.decision,
  );
  assert.ok(body.channels.push.reasons.some((r: { rule: string }) => r.rule === "PSH-2"));
  assert.equal(body.channels.inbox.decision, "delivered");
  // A member explains their own, too.
  const own = await h.app.inject({
    method: "GET",
    url: `/api/v1/notifications/explain?message=${msg}`,
    headers: bob.h,
  });
  assert.equal(own.statusCode, 404, "bob is not in this room (GEN-5)");
});

test("[MEN-2] @here is explained by who was online at send time (stored), not by presence now", async () => {
  const db = h.services.store.db;
  const room = await makeRoom(db, "channel", [alice.id, bob.id, carol.id]);
  const msg = await makeMessage(db, room, alice.id, "@here standup in 5", h.clock.now());
  // Posting wrote a "here" mention row for bob only: he was online then.
  await db
    .insertInto("mentions")
    .values({
      room_id: room,
      seq: 1,
      message_id: msg,
      user_id: bob.id,
      kind: "here",
      thread_root_id: null,
      thread_seq: null,
    })
    .execute();
  const forBob = (await explain(bob, `message=${msg}`)).json();
  assert.equal(forBob.trigger, "group");
  // The stored send-time list decides, not presence now (nobody is connected in this test).
  assert.ok(forBob.text[0].includes("@here while you were online [MEN-2]"), forBob.text[0]);
  const forCarol = (await explain(carol, `message=${msg}`)).json();
  assert.equal(forCarol.trigger, "all");
});

test("[MEN-7] @all restricted to admins above N members is explained with the room's real size", async () => {
  const db = h.services.store.db;
  await db
    .insertInto("workspace_settings")
    .values({ key: "restrictGroupMentionsAbove", value: "2", updated_at: 0 })
    .execute();
  try {
    const room = await makeRoom(db, "channel", [alice.id, bob.id, carol.id]);
    const msg = await makeMessage(db, room, alice.id, "@all hi", h.clock.now());
    const body = (await explain(bob, `message=${msg}`)).json();
    assert.equal(body.trigger, "all");
    assert.ok(body.text[0].includes("[MEN-7]"), body.text[0]);
  } finally {
    await db.deleteFrom("workspace_settings").where("key", "=", "restrictGroupMentionsAbove").execute();
  }
});

test("[EXP-1] push: waiting — active 12 s ago, threshold 60 s, may go in 48 s [PSH-2] (activity from the Presence port)", async () => {
  const db = h.services.store.db;
  const presence = new InProcessPresenceStore(h.clock);
  const now = h.clock.now();
  await presence.report(bob.id, "node-1", {
    connections: 1,
    desktopConnections: 1,
    lockedSince: null,
    desktopGoneAt: null,
    goneAt: null,
  });
  await presence.recordActivity(bob.id, { desktop: now - 12_000, any: now - 12_000 });
  h.services.explainSources.activity = presenceActivity(presence);
  try {
    const room = await makeRoom(db, "channel", [alice.id, bob.id]);
    const msg = await makeMessage(db, room, alice.id, "@bob can you look", now);
    const body = (await explain(bob, `message=${msg}`)).json();
    assert.equal(body.channels.push.decision, "waiting");
    assert.equal(body.channels.push.at, now, "decided now: the time the chain was computed for");
    assert.equal(body.channels.push.dueAt, now + 48_000, "due when 60 s of inactivity are reached");
    const reason = body.channels.push.reasons.at(-1);
    assert.equal(reason.rule, "PSH-2");
    assert.equal(reason.fact, "active on desktop/web 12 s ago, threshold 60 s, may go in 48 s");
    assert.equal(reason.wait.lastActivityAt, now - 12_000);
    assert.equal(reason.wait.thresholdMs, 60_000);
    assert.equal(reason.wait.dueAt, now + 48_000);
    assert.equal(body.channels.banner.decision, "delivered");
  } finally {
    h.services.explainSources.activity = undefined;
    await presence.close();
  }
});

test("[EXP-1] a support event is explained from its recorded decisions; others' events are 404 (GEN-5)", async () => {
  const at = h.clock.now();
  h.services.decisions.record(
    new DecisionBatch("support", "sev-1", at)
      .member(bob.id, "push", "sent", {
        reasons: [
          { rule: "PRF-41", fact: "push on for conversation_assigned" },
          { rule: "SUP-9", fact: "inactive 70 s" },
        ],
      })
      .member(bob.id, "email", "skipped", {
        reasons: [{ rule: "EML-8", fact: "in-app notification read first" }],
      })
      .entries(),
  );
  await h.services.decisions.flush();
  const own = await explain(bob, "event=sev-1");
  assert.equal(own.statusCode, 200, own.body);
  assert.equal(own.json().channels.push.decision, "sent");
  assert.ok(
    own.json().text.includes("email: not sent — in-app notification read first [EML-8]"),
    own.json().text.join("\n"),
  );
  const other = await explain(carol, "event=sev-1");
  assert.equal(other.statusCode, 404);
  assert.equal(other.json().error.code, "event_not_found");
  assert.equal((await explain(h.admin, `event=sev-1&user=${bob.id}`)).statusCode, 200);
});

test("[EXP-1] the scheduler's room-wide outbox row answers push as pending — except for a member whose chain skips it", async () => {
  const db = h.services.store.db;
  const now = h.clock.now();
  const room = await makeRoom(db, "channel", [alice.id, bob.id, carol.id], { [carol.id]: { alerts: false } });
  const msg = await makeMessage(db, room, alice.id, "@all deploy at 5", now);
  await db
    .insertInto("deliveries")
    .values({
      id: `d-${msg}`,
      dedupe_key: `room:${msg}:push`,
      kind: "room",
      channel: "push",
      user_id: null,
      room_id: room,
      message_id: msg,
      trigger: "group",
      seq: 1,
      state: "pending",
      due_at: now + 60_000,
      claimed_until: null,
      attempts: 0,
      first_try_at: null,
      reason: null,
      payload: "{}",
      batch_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const forBob = (await explain(bob, `message=${msg}`)).json();
  assert.equal(forBob.channels.push.source, "pending");
  assert.equal(forBob.channels.push.decision, "waiting");
  assert.equal(forBob.channels.push.dueAt, now + 60_000);
  assert.equal(forBob.channels.push.at, now, "the answer's time is when it was worked out, not the due time");
  assert.ok(
    forBob.channels.push.reasons.some((r: { fact: string }) => r.fact.startsWith("one deferred push record")),
  );
  assert.deepEqual(forBob.sources.pending, ["push"]);
  const forCarol = (await explain(carol, `message=${msg}`)).json();
  assert.equal(forCarol.channels.push.source, "rebuilt");
  assert.equal(forCarol.channels.push.decision, "skipped");
  assert.ok(forCarol.channels.push.reasons.some((r: { rule: string }) => r.rule === "PRF-36"));
});

test("[EXP-1][MEN-1] explain reads the mentions posting resolved and stored, never the text again", async () => {
  const db = h.services.store.db;
  const room = await makeRoom(db, "channel", [alice.id, bob.id]);
  const msg = await makeMessage(db, room, alice.id, "@bob look at this", h.clock.now());
  assert.equal((await explain(bob, `message=${msg}`)).json().trigger, "mention");
  // Had posting not resolved bob (say he joined after it), the same text explains as a plain room message.
  await db.deleteFrom("mentions").where("message_id", "=", msg).execute();
  const body = (await explain(bob, `message=${msg}`)).json();
  assert.equal(body.trigger, "all");
});
