// The FCM HTTP v1 sender against the local FCM peer and its OAuth2 token endpoint (TLS with a test CA).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { loadServiceAccount } from "../../src/channels/native/config.ts";
import { FcmSender } from "../../src/channels/native/fcm.ts";
import { H2Pool } from "../../src/channels/native/h2.ts";
import { clearPush, type MessagePushInput, messagePush } from "../../src/channels/push-payload.ts";
import { type FcmPeer, startFcmPeer } from "../peers/fcm-peer.ts";
import { makeNativeCreds } from "../peers/native-creds.ts";
import { testTls } from "../peers/test-ca.ts";

const creds = makeNativeCreds();
const clock = {
  t: Date.now(),
  now() {
    return this.t;
  },
};
let peer: FcmPeer;
let pool: H2Pool;
let sender: FcmSender;

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
  peer = await startFcmPeer(creds, { now: () => clock.now() });
  pool = new H2Pool({ ca: testTls().ca });
  sender = new FcmSender({
    account: loadServiceAccount(creds.fcmServiceAccountPath),
    pool,
    clock,
    endpoint: peer.origin,
    tokenUri: peer.tokenUri,
    ca: testTls().ca,
  });
});
after(async () => {
  pool.close();
  await peer.stop();
});

test("[PSH-5] a mention reaches FCM with core's text, the badge, the room's collapse key and tag, priority high, an apns block", async () => {
  const token = peer.device();
  const r = await sender.send(token, messagePush(base));
  assert.equal(r.kind, "sent", JSON.stringify(r));
  const m = peer.received.find((p) => p.token === token)?.message;
  assert.ok(m);
  assert.deepEqual(m.notification, { title: "Alice in #general", body: "Hello @bob" });
  const android = m.android as Record<string, unknown>;
  assert.equal(android.collapse_key, "room-r1");
  assert.equal(android.priority, "HIGH");
  assert.deepEqual(android.notification, { tag: "room-r1", notification_count: 3 });
  const data = m.data as Record<string, string>;
  assert.equal(data.badge, "3");
  assert.equal(data.id, "m1");
  const apns = m.apns as { headers: Record<string, string>; payload: { aps: Record<string, unknown> } };
  assert.equal(apns.headers["apns-collapse-id"], "room-r1");
  assert.equal(apns.headers["apns-priority"], "10");
  assert.equal(apns.payload.aps.badge, 3);
});

test("[PSH-4] id only is data-only: no notification, no text, ids to fetch with", async () => {
  const token = peer.device();
  await sender.send(token, messagePush({ ...base, mode: "id_only", text: "secret plans" }));
  const m = peer.received.find((p) => p.token === token)?.message;
  assert.ok(m);
  assert.equal(m.notification, undefined);
  assert.equal((m.data as Record<string, string>).fetch, "true");
  const raw = JSON.stringify(m);
  for (const word of ["secret", "Alice", "general"]) assert.ok(!raw.includes(word), `${word} leaked`);
});

test("[PSH-3] the clear is data-only with normal priority and the new badge", async () => {
  const token = peer.device();
  await sender.send(token, clearPush({ roomId: "r1", badge: 0 }));
  const m = peer.received.find((p) => p.token === token)?.message;
  assert.ok(m);
  assert.equal(m.notification, undefined);
  assert.equal((m.android as Record<string, unknown>).priority, "NORMAL");
  assert.equal((m.data as Record<string, string>).type, "clear");
  assert.equal((m.data as Record<string, string>).badge, "0");
});

test("[PSH-7] UNREGISTERED and INVALID_ARGUMENT on the token delete the device; 429/503 retry honouring Retry-After", async () => {
  const gone = peer.device();
  peer.unregister(gone);
  assert.equal((await sender.send(gone, messagePush(base))).kind, "gone");
  const unknown = `x${"y".repeat(60)}`;
  assert.equal((await sender.send(unknown, messagePush(base))).kind, "gone");
  const busy = peer.device();
  peer.script(busy, [{ status: 429, retryAfter: "12" }, { status: 503 }]);
  const first = await sender.send(busy, messagePush(base));
  assert.equal(first.kind, "retry");
  assert.equal(first.kind === "retry" ? first.at : 0, clock.now() + 12_000);
  assert.equal((await sender.send(busy, messagePush(base))).kind, "retry");
  assert.equal((await sender.send(busy, messagePush(base))).kind, "sent");
});

test("[PSH-7] one OAuth2 access token serves every push until it nears expiry, then a new grant", async () => {
  const before = peer.grants();
  const tokens = Array.from({ length: 100 }, () => peer.device());
  const results = await Promise.all(tokens.map((t) => sender.send(t, messagePush(base))));
  assert.ok(results.every((r) => r.kind === "sent"));
  assert.equal(peer.grants(), Math.max(before, 1));
  clock.t += 55 * 60_000;
  assert.equal((await sender.send(peer.device(), messagePush(base))).kind, "sent");
  assert.equal(peer.grants(), Math.max(before, 1) + 1);
});

test("[PSH-6] a long message is cut so FCM's data and notification fit 4 KiB; the JSON stays whole", async () => {
  const token = peer.device();
  const r = await sender.send(token, messagePush({ ...base, text: "é".repeat(6000) }));
  assert.equal(r.kind, "sent", JSON.stringify(r));
  const m = peer.received.find((p) => p.token === token)?.message;
  assert.ok(m);
  const size = Buffer.byteLength(JSON.stringify(m.data)) + Buffer.byteLength(JSON.stringify(m.notification));
  assert.ok(size <= 4096, `${size} bytes`);
  assert.ok((m.notification as { body: string }).body.endsWith("…"));
});
