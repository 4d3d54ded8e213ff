// A reload is not activity (PRS-8): Bob's idle tab reloads while a mention push waits, and the push still
// goes 60 s after his last input (PSH-2, PRF-13's minimum, so this test really waits about a minute — the
// idle limit cannot be set lower and the server has no test clock). The push is a real encrypted web push to
// the local RFC 8030 peer, subscribed from the settings page as in push.test.ts.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { type PushServicePeer, startPushService } from "../../server/test/peers/push-service.ts";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { connected, shot, until } from "./harness.ts";

const app = appFixture();

let peer: PushServicePeer;

app.setup(async () => {
  peer = await startPushService();
});
after(async () => {
  await peer?.stop();
});

interface PeerSub {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Headless Chromium has no push service: hand out the peer's subscription instead (as push.test.ts). */
function stubPushManager(sub: PeerSub): void {
  let current: unknown = null;
  PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
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

interface Wait {
  kind?: string;
  lastActivityAt?: number | null;
  thresholdMs?: number;
  dueAt?: number | null;
}
interface PushAnswer {
  decision: string;
  dueAt?: number | null;
  reasons: { rule: string; wait?: Wait | null }[];
}

async function pushAnswer(bob: Client, messageId: string): Promise<{ push: PushAnswer; wait: Wait }> {
  const a = await bob.get<{ channels: { push: PushAnswer } }>(
    `/notifications/explain?message=${encodeURIComponent(messageId)}`,
  );
  const wait = a.channels.push.reasons.find((r) => r.wait?.kind === "inactivity")?.wait ?? {};
  return { push: a.channels.push, wait };
}

test("[PRS-8][PSH-2][EXP-1] a reload while a mention push waits does not move it: it goes 60 s after the last input", async () => {
  const alice = await makeUser(app.admin, "alice");
  const bob = await makeUser(app.admin, "bob");
  const room = unwrap<{ id: string }>(
    await alice.post("/rooms", { kind: "channel", name: "ops", memberIds: [bob.user.id] }),
    "room",
  ).id;
  const sub = peer.subscribe();
  const u = await app.profile(bob, { permission: "granted" });
  await u.context.addInitScript(stubPushManager, { endpoint: sub.endpoint, keys: sub.keys });
  const p = u.page;
  await p.goto("/settings/notifications");
  await connected(p);

  // Bob's last input: the click that enables push (the first input of the page is reported at once).
  const clickFrom = Date.now();
  await p.getByRole("button", { name: "Enable push on this device" }).click();
  const clickTo = Date.now();
  await p.getByText("Push on this device: on").waitFor();

  // Alice mentions him; his tab stays open on the settings page, idle (the message stays unread).
  const id = unwrap<{ id: string }>(
    await alice.post(`/rooms/${room}/messages`, { text: "@bob the deploy is stuck" }),
    "message",
  ).id;
  const first = await until("a waiting push with its facts", async () => {
    const a = await pushAnswer(bob, id);
    return a.push.decision === "waiting" && typeof a.wait.lastActivityAt === "number" && a;
  });
  const last = first.wait.lastActivityAt ?? 0;
  assert.ok(
    last >= clickFrom - 1000 && last <= clickTo + 1000,
    `explain's last activity is the click: ${last - clickFrom} ms after it started`,
  );
  assert.equal(first.wait.thresholdMs, 60_000);
  assert.equal(first.push.dueAt, last + 60_000, "due 60 s after the last input");

  // 25 s later Bob's tab reloads — no input. Were the reload activity, the push would go at reload + 60 s.
  await until("25 s after the click", async () => Date.now() - last >= 25_000, 30_000);
  const reloadedAt = Date.now();
  await p.reload();
  await connected(p);
  const again = await pushAnswer(bob, id);
  assert.equal(again.push.decision, "waiting");
  assert.equal(again.wait.lastActivityAt, last, "the reload is not activity: explain's facts stand");
  assert.equal(again.push.dueAt, last + 60_000, "the due time did not move");
  assert.equal(peer.receivedFor(sub.id).length, 0, "nothing sent before the due time");
  // Just before it is due, explain still states the same facts (the reload's hello has long been handled).
  await until("55 s after the click", async () => Date.now() - last >= 55_000, 40_000);
  const late = await pushAnswer(bob, id);
  assert.equal(late.push.decision, "waiting");
  assert.equal(late.wait.lastActivityAt, last, "still the click, 30 s after the reload");
  assert.equal(late.push.dueAt, last + 60_000);

  const push = await until("the push at the peer", async () => peer.receivedFor(sub.id)[0], 80_000);
  const sentAt = Date.now();
  assert.ok(sentAt >= last + 59_000, `not before 60 s of inactivity: ${(sentAt - last) / 1000} s`);
  assert.ok(
    sentAt < last + 70_000 && sentAt < reloadedAt + 50_000,
    `60 s after the last input, not after the reload: ${(sentAt - last) / 1000} s after the input, ` +
      `${(sentAt - reloadedAt) / 1000} s after the reload`,
  );
  assert.match(push.plaintext, /the deploy is stuck/);

  // Explain, in words, now that it went (navigating is no input either).
  await p.goto(`/explain/${id}`);
  const line = p.locator('.explain-sentences li[data-channel="push"]');
  await line.waitFor();
  assert.match(await line.innerText(), /^Mobile \/ web push: sent/);
  await shot(p, "reload-push-explain-desktop");
});
