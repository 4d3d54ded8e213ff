// Fan-out of message.created: shared frame once, one write per client, banners per device, GEN-5.
import assert from "node:assert/strict";
import { test } from "node:test";
import { makeHarness } from "./helpers/harness.ts";
import type { Frame } from "./helpers/socket-pair.ts";

const byType = (frames: Frame[], t: string) => frames.filter((f) => f.t === t);

async function setup() {
  const h = await makeHarness();
  for (const u of ["alice", "bob", "carol", "dave"]) h.store.addUser(u);
  h.store.addRoom("general", "channel", ["alice", "bob", "carol"]);
  h.store.addRoom("secret", "group", ["alice", "carol"]);
  h.store.addRoom("dm1", "dm", ["alice", "bob"]);
  return h;
}

test("[GEN-5] a socket never carries a room its user is not in", async () => {
  const h = await setup();
  const dave = await h.connect("dave");
  const bob = await h.connect("bob");
  dave.flushToClient();
  bob.flushToClient();
  await h.publish(h.store.post("secret", "alice", "hello @all", h.clock.now()));
  assert.deepEqual(dave.flushToClient(), []);
  assert.deepEqual(bob.flushToClient(), []);
  await h.publish(h.store.post("general", "alice", "hi", h.clock.now()));
  assert.equal(byType(bob.flushToClient(), "message").length, 1);
  assert.deepEqual(dave.flushToClient(), []);
  await h.close();
});

test("[GEN-5] membership.changed updates the member index: a leaver gets nothing more, a joiner gets it", async () => {
  const h = await setup();
  const bob = await h.connect("bob");
  const dave = await h.connect("dave");
  h.store.rooms.get("general")!.members.delete("bob");
  await h.publish({ type: "membership.changed", roomId: "general", userId: "bob", joined: false });
  h.store.rooms.get("general")!.members.set("dave", {
    prefs: { alerts: true, muteGroup: false, desktop: "default", sound: "default", snoozeUntil: null },
    lastRead: 0,
  });
  await h.publish({ type: "membership.changed", roomId: "general", userId: "dave", joined: true });
  bob.flushToClient();
  dave.flushToClient();
  await h.publish(h.store.post("general", "alice", "after", h.clock.now()));
  assert.deepEqual(byType(bob.flushToClient(), "message"), []);
  assert.equal(byType(dave.flushToClient(), "message").length, 1);
  await h.close();
});

test("[BDG-4] one write per client per event: shared frame + notify + badge in one multi", async () => {
  const h = await setup();
  const bob = await h.connect("bob");
  bob.flushToClient();
  const before = bob.writes.length;
  await h.publish(h.store.post("general", "alice", "hey @bob", h.clock.now()));
  const got = bob.flushToClient();
  assert.equal(bob.writes.length - before, 1);
  assert.deepEqual(
    got.map((f) => f.t),
    ["message", "notify", "badge"],
  );
  const notify = got[1];
  assert.equal(notify.trigger, "mention");
  assert.deepEqual(notify.banner, { title: "ALICE in #general", body: "hey @bob", senderId: "alice" });
  assert.deepEqual(notify.sound, { name: "ding", volume: 100, loop: false });
  assert.equal(got[2].total, 1);
  await h.close();
});

test("[DSK-3] one banner per device, on its most recently focused tab; every device gets one", async () => {
  const h = await setup();
  const tab1 = await h.connect("bob", { deviceId: "laptop", focused: false, visible: false });
  h.clock.advance(1000);
  const tab2 = await h.connect("bob", { deviceId: "laptop", focused: false, visible: true });
  const other = await h.connect("bob", { deviceId: "desktop-app", deviceKind: "desktop" });
  for (const p of [tab1, tab2, other]) p.flushToClient();
  await h.publish(h.store.post("dm1", "alice", "ping", h.clock.now()));
  const banners = [tab1, tab2, other].map(
    (p) => byType(p.flushToClient(), "notify").filter((n) => n.banner).length,
  );
  assert.deepEqual(banners, [0, 1, 1]);
  assert.deepEqual(h.records.at(-1)?.notified[0].devices.sort(), ["desktop-app", "laptop"]);
  await h.close();
});

test("[DSK-2] no banner and no sound on a device whose focused window shows that room", async () => {
  const h = await setup();
  const bob = await h.connect("bob", { focused: true, view: { roomId: "dm1" } });
  bob.flushToClient();
  await h.publish(h.store.post("dm1", "alice", "in view", h.clock.now()));
  const notify = byType(bob.flushToClient(), "notify");
  assert.equal(notify.length, 1);
  assert.equal(notify[0].banner, undefined);
  assert.equal(notify[0].sound, undefined);
  // Another room is not in view: banner.
  await h.publish(h.store.post("general", "alice", "@bob elsewhere", h.clock.now()));
  assert.ok(byType(bob.flushToClient(), "notify")[0].banner);
  await h.close();
});

test("[PRF-1] default level 'mentions': a plain channel message gives the frame and no notify", async () => {
  const h = await setup();
  const bob = await h.connect("bob");
  bob.flushToClient();
  await h.publish(h.store.post("general", "alice", "plain", h.clock.now()));
  const got = bob.flushToClient();
  assert.deepEqual(
    got.map((f) => f.t),
    ["message", "badge"],
  );
  const rec = h.records.at(-1)!;
  assert.equal(rec.notified.length, 0);
  // EXP-3: members who got nothing are one aggregate entry per reason.
  assert.deepEqual(
    rec.nothing.map((n) => n.userIds.length).reduce((a, b) => a + b, 0),
    1,
  );
  await h.close();
});

test("[PRF-36] a room with alerts off gives no banner even for a personal mention; counts still move", async () => {
  const h = await setup();
  const bob = await h.connect("bob");
  await h.publish(
    h.store.setMemberPrefs("general", "bob", {
      alerts: false,
      muteGroup: false,
      desktop: "default",
      sound: "default",
      snoozeUntil: null,
    }),
  );
  bob.flushToClient();
  await h.publish(h.store.post("general", "alice", "@bob", h.clock.now()));
  const got = bob.flushToClient();
  // The in-app item still arrives (GEN-1), without banner or sound.
  assert.deepEqual(
    got.map((f) => f.t),
    ["message", "notify", "badge"],
  );
  assert.equal(got[1].banner, undefined);
  assert.equal(got[1].sound, undefined);
  assert.equal(byType(got, "badge")[0].total, 1);
  assert.deepEqual(
    { rule: h.records.at(-1)!.nothing[0].rule, trigger: h.records.at(-1)!.nothing[0].trigger },
    // DSK-1 names every banner block (level, PRF-36, busy, quiet hours); explain words which one from core.
    { rule: "DSK-1", trigger: "mention" },
  );
  await h.close();
});

test("[PRS-5] busy (do not disturb) gives no banner; [MEN-5] the sender gets no notify", async () => {
  const h = await setup();
  h.store.addUser("bob", { dndUntil: null });
  const bob = await h.connect("bob");
  const alice = await h.connect("alice");
  bob.flushToClient();
  alice.flushToClient();
  await h.publish(h.store.post("dm1", "alice", "are you there", h.clock.now()));
  const notify = byType(bob.flushToClient(), "notify");
  assert.equal(notify.length, 1);
  assert.equal(notify[0].banner, undefined);
  const blocked = h.records.at(-1)!.nothing.find((n) => n.rule === "DSK-1" && n.trigger === "dm");
  assert.deepEqual(blocked?.userIds, ["bob"]);
  assert.deepEqual(byType(alice.flushToClient(), "notify"), []);
  await h.close();
});

test("[PRF-37] muted group mentions: @all is no trigger and no mention count", async () => {
  const h = await setup();
  const bob = await h.connect("bob");
  const carol = await h.connect("carol");
  await h.publish(
    h.store.setMemberPrefs("general", "bob", {
      alerts: true,
      muteGroup: true,
      desktop: "default",
      sound: "default",
      snoozeUntil: null,
    }),
  );
  bob.flushToClient();
  carol.flushToClient();
  await h.publish(h.store.post("general", "alice", "@all standup", h.clock.now()));
  assert.deepEqual(byType(bob.flushToClient(), "notify"), []);
  const c = carol.flushToClient();
  assert.equal(byType(c, "notify")[0].trigger, "group");
  assert.equal(byType(c, "badge")[0].total, 1);
  await h.close();
});

test("[BDG-4] reading on one device clears the badge on the others", async () => {
  const h = await setup();
  const a = await h.connect("bob", { deviceId: "one" });
  const b = await h.connect("bob", { deviceId: "two" });
  await h.publish(h.store.post("dm1", "alice", "1", h.clock.now()));
  await h.publish(h.store.post("dm1", "alice", "2", h.clock.now()));
  a.flushToClient();
  assert.equal(byType(b.flushToClient(), "badge").at(-1)?.total, 2);
  const seq = h.store.read("bob", "dm1");
  await h.publish({ type: "room.read", userId: "bob", roomId: "dm1", seq });
  for (const p of [a, b]) {
    const got = p.flushToClient();
    assert.deepEqual(
      got.map((f) => f.t),
      ["read", "badge"],
    );
    assert.equal(got[1].total, 0);
  }
  await h.close();
});

test("[CAL-1] [SUP-3] sendToUser reaches every device of the target user and nobody else", async () => {
  const h = await setup();
  const a = await h.connect("bob", { deviceId: "one" });
  const b = await h.connect("bob", { deviceId: "two", deviceKind: "mobile" });
  const c = await h.connect("carol");
  for (const p of [a, b, c]) p.flushToClient();
  await h.gateway.sendToUser("bob", { t: "ring.start", callId: "c1", roomId: "dm1", from: "alice" });
  await h.settle();
  for (const p of [a, b])
    assert.deepEqual(
      p.flushToClient().map((f) => f.t),
      ["ring.start"],
    );
  assert.deepEqual(c.flushToClient(), []);
  await h.gateway.sendToUser("bob", { t: "ring.stop", callId: "c1", roomId: "dm1", from: "alice" });
  await h.settle();
  assert.deepEqual(
    a.flushToClient().map((f) => f.t),
    ["ring.stop"],
  );
  await h.close();
});

test("[MEN-2] @here notifies exactly the members the post path saw online at send time, not the gateway's view now", async () => {
  const h = await setup();
  const bob = await h.connect("bob");
  const carol = await h.connect("carol");
  bob.flushToClient();
  carol.flushToClient();
  // bob is connected here, but the post path read him as not online when the message was sent.
  await h.publish(
    h.store.post("general", "alice", "@here standup", h.clock.now(), { hereOnline: ["carol"] }),
  );
  const c = carol.flushToClient();
  assert.equal(byType(c, "notify")[0]?.trigger, "group");
  assert.equal(byType(c, "badge")[0]?.total, 1, "carol's `here` row counts (BDG-1)");
  assert.deepEqual(byType(bob.flushToClient(), "notify"), []);
  await h.close();
});
