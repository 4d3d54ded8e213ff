// Push proxy mode with two servers: a self-hosted Herald without Apple/Google credentials forwards its native
// pushes to a Herald started with the push-proxy role, which holds them and sends to the local APNs and FCM
// peers. The hop is signed (a wrong secret or an old timestamp is refused) and carries only ids, badge, tag
// and the PRV-1 text.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { buildApp, createServices } from "../../src/app.ts";
import { PushProxyClient } from "../../src/channels/native/proxy-client.ts";
import { messagePush } from "../../src/channels/push-payload.ts";
import { testConfig } from "../../src/config.ts";
import type { App } from "../../src/http/types.ts";
import { openTestStore, type TestStore } from "../helpers/app.ts";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "../jobs/fixture.ts";
import { type ApnsPeer, startApnsPeer } from "../peers/apns-peer.ts";
import { type FcmPeer, startFcmPeer } from "../peers/fcm-peer.ts";
import { makeNativeCreds } from "../peers/native-creds.ts";
import { testTls } from "../peers/test-ca.ts";

const APP = "com.example.herald";
const SECRET = "proxy-secret-0123456789abcdefghijklmnop";
const creds = makeNativeCreds();
let apns: ApnsPeer;
let fcm: FcmPeer;
let proxy: App;
let proxyStore: TestStore;
let proxyUrl = "";
let f: JobsFixture;
let alice: TestUser;
const hops: Record<string, unknown>[] = [];

before(async () => {
  let now = () => Date.now();
  apns = await startApnsPeer(creds, { bundleIds: [APP], now: () => now() });
  fcm = await startFcmPeer(creds, { now: () => now() });
  // The self-hosted Herald: no credentials, only the proxy's address and secret.
  f = await jobsFixture({ pushProxyUrl: "http://127.0.0.1:1", pushProxySecret: SECRET });
  now = () => f.h.clock.now();
  proxyStore = await openTestStore("sqlite");
  const config = testConfig({
    dataDir: proxyStore.dir,
    webDist: join(proxyStore.dir, "no-web"),
    apnsKeyId: creds.apnsKeyId,
    apnsTeamId: creds.apnsTeamId,
    apnsKeyPath: creds.apnsKeyPath,
    apnsBundleIds: [APP],
    apnsHost: apns.origin,
    fcmServiceAccountPath: creds.fcmServiceAccountPath,
    fcmEndpoint: fcm.origin,
    fcmTokenUri: fcm.tokenUri,
    pushCaPath: testTls().caPath,
    pushProxySecret: SECRET,
  });
  const services = await createServices(config, { clock: f.h.clock, store: proxyStore.store });
  proxy = await buildApp(services, ["push-proxy"]);
  proxy.addHook("preHandler", async (req) => {
    if (req.url === "/api/v1/push-proxy/send")
      hops.push(JSON.parse((req.body as { message: string }).message));
  });
  await proxy.listen({ host: "127.0.0.1", port: 0 });
  proxyUrl = `http://127.0.0.1:${(proxy.server.address() as { port: number }).port}`;
  // The fixture's channels were made before the proxy had a port: point the sender at it now.
  await f.s.ctx.channels.close();
  const { createChannels } = await import("../../src/jobs/channels.ts");
  f.s.ctx.channels = await createChannels(
    f.h.services.store.db,
    { ...f.h.services.config, pushProxyUrl: proxyUrl },
    f.h.clock,
  );
  alice = await f.h.user("member", "alice");
});
after(async () => {
  await f.close();
  await proxy.close();
  await proxyStore.dispose();
  await apns.stop();
  await fcm.stop();
});

test("[PSH-4] a Herald without credentials reaches APNs and FCM through the push proxy; the hop carries no sender or room objects", async () => {
  const bob = await f.h.user("member", "bob");
  const ios = apns.device();
  const android = fcm.device();
  for (const payload of [
    { platform: "apns", token: ios, appId: APP, deviceId: "bob-iphone" },
    { platform: "fcm", token: android, appId: APP, deviceId: "bob-pixel" },
  ]) {
    const r = await f.h.app.inject({ method: "POST", url: "/api/v1/push/devices", headers: bob.h, payload });
    assert.equal(r.statusCode, 201, r.body);
  }
  const room = await f.room(alice, [bob]);
  await f.post(alice, room, "@bob lunch?");
  await f.s.tick();
  const a = apns.received.filter((p) => p.token === ios);
  assert.equal(a.length, 1, JSON.stringify(apns.rejected));
  assert.equal((a[0].json.aps.alert as { body: string }).body, "@bob lunch?");
  assert.equal(a[0].json.aps.badge, 1);
  assert.equal(a[0].headers["apns-collapse-id"], `room-${room}`);
  const g = fcm.received.filter((p) => p.token === android);
  assert.equal(g.length, 1, JSON.stringify(fcm.rejected));
  assert.equal((g[0].message.android as { collapse_key: string }).collapse_key, `room-${room}`);
  assert.equal(hops.length, 2);
  for (const h of hops) {
    assert.deepEqual(Object.keys(h).sort(), [
      "appId",
      "badge",
      "body",
      "data",
      "environment",
      "platform",
      "title",
      "token",
      "ttl",
      "urgency",
    ]);
    const data = JSON.stringify(h.data);
    assert.ok(!data.includes("alice") && !data.includes("lunch"), `data carries ids only: ${data}`);
  }
});

test("[PSH-7] a token the proxy's peer calls Unregistered is deleted on the self-hosted Herald", async () => {
  const carol = await f.h.user("member", "carol");
  const ios = apns.device();
  apns.unregister(ios);
  const r = await f.h.app.inject({
    method: "POST",
    url: "/api/v1/push/devices",
    headers: carol.h,
    payload: { platform: "apns", token: ios, appId: APP, deviceId: "carol-iphone" },
  });
  assert.equal(r.statusCode, 201);
  const room = await f.room(alice, [carol]);
  await f.post(alice, room, "@carol hi");
  await f.s.tick();
  const left = await f.h.services.store.db
    .selectFrom("push_subscriptions")
    .select("id")
    .where("user_id", "=", carol.id)
    .execute();
  assert.equal(left.length, 0);
});

test("[PSH-8] the proxy refuses a wrong secret and a stale timestamp; nothing reaches the peers", async () => {
  const ios = apns.device();
  const before = apns.received.length;
  const push = messagePush({
    mode: "full",
    messageId: "m",
    roomId: "r",
    roomKind: "channel",
    roomName: "general",
    trigger: "mention",
    sender: { id: "u", name: "Mallory" },
    text: "hi",
    badge: 1,
    sentAt: 0,
  });
  const t = { platform: "apns" as const, token: ios, appId: APP, environment: "production" as const };
  const wrong = new PushProxyClient({ url: proxyUrl, secret: `${SECRET}x`, clock: f.h.clock });
  const r1 = await wrong.send(t, push);
  wrong.close();
  assert.equal(r1.kind, "failed");
  assert.match(r1.kind === "failed" ? r1.reason : "", /401.*signature mismatch/);
  const late = new PushProxyClient({
    url: proxyUrl,
    secret: SECRET,
    clock: { now: () => f.h.clock.now() - 10 * 60_000 },
  });
  const r2 = await late.send(t, push);
  late.close();
  assert.match(r2.kind === "failed" ? r2.reason : "", /401.*stale timestamp/);
  const right = new PushProxyClient({ url: proxyUrl, secret: SECRET, clock: f.h.clock });
  const r3 = await right.send(t, push);
  right.close();
  assert.equal(r3.kind, "sent", JSON.stringify(r3));
  assert.equal(apns.received.length, before + 1, "only the signed, fresh hop was sent");
});
