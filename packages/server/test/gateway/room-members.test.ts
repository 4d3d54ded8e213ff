// A node's per-room state grows with the members connected to it, not with room size: core's snapshot of a
// 5,000-member room carries only this node's users, gains one as a local member connects or joins, loses one
// as a local member leaves or goes past the reconnect grace, and ignores members of other nodes — while the
// room's size (MEN-7) stays the whole room's and `@all` still reaches every local member.
import assert from "node:assert/strict";
import { test } from "node:test";
import { RECONNECT_GRACE_MS } from "@herald/core";
import type { Gateway } from "../../src/gateway/gateway.ts";
import { makeHarness } from "./helpers/harness.ts";
import type { Frame } from "./helpers/socket-pair.ts";

const N = 5_000;

function snapOf(gw: Gateway, roomId: string) {
  const room = gw.rooms.get(roomId);
  assert.ok(room, `${roomId} is loaded`);
  return room.core.snap;
}

const notifies = (frames: Frame[]) =>
  frames.flatMap((f) => (f.t === "multi" ? (f.events as Frame[]) : [f])).filter((f) => f.t === "notify");

test("[GEN-5] a node's snapshot of a 5,000-member room carries its connected members only", async () => {
  const h = await makeHarness();
  const ids = Array.from({ length: N }, (_, i) => `u${i}`);
  for (const id of [...ids, "newcomer"]) h.store.addUser(id);
  h.store.addRoom("big", "channel", ids);

  const a = await h.connect("u1");
  const b = await h.connect("u2");
  let snap = snapOf(h.gateway, "big");
  assert.equal(snap.size, 2, "two local members, two rows");
  assert.ok(snap.capacity <= 8, `columns sized for the local members (capacity ${snap.capacity})`);
  assert.equal(snap.memberCount, N, "the room's size is the whole room's (MEN-7)");
  assert.deepEqual([...snap.userIds].sort(), ["u1", "u2"]);

  // A third local member of an already loaded room: its facts are added, nobody else's.
  const c = await h.connect("u3");
  snap = snapOf(h.gateway, "big");
  assert.deepEqual([...snap.userIds].sort(), ["u1", "u2", "u3"]);

  // @all by a member on another node: every local member is decided and told.
  for (const p of [a, b, c]) p.flushToClient();
  await h.publish(h.store.post("big", "u4000", "@all release tonight", h.clock.now()));
  for (const [name, p] of [
    ["u1", a],
    ["u2", b],
    ["u3", c],
  ] as const) {
    const got = notifies(p.flushToClient());
    assert.equal(got.length, 1, `${name} gets the @all notify`);
    assert.ok(got[0].banner, `${name} gets a banner`);
  }

  // A member of another node joins or changes settings: nothing is loaded for them here.
  await h.publish(h.store.join("big", "newcomer"));
  await h.publish({ type: "room.preferences.changed", roomId: "big", userId: "u4001" });
  assert.equal(snapOf(h.gateway, "big").size, 3);

  // A local member leaves the room: its row goes.
  await h.publish(h.store.leave("big", "u2"));
  assert.deepEqual([...snapOf(h.gateway, "big").userIds].sort(), ["u1", "u3"]);

  // A local member's last socket closes: after the reconnect grace its row goes too.
  a.drop();
  await h.settle();
  h.clock.advance(RECONNECT_GRACE_MS + 1);
  await h.settle();
  assert.deepEqual([...snapOf(h.gateway, "big").userIds], ["u3"]);

  // The newcomer connects later: added to the loaded room.
  await h.connect("newcomer");
  assert.deepEqual([...snapOf(h.gateway, "big").userIds].sort(), ["newcomer", "u3"]);
  assert.deepEqual(h.errors, []);
  await h.close();
});

test("[GEN-5] the last local member leaving drops the room's state", async () => {
  const h = await makeHarness();
  const ids = Array.from({ length: 100 }, (_, i) => `u${i}`);
  for (const id of ids) h.store.addUser(id);
  h.store.addRoom("big", "channel", ids);
  const a = await h.connect("u1");
  assert.equal(snapOf(h.gateway, "big").size, 1);
  a.drop();
  await h.settle();
  h.clock.advance(RECONNECT_GRACE_MS + 1);
  await h.settle();
  assert.equal(h.gateway.rooms.get("big"), undefined);
  assert.equal(h.gateway.rooms.loadedCount, 0);
  await h.close();
});
