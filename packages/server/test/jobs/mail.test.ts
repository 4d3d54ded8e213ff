// Durable Mailer / LoginAlerts through the scheduler's outbox, against the real SMTP peer (LGN-1, EML-7, EML-9).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { caller } from "../helpers/api.ts";
import type { TestUser } from "../http/harness.ts";
import { type SmtpPeer, startSmtpPeer } from "../peers/smtp-peer.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
const FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0";

let f: JobsFixture;
let smtp: SmtpPeer;
let call: ReturnType<typeof caller>;
const mailsTo = (u: TestUser) =>
  smtp.received.filter((m) => m.envelope.to.includes(`${u.username.toLowerCase()}@example.com`));
const login = (u: TestUser, ua: string, ip: string) =>
  f.h.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { login: u.username, password: u.password },
    headers: { "user-agent": ua },
    remoteAddress: ip,
  });
/** A user whose first sign-in (which only records its device) is done. */
async function known(): Promise<TestUser> {
  const u = await f.h.user();
  assert.equal((await login(u, CHROME_LINUX, "198.51.100.10")).statusCode, 200);
  return u;
}

before(async () => {
  smtp = await startSmtpPeer();
  f = await jobsFixture({ smtpUrl: smtp.url });
  call = caller(f.h.app);
});
after(async () => {
  await f.close();
  await smtp.stop();
});

test("[LGN-1] new-device sign-in email arrives at the SMTP peer with time, browser, OS, IP and a sign-out-everywhere link", async () => {
  const u = await known();
  await call(f.h.admin, "PUT", "/admin/settings", { siteName: "Acme" });
  await f.s.tick();
  assert.equal(mailsTo(u).length, 0, "the first sign-in only records its device");
  assert.equal((await login(u, FIREFOX_MAC, "203.0.113.44")).statusCode, 200);
  await f.s.tick();
  const got = mailsTo(u);
  assert.equal(got.length, 1);
  const m = got[0];
  assert.equal(m.subject, "New sign-in to Acme");
  assert.match(m.text, /Browser: Firefox/);
  assert.match(m.text, /Operating system: macOS/);
  assert.match(m.text, /IP address: 203\.0\.113\.44/);
  assert.match(m.text, /Time: .*\d/);
  assert.match(m.text, /sign out everywhere: https?:\/\/\S+/i);
  assert.match(m.html, /sign out everywhere/);
  const row = await f.h.services.store.db
    .selectFrom("deliveries")
    .select(["id", "state"])
    .where("user_id", "=", u.id)
    .where("kind", "=", "mail")
    .executeTakeFirstOrThrow();
  assert.equal(row.state, "sent");
  assert.equal(m.messageId, `<${row.id}@localhost>`, "Message-ID fixed by the outbox row");
  await f.s.tick();
  assert.equal(mailsTo(u).length, 1, "sent once");
  await call(f.h.admin, "PUT", "/admin/settings", { siteName: null });
});

test("[LGN-1] no email when PRF-11 is off for the user, nor when PRV-5 is off for the workspace", async () => {
  const u = await known();
  await call(u, "PUT", "/me/preferences", { loginEmails: false });
  await login(u, FIREFOX_MAC, "203.0.113.45");
  await f.s.tick();
  assert.equal(mailsTo(u).length, 0, "PRF-11 off");

  const v = await known();
  await call(f.h.admin, "PUT", "/admin/settings", { loginEmails: false });
  await login(v, FIREFOX_MAC, "203.0.113.46");
  await f.s.tick();
  assert.equal(mailsTo(v).length, 0, "PRV-5 off");
  await call(f.h.admin, "PUT", "/admin/settings", { loginEmails: null });
  const none = await f.h.services.store.db
    .selectFrom("deliveries")
    .select("id")
    .where("kind", "=", "mail")
    .where("user_id", "in", [u.id, v.id])
    .execute();
  assert.equal(none.length, 0, "nothing queued");
});

test("[EML-7] the verification email is durable: SMTP refusing, then one email after the retry", async () => {
  const u = await f.h.user();
  const t0 = f.h.clock.now();
  const r = await call(u, "POST", "/me/email/verification", {});
  assert.equal(r.statusCode, 200, r.body);
  smtp.failNext(1, 451);
  await f.s.tick();
  assert.equal(mailsTo(u).length, 0, "refused: kept for a retry");
  const due = (await f.dueAt(u.id)) as number;
  assert.ok(due > t0, "retry later, with backoff");
  f.h.clock.set(due);
  await f.s.tick();
  const got = mailsTo(u);
  assert.equal(got.length, 1);
  assert.match(got[0].text, /verify-email\?token=/);
});
