// Support-event push and email through the scheduler (SUP-9, EML-8, PRF-40/41), end to end: real support
// routes write the outbox rows (jobs/api.ts enqueueSupportDelivery), the worker sends to the real push-service
// and SMTP peers with a stepped clock.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { caller } from "../helpers/api.ts";
import type { TestUser } from "../http/harness.ts";
import { type SmtpPeer, startSmtpPeer } from "../peers/smtp-peer.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

let f: JobsFixture;
let smtp: SmtpPeer;
let call: ReturnType<typeof caller>;
let ann: TestUser;
let key: string;

const mailsTo = (u: TestUser) =>
  smtp.received.filter((m) => m.envelope.to.includes(`${u.username.toLowerCase()}@example.com`));
/** A new conversation picked up by ann; returns its id, room and the contact's token. */
async function conversation(text = "Hello, I need help") {
  const r = await f.h.app.inject({
    method: "POST",
    url: "/api/v1/widget/conversations",
    headers: { "x-inbox-key": key },
    payload: { name: "Zoe", email: "zoe@example.org", text },
  });
  assert.equal(r.statusCode, 201, r.body);
  const c = r.json() as { conversation: { id: string; roomId: string }; contactToken: string };
  assert.equal((await call(ann, "POST", `/conversations/${c.conversation.id}/pickup`)).statusCode, 200);
  return c;
}
/** A fresh agent of the inbox with one mobile push subscription. */
async function agent() {
  const u = await f.h.user("agent");
  const r = await call(f.h.admin, "POST", `/inboxes/${inboxId}/agents`, { userIds: [u.id] });
  assert.ok(r.statusCode < 300, r.body);
  return { u, sub: await f.subscribe(u) };
}
const assign = async (convId: string, to: TestUser) =>
  assert.equal(
    (await call(ann, "POST", `/conversations/${convId}/assign`, { userId: to.id })).statusCode,
    200,
  );
const item = async (u: TestUser, convId: string, event: string) =>
  (
    (await call(u, "GET", "/notifications")).json().items as {
      id: string;
      event: string;
      conversationId: string;
    }[]
  ).find((i) => i.conversationId === convId && i.event === event);
let inboxId: string;

before(async () => {
  smtp = await startSmtpPeer();
  f = await jobsFixture({ smtpUrl: smtp.url });
  call = caller(f.h.app);
  ann = await f.h.user("agent");
  const r = await call(f.h.admin, "POST", "/inboxes", { name: "Website", agentIds: [ann.id] });
  assert.equal(r.statusCode, 201, r.body);
  key = r.json().key;
  inboxId = r.json().inbox.id;
});
after(async () => {
  await f.close();
  await smtp.stop();
});

test("[SUP-9] a support push waits for the agent's inactivity like PSH-2, then goes out once", async () => {
  const { u: ben, sub } = await agent();
  const c = await conversation();
  const t0 = f.h.clock.now();
  f.connect(ben.id, t0);
  await assign(c.conversation.id, ben);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 0, "active: no push");
  assert.equal(await f.dueAt(ben.id, "support"), t0 + 60_000, "due at the inactivity moment");
  f.h.clock.set(t0 + 59_999);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 0);
  f.h.clock.set(t0 + 60_000);
  await f.s.tick();
  const got = f.pushesFor(sub) as { type: string; event?: string; conversationId?: string }[];
  assert.equal(got.length, 1);
  assert.equal(got[0].type, "support");
  assert.equal(got[0].event, "conversation_assigned");
  assert.equal(got[0].conversationId, c.conversation.id);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 1, "once");
  f.active.delete(ben.id);
});

test("[SUP-9][EML-8] read in the app first → push and email dropped; busy stops the push", async () => {
  const { u: ben, sub } = await agent();
  const c = await conversation();
  const t0 = f.h.clock.now();
  f.connect(ben.id, t0);
  await assign(c.conversation.id, ben);
  await f.s.tick();
  const it = await item(ben, c.conversation.id, "conversation_assigned");
  assert.ok(it, "the in-app item exists");
  assert.equal((await call(ben, "POST", `/notifications/${it.id}/read`)).statusCode, 200);
  f.h.clock.set(t0 + 130_000);
  f.active.delete(ben.id);
  await f.s.tick();
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 0, "no push once read");
  assert.equal(mailsTo(ben).length, 0, "no email once read");
  const states = await f.h.services.store.db
    .selectFrom("deliveries")
    .select(["channel", "state", "reason"])
    .where("user_id", "=", ben.id)
    .where("kind", "=", "support")
    .execute();
  assert.deepEqual(states.map((s) => s.state).sort(), ["dropped", "dropped"]);

  // Busy (PRS-5) turned on while the push waits: dropped at send time (busy at the event skips it outright).
  const { u: cy, sub: cySub } = await agent();
  const t1 = f.h.clock.now();
  f.connect(cy.id, t1);
  const c2 = await conversation();
  await assign(c2.conversation.id, cy);
  await f.s.tick();
  await f.h.services.store.db
    .updateTable("users")
    .set({ dnd_on: 1, dnd_until: null })
    .where("id", "=", cy.id)
    .execute();
  f.h.clock.set(t1 + 60_000);
  await f.s.tick();
  f.active.delete(cy.id);
  assert.equal(f.pushesFor(cySub).length, 0, "busy: no push");
  const p = await f.h.services.store.db
    .selectFrom("deliveries")
    .select(["state", "reason"])
    .where("user_id", "=", cy.id)
    .where("kind", "=", "support")
    .where("channel", "=", "push")
    .executeTakeFirstOrThrow();
  assert.equal(p.state, "dropped");
  assert.match(p.reason ?? "", /SUP-9 busy/);
});

test("[EML-8] support emails batch like EML-3; message events only while inactive, and only if unread", async () => {
  const { u: dee } = await agent();
  await call(dee, "PUT", "/me/agent-preferences", { email: { assigned_conversation_message: true } });
  const t0 = f.h.clock.now();
  f.connect(dee.id, t0);
  const c1 = await conversation();
  const c2 = await conversation();
  await assign(c1.conversation.id, dee);
  await assign(c2.conversation.id, dee);
  // A contact message in c1: assigned_conversation_message, emailed only once dee is inactive.
  const m = await f.h.app.inject({
    method: "POST",
    url: `/api/v1/widget/conversations/${c1.conversation.id}/messages`,
    headers: { "x-inbox-key": key, "x-contact-token": c1.contactToken },
    payload: { text: "still there?" },
  });
  assert.equal(m.statusCode, 201, m.body);
  await f.s.tick();
  // Assigned events are due at once even while active: the 2-minute window opened at t0.
  f.h.clock.set(t0 + 30_000);
  f.connect(dee.id, t0 + 30_000); // still working
  await f.s.tick();
  f.h.clock.set(t0 + 120_000);
  f.connect(dee.id, t0 + 100_000);
  await f.s.tick();
  await f.s.tick();
  const first = mailsTo(dee);
  assert.equal(first.length, 1, "one email for the window");
  assert.equal(first[0].subject.replace(/^\[[^\]]*\] /, ""), "2 new support notifications");
  assert.doesNotMatch(first[0].text, /still there\?/, "the message event waits for inactivity");
  // dee goes idle: the message event becomes due, a new window opens and closes with one email.
  f.h.clock.set(t0 + 160_000);
  await f.s.tick();
  f.h.clock.set(t0 + 280_000);
  await f.s.tick();
  await f.s.tick();
  const all = mailsTo(dee);
  assert.equal(all.length, 2);
  assert.match(all[1].text, /still there\?/);
  assert.match(all[1].subject, /New message in the conversation with Zoe, assigned to you/);
  assert.notEqual(all[0].messageId, all[1].messageId);
  f.active.delete(dee.id);
});

test("[EML-8] an assignment email names the contact and the assigner, never an internal id", async () => {
  const { u: eve } = await agent();
  const c = await conversation("Where is my parcel?");
  const t0 = f.h.clock.now();
  await assign(c.conversation.id, eve);
  await f.s.tick();
  f.h.clock.set(t0 + 600_000);
  await f.s.tick();
  await f.s.tick();
  const mails = mailsTo(eve);
  assert.equal(mails.length, 1);
  const subject = mails[0].subject.replace(/^\[[^\]]*\] /, "");
  assert.match(subject, new RegExp(`^${ann.username} assigned the conversation with Zoe to you$`, "i"));
  // Only the link back carries the id; no line a person reads does.
  const prose = mails[0].text
    .split("\n")
    .filter((l) => !l.includes("://"))
    .join("\n");
  assert.match(prose, /assigned the conversation with Zoe to you/);
  for (const id of [c.conversation.id, c.conversation.id.slice(0, 8), c.conversation.roomId])
    assert.equal(prose.includes(id), false, `no ${id} in:\n${prose}`);
});
