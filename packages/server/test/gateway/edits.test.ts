// TRG-3 through the gateway: an edit notifies only the members it newly mentions; everyone else gets the
// updated message only — core decides it from the mentions before and after the edit.
import assert from "node:assert/strict";
import { test } from "node:test";
import { makeHarness } from "./helpers/harness.ts";
import type { Frame } from "./helpers/socket-pair.ts";

const types = (frames: Frame[]) => frames.map((f) => f.t);

test("[TRG-3] an edit notifies only the newly mentioned member, with banner and badge", async () => {
  const h = await makeHarness();
  for (const u of ["alice", "bob", "carol", "dave"]) h.store.addUser(u);
  h.store.addRoom("general", "channel", ["alice", "bob", "carol", "dave"]);
  const bob = await h.connect("bob");
  const carol = await h.connect("carol");
  const dave = await h.connect("dave");
  await h.publish(h.store.post("general", "alice", "hello @carol", h.clock.now()));
  for (const p of [bob, carol, dave]) p.flushToClient();
  const writes = bob.writes.length;
  // The edit keeps @carol (not new) and adds @bob (new); dave is not mentioned at all.
  await h.publish(h.store.edit("general", 1, "hello @carol and @bob", ["bob"]));
  const b = bob.flushToClient();
  assert.deepEqual(types(b), ["message.updated", "notify", "badge"]);
  assert.equal(bob.writes.length - writes, 1, "one write: updated message + notify + badge");
  const notify = b[1];
  assert.equal(notify.trigger, "mention");
  assert.equal(notify.messageId, "m1");
  assert.equal(notify.edited, true);
  assert.deepEqual(notify.banner, {
    title: "ALICE in #general",
    body: "hello @carol and @bob",
    senderId: "alice",
  });
  assert.equal(b[2].total, 1, "the edit's mention counts in the badge (BDG-1)");
  assert.deepEqual(types(carol.flushToClient()), ["message.updated"]);
  assert.deepEqual(types(dave.flushToClient()), ["message.updated"]);
  assert.deepEqual(
    h.records.at(-1)?.notified.map((n) => n.userId),
    ["bob"],
  );
  await h.close();
});

test("[TRG-3] an edit that mentions nobody new notifies nobody; [MEN-5] the author's own edit never", async () => {
  const h = await makeHarness();
  for (const u of ["alice", "bob"]) h.store.addUser(u);
  h.store.addRoom("dm1", "dm", ["alice", "bob"]);
  const alice = await h.connect("alice");
  const bob = await h.connect("bob");
  await h.publish(h.store.post("dm1", "alice", "hi", h.clock.now()));
  alice.flushToClient();
  bob.flushToClient();
  await h.publish(h.store.edit("dm1", 1, "hi there", []));
  assert.deepEqual(types(bob.flushToClient()), ["message.updated"]);
  await h.publish(h.store.edit("dm1", 1, "hi there @alice", ["alice"]));
  assert.deepEqual(types(alice.flushToClient()), ["message.updated", "message.updated"]);
  await h.close();
});

test("[TRG-3] a resuming client replays the edit's notify without a second banner", async () => {
  const h = await makeHarness();
  for (const u of ["alice", "bob"]) h.store.addUser(u);
  h.store.addRoom("general", "channel", ["alice", "bob"]);
  const bob = await h.connect("bob", { deviceId: "laptop" });
  await h.publish(h.store.post("general", "alice", "hello", h.clock.now()));
  const seen = bob.flushToClient();
  const cursor = Math.max(
    ...seen.map((f) => (typeof f.cursor === "number" ? f.cursor : 0)),
    seen[0].userCursor as number,
  );
  await h.publish(h.store.edit("general", 1, "hello @bob", ["bob"]));
  bob.drop();
  const again = await h.connect("bob", {
    deviceId: "laptop",
    resume: { rooms: { general: 1 }, userCursor: cursor },
  });
  const got = again.flushToClient();
  const notify = got.find((f) => f.t === "notify");
  assert.equal(notify?.replay, true);
  assert.equal(notify?.banner, undefined, "the banner was written to this device before the drop");
  await h.close();
});
