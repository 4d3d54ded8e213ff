// The widget's contact side, end to end through the real routes and the scheduler with a stepped clock: the
// offline contact email through the real SMTP peer (one email with the unseen replies, a link that resumes
// the conversation, RFC 8058 one-click unsubscribe), "seen" in the open widget keeping replies out of it,
// the per-inbox delay, the email capture, the reply-time status, and each inbox's frame-ancestors.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { caller, errorOf } from "../helpers/api.ts";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "../jobs/fixture.ts";
import { type ReceivedMail, type SmtpPeer, startSmtpPeer } from "../peers/smtp-peer.ts";

const MIN = 60_000;
let f: JobsFixture;
let smtp: SmtpPeer;
let call: ReturnType<typeof caller>;
let ann: TestUser;
let key: string;
let inboxId: string;
let n = 0;

const widget = (method: "GET" | "POST" | "PUT", url: string, token?: string, payload?: object) =>
  f.h.app.inject({
    method,
    url: `/api/v1/widget${url}`,
    headers: { "x-inbox-key": key, ...(token ? { "x-contact-token": token } : {}) },
    ...(payload ? { payload } : {}),
  });

/** A contact (with an address unless `email` is null) whose conversation ann picked up. */
async function conversation(email: string | null = `c${++n}@example.org`) {
  const r = await widget("POST", "/conversations", undefined, {
    name: `Zoe ${n}`,
    text: "Hello, I need help",
    ...(email ? { email } : {}),
  });
  assert.equal(r.statusCode, 201, r.body);
  const c = r.json() as { conversation: { id: string }; contactToken: string };
  assert.equal((await call(ann, "POST", `/conversations/${c.conversation.id}/pickup`)).statusCode, 200);
  return { id: c.conversation.id, token: c.contactToken, email };
}
const reply = async (id: string, text: string, isPrivate = false) => {
  const r = await call(ann, "POST", `/conversations/${id}/messages`, { text, private: isPrivate });
  assert.equal(r.statusCode, 201, r.body);
};
const mailsTo = (address: string | null): ReceivedMail[] =>
  smtp.received.filter((m) => address && m.envelope.to.includes(address));
const rowsOf = (id: string) =>
  f.h.services.store.db
    .selectFrom("deliveries")
    .select(["state", "reason"])
    .where("kind", "=", "contact")
    .where("payload", "like", `%${id}%`)
    .execute();

before(async () => {
  smtp = await startSmtpPeer();
  f = await jobsFixture({
    smtpUrl: smtp.url,
    widgetFrameOrigins: ["https://site-wide.example"],
    // The site default (the test config lifts it): this file's few widget writes stay well below it.
    rateWidgetMessagesPerMin: 30,
  });
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

test("offline contact email: the replies the contact has not seen go out as ONE email after 5 minutes, with a link that resumes the conversation and one-click unsubscribe", async () => {
  const c = await conversation();
  const t0 = f.h.clock.now();
  await reply(c.id, "Hi Zoe, looking into it");
  await reply(c.id, "internal: check the logs", true);
  f.h.clock.set(t0 + 2 * MIN);
  await reply(c.id, "Found it: your order ships *today*");
  f.h.clock.set(t0 + 5 * MIN - 1);
  await f.s.tick();
  assert.equal(mailsTo(c.email).length, 0, "not before 5 minutes");
  f.h.clock.set(t0 + 5 * MIN);
  await f.s.tick();
  await smtp.waitFor(1);
  const [mail] = mailsTo(c.email);
  assert.ok(mail, "one email to the contact");
  assert.match(mail.subject, /2 new replies from /);
  assert.match(mail.text, /looking into it/);
  assert.match(mail.text, /ships \*today\*/);
  assert.doesNotMatch(
    mail.text + mail.html,
    /internal: check the logs/,
    "private notes never reach the contact",
  );
  assert.equal(mail.headers.get("list-unsubscribe-post")?.[0], "List-Unsubscribe=One-Click");
  const unsub = /<([^>]+)>/.exec(mail.headers.get("list-unsubscribe")?.[0] ?? "")?.[1];
  assert.ok(unsub?.includes("/api/v1/email/unsubscribe?token="), "a working unsubscribe URL");

  // Later passes, and the second reply's own due time, send nothing more: the one email carried both.
  f.h.clock.set(t0 + 8 * MIN);
  await f.s.tick();
  assert.deepEqual((await rowsOf(c.id)).map((r) => r.state).sort(), ["dropped", "sent"]);
  assert.equal(mailsTo(c.email).length, 1);

  // The link back carries its own credential: the conversation opens with it (another device, no cookie).
  const link = new URL(/Continue the conversation: (\S+)/.exec(mail.text)?.[1] ?? "");
  assert.equal(link.pathname, "/widget");
  assert.equal(link.searchParams.get("conversation"), c.id);
  const resume = link.searchParams.get("resume") ?? "";
  const opened = await widget("GET", `/conversations/${c.id}/messages`, resume);
  assert.equal(opened.statusCode, 200, opened.body);
  assert.equal(opened.json().messages.length, 3, "the contact's message and the two public replies");
  const forged = `${resume.slice(0, -2)}xx`;
  assert.equal((await widget("GET", `/conversations/${c.id}/messages`, forged)).statusCode, 401);

  // RFC 8058: a POST of "List-Unsubscribe=One-Click" to that URL, no sign-in; later replies email nothing.
  const u = new URL(unsub ?? "");
  const r = await f.h.app.inject({
    method: "POST",
    url: `${u.pathname}${u.search}`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: "List-Unsubscribe=One-Click",
  });
  assert.equal(r.statusCode, 200, r.body);
  const listed = async () => (await widget("GET", `/conversations/${c.id}/messages`, c.token)).json();
  assert.equal((await listed()).conversation.emailReplies, false, "the widget may ask for an address again");
  await reply(c.id, "One more thing");
  f.h.clock.set(t0 + 20 * MIN);
  await f.s.tick();
  assert.equal(mailsTo(c.email).length, 1, "unsubscribed: no second email");
  // Leaving an address again is asking for replies again.
  assert.equal(
    (await widget("PUT", `/conversations/${c.id}/email`, c.token, { email: c.email ?? "" })).statusCode,
    200,
  );
  assert.equal((await listed()).conversation.emailReplies, true);
  await reply(c.id, "And the tracking number");
  f.h.clock.set(t0 + 30 * MIN);
  await f.s.tick();
  await smtp.waitFor(2);
  const second = mailsTo(c.email)[1];
  assert.match(second.text, /tracking number/);
  // What no email carried and the contact has not seen: the reply written while unsubscribed comes along.
  assert.match(second.text, /One more thing/);
  assert.doesNotMatch(second.text, /looking into it/, "never a reply an earlier email carried");
});

test("a reply the open widget has shown is not emailed; only the unseen one is", async () => {
  const c = await conversation();
  const t0 = f.h.clock.now();
  await reply(c.id, "First answer");
  const seen = await widget("POST", `/conversations/${c.id}/seen`, c.token, {});
  assert.equal(seen.statusCode, 200, seen.body);
  const listed = (await widget("GET", `/conversations/${c.id}/messages`, c.token)).json();
  assert.equal(listed.conversation.seenSeq, seen.json().seenSeq, "the widget counts unread from here");
  f.h.clock.set(t0 + 6 * MIN);
  await f.s.tick();
  assert.deepEqual(
    (await rowsOf(c.id)).map((r) => r.state),
    ["dropped"],
    "seen: nothing to send",
  );
  await reply(c.id, "Second answer");
  f.h.clock.set(t0 + 12 * MIN);
  await f.s.tick();
  await smtp.waitFor(smtp.received.length);
  const mails = mailsTo(c.email);
  assert.equal(mails.length, 1);
  assert.match(mails[0].subject, /replied to your message/);
  assert.match(mails[0].text, /Second answer/);
  assert.doesNotMatch(mails[0].text, /First answer/);
  // Another contact's token cannot mark this conversation seen.
  const other = await conversation();
  assert.equal((await widget("POST", `/conversations/${c.id}/seen`, other.token, {})).statusCode, 404);
});

test("the inbox's own delay replaces the site's; no address, no email", async () => {
  const bad = await call(f.h.admin, "PATCH", `/inboxes/${inboxId}/widget`, { offlineEmailMinutes: 0 });
  assert.equal(bad.statusCode, 400);
  const ok = await call(f.h.admin, "PATCH", `/inboxes/${inboxId}/widget`, { offlineEmailMinutes: 1 });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().offlineEmailMinutes, 1);
  assert.equal(
    (await call(ann, "PATCH", `/inboxes/${inboxId}/widget`, { offlineEmailMinutes: 2 })).statusCode,
    403,
  );
  try {
    const c = await conversation();
    const quiet = await conversation(null);
    const t0 = f.h.clock.now();
    await reply(c.id, "Quick one");
    await reply(quiet.id, "Nobody to email");
    assert.equal((await rowsOf(quiet.id)).length, 0, "no address: no row at all");
    f.h.clock.set(t0 + MIN);
    await f.s.tick();
    await smtp.waitFor(smtp.received.length);
    assert.equal(mailsTo(c.email).length, 1, "sent after the inbox's 1 minute");
  } finally {
    await call(f.h.admin, "PATCH", `/inboxes/${inboxId}/widget`, { offlineEmailMinutes: null });
  }
});

test("email capture is validated, at the start and later", async () => {
  const start = await widget("POST", "/conversations", undefined, {
    name: "X",
    text: "hi",
    email: "not-an-email",
  });
  assert.deepEqual(errorOf(start), { status: 400, code: "invalid_email", field: "email" });
  const c = await conversation(null);
  const later = await widget("PUT", `/conversations/${c.id}/email`, c.token, { email: "nope@" });
  assert.deepEqual(errorOf(later), { status: 400, code: "invalid_email", field: "email" });
  const row = await f.h.services.store.db
    .selectFrom("contacts")
    .select("email")
    .innerJoin("conversations", "conversations.contact_id", "contacts.id")
    .where("conversations.id", "=", c.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.email, null, "nothing half-written");
  assert.equal(
    (await widget("PUT", `/conversations/${c.id}/email`, c.token, { email: "dora@example.org" })).statusCode,
    200,
  );
});

test("status: 'We're online' while an agent of the inbox is online, else the typical reply time in words", async () => {
  f.active.clear();
  const away = await widget("GET", "/status");
  assert.equal(away.statusCode, 200, away.body);
  assert.equal(away.json().online, false);
  assert.match(
    away.json().text,
    /^We usually reply in a few minutes$/,
    "the replies above came within minutes",
  );
  f.connect(ann.id, f.h.clock.now());
  assert.deepEqual(
    {
      online: (await widget("GET", "/status")).json().online,
      text: (await widget("GET", "/status")).json().text,
    },
    { online: true, text: "We're online" },
  );
  f.active.clear();
  const noKey = await f.h.app.inject({ method: "GET", url: "/api/v1/widget/status" });
  assert.equal(noKey.statusCode, 401);
});

test("frame-ancestors: the widget page only from the inbox's websites (plus the site-wide ones); the app never", async () => {
  const bad = await call(f.h.admin, "PATCH", `/inboxes/${inboxId}/widget`, {
    origins: ["https://shop.example/path"],
  });
  assert.deepEqual(errorOf(bad), { status: 400, code: "invalid_origin", field: "origins" });
  const ok = await call(f.h.admin, "PATCH", `/inboxes/${inboxId}/widget`, {
    origins: ["https://shop.example", "http://localhost:8080/"],
  });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json().origins, ["https://shop.example", "http://localhost:8080"]);
  const csp = async (url: string) => {
    const r = await f.h.app.inject({ method: "GET", url });
    return String(r.headers["content-security-policy"] ?? "");
  };
  const ancestors = (h: string) => /frame-ancestors ([^;]*)/.exec(h)?.[1];
  assert.equal(
    ancestors(await csp(`/widget?key=${encodeURIComponent(key)}&embed=1`)),
    "https://site-wide.example https://shop.example http://localhost:8080",
  );
  assert.equal(ancestors(await csp("/widget?key=unknown")), "https://site-wide.example");
  assert.equal(ancestors(await csp("/")), "'none'");
  assert.equal(ancestors(await csp("/settings")), "'none'");
  const other = await call(f.h.admin, "POST", "/inboxes", { name: "Other" });
  assert.equal(
    ancestors(await csp(`/widget?key=${other.json().key}`)),
    "https://site-wide.example",
    "per inbox",
  );
  const script = await f.h.app.inject({ method: "GET", url: "/widget.js" });
  // Served from the built web app; the header is set on the path whether or not this checkout built it.
  assert.equal(script.headers["cross-origin-resource-policy"], "cross-origin", "loads on other sites");
  const page = await f.h.app.inject({ method: "GET", url: "/" });
  assert.equal(page.headers["cross-origin-resource-policy"], "same-origin", "the rest stays same-origin");
});

test("[GEN-6] changing the reply address is limited per address like writing messages", async () => {
  const c = await conversation(null);
  const put = (i: number) =>
    f.h.app.inject({
      method: "PUT",
      url: `/api/v1/widget/conversations/${c.id}/email`,
      headers: { "x-inbox-key": key, "x-contact-token": c.token },
      payload: { email: `v${i}@example.org` },
      remoteAddress: "203.0.113.77",
    });
  const codes: number[] = [];
  for (let i = 0; i < 31; i++) codes.push((await put(i)).statusCode);
  assert.deepEqual([codes.slice(0, 30).every((s) => s === 200), codes[30]], [true, 429]);
});
