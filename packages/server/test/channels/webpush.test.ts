import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { parseAllowList } from "../../src/channels/destinations.ts";
import { type MessagePushInput, messagePush } from "../../src/channels/push-payload.ts";
import { type KeyValuePort, loadOrCreateVapidKeys, VapidSigner } from "../../src/channels/vapid.ts";
import { WebPushSender } from "../../src/channels/webpush.ts";
import { type PushServicePeer, startPushService } from "../peers/push-service.ts";

// The local RFC 8030 peer listens on loopback, which a sender refuses unless the operator lists it.
const LOOPBACK = parseAllowList("127.0.0.1");

let peer: PushServicePeer;
let sender: WebPushSender;
let signer: VapidSigner;
const clock = {
  t: Date.now(),
  now() {
    return this.t;
  },
};

function memoryKv(): KeyValuePort & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: async (k) => data.get(k) ?? null, set: async (k, v) => void data.set(k, v) };
}

const base: MessagePushInput = {
  mode: "full",
  messageId: "m1",
  roomId: "r1",
  roomKind: "channel",
  roomName: "general",
  trigger: "mention",
  sender: { id: "u1", name: "Alice" },
  text: "Hello @bob\nsecond line",
  badge: 3,
  sentAt: 1_700_000_000_000,
};

before(async () => {
  peer = await startPushService({ now: () => clock.now() });
  const keys = await loadOrCreateVapidKeys(memoryKv());
  signer = new VapidSigner({ keys, subject: "mailto:ops@herald.test", clock });
  sender = new WebPushSender({ signer, clock, destinations: LOOPBACK });
});
after(async () => {
  sender.close();
  await peer.stop();
});

test("[PSH-7] VAPID keys are made at first start and kept", async () => {
  const kv = memoryKv();
  const first = await loadOrCreateVapidKeys(kv);
  const second = await loadOrCreateVapidKeys(kv);
  assert.deepEqual(second, first);
  assert.equal(Buffer.from(first.publicKey, "base64url").length, 65);
  assert.equal(Buffer.from(first.privateKey, "base64url").length, 32);
});

test("[PSH-5][PSH-7] a push decrypts at the push service to the expected JSON with Topic, Urgency and TTL", async () => {
  const sub = peer.subscribe();
  const result = await sender.send(sub, messagePush(base));
  assert.equal(result.kind, "sent");
  const [got] = peer.receivedFor(sub.id);
  assert.deepEqual(got.json, {
    v: 1,
    type: "message",
    id: "m1",
    roomId: "r1",
    trigger: "mention",
    tag: "room-r1",
    badge: 3,
    ts: 1_700_000_000_000,
    title: "Alice in #general",
    body: "Hello @bob",
    sender: { id: "u1", name: "Alice" },
    room: { id: "r1", name: "general" },
  });
  assert.equal(got.headers.topic, "room-r1");
  assert.equal(got.headers.urgency, "high");
  assert.equal(got.headers.ttl, "86400");
  assert.equal(got.headers.contentEncoding, "aes128gcm");
  assert.equal(got.vapid.aud, peer.origin);
  assert.equal(got.vapid.sub, "mailto:ops@herald.test");
});

test("[PSH-7] urgency is normal for group / all / thread triggers", async () => {
  const sub = peer.subscribe();
  for (const trigger of ["group", "all", "thread"] as const) {
    assert.equal((await sender.send(sub, messagePush({ ...base, trigger }))).kind, "sent");
  }
  assert.deepEqual(
    peer.receivedFor(sub.id).map((r) => r.headers.urgency),
    ["normal", "normal", "normal"],
  );
});

test("[PSH-7] 410 and 404 from the push service → gone (delete the subscription)", async () => {
  const a = peer.subscribe();
  peer.expire(a.id, 410);
  const gone410 = await sender.send(a, messagePush(base));
  assert.equal(gone410.kind, "gone");
  const b = peer.subscribe();
  peer.expire(b.id, 404);
  assert.equal((await sender.send(b, messagePush(base))).kind, "gone");
});

test("[PSH-7] 429 with Retry-After → retry at that time (seconds and HTTP date); 500 → retry", async () => {
  const sub = peer.subscribe();
  peer.scriptFor(sub.id, [
    { status: 429, retryAfter: "120" },
    { status: 503, retryAfter: new Date(clock.now() + 3_600_000).toUTCString() },
    { status: 500 },
  ]);
  const first = await sender.send(sub, messagePush(base));
  assert.deepEqual(first.kind === "retry" && first.at, clock.now() + 120_000);
  const second = await sender.send(sub, messagePush(base));
  // HTTP dates have one-second resolution.
  assert.equal(
    second.kind === "retry" && Math.abs((second.at ?? 0) - (clock.now() + 3_600_000)) < 1000,
    true,
  );
  const third = await sender.send(sub, messagePush(base));
  assert.equal(third.kind, "retry");
  assert.equal(third.kind === "retry" && third.at, undefined);
  assert.equal((await sender.send(sub, messagePush(base))).kind, "sent");
});

test("[PSH-7] other 4xx → failed; a refused connection → retry", async () => {
  const sub = peer.subscribe();
  peer.scriptFor(sub.id, [{ status: 400 }]);
  assert.equal((await sender.send(sub, messagePush(base))).kind, "failed");
  const closed = { ...sub, endpoint: "http://127.0.0.1:1/push/x" };
  assert.equal((await sender.send(closed, messagePush(base))).kind, "retry");
});

test("[PSH-7] the VAPID JWT is signed once per origin and reused, then refreshed before expiry", async () => {
  const own = new VapidSigner({
    keys: await loadOrCreateVapidKeys(memoryKv()),
    subject: "https://herald.test/contact",
    clock,
  });
  const s = new WebPushSender({ signer: own, clock, destinations: LOOPBACK });
  const subs = [peer.subscribe(), peer.subscribe(), peer.subscribe()];
  for (let i = 0; i < 30; i++) assert.equal((await s.send(subs[i % 3], messagePush(base))).kind, "sent");
  assert.equal(own.signCount, 1);
  const tokens = new Set(subs.flatMap((x) => peer.receivedFor(x.id).map((r) => r.vapid.token)));
  assert.equal(tokens.size, 1);
  clock.t += 11.5 * 3600 * 1000; // within the refresh margin of the 12 h token
  assert.equal((await s.send(subs[0], messagePush(base))).kind, "sent");
  assert.equal(own.signCount, 2);
  clock.t -= 11.5 * 3600 * 1000;
  s.close();
});

test("[PSH-7] a subscription with unusable keys is gone", async () => {
  const sub = peer.subscribe();
  const result = await sender.send(
    { ...sub, keys: { p256dh: "AAAA", auth: sub.keys.auth } },
    messagePush(base),
  );
  assert.equal(result.kind, "gone");
});

test("[PSH-6] a 10 KiB message stays ≤ 4 KiB encrypted and arrives as valid JSON with the text cut", async () => {
  const sub = peer.subscribe();
  const text = "é🙂a".repeat(1500); // 10.5 KB of mixed 1-, 2- and 4-byte code points, one line
  assert.ok(Buffer.byteLength(text) > 10 * 1024);
  const result = await sender.send(sub, messagePush({ ...base, text }));
  assert.equal(result.kind, "sent");
  const [got] = peer.receivedFor(sub.id);
  assert.ok(got.bodyBytes <= 4096, `${got.bodyBytes} bytes`);
  assert.ok(got.bodyBytes > 3900, "the cut keeps as much text as fits");
  const json = got.json as { body: string; title: string };
  assert.ok(json.body.endsWith("…"));
  assert.ok(text.startsWith(json.body.slice(0, -1)), "cut by whole code points");
  assert.equal(json.title, "Alice in #general");
});

test("[PSH-4] each PRV-1 content mode reaches the device as specified", async () => {
  const sub = peer.subscribe();
  for (const mode of ["full", "generic", "generic_no_room", "id_only"] as const) {
    assert.equal((await sender.send(sub, messagePush({ ...base, mode }))).kind, "sent");
  }
  const [full, generic, noRoom, idOnly] = peer
    .receivedFor(sub.id)
    .map((r) => r.json as Record<string, unknown>);
  assert.equal(full.body, "Hello @bob");
  // PRV-1 generic: who, where and why (the trigger named for push), never the text.
  assert.equal(generic.title, "Alice in #general");
  assert.equal(generic.body, "Mentioned you");
  assert.equal(noRoom.title, "Alice");
  assert.equal(noRoom.body, "Mentioned you");
  for (const g of [generic, noRoom]) assert.ok(!JSON.stringify(g).includes("Hello"));
  assert.equal(noRoom.room, undefined);
  assert.ok(!JSON.stringify(noRoom).includes("general"));
  assert.deepEqual(idOnly, {
    v: 1,
    type: "message",
    id: "m1",
    roomId: "r1",
    tag: "room-r1",
    badge: 3,
    fetch: true,
  });
  assert.ok(!JSON.stringify(idOnly).includes("Alice") && !JSON.stringify(idOnly).includes("Hello"));
});

test("[PSH-7] an endpoint on a loopback or private address is never connected to by default: the subscription is gone", async () => {
  const guarded = new WebPushSender({ signer, clock });
  try {
    const sub = peer.subscribe();
    const before = peer.received.length + peer.rejected.length;
    const result = await guarded.send(sub, messagePush(base));
    assert.equal(result.kind, "gone");
    assert.match(String((result as { reason?: string }).reason), /not allowed/);
    for (const endpoint of [
      "http://169.254.169.254/latest/meta-data",
      "http://10.0.0.1/push",
      "http://[::1]:6379/",
    ]) {
      assert.equal((await guarded.send({ ...sub, endpoint }, messagePush(base))).kind, "gone", endpoint);
    }
    assert.equal(peer.received.length + peer.rejected.length, before, "nothing reached the peer");
  } finally {
    guarded.close();
  }
});
