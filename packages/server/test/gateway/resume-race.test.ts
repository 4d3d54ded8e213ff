// Resume (GEN-7) races: a message committed before a client's hello but published to the gateway while the
// hello is still being answered is in the store snapshot and in the live buffer — it must reach the client once.
import assert from "node:assert/strict";
import { test } from "node:test";
import { makeHarness } from "./helpers/harness.ts";

test("[GEN-7] a message published while a resume is being answered arrives once, not from the store and live", async () => {
  const h = await makeHarness();
  for (const u of ["alice", "bob"]) h.store.addUser(u);
  h.store.addRoom("dm1", "dm", ["alice", "bob"]);
  // The store's rebuild of missed events is slow (a round trip on a loaded database): the live event lands
  // in the connection's buffer after the missed messages were read.
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  const missedSince = h.store.missedSince;
  h.store.missedSince = async (...args) => {
    await held;
    return missedSince(...args);
  };
  const posted = h.store.post("dm1", "alice", "one", h.clock.now());
  const connecting = h.connect("bob", { deviceId: "laptop", resume: { rooms: { dm1: 0 }, userCursor: 1 } });
  await new Promise((r) => setTimeout(r, 20));
  await h.publish(posted);
  release();
  const bob = await connecting;
  await h.settle();
  const got = bob.flushToClient();
  sentOnce(got);
  assert.equal(got.filter((f) => f.t === "notify").length >= 1, true);
  await h.close();
});

test("[GEN-7] a message committed before a resume but published to this node only after it arrives once, with its notify", async () => {
  const h = await makeHarness();
  for (const u of ["alice", "bob"]) h.store.addUser(u);
  h.store.addRoom("dm1", "dm", ["alice", "bob"]);
  // Another node took the post: the store has it when bob's resume reads, its bus event comes after the ready.
  const posted = h.store.post("dm1", "alice", "one", h.clock.now());
  const bob = await h.connect("bob", { deviceId: "laptop", resume: { rooms: { dm1: 0 }, userCursor: 1 } });
  await h.settle();
  await h.publish(posted);
  await h.settle();
  const got = bob.flushToClient();
  sentOnce(got);
  assert.equal(
    got.filter((f) => f.t === "notify" && f.messageId === posted.message.id).length,
    1,
    "its notify",
  );
  await h.close();
});

test("[GEN-7] a cursor from another node's log is not read as this node's: a client resuming where its user's log lingers gets no second banner", async () => {
  const { InProcessBus } = await import("../../src/cluster/bus.ts");
  const { InProcessPresenceStore } = await import("../../src/cluster/presence.ts");
  const { ManualClock } = await import("../../src/gateway/manual-clock.ts");
  const { MemoryStore } = await import("./helpers/memory-store.ts");
  const store = new MemoryStore();
  const bus = new InProcessBus();
  // Two machines a millisecond apart (or one event handled a millisecond later on B): B numbers the same event
  // above A, while its log, older, covers A's cursors.
  const clockA = new ManualClock(1_700_000_000_000);
  const clockB = new ManualClock(1_700_000_000_001);
  const presenceStore = new InProcessPresenceStore(clockA);
  const a = await makeHarness({ store, bus, clock: clockA, presenceStore, nodeId: "a" });
  const b = await makeHarness({ store, bus, clock: clockB, presenceStore, nodeId: "b" });
  for (const u of ["alice", "bob"]) store.addUser(u);
  store.addRoom("dm1", "dm", ["alice", "bob"]);
  // Bob's phone was on B a moment ago: B keeps his log through the reconnect grace and goes on logging.
  const phone = await b.connect("bob", { deviceId: "phone", deviceKind: "mobile" });
  phone.drop();
  await b.settle();
  for (const c of [clockA, clockB]) c.advance(1000);
  const laptop = await a.connect("bob", { deviceId: "laptop" });
  await a.publish(store.post("dm1", "alice", "one", clockA.now()));
  await b.settle();
  const seen = laptop.flushToClient();
  assert.equal(seen.filter((f) => f.t === "notify" && f.banner).length, 1);
  const ready = seen.find((f) => f.t === "ready");
  const cursor = Math.max(...seen.map((f) => (typeof f.cursor === "number" ? f.cursor : 0)));
  // A dies; the laptop resumes on B with A's cursor and the log it belongs to (as the SDK sends it).
  laptop.drop();
  const again = await b.connect("bob", {
    deviceId: "laptop",
    resume: { rooms: { dm1: 1 }, userCursor: cursor, log: ready?.log },
  });
  const got = again.flushToClient();
  assert.equal(got[0].t, "ready");
  assert.deepEqual(
    got.filter((f) => f.t === "notify" && f.banner).map((f) => f.messageId),
    [],
    "the laptop showed this banner already",
  );
  assert.equal(got[0].rebuilt, true, "rebuilt from the store, as for any cursor from elsewhere");
  await a.close();
  await b.close();
});

/** The message (seq 1) reached the client exactly once; the frames' types are shown when it did not. */
function sentOnce(got: { t: string; seq?: unknown }[]): void {
  assert.deepEqual(
    got.filter((f) => f.t === "message").map((f) => f.seq),
    [1],
    JSON.stringify(got.map((f) => f.t)),
  );
}
