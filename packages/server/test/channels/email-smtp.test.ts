import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  DevMailboxSender,
  InMemoryMailbox,
  messageEmail,
  SmtpEmailSender,
  senderMailer,
  verifyUnsubscribe,
} from "../../src/channels/email/index.ts";
import { type SmtpPeer, startSmtpPeer } from "../peers/smtp-peer.ts";
import { context, item, SECRET } from "./email-fixtures.ts";

let peer: SmtpPeer;
const from = { name: "Herald", address: "herald@example.com" };

before(async () => {
  peer = await startSmtpPeer();
});
after(async () => {
  await peer.stop();
});

function sender(options: Partial<ConstructorParameters<typeof SmtpEmailSender>[0]> = {}) {
  return new SmtpEmailSender({ url: peer.url, from, maxConnections: 2, ...options });
}

const email = (deliveryId: string, overrides = {}) =>
  messageEmail(context(), { deliveryId, mode: "full", items: [item(overrides)] });

test("[EML-5][EML-6] an email reaches the SMTP peer with HTML + plain parts and List-Unsubscribe headers", async () => {
  const s = sender();
  const start = peer.received.length;
  const result = await s.send(email("single-1"));
  await s.close();
  assert.deepEqual(result, { kind: "sent", info: { messageId: "<single-1@herald.example.com>" } });
  const got = peer.received[start];
  assert.equal(got.subject, "[Site] You have been mentioned by Alice in #general");
  assert.equal(got.messageId, "<single-1@herald.example.com>");
  assert.deepEqual(got.to, [{ name: "Bob", address: "bob@example.com" }]);
  assert.equal(got.from?.address, "herald@example.com");
  assert.ok(got.text.includes("Hi @bob, lunch?"));
  assert.ok(got.html.includes("Hi @bob, lunch?") && got.html.includes("<strong>Alice</strong>"));
  assert.equal(got.headers.get("list-unsubscribe-post")?.[0], "List-Unsubscribe=One-Click");
  const header = got.headers.get("list-unsubscribe")?.[0] ?? "";
  const token = decodeURIComponent(/token=([^>]+)>/.exec(header)?.[1] ?? "");
  assert.deepEqual(verifyUnsubscribe(token, SECRET), {
    userId: "u-bob",
    scope: "room:r-general",
    kind: "messages",
  });
});

test("[EML-5] a display name with CR/LF 'Bcc:' cannot add a header or a recipient", async () => {
  const s = sender();
  const start = peer.received.length;
  const evil = messageEmail(context({ name: "Bob\r\nBcc: evil@x" }), {
    deliveryId: "inject-1",
    mode: "full",
    items: [item({ sender: { id: "x", name: "Alice\r\nBcc: evil@x\r\nX-Evil: 1" } })],
  });
  assert.equal((await s.send(evil)).kind, "sent");
  await s.close();
  const got = peer.received[start];
  assert.deepEqual(got.envelope.to, ["bob@example.com"]);
  assert.equal(got.headers.has("bcc"), false);
  assert.equal(got.headers.has("x-evil"), false);
  const headerBlock = got.raw.slice(0, got.raw.indexOf("\r\n\r\n"));
  assert.doesNotMatch(headerBlock, /^(Bcc|X-Evil):/im);
  assert.doesNotMatch(got.raw, /^Bcc:/im, "nor a fake line in the body");
  assert.equal(got.subject, "[Site] You have been mentioned by Alice Bcc: evil@x X-Evil: 1 in #general");
});

test("[EML-7] pooled SMTP: 40 emails over at most maxConnections connections", async () => {
  const s = sender({ maxConnections: 2 });
  const startConnections = peer.connections();
  const start = peer.received.length;
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => s.send(email(`pool-${i}`))));
  await s.close();
  assert.ok(results.every((r) => r.kind === "sent"));
  assert.equal(peer.received.length - start, 40);
  assert.ok(
    peer.connections() - startConnections <= 2,
    `${peer.connections() - startConnections} connections`,
  );
});

test("[EML-7] refused connections and 4xx replies are retries; after recovery the same Message-ID is sent once", async () => {
  const s = sender();
  const mail = email("retry-1");
  peer.refuseConnections(1);
  const refused = await s.send(mail);
  assert.equal(refused.kind, "retry", JSON.stringify(refused));
  peer.failNext(2, 451);
  const first451 = await s.send(mail);
  const second451 = await s.send(mail);
  assert.equal(first451.kind, "retry");
  assert.equal(second451.kind, "retry");
  assert.match(first451.kind === "retry" ? first451.reason : "", /451/);
  assert.equal((await s.send(mail)).kind, "sent");
  await s.close();
  const copies = peer.received.filter((m) => m.messageId === "<retry-1@herald.example.com>");
  assert.equal(copies.length, 1);
});

test("[EML-7] a server that hangs is a retry (timeout), then delivery recovers", async () => {
  const s = sender({ greetingTimeoutMs: 300, connectionTimeoutMs: 300, socketTimeoutMs: 300 });
  peer.hang(1000);
  const hung = await s.send(email("hang-1"));
  assert.equal(hung.kind, "retry", JSON.stringify(hung));
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal((await s.send(email("hang-1"))).kind, "sent");
  await s.close();
  assert.equal(peer.received.filter((m) => m.messageId === "<hang-1@herald.example.com>").length, 1);
});

test("[EML-7] a permanent 5xx reply is failed, not retried", async () => {
  const s = sender();
  peer.failNext(1, 550);
  const result = await s.send(email("perm-1"));
  await s.close();
  assert.equal(result.kind, "failed", JSON.stringify(result));
});

test("[EML-9] without SMTP the dev mailbox keeps every email, once per Message-ID", async () => {
  const mailbox = new InMemoryMailbox();
  const dev = new DevMailboxSender({
    mailbox,
    clock: { now: () => 42 },
    from: "Herald <herald@example.com>",
  });
  const mail = email("dev-1");
  assert.equal((await dev.send(mail)).kind, "sent");
  assert.equal((await dev.send(mail)).kind, "sent");
  assert.equal((await dev.send(email("dev-2"))).kind, "sent");
  const listed = await mailbox.list();
  assert.equal(listed.length, 2);
  assert.equal(listed[1].messageId, "<dev-1@herald.example.com>");
  assert.equal(listed[1].subject, "[Site] You have been mentioned by Alice in #general");
  assert.equal(listed[1].to, "Bob <bob@example.com>");
  assert.equal(listed[1].createdAt, 42);
  assert.ok(listed[1].html.includes("lunch?") && listed[1].text.includes("lunch?"));
  const broken = new DevMailboxSender({
    mailbox: { save: async () => Promise.reject(new Error("disk full")), list: async () => [] },
    clock: { now: () => 0 },
    from: "x@y",
  });
  assert.equal((await broken.send(mail)).kind, "retry");
});

test("[EML-9] the server's Mailer port, backed by the dev mailbox, keeps plain mails with an escaped HTML part", async () => {
  const mailbox = new InMemoryMailbox();
  const mailer = senderMailer(
    new DevMailboxSender({ mailbox, clock: { now: () => 1 }, from: "h@x" }),
    "herald.test",
  );
  await mailer.send({
    to: "bob@example.com",
    subject: "New sign-in\r\nBcc: x@y",
    text: "<b>hi</b>",
    kind: "login_alert",
  });
  const [stored] = await mailbox.list();
  assert.equal(stored.subject, "New sign-in Bcc: x@y");
  assert.ok(stored.html.includes("&lt;b&gt;hi&lt;/b&gt;"));
  assert.match(stored.messageId, /^<login_alert-[\w-]+@herald\.test>$/);
});
