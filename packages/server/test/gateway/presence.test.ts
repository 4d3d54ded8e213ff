// Presence (PRS-1 … PRS-7) driven by a ManualClock: exact-threshold events, no polling.
import assert from "node:assert/strict";
import { test } from "node:test";
import { makeHarness } from "./helpers/harness.ts";

async function setup() {
  const h = await makeHarness();
  for (const u of ["alice", "bob", "carol"]) h.store.addUser(u);
  h.store.addRoom("general", "channel", ["alice", "bob", "carol"]);
  return h;
}

const status = async (h: Awaited<ReturnType<typeof setup>>, id: string) =>
  (await h.presenceStore.statuses([id])).get(id);
const topics = (h: Awaited<ReturnType<typeof setup>>) =>
  h.busEvents.map((e) => `${e.topic}:${e.payload.thresholdMs ?? ""}`);

test("[PRS-2] auto-away after the idle limit exactly, online again on activity; events at the threshold", async () => {
  const h = await setup();
  const bob = await h.connect("bob");
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
  bob.send({ t: "activity" });
  bob.flushToServer();
  await h.settle();
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
  const b1 = await h.connect("bob");
  b1.drop();
  await h.settle();
  h.clock.advance(20_000);
  await h.settle();
  const b2 = await h.connect("bob");
  h.clock.advance(60_000);
  await h.settle();
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

test("[PRS-6] presence changes reach only subscribers, never the whole room", async () => {
  const h = await setup();
  const alice = await h.connect("alice");
  const carol = await h.connect("carol");
  alice.send({ t: "presence.subscribe", userIds: ["bob"] });
  alice.flushToServer();
  await h.settle();
  alice.flushToClient();
  carol.flushToClient();
  await h.connect("bob");
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
  await h.connect("bob");
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
