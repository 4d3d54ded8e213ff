// Resume (GEN-7): missed messages by room seq, missed per-user events by cursor, no second banner.
import assert from "node:assert/strict";
import { test } from "node:test";
import { makeHarness } from "./helpers/harness.ts";
import type { Frame } from "./helpers/socket-pair.ts";

const cursorOf = (frames: Frame[]) =>
  Math.max(
    0,
    ...frames.map((f) => (typeof f.cursor === "number" ? f.cursor : 0)),
    ...frames.filter((f) => f.t === "ready").map((f) => f.userCursor as number),
  );

test("[GEN-7] a reconnecting client gets missed messages and notifies, replayed, without a second banner", async () => {
  const h = await makeHarness();
  for (const u of ["alice", "bob"]) h.store.addUser(u);
  h.store.addRoom("dm1", "dm", ["alice", "bob"]);
  const first = await h.connect("bob", { deviceId: "laptop" });
  await h.publish(h.store.post("dm1", "alice", "one", h.clock.now()));
  const seen = first.flushToClient();
  assert.equal(seen.filter((f) => f.t === "notify" && f.banner).length, 1);
  // The next banner is sent but the network drops before it arrives.
  await h.publish(h.store.post("dm1", "alice", "two", h.clock.now()));
  first.drop();
  await h.settle();
  await h.publish(h.store.post("dm1", "alice", "three", h.clock.now()));
  const again = await h.connect("bob", {
    deviceId: "laptop",
    resume: { rooms: { dm1: 1 }, userCursor: cursorOf(seen) },
  });
  const got = again.flushToClient();
  assert.equal(got[0].t, "ready");
  assert.deepEqual(
    got.filter((f) => f.t === "message").map((f) => [f.seq, f.replay]),
    [
      [2, true],
      [3, true],
    ],
  );
  const notifies = got.filter((f) => f.t === "notify");
  assert.deepEqual(
    notifies.map((f) => f.messageId),
    ["m2", "m3"],
  );
  assert.ok(notifies.every((f) => f.replay === true));
  // m2's banner went to this device's socket before the drop: the device is recorded and not bannered again;
  // m3 was never shown on this device, so it carries its banner.
  assert.deepEqual(
    notifies.map((f) => !!f.banner),
    [false, true],
  );
  assert.equal((got[0].badge as { total: number }).total, 3);
  await h.close();
});

test("[GEN-7] resuming with the latest cursor replays nothing; read elsewhere suppresses a late banner", async () => {
  const h = await makeHarness();
  for (const u of ["alice", "bob"]) h.store.addUser(u);
  h.store.addRoom("dm1", "dm", ["alice", "bob"]);
  const phone = await h.connect("bob", { deviceId: "phone", deviceKind: "mobile" });
  const ready = phone.flushToClient();
  await h.publish(h.store.post("dm1", "alice", "hi", h.clock.now()));
  const seq = h.store.read("bob", "dm1");
  await h.publish({ type: "room.read", userId: "bob", roomId: "dm1", seq });
  const live = phone.flushToClient();
  const laptop = await h.connect("bob", {
    deviceId: "laptop",
    resume: { rooms: { dm1: 0 }, userCursor: cursorOf(ready) },
  });
  const got = laptop.flushToClient();
  assert.equal(got.filter((f) => f.t === "notify" && f.banner).length, 0);
  assert.equal((got[0].badge as { total: number }).total, 0);
  const phone2 = await h.connect("bob", {
    deviceId: "phone",
    deviceKind: "mobile",
    resume: { rooms: { dm1: 1 }, userCursor: cursorOf(live) },
  });
  assert.deepEqual(
    phone2.flushToClient().map((f) => f.t),
    ["ready"],
  );
  await h.close();
});

test("[GEN-5] resume never replays a room the user is not a member of", async () => {
  const h = await makeHarness();
  for (const u of ["alice", "bob"]) h.store.addUser(u);
  h.store.addRoom("secret", "group", ["alice"]);
  h.store.post("secret", "alice", "private", h.clock.now());
  const bob = await h.connect("bob", { resume: { rooms: { secret: 0 }, userCursor: 0 } });
  assert.deepEqual(
    bob.flushToClient().map((f) => f.t),
    ["ready"],
  );
  await h.close();
});
