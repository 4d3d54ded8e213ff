// Email scheduling against the real SMTP peer with a stepped clock (EML-2, EML-3, EML-6, EML-7).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestUser } from "../http/harness.ts";
import { type SmtpPeer, startSmtpPeer } from "../peers/smtp-peer.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

let f: JobsFixture;
let smtp: SmtpPeer;
let alice: TestUser;
const mailsTo = (u: TestUser) =>
  smtp.received.filter((m) => m.envelope.to.includes(`${u.username.toLowerCase()}@example.com`));

before(async () => {
  smtp = await startSmtpPeer();
  f = await jobsFixture({ smtpUrl: smtp.url });
  alice = await f.h.user("member");
});
after(async () => {
  await f.close();
  await smtp.stop();
});

test("[EML-3] a batch window drops messages read meanwhile and sends one email", async () => {
  const bob = await f.h.user("member");
  const room = await f.room(alice, [bob]);
  const other = await f.room(alice, [bob]);
  const t0 = f.h.clock.now();
  await f.post(alice, room, `@${bob.username} one`);
  await f.s.tick(); // due at once (offline): the 2-minute window opens now
  assert.equal(await f.dueAt(bob.id, "email"), t0 + 120_000);
  f.h.clock.set(t0 + 30_000);
  await f.post(alice, other, `@${bob.username} two`);
  await f.post(alice, other, `@${bob.username} three`);
  await f.s.tick();
  // Bob reads the first room before the window closes: that message is dropped.
  await f.h.app.inject({ method: "POST", url: `/api/v1/rooms/${room}/read`, headers: bob.h, payload: {} });
  f.h.clock.set(t0 + 120_000);
  await f.s.tick();
  await f.s.tick();
  const got = mailsTo(bob);
  assert.equal(got.length, 1, "one email for the window");
  assert.match(got[0].subject, /2 new messages from/);
  assert.match(got[0].text, /three/);
  assert.doesNotMatch(got[0].text, /one\n/);
  assert.ok(got[0].headers.get("list-unsubscribe")?.[0], "EML-6 header");
  assert.equal(got[0].headers.get("list-unsubscribe-post")?.[0], "List-Unsubscribe=One-Click");
});

test("[EML-3] nothing left after reads → no email", async () => {
  const bob = await f.h.user("member");
  const room = await f.room(alice, [bob]);
  const t0 = f.h.clock.now();
  await f.post(alice, room, `@${bob.username} hello`);
  await f.s.tick();
  await f.h.app.inject({ method: "POST", url: `/api/v1/rooms/${room}/read`, headers: bob.h, payload: {} });
  f.h.clock.set(t0 + 121_000);
  await f.s.tick();
  await f.s.tick();
  assert.equal(mailsTo(bob).length, 0);
});

test("[EML-2] no email while active; due once inactive", async () => {
  const bob = await f.h.user("member");
  const room = await f.room(alice, [bob]);
  await f.h.app.inject({
    method: "PUT",
    url: "/api/v1/me/preferences",
    headers: bob.h,
    payload: { emailDelivery: "immediately" },
  });
  const t0 = f.h.clock.now();
  f.connect(bob.id, t0);
  await f.post(alice, room, `@${bob.username} while you work`);
  await f.s.tick();
  f.h.clock.set(t0 + 59_000);
  await f.s.tick();
  assert.equal(mailsTo(bob).length, 0, "active: nothing");
  assert.equal(await f.dueAt(bob.id, "email"), t0 + 60_000);
  f.h.clock.set(t0 + 60_000);
  await f.s.tick(); // due: the 10 s "immediately" window opens
  f.h.clock.set(t0 + 70_000);
  await f.s.tick();
  await f.s.tick();
  assert.equal(mailsTo(bob).length, 1);
  assert.match(mailsTo(bob)[0].subject, /You have been mentioned by/);
  f.active.delete(bob.id);
});

test("[EML-7] SMTP refusing then recovering → exactly one email per batch, same Message-ID", async () => {
  const bob = await f.h.user("member");
  const room = await f.room(alice, [bob]);
  await f.h.app.inject({
    method: "PUT",
    url: "/api/v1/me/preferences",
    headers: bob.h,
    payload: { emailDelivery: "immediately" },
  });
  const t0 = f.h.clock.now();
  await f.post(alice, room, `@${bob.username} retry me`);
  await f.s.tick();
  smtp.failNext(2, 451);
  f.h.clock.set(t0 + 10_000);
  await f.s.tick(); // batch made, first try refused
  await f.s.tick();
  for (let i = 0; i < 5 && mailsTo(bob).length === 0; i++) {
    const due = (await f.dueAt(bob.id)) as number;
    assert.ok(due > f.h.clock.now(), "retry is scheduled later (backoff)");
    f.h.clock.set(due);
    await f.s.tick();
  }
  assert.equal(mailsTo(bob).length, 1);
  f.h.clock.set(f.h.clock.now() + 3600_000);
  await f.s.tick();
  assert.equal(mailsTo(bob).length, 1, "never a second email");
  const batch = await f.h.services.store.db
    .selectFrom("deliveries")
    .selectAll()
    .where("user_id", "=", bob.id)
    .where("kind", "=", "batch")
    .executeTakeFirstOrThrow();
  assert.equal(batch.state, "sent");
  assert.ok(batch.attempts >= 1);
  assert.equal(mailsTo(bob)[0].messageId, `<${batch.id}@localhost>`);
});

test("[EML-6] one click on List-Unsubscribe turns the room's email off without signing in", async () => {
  const bob = await f.h.user("member");
  const room = await f.room(alice, [bob]);
  const t0 = f.h.clock.now();
  await f.post(alice, room, `@${bob.username} news`);
  await f.s.tick();
  f.h.clock.set(t0 + 120_000);
  await f.s.tick();
  await f.s.tick();
  const link = mailsTo(bob)[0].headers.get("list-unsubscribe")?.[0] ?? "";
  const url = new URL(link.replace(/^<|>$/g, ""));
  const r = await f.h.app.inject({
    method: "POST",
    url: `${url.pathname}${url.search}`,
    payload: "List-Unsubscribe=One-Click",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  assert.equal(r.statusCode, 200, r.body);
  const mb = await f.h.services.store.db
    .selectFrom("memberships")
    .select("prefs")
    .where("room_id", "=", room)
    .where("user_id", "=", bob.id)
    .executeTakeFirstOrThrow();
  assert.equal(JSON.parse(mb.prefs).email, "nothing");
  const bad = await f.h.app.inject({ method: "POST", url: `${url.pathname}?token=forged.token-value` });
  assert.equal(bad.statusCode, 400);
});
