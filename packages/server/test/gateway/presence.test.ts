// Presence (PRS-1 … PRS-8) driven by a ManualClock: exact-threshold events, no polling.
import assert from "node:assert/strict";
import { test } from "node:test";
import { RedisPresenceStore } from "../../src/cluster/presence.ts";
import { ManualClock } from "../../src/gateway/manual-clock.ts";
import { REDIS_URL, redisSkipReason, uniquePrefix } from "../cluster/redis-available.ts";
import { makeHarness } from "./helpers/harness.ts";
import { TestSocketPair } from "./helpers/socket-pair.ts";

async function setup() {
  const h = await makeHarness();
  for (const u of ["alice", "bob", "carol"]) h.store.addUser(u);
  h.store.addRoom("general", "channel", ["alice", "bob", "carol"]);
  return h;
}
type H = Awaited<ReturnType<typeof setup>>;

const status = async (h: H, id: string) => (await h.presenceStore.statuses([id])).get(id);
const topics = (h: H) => h.busEvents.map((e) => `${e.topic}:${e.payload.thresholdMs ?? ""}`);

/** The user types / clicks in this client now (PRS-8: the only thing that is activity). */
async function input(h: H, pair: TestSocketPair) {
  pair.send({ t: "activity" });
  pair.flushToServer();
  await h.settle();
}

/** A client opened by a user at the keyboard: hello and input in the same breath. */
async function connectActive(h: H, id: string) {
  const pair = new TestSocketPair(h.gateway, id);
  pair.send({
    t: "hello",
    deviceId: `${id}-dev`,
    deviceKind: "web",
    permission: "granted",
    focused: false,
    visible: true,
  });
  pair.send({ t: "activity" });
  pair.flushToServer();
  await h.settle();
  return pair;
}

test("[PRS-2] auto-away after the idle limit exactly, online again on activity; events at the threshold", async () => {
  const h = await setup();
  const bob = await connectActive(h, "bob");
  assert.equal(await status(h, "bob"), "online");
  assert.deepEqual(topics(h), ["user.active:"]);
  h.clock.advance(59_999);
  await h.settle();
  assert.equal(await status(h, "bob"), "online");
  h.clock.advance(1);
  await h.settle();
  assert.equal(await status(h, "bob"), "away");
  assert.deepEqual(topics(h), ["user.active:", "user.inactive:60000"]);
  assert.equal(h.busEvents[1].payload.at, h.clock.now());
  // PRS-7 with PRV-6: the 300 s threshold is announced at its own instant.
  h.clock.advance(240_000);
  await h.settle();
  assert.deepEqual(topics(h).slice(2), ["user.inactive:300000"]);
  await input(h, bob);
  assert.equal(await status(h, "bob"), "online");
  assert.deepEqual(topics(h).slice(3), ["user.active:"]);
  await h.close();
});

test("[PRS-3] auto-away off: a locked screen makes the user away from that moment", async () => {
  const h = await setup();
  h.store.addUser("bob", { autoAway: false });
  const bob = await h.connect("bob");
  h.clock.advance(600_000);
  await h.settle();
  assert.equal(await status(h, "bob"), "online");
  bob.send({ t: "state", locked: true });
  bob.flushToServer();
  await h.settle();
  assert.equal(await status(h, "bob"), "away");
  h.clock.advance(60_000);
  await h.settle();
  assert.ok(topics(h).includes("user.inactive:60000"));
  await h.close();
});

test("[PRS-4] no live connection for 30 s → offline; a short reconnect does not flap", async () => {
  const h = await setup();
  const watcher = await h.connect("alice");
  watcher.send({ t: "presence.subscribe", userIds: ["bob"] });
  watcher.flushToServer();
  await h.settle();
  const b1 = await connectActive(h, "bob");
  const inputAt = h.clock.now();
  b1.drop();
  await h.settle();
  h.clock.advance(20_000);
  await h.settle();
  const b2 = await h.connect("bob");
  // PRS-8: the reconnect is no input: away 60 s after the last input, not 60 s after the reconnect.
  h.clock.advance(39_999);
  await h.settle();
  assert.equal(await status(h, "bob"), "online");
  h.clock.advance(1);
  await h.settle();
  assert.equal(await status(h, "bob"), "away");
  assert.equal(h.clock.now(), inputAt + 60_000);
  const seen = watcher
    .flushToClient()
    .filter((f) => f.t === "presence")
    .map((f) => f.status);
  assert.deepEqual(seen, ["offline", "online", "away"]);
  b2.drop();
  await h.settle();
  h.clock.advance(29_999);
  await h.settle();
  assert.equal(await status(h, "bob"), "away");
  h.clock.advance(1);
  await h.settle();
  assert.equal(await status(h, "bob"), "offline");
  assert.ok(topics(h).includes("user.offline:"));
  await h.close();
});

test("[PRS-4] a user on the phone only is online while it reports input and away after the idle limit; desktop gone 30 s counts as inactive", async () => {
  const h = await setup();
  const desk = await connectActive(h, "bob");
  const phone = await h.connect("bob", { deviceKind: "mobile" });
  h.clock.advance(30_000);
  await h.settle();
  desk.drop();
  await h.settle();
  h.clock.advance(10_000);
  await h.settle();
  await input(h, phone);
  const phoneInputAt = h.clock.now();
  h.clock.advance(21_000); // the desktop closed 31 s ago; its last input was 61 s ago
  await h.settle();
  assert.equal(await status(h, "bob"), "online");
  assert.deepEqual([...(await h.gateway.presence.onlineUserIds(["bob"]))], ["bob"], "reached by @here");
  // PRS-7 counts desktop/web only: no desktop/web connection for 30 s is inactive, so pushes go.
  assert.ok(topics(h).includes("user.offline:"));
  h.clock.advance(phoneInputAt + 60_000 - h.clock.now() - 1);
  await h.settle();
  assert.equal(await status(h, "bob"), "online");
  h.clock.advance(1);
  await h.settle();
  assert.equal(await status(h, "bob"), "away", "the phone's idle limit passed without input");
  await h.close();
});

test("[PRS-8] opening a connection is not activity: a tab nobody touches leaves the user away and inactive", async () => {
  const h = await setup();
  await h.connect("bob", { focused: true, visible: true });
  assert.equal(await status(h, "bob"), "away");
  assert.deepEqual([...(await h.gateway.presence.onlineUserIds(["bob"]))], []);
  assert.deepEqual(topics(h), [], "never announced as active");
  assert.deepEqual(await h.presenceStore.lastActivity("bob"), {
    desktop: null,
    any: null,
    desktopDevice: null,
  });
  await h.close();
});

test("[PRS-8] the window gaining focus while visible is activity; focus while hidden or already focused is not", async () => {
  const h = await setup();
  const bob = await h.connect("bob", { focused: false, visible: false });
  bob.send({ t: "state", focused: true });
  bob.flushToServer();
  await h.settle();
  assert.equal(await status(h, "bob"), "away", "focused while hidden");
  bob.send({ t: "state", focused: false });
  bob.send({ t: "state", visible: true });
  bob.flushToServer();
  await h.settle();
  h.clock.advance(5_000);
  bob.send({ t: "state", focused: true });
  bob.flushToServer();
  await h.settle();
  assert.equal(await status(h, "bob"), "online");
  assert.deepEqual(await h.presenceStore.lastActivity("bob"), {
    desktop: h.clock.now(),
    any: h.clock.now(),
    desktopDevice: "web",
  });
  const at = h.clock.now();
  h.clock.advance(5_000);
  bob.send({ t: "state", focused: true, view: { roomId: "general" } });
  bob.flushToServer();
  await h.settle();
  assert.equal((await h.presenceStore.lastActivity("bob")).desktop, at, "already focused: no new activity");
  await h.close();
});

test("[PRS-8] last input is kept per user: a gateway restart on the same Presence port neither adds nor forgets it", async () => {
  const h = await setup();
  const bob = await connectActive(h, "bob");
  const inputAt = h.clock.now();
  h.clock.advance(20_000);
  bob.drop();
  await h.settle();
  await h.gateway.stop();
  // A new gateway process, same clock and the same (shared) Presence port.
  const h2 = await makeHarness({ clock: h.clock, presenceStore: h.presenceStore });
  h2.store.addUser("bob");
  await h2.connect("bob");
  assert.equal(await status(h2, "bob"), "online");
  h2.clock.advance(inputAt + 60_000 - h2.clock.now());
  await h2.settle();
  assert.equal(await status(h2, "bob"), "away");
  assert.ok(topics(h2).includes("user.inactive:60000"), "the new node announces the crossing at its instant");
  await h2.close();
});

test("[PRS-8] across nodes on the Redis Presence port: a reload landing on another node keeps the last input", async (t) => {
  const reason = await redisSkipReason();
  if (reason) return t.skip(reason);
  const clock = new ManualClock();
  const prefix = uniquePrefix("gateway-presence");
  const ports = [0, 1].map(() => new RedisPresenceStore(clock, { url: REDIS_URL, prefix }));
  for (const p of ports) await p.connect();
  const a = await makeHarness({ clock, presenceStore: ports[0], nodeId: "node-a" });
  const b = await makeHarness({ clock, presenceStore: ports[1], nodeId: "node-b" });
  // Redis answers over the network: wait for what the step must have written, not for a fixed time.
  const until = async (check: () => Promise<boolean>, what: string) => {
    // A deadline, not a count of tries: on a loaded machine each timer fires late.
    const end = performance.now() + 30_000;
    while (performance.now() < end && !(await check())) await new Promise((r) => setTimeout(r, 5));
    assert.ok(await check(), `timed out: ${what}`);
    await a.settle();
    await b.settle();
  };
  const connections = async () => (await ports[1].facts("bob")).reduce((n, f) => n + f.connections, 0);
  try {
    for (const h of [a, b]) h.store.addUser("bob");
    const tab = await connectActive(a, "bob");
    const inputAt = clock.now();
    await until(async () => (await ports[1].lastActivity("bob")).desktop === inputAt, "input on the port");
    clock.advance(45_000);
    tab.drop();
    await until(async () => (await connections()) === 0, "node a lost the tab");
    await b.connect("bob");
    await until(async () => (await connections()) === 1, "the tab is back, on node b");
    clock.advance(14_999);
    await until(async () => true, "timers due so far");
    assert.equal(await status(b, "bob"), "online");
    clock.advance(1);
    await until(async () => (await status(b, "bob")) === "away", "away");
    const crossed = b.busEvents.find((e) => e.topic === "user.inactive" && e.payload.thresholdMs === 60_000);
    assert.equal(
      crossed?.payload.at,
      inputAt + 60_000,
      "60 s after the input on node a, not after the reconnect",
    );
  } finally {
    await a.close();
    await b.close();
    for (const p of ports) await p.close();
  }
});

test("[PRS-6] presence changes reach only subscribers, never the whole room", async () => {
  const h = await setup();
  const alice = await h.connect("alice");
  const carol = await h.connect("carol");
  alice.send({ t: "presence.subscribe", userIds: ["bob"] });
  alice.flushToServer();
  await h.settle();
  alice.flushToClient();
  carol.flushToClient();
  await connectActive(h, "bob");
  assert.deepEqual(
    alice.flushToClient().filter((f) => f.t === "presence"),
    [{ t: "presence", userId: "bob", status: "online" }],
  );
  assert.deepEqual(
    carol.flushToClient().filter((f) => f.t === "presence"),
    [],
  );
  await h.close();
});

test("[PRS-1] [PRS-5] invisible shows offline; do-not-disturb shows busy and ends at its time", async () => {
  const h = await setup();
  h.store.addUser("bob", { manual: "invisible" });
  await connectActive(h, "bob");
  assert.equal(await status(h, "bob"), "offline");
  assert.deepEqual([...(await h.gateway.presence.onlineUserIds(["bob"]))], []);
  const until = h.clock.now() + 30_000;
  await h.publish({
    type: "user.changed",
    userId: "bob",
    snapshot: { ...h.store.users.get("bob")!, manual: "auto", dndUntil: until },
  });
  assert.equal(await status(h, "bob"), "busy");
  h.clock.advance(30_000);
  await h.settle();
  assert.equal(await status(h, "bob"), "online");
  await h.close();
});
