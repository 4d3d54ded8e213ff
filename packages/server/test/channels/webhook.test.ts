import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { parseAllowList } from "../../src/channels/destinations.ts";
import { messagePush } from "../../src/channels/push-payload.ts";
import { signWebhook, verifyWebhook, WebhookSender } from "../../src/channels/webhook.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../peers/webhook-receiver.ts";

const secret = "s3cret-for-tests";
const clock = { now: () => Date.now() };
let receiver: WebhookReceiver;
let sender: WebhookSender;

const payload = messagePush({
  mode: "full",
  messageId: "m1",
  roomId: "r1",
  roomKind: "channel",
  roomName: "general",
  trigger: "mention",
  sender: { id: "u1", name: "Alice" },
  text: "hi",
  badge: 1,
  sentAt: 1,
}).payload;

before(async () => {
  receiver = await startWebhookReceiver(secret);
  // The receiver peer listens on loopback, which webhooks may reach only when the operator allows it.
  sender = new WebhookSender({ clock, destinations: parseAllowList("127.0.0.1") });
});
after(async () => {
  sender.close();
  await receiver.stop();
});

test("[PSH-8] a webhook target gets a signed JSON POST that verifies", async () => {
  const result = await sender.send(
    { url: receiver.url, secret },
    { deviceKind: "mobile", push: payload },
    "d-42",
  );
  assert.equal(result.kind, "sent");
  const [got] = receiver.received;
  assert.equal(got.verified, true);
  assert.deepEqual(got.json, { deviceKind: "mobile", push: payload });
  assert.match(String(got.headers["x-herald-signature"]), /^sha256=[0-9a-f]{64}$/);
  assert.equal(got.headers["x-herald-delivery"], "d-42");
  assert.equal(got.headers["content-type"], "application/json");
});

test("[PSH-8] a tampered body, wrong secret or stale timestamp fails verification", () => {
  const body = JSON.stringify(payload);
  const ts = Math.floor(Date.now() / 1000);
  const signature = signWebhook(secret, ts, body);
  const ok = { secret, body, signature, timestamp: String(ts), nowMs: Date.now() };
  assert.deepEqual(verifyWebhook(ok), { ok: true });
  assert.equal(verifyWebhook({ ...ok, body: body.replace("hi", "ho") }).ok, false);
  assert.equal(verifyWebhook({ ...ok, secret: "other" }).ok, false);
  assert.equal(verifyWebhook({ ...ok, timestamp: String(ts + 1) }).ok, false);
  assert.equal(verifyWebhook({ ...ok, nowMs: Date.now() + 3600_000 }).ok, false);
  assert.equal(verifyWebhook({ ...ok, signature: undefined }).ok, false);
});

test("[PSH-8] webhook results map like Web Push: 410 gone, 429 retry at Retry-After, 500 retry, 400 failed", async () => {
  receiver.scriptNext([{ status: 410 }, { status: 429, retryAfter: "30" }, { status: 500 }, { status: 400 }]);
  const target = { url: receiver.url, secret };
  assert.equal((await sender.send(target, payload)).kind, "gone");
  const before429 = Date.now();
  const limited = await sender.send(target, payload);
  assert.equal(limited.kind, "retry");
  assert.ok(limited.kind === "retry" && (limited.at ?? 0) >= before429 + 30_000);
  assert.equal((await sender.send(target, payload)).kind, "retry");
  assert.equal((await sender.send(target, payload)).kind, "failed");
});
