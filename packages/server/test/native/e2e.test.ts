// From a mention to one APNs request and one FCM request — the user's badge, the room's collapse id, PRV-1's
// text — then the clear after reading, the admin statistics per platform, and token cleanup on 410 /
// UNREGISTERED. The whole path: HTTP post, outbox, scheduler, senders, local peers over TLS with a test CA.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "../jobs/fixture.ts";
import { type ApnsPeer, startApnsPeer } from "../peers/apns-peer.ts";
import { type FcmPeer, startFcmPeer } from "../peers/fcm-peer.ts";
import { makeNativeCreds } from "../peers/native-creds.ts";
import { testTls } from "../peers/test-ca.ts";

const APP = "com.example.herald";
const creds = makeNativeCreds();
let f: JobsFixture;
let apns: ApnsPeer;
let fcm: FcmPeer;
let alice: TestUser;
let clockNow = () => Date.now();

before(async () => {
  apns = await startApnsPeer(creds, { bundleIds: [APP], now: () => clockNow() });
  fcm = await startFcmPeer(creds, { now: () => clockNow() });
  f = await jobsFixture({
    apnsKeyId: creds.apnsKeyId,
    apnsTeamId: creds.apnsTeamId,
    apnsKeyPath: creds.apnsKeyPath,
    apnsBundleIds: [APP],
    apnsHost: apns.origin,
    fcmServiceAccountPath: creds.fcmServiceAccountPath,
    fcmEndpoint: fcm.origin,
    fcmTokenUri: fcm.tokenUri,
    pushCaPath: testTls().caPath,
  });
  clockNow = () => f.h.clock.now();
  alice = await f.h.user("member", "alice");
});
after(async () => {
  await f.close();
  await apns.stop();
  await fcm.stop();
});

async function phones(u: TestUser) {
  const ios = apns.device();
  const android = fcm.device();
  for (const payload of [
    {
      platform: "apns",
      token: ios,
      appId: APP,
      deviceId: `${u.username}-iphone`,
      environment: "production",
      name: "iPhone",
    },
    { platform: "fcm", token: android, appId: APP, deviceId: `${u.username}-pixel`, name: "Pixel" },
  ]) {
    const r = await f.h.app.inject({ method: "POST", url: "/api/v1/push/devices", headers: u.h, payload });
    assert.equal(r.statusCode, 201, r.body);
  }
  return { ios, android };
}

test("[PSH-5] a mention while away reaches the iPhone through APNs and the Android phone through FCM, once each; reading sends the clear", async () => {
  const bob = await f.h.user("member", "bob");
  const { ios, android } = await phones(bob);
  const room = await f.room(alice, [bob]);
  const roomName = (
    await f.h.services.store.db
      .selectFrom("rooms")
      .select("name")
      .where("id", "=", room)
      .executeTakeFirstOrThrow()
  ).name;
  const msg = await f.post(alice, room, `@bob the **release** is out\nmore below`);
  await f.s.tick();

  const a = apns.received.filter((p) => p.token === ios);
  assert.equal(a.length, 1, JSON.stringify(apns.rejected));
  assert.deepEqual(a[0].json.aps.alert, { title: `alice in #${roomName}`, body: "@bob the release is out" });
  assert.equal(a[0].json.aps.badge, 1, "bob's numbered badge: one mention");
  assert.equal(a[0].headers["apns-collapse-id"], `room-${room}`);
  assert.equal(a[0].json.aps["thread-id"], `room-${room}`);
  assert.equal(a[0].headers["apns-priority"], "10");
  assert.equal(a[0].json.herald?.id, msg);

  const g = fcm.received.filter((p) => p.token === android);
  assert.equal(g.length, 1, JSON.stringify(fcm.rejected));
  assert.deepEqual(g[0].message.notification, {
    title: `alice in #${roomName}`,
    body: "@bob the release is out",
  });
  const androidBlock = g[0].message.android as Record<string, unknown>;
  assert.equal(androidBlock.collapse_key, `room-${room}`);
  assert.equal(androidBlock.priority, "HIGH");
  assert.deepEqual(androidBlock.notification, { tag: `room-${room}`, notification_count: 1 });

  // The devices show when they last took a push.
  const list = (await f.h.app.inject({ method: "GET", url: "/api/v1/push/devices", headers: bob.h })).json()
    .devices;
  for (const d of list as { lastUsedAt: number | null }[]) assert.equal(d.lastUsedAt, f.h.clock.now());

  const read = await f.h.app.inject({
    method: "POST",
    url: `/api/v1/rooms/${room}/read`,
    headers: bob.h,
    payload: {},
  });
  assert.equal(read.statusCode, 200);
  await f.s.tick();
  const clearA = apns.received.filter((p) => p.token === ios).slice(1);
  assert.equal(clearA.length, 1, "one clear to the iPhone");
  assert.equal(clearA[0].headers["apns-push-type"], "background");
  assert.equal(clearA[0].json.herald?.type, "clear");
  assert.equal(clearA[0].json.herald?.badge, 0);
  const clearG = fcm.received.filter((p) => p.token === android).slice(1);
  assert.equal(clearG.length, 1, "one clear to the Android phone");
  assert.equal((clearG[0].message.data as Record<string, string>).type, "clear");
  assert.equal((clearG[0].message.data as Record<string, string>).badge, "0");

  const stats = (
    await f.h.app.inject({ method: "GET", url: "/api/v1/admin/stats", headers: f.h.admin.h })
  ).json();
  const sent = (platform: string) =>
    (stats.platforms as { platform: string; outcome: string; count: number }[]).find(
      (s) => s.platform === platform && s.outcome === "sent",
    )?.count;
  assert.equal(sent("apns"), 2);
  assert.equal(sent("fcm"), 2);
});

test("[PSH-7] APNs 410 Unregistered and FCM UNREGISTERED delete the device; the next mention goes nowhere", async () => {
  const carol = await f.h.user("member", "carol");
  const { ios, android } = await phones(carol);
  apns.unregister(ios);
  fcm.unregister(android);
  const room = await f.room(alice, [carol]);
  await f.post(alice, room, "@carol still there?");
  await f.s.tick();
  const left = await f.h.services.store.db
    .selectFrom("push_subscriptions")
    .select("type")
    .where("user_id", "=", carol.id)
    .execute();
  assert.deepEqual(left, [], "both tokens deleted");
  assert.ok(apns.rejected.some((r) => r.token === ios && r.status === 410));
  assert.ok(fcm.rejected.some((r) => r.token === android && r.reason === "UNREGISTERED"));
  const row = await f.h.services.store.db
    .selectFrom("deliveries")
    .select(["state", "reason"])
    .where("user_id", "=", carol.id)
    .where("kind", "=", "push")
    .executeTakeFirstOrThrow();
  assert.equal(row.state, "dropped");
  assert.match(row.reason ?? "", /no push subscription/);
});

test("[PSH-7] APNs 429 is retried with backoff and then delivered once; the FCM phone already reached is not sent again", async () => {
  const dan = await f.h.user("member", "dan");
  const { ios, android } = await phones(dan);
  apns.script(ios, [{ status: 429, reason: "TooManyRequests" }]);
  const room = await f.room(alice, [dan]);
  await f.post(alice, room, "@dan ping");
  await f.s.tick();
  assert.equal(apns.received.filter((p) => p.token === ios).length, 0);
  const due = await f.dueAt(dan.id, "push");
  assert.ok(due !== null && due > f.h.clock.now(), "retry later, not now");
  f.h.clock.set(due);
  await f.s.tick();
  assert.equal(apns.received.filter((p) => p.token === ios).length, 1);
  assert.equal(fcm.received.filter((p) => p.token === android).length, 1);
});
