// The APNs sender against the local APNs peer (HTTP/2, TLS with a test CA, ES256 provider tokens checked).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ApnsSender } from "../../src/channels/native/apns.ts";
import { loadApnsKey } from "../../src/channels/native/config.ts";
import { H2Pool } from "../../src/channels/native/h2.ts";
import { clearPush, type MessagePushInput, messagePush } from "../../src/channels/push-payload.ts";
import { type ApnsPeer, startApnsPeer } from "../peers/apns-peer.ts";
import { makeNativeCreds } from "../peers/native-creds.ts";
import { testTls } from "../peers/test-ca.ts";

const creds = makeNativeCreds();
const APP = "com.example.herald";
const clock = {
  t: Date.now(),
  now() {
    return this.t;
  },
};
let peer: ApnsPeer;
let pool: H2Pool;
let sender: ApnsSender;

const base: MessagePushInput = {
  mode: "full",
  messageId: "m1",
  roomId: "r1",
  roomKind: "channel",
  roomName: "general",
  trigger: "mention",
  sender: { id: "u1", name: "Alice" },
  text: "Hello **@bob**\nsecond line",
  badge: 3,
  sentAt: 1_700_000_000_000,
};

before(async () => {
  peer = await startApnsPeer(creds, { bundleIds: [APP], now: () => clock.now() });
  pool = new H2Pool({ ca: testTls().ca });
  sender = new ApnsSender({
    keyId: creds.apnsKeyId,
    teamId: creds.apnsTeamId,
    key: loadApnsKey(creds.apnsKeyPath),
    pool,
    clock,
    host: peer.origin,
  });
});
after(async () => {
  pool.close();
  await peer.stop();
});

const target = (token: string) => ({ token, appId: APP, environment: "production" as const });

test("[PSH-5] a mention reaches APNs as an alert with core's text, the badge, thread and collapse id of the room, priority 10", async () => {
  const token = peer.device();
  const r = await sender.send(target(token), messagePush(base));
  assert.equal(r.kind, "sent", JSON.stringify(r));
  const got = peer.received.find((p) => p.token === token);
  assert.ok(got);
  assert.deepEqual(got.json.aps.alert, { title: "Alice in #general", body: "Hello @bob" });
  assert.equal(got.json.aps.badge, 3);
  assert.equal(got.json.aps["thread-id"], "room-r1");
  assert.equal(got.headers["apns-collapse-id"], "room-r1");
  assert.equal(got.headers["apns-priority"], "10");
  assert.equal(got.headers["apns-push-type"], "alert");
  assert.equal(got.headers["apns-topic"], APP);
  assert.equal(Number(got.headers["apns-expiration"]), Math.floor(clock.now() / 1000) + 24 * 3600);
  assert.deepEqual(got.json.herald, {
    v: 1,
    type: "message",
    tag: "room-r1",
    id: "m1",
    roomId: "r1",
    trigger: "mention",
  });
});

test("[PSH-7] a plain room message goes with priority 5 (not urgent)", async () => {
  const token = peer.device();
  await sender.send(target(token), messagePush({ ...base, trigger: "all" }));
  assert.equal(peer.received.find((p) => p.token === token)?.headers["apns-priority"], "5");
});

test("[PSH-4] id only: mutable-content and ids, no text of the message leaves the server", async () => {
  const token = peer.device();
  await sender.send(target(token), messagePush({ ...base, mode: "id_only", text: "secret plans" }));
  const got = peer.received.find((p) => p.token === token);
  assert.ok(got);
  assert.equal(got.json.aps["mutable-content"], 1);
  assert.equal(got.json.herald?.fetch, true);
  assert.equal(got.json.herald?.id, "m1");
  const raw = JSON.stringify(got.json);
  for (const word of ["secret", "Alice", "general"]) assert.ok(!raw.includes(word), `${word} leaked: ${raw}`);
});

test("[PSH-3] the clear is a background push: content-available, priority 5, the new badge in Herald's data", async () => {
  const token = peer.device();
  const r = await sender.send(target(token), clearPush({ roomId: "r1", badge: 1 }));
  assert.equal(r.kind, "sent", JSON.stringify(r));
  const got = peer.received.find((p) => p.token === token);
  assert.ok(got);
  assert.equal(got.headers["apns-push-type"], "background");
  assert.equal(got.headers["apns-priority"], "5");
  assert.deepEqual(got.json.aps, { "content-available": 1 });
  assert.equal(got.json.herald?.type, "clear");
  assert.equal(got.json.herald?.badge, 1);
  assert.equal(got.json.herald?.roomId, "r1");
});

test("[PSH-6] a long message is cut to fit 4 KiB; the JSON stays whole", async () => {
  const token = peer.device();
  const r = await sender.send(target(token), messagePush({ ...base, text: "é".repeat(6000) }));
  assert.equal(r.kind, "sent", JSON.stringify(r));
  const got = peer.received.find((p) => p.token === token);
  assert.ok(got && got.bytes <= 4096, `${got?.bytes} bytes`);
  assert.ok(String((got.json.aps.alert as { body: string }).body).endsWith("…"));
});

test("[PSH-7] 410 Unregistered and 400 BadDeviceToken delete the device; 429 and 503 retry (Retry-After honoured)", async () => {
  const gone = peer.device();
  peer.unregister(gone);
  assert.equal((await sender.send(target(gone), messagePush(base))).kind, "gone");
  assert.equal((await sender.send(target("ab".repeat(32)), messagePush(base))).kind, "gone");
  const busy = peer.device();
  peer.script(busy, [
    { status: 429, reason: "TooManyRequests", retryAfter: "30" },
    { status: 503, reason: "ServiceUnavailable" },
  ]);
  const first = await sender.send(target(busy), messagePush(base));
  assert.deepEqual(first, { kind: "retry", at: clock.now() + 30_000, reason: "APNs 429 TooManyRequests" });
  assert.equal((await sender.send(target(busy), messagePush(base))).kind, "retry");
  assert.equal((await sender.send(target(busy), messagePush(base))).kind, "sent");
});

test("[PSH-7] one provider token serves many pushes on one HTTP/2 session, and is replaced before Apple's hour", async () => {
  const before = peer.distinctJwts();
  const sessions = peer.sessions();
  const tokens = Array.from({ length: 200 }, () => peer.device());
  const results = await Promise.all(tokens.map((t) => sender.send(target(t), messagePush(base))));
  assert.ok(results.every((r) => r.kind === "sent"));
  assert.equal(peer.sessions(), sessions, "no new connection for 200 concurrent pushes");
  assert.ok(peer.distinctJwts() <= Math.max(before, 1));
  clock.t += 50 * 60_000;
  const later = peer.device();
  assert.equal((await sender.send(target(later), messagePush(base))).kind, "sent");
  assert.equal(peer.distinctJwts(), Math.max(before, 1) + 1, "a fresh token after 50 minutes");
  const iat = JSON.parse(
    Buffer.from(peer.received.at(-1)?.jwt.split(".")[1] ?? "", "base64url").toString(),
  ).iat;
  assert.equal(iat, Math.floor(clock.now() / 1000));
});

test("[PSH-7] a server whose certificate is not from the trusted CA is never sent to (network retry)", async () => {
  const untrusting = new H2Pool();
  const s = new ApnsSender({
    keyId: creds.apnsKeyId,
    teamId: creds.apnsTeamId,
    key: loadApnsKey(creds.apnsKeyPath),
    pool: untrusting,
    clock,
    host: peer.origin,
  });
  const token = peer.device();
  const r = await s.send(target(token), messagePush(base));
  untrusting.close();
  assert.equal(r.kind, "retry");
  assert.match(r.kind === "retry" ? r.reason : "", /certificate/i);
  assert.equal(
    peer.received.some((p) => p.token === token),
    false,
  );
});

test("[PSH-7] when APNs allows few streams at once, pushes wait for a free one instead of being refused", async () => {
  const narrow = await startApnsPeer(creds, { bundleIds: [APP], now: () => clock.now(), maxStreams: 4 });
  const p = new H2Pool({ ca: testTls().ca });
  const s = new ApnsSender({
    keyId: creds.apnsKeyId,
    teamId: creds.apnsTeamId,
    key: loadApnsKey(creds.apnsKeyPath),
    pool: p,
    clock,
    host: narrow.origin,
  });
  const tokens = Array.from({ length: 100 }, () => narrow.device());
  const results = await Promise.all(tokens.map((t) => s.send(target(t), messagePush(base))));
  p.close();
  await narrow.stop();
  assert.deepEqual(
    results.filter((r) => r.kind !== "sent"),
    [],
  );
  assert.equal(narrow.received.length, 100);
  assert.equal(narrow.sessions(), 1);
});
