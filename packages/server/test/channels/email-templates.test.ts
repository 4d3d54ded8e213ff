import assert from "node:assert/strict";
import { test } from "node:test";
import {
  loginAlertEmail,
  messageEmail,
  signUnsubscribe,
  supportEmail,
  verificationEmail,
  verifyUnsubscribe,
} from "../../src/channels/email/index.ts";
import { context, item, SECRET } from "./email-fixtures.ts";

const subjectOf = (items: ReturnType<typeof item>[]) =>
  messageEmail(context(), { deliveryId: "d1", mode: "full", items }).subject;

test("[EML-4] subjects for each trigger are exactly as specified", () => {
  assert.equal(
    subjectOf([item({ trigger: "dm", roomKind: "dm", roomName: "" })]),
    "[Site] You have been direct messaged by Alice",
  );
  assert.equal(
    subjectOf([item({ trigger: "mention" })]),
    "[Site] You have been mentioned by Alice in #general",
  );
  assert.equal(
    subjectOf([item({ trigger: "keyword" })]),
    "[Site] You have been mentioned by Alice in #general",
  );
  assert.equal(subjectOf([item({ trigger: "group" })]), "[Site] Alice has posted a message in #general");
  assert.equal(
    subjectOf([item({ trigger: "thread", threadId: "t1" })]),
    "[Site] New replies in a thread you follow in #general",
  );
  const batch = [
    item({ id: "1" }),
    item({ id: "2", sender: { id: "u-b", name: "Bob" } }),
    item({ id: "3" }),
    item({ id: "4", trigger: "dm", roomKind: "dm" }),
    item({ id: "5", sender: { id: "u-b", name: "Bob" } }),
  ];
  assert.equal(subjectOf(batch), "[Site] 5 new messages from Alice, Bob");
});

test("[EML-4] the body lists each message with sender, room, time in the recipient's zone and a link", () => {
  const email = messageEmail(context(), {
    deliveryId: "d1",
    mode: "full",
    items: [item(), item({ id: "m2", threadId: "t9", text: "second", sender: { id: "c", name: "Carol" } })],
  });
  for (const part of [email.text, email.html]) {
    assert.ok(part.includes("Alice") && part.includes("Carol") && part.includes("#general"));
    assert.ok(part.includes("Nov 14, 2023, 5:13 PM EST"), "time shown in America/New_York");
    assert.ok(part.includes("lunch?") && part.includes("second"));
  }
  assert.ok(email.text.includes("https://chat.example.com/rooms/r-general?message=m1"));
  assert.ok(email.html.includes('href="https://chat.example.com/rooms/r-general?message=m2&amp;thread=t9"'));
  const tokyo = messageEmail(context({ timeZone: "Asia/Tokyo" }), {
    deliveryId: "d",
    mode: "full",
    items: [item()],
  });
  assert.ok(tokyo.text.includes("Nov 15, 2023, 7:13 AM GMT+9"));
});

test("[PRV-2] generic email content leaves the message text out", () => {
  const email = messageEmail(context(), {
    deliveryId: "d1",
    mode: "generic",
    items: [item({ text: "secret plans" })],
  });
  assert.ok(!email.text.includes("secret plans") && !email.html.includes("secret plans"));
  assert.ok(email.text.includes("You have a new message"));
});

test("[EML-5] user strings are HTML-escaped in sender name, room name and text", () => {
  const xss = "<img src=x onerror=alert(1)>";
  const email = messageEmail(context(), {
    deliveryId: "d1",
    mode: "full",
    items: [item({ sender: { id: "x", name: xss }, roomName: xss, text: `${xss}\n& "quotes"` })],
  });
  assert.ok(!email.html.includes("<img"), "no raw tag survives");
  assert.ok(email.html.includes("&lt;img src=x onerror=alert(1)&gt;"));
  assert.ok(email.html.includes("&amp; &quot;quotes&quot;"));
  assert.ok(email.text.includes(xss), "the plain-text part shows the text as written");
});

test("[EML-5] names and subjects lose CR/LF and control characters (no header injection)", () => {
  const email = messageEmail(context({ name: "Bob\r\nBcc: evil@x" }), {
    deliveryId: "d1",
    mode: "full",
    items: [item({ sender: { id: "x", name: "Alice\r\nBcc: evil@x" }, roomName: "gen\neral\u0000" })],
  });
  assert.equal(email.subject, "[Site] You have been mentioned by Alice Bcc: evil@x in #gen eral");
  assert.doesNotMatch(email.subject, /[\r\n]/);
  assert.equal(email.to.name, "Bob Bcc: evil@x");
});

test("[EML-6] List-Unsubscribe (one-click, RFC 8058) with a signed token; a footer links to settings", () => {
  const email = messageEmail(context(), { deliveryId: "d1", mode: "full", items: [item()] });
  assert.equal(email.headers["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");
  const match = /^<https:\/\/chat\.example\.com\/api\/v1\/email\/unsubscribe\?token=([^>]+)>$/.exec(
    email.headers["List-Unsubscribe"],
  );
  assert.ok(match, email.headers["List-Unsubscribe"]);
  const claims = verifyUnsubscribe(decodeURIComponent(match[1]), SECRET);
  assert.deepEqual(claims, { userId: "u-bob", scope: "room:r-general", kind: "messages" });
  assert.ok(email.text.includes("https://chat.example.com/settings/notifications"));
  assert.ok(email.html.includes('href="https://chat.example.com/settings/notifications"'));
  const multiRoom = messageEmail(context(), {
    deliveryId: "d2",
    mode: "full",
    items: [item(), item({ id: "m2", roomId: "r-other" })],
  });
  const token = decodeURIComponent(/token=([^>]+)>/.exec(multiRoom.headers["List-Unsubscribe"])?.[1] ?? "");
  assert.equal(verifyUnsubscribe(token, SECRET)?.scope, "account");
});

test("[EML-6] a tampered or foreign unsubscribe token does not verify", () => {
  const token = signUnsubscribe({ userId: "u1", scope: "account", kind: "messages" }, SECRET);
  assert.deepEqual(verifyUnsubscribe(token, SECRET), { userId: "u1", scope: "account", kind: "messages" });
  const [body, mac] = token.split(".");
  const forged = Buffer.from(JSON.stringify({ u: "u2", s: "account", k: "messages" })).toString("base64url");
  assert.equal(verifyUnsubscribe(`${forged}.${mac}`, SECRET), null);
  assert.equal(verifyUnsubscribe(`${body}.${mac.slice(0, -2)}AA`, SECRET), null);
  assert.equal(verifyUnsubscribe(token, "another-secret"), null);
  assert.equal(verifyUnsubscribe("garbage", SECRET), null);
});

test("[EML-7] the Message-ID is the caller's delivery id, so a retry is the same email", () => {
  const a = messageEmail(context(), { deliveryId: "del-123", mode: "full", items: [item()] });
  const b = messageEmail(context(), { deliveryId: "del-123", mode: "full", items: [item()] });
  assert.equal(a.messageId, "<del-123@herald.example.com>");
  assert.equal(a.messageId, b.messageId);
  const odd = messageEmail(context(), { deliveryId: "a b>c\r\n", mode: "full", items: [item()] });
  assert.match(odd.messageId, /^<[A-Za-z0-9._-]+@herald\.example\.com>$/);
});

test("[LGN-1] new sign-in email: time, browser, OS, IP and a sign-out-everywhere link", () => {
  const email = loginAlertEmail(context(), {
    deliveryId: "login-1",
    at: 1_700_000_000_000,
    browser: "Firefox 132",
    os: "Linux",
    ip: "203.0.113.7",
    signOutEverywhereUrl: "https://chat.example.com/settings/security#sign-out-everywhere",
  });
  assert.equal(email.subject, "New sign-in to Site");
  for (const fact of ["Nov 14, 2023, 5:13 PM EST", "Firefox 132", "Linux", "203.0.113.7"]) {
    assert.ok(email.text.includes(fact) && email.html.includes(fact), fact);
  }
  assert.ok(email.html.includes('href="https://chat.example.com/settings/security#sign-out-everywhere"'));
  assert.equal(email.kind, "login");
  assert.ok(email.headers["List-Unsubscribe"], "PRF-11 can be turned off from the email");
});

test("[PRV-8] verification email carries the link and no unsubscribe header", () => {
  const email = verificationEmail(context(), {
    deliveryId: "v-1",
    verifyUrl: "https://chat.example.com/api/v1/auth/verify-email?token=abc",
  });
  assert.equal(email.subject, "[Site] Verify your email address");
  assert.ok(email.text.includes("verify-email?token=abc"));
  assert.equal(email.headers["List-Unsubscribe"], undefined);
});

test("[EML-8] support event emails per PRF-40 event type", () => {
  const base = {
    conversationId: "c1",
    contactName: "Zoë Ray",
    inboxName: "Billing",
    actorName: "Dana",
    at: 1,
  };
  const subject = (event: Parameters<typeof supportEmail>[1]["items"][0]["event"]) =>
    supportEmail(context(), { deliveryId: "s", mode: "full", items: [{ ...base, event }] }).subject;
  assert.equal(subject("pending_contact"), "[Site] A contact is waiting in Billing");
  assert.equal(subject("conversation_created"), "[Site] New conversation with Zoë Ray in Billing");
  assert.equal(subject("conversation_assigned"), "[Site] Dana assigned the conversation with Zoë Ray to you");
  assert.equal(subject("conversation_mention"), "[Site] Dana mentioned you in the conversation with Zoë Ray");
  assert.equal(
    subject("assigned_conversation_message"),
    "[Site] New message in the conversation with Zoë Ray, assigned to you",
  );
  assert.equal(
    subject("participating_conversation_message"),
    "[Site] New message in the conversation with Zoë Ray",
  );
  const email = supportEmail(context(), {
    deliveryId: "s",
    mode: "full",
    items: [{ ...base, event: "conversation_mention", text: "<b>help</b>" }],
  });
  assert.ok(email.html.includes("&lt;b&gt;help&lt;/b&gt;"));
  assert.equal(email.kind, "support:conversation_mention");
});
