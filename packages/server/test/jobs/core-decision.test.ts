// The outbox and the expansion write rows for the candidates core names, under the trigger core names for
// each channel (TRG-1 sets), and record core's reason for the rest: through the HTTP post path, the real
// scheduler and the RFC 8030 peer.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

let f: JobsFixture;
let alice: TestUser;

before(async () => {
  f = await jobsFixture();
  alice = await f.h.user("member");
});
after(() => f.close());

async function put(u: TestUser, url: string, payload: object) {
  const r = await f.h.app.inject({ method: "PUT", url: `/api/v1${url}`, headers: u.h, payload });
  assert.equal(r.statusCode, 200, r.body);
}

async function send(u: TestUser, roomId: string, payload: object): Promise<{ id: string }> {
  const r = await f.h.app.inject({
    method: "POST",
    url: `/api/v1/rooms/${roomId}/messages`,
    headers: u.h,
    payload,
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().message as { id: string };
}

/** The outbox rows of one message: `${user}:${kind}` → trigger. */
async function rowsOf(messageId: string): Promise<Map<string, string | null>> {
  const rows = await f.h.services.store.db
    .selectFrom("deliveries")
    .select(["user_id", "kind", "trigger"])
    .where("message_id", "=", messageId)
    .where("kind", "in", ["push", "email"])
    .execute();
  return new Map(rows.map((r) => [`${r.user_id}:${r.kind}`, r.trigger]));
}

test("[TRG-1][PRF-6] @all in a followed thread whose thread pushes are off: the follower's push comes as `group`", async () => {
  const bob = await f.h.user("member");
  const sub = await f.subscribe(bob);
  const room = await f.room(alice, [bob]);
  // Push set apart from desktop (PRF-2), at "mentions", thread replies off for push (PRF-6).
  await put(bob, "/me/preferences", {
    mobileDifferent: true,
    push: "mentions",
    threadReplies: { push: false },
  });
  const root = await send(bob, room, { text: "a thread bob starts, so he follows it" });
  await f.s.tick();
  const reply = await send(alice, room, { text: "@all please read", threadRootId: root.id });
  await f.s.tick();
  await f.s.tick();
  const got = f.pushesFor(sub).filter((p) => p.id === reply.id);
  assert.equal(got.length, 1, "the follower gets @all like everyone else");
  assert.equal(got[0].trigger, "group");
});

test("[PSH-1][EML-1] a post writes a push row only for push candidates and an email row only for email candidates", async () => {
  const bob = await f.h.user("member");
  await f.subscribe(bob);
  const room = await f.room(alice, [bob]);
  await put(bob, "/me/preferences", { mobileDifferent: true, push: "nothing" });
  const m = await send(alice, room, { text: `@${bob.username} hello` });
  const rows = await rowsOf(m.id);
  assert.equal(rows.has(`${bob.id}:push`), false, "push level nothing: no push row at all");
  assert.equal(rows.get(`${bob.id}:email`), "mention");
  await f.h.services.decisions.flush();
  const recorded = await f.h.services.store.db
    .selectFrom("decisions")
    .select(["channel", "outcome", "trigger", "rules"])
    .where("event_id", "=", m.id)
    .where("user_id", "=", bob.id)
    .execute();
  assert.deepEqual(
    recorded.filter((d) => d.channel === "push").map((d) => ({ ...d })),
    [{ channel: "push", outcome: "skipped", trigger: "mention", rules: JSON.stringify(["PSH-1"]) }],
    "core's reason is recorded for explain",
  );
});

test("[MEN-6] a recipient who ignores the sender gets no row", async () => {
  const bob = await f.h.user("member");
  const room = await f.room(alice, [bob]);
  await put(bob, `/me/ignores/${alice.id}`, {});
  const m = await send(alice, room, { text: `@${bob.username} hello` });
  assert.equal((await rowsOf(m.id)).size, 0);
});

test("[PRF-36][EML-1] @all expanded: a silenced member and one without an email address are left out, with core's reasons", async () => {
  const bob = await f.h.user("member");
  const carol = await f.h.user("member");
  const dave = await f.h.user("member");
  await f.subscribe(carol);
  const room = await f.room(alice, [bob, carol, dave]);
  await put(bob, `/rooms/${room}/preferences`, { alerts: false });
  await put(dave, "/me/preferences", { email: "all" }); // email "mentions" would leave @all out first (PRF-4)
  await f.h.services.store.db.updateTable("users").set({ email: null }).where("id", "=", dave.id).execute();
  const m = await send(alice, room, { text: "@all standup" });
  await f.s.tick();
  const rows = await rowsOf(m.id);
  assert.equal(rows.has(`${bob.id}:push`) || rows.has(`${bob.id}:email`), false, "silenced: nothing");
  assert.equal(rows.get(`${carol.id}:push`), "group");
  assert.equal(rows.has(`${dave.id}:email`), false, "no address: no email row");
  await f.h.services.decisions.flush();
  const decisions = await f.h.services.store.db
    .selectFrom("decisions")
    .select(["channel", "outcome", "rules", "facts", "count"])
    .where("event_id", "=", m.id)
    .where("outcome", "=", "skipped")
    .execute();
  const text = JSON.stringify(decisions);
  assert.match(text, /PRF-36/, "the silenced member's reason is recorded");
  assert.match(text, /no email address/, "the missing address is recorded");
});

test("[TRG-3] an edit that turns a name mention into a keyword match notifies nobody again", async () => {
  const bob = await f.h.user("member");
  const sub = await f.subscribe(bob);
  const room = await f.room(alice, [bob]);
  await put(bob, "/me/preferences", { keywords: ["deploy"] });
  const m = await send(alice, room, { text: `@${bob.username} look` });
  await f.s.tick();
  assert.equal(f.pushesFor(sub).filter((p) => p.id === m.id).length, 1);
  const edit = await f.h.app.inject({
    method: "PATCH",
    url: `/api/v1/messages/${m.id}`,
    headers: alice.h,
    payload: { text: "look at the deploy" },
  });
  assert.equal(edit.statusCode, 200, edit.body);
  await f.s.tick();
  // A later message proves the scheduler ran after the edit.
  const later = await send(alice, room, { text: `@${bob.username} and this` });
  await f.s.tick();
  const ids = f.pushesFor(sub).map((p) => p.id);
  assert.ok(ids.includes(later.id));
  assert.equal(ids.filter((id) => id === m.id).length, 1, "no second push for the edit");
});

test("[TRG-1][PRF-33] a gdm whose push level a member overrode to mentions pushes them mentions only; the others get dm", async () => {
  const bob = await f.h.user("member");
  const carol = await f.h.user("member");
  const r = await f.h.app.inject({
    method: "POST",
    url: "/api/v1/dms",
    headers: alice.h,
    payload: { userIds: [bob.id, carol.id] },
  });
  assert.ok(r.statusCode === 200 || r.statusCode === 201, r.body);
  const gdm = r.json().room.id as string;
  await put(bob, "/me/preferences", { mobileDifferent: true, push: "all" });
  await put(bob, `/rooms/${gdm}/preferences`, { push: "mentions" });
  const plain = await send(alice, gdm, { text: "lunch?" });
  const rows = await rowsOf(plain.id);
  assert.equal(
    rows.has(`${bob.id}:push`),
    false,
    "overridden to mentions: a plain gdm message is no dm for push",
  );
  assert.equal(rows.get(`${carol.id}:push`), "dm");
  const named = await send(alice, gdm, { text: `lunch, @${bob.username}?` });
  assert.equal((await rowsOf(named.id)).get(`${bob.id}:push`), "mention");
});
