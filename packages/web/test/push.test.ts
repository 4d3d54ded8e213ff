// Web Push from the settings page to a delivered, decrypted push (PSH-1, PSH-2, PSH-7). Headless Chromium has
// no push service of its own, so only `PushManager.subscribe/getSubscription` are stubbed: they hand out a
// subscription of the local RFC 8030 peer (its endpoint and its P-256 key + auth secret). The page registers
// the real service worker, the app posts the subscription, the server encrypts (RFC 8291) and signs (VAPID),
// and the peer really decrypts. The service worker's own display code is checked on the decrypted payload.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { type PushPayload, showSpec } from "@herald/sdk";
import { type PushServicePeer, startPushService } from "../../server/test/peers/push-service.ts";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { shot, until } from "./harness.ts";

const app = appFixture();

let peer: PushServicePeer;
let admin: Client;

app.setup(async () => {
  peer = await startPushService();
  admin = app.admin;
});
after(async () => {
  await peer?.stop();
});

interface PeerSub {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Replaces the browser's push service with the peer's subscription; counts subscribe calls. */
function stubPushManager(sub: PeerSub): void {
  let current: unknown = null;
  const w = window as unknown as { __pushSubscribes: number };
  w.__pushSubscribes = 0;
  PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
    w.__pushSubscribes++;
    const key = options?.applicationServerKey as Uint8Array;
    current = {
      endpoint: sub.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: new Uint8Array(key).buffer },
      toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
      unsubscribe: async () => {
        current = null;
        return true;
      },
    };
    return current as PushSubscription;
  };
  PushManager.prototype.getSubscription = async () => current as PushSubscription | null;
}

test("[PSH-7][PSH-2] Enable push on this device → a DM while away arrives as an encrypted web push; Turn off stops it", async () => {
  const alice = await makeUser(admin, "alice");
  const bob = await makeUser(admin, "bob");
  const sub = peer.subscribe();
  const u = await app.profile(bob, { permission: "granted" });
  await u.context.addInitScript(stubPushManager, { endpoint: sub.endpoint, keys: sub.keys });
  const p = u.page;
  await p.goto("/settings/notifications");
  await p.getByRole("button", { name: "Enable push on this device" }).click();
  await p.getByText("Push on this device: on").waitFor();
  await shot(p, "settings-push-on");
  assert.equal(
    await p.evaluate(() => (window as unknown as { __pushSubscribes: number }).__pushSubscribes),
    1,
  );
  // The real service worker is registered for the whole app.
  const scope = await p.evaluate(async () => (await navigator.serviceWorker.getRegistration("/"))?.scope);
  assert.equal(scope, `${app.server.url}/`);
  const mine = await bob.get<{ subscriptions: { endpoint: string; deviceKind: string }[] }>(
    "/push/subscriptions",
  );
  assert.deepEqual(
    mine.subscriptions.map((s) => s.endpoint),
    [sub.endpoint],
  );

  // Bob leaves (no desktop/web connection for 30 s = inactive, PSH-2); Alice writes to him.
  await u.context.close();
  const dm = unwrap<{ id: string }>(await alice.post("/dms", { userIds: [bob.user.id] }), "room").id;
  const posted = unwrap<{ id: string }>(
    await alice.post(`/rooms/${dm}/messages`, { text: "are you around?" }),
    "message",
  ).id;
  const push = await until("the push at the peer", async () => peer.receivedFor(sub.id)[0], 60_000);
  assert.equal(push.headers.contentEncoding, "aes128gcm");
  const payload = push.json as PushPayload;
  const shown = showSpec(payload);
  assert.ok(shown, `a notification to show: ${push.plaintext}`);
  assert.match(shown.title, /Alice/);
  assert.equal(shown.options.body, "are you around?");
  assert.equal(shown.options.data.messageId, posted);

  // Turn off on this device: the server forgets the subscription, the browser's is dropped.
  const again = await app.profile(bob, { permission: "granted" });
  await again.context.addInitScript(stubPushManager, { endpoint: sub.endpoint, keys: sub.keys });
  await again.page.goto("/settings/notifications");
  // A new profile is a new device: push is off here until enabled, and turning it on reuses the endpoint.
  await again.page.getByRole("button", { name: "Enable push on this device" }).click();
  await again.page.getByRole("button", { name: "Turn off on this device" }).click();
  await again.page.getByText("Push on this device: off").waitFor();
  const left = await bob.get<{ subscriptions: unknown[] }>("/push/subscriptions");
  assert.deepEqual(left.subscriptions, []);
  await again.context.close();
});
