// GEN-7 beyond the node's memory: ring/pending alerts from the store on every hello (SUP-3, CAL-1), missed
// stops replayed, a resume after a restart rebuilt from the store (no second banner), logs dropped after the
// PRS-4 grace (bounded memory), and PRF-50's assigned.unread.
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

test("[SUP-3] [CAL-1] [GEN-7] an agent who connects while a contact is pending (or a call rings) gets the alert", async () => {
  const h = await makeHarness();
  h.store.addUser("ann");
  h.store.alerts.set("ann", [
    { t: "pending.start", conversationId: "c1", inboxId: "i1", contactName: "Zoe" },
    { t: "ring.start", callId: "k1", roomId: "dm1", from: "bob", sound: { name: "classic", loop: true } },
  ]);
  const ann = await h.connect("ann");
  const got = ann.flushToClient();
  assert.deepEqual(
    got.map((f) => [f.t, f.replay ?? false]),
    [
      ["ready", false],
      ["pending.start", true],
      ["ring.start", true],
    ],
  );
  assert.equal(got[1].contactName, "Zoe");
  assert.deepEqual(got[2].sound, { name: "classic", loop: true });
  // The stop reaches the connected agent live.
  await h.gateway.sendToUser("ann", { t: "pending.stop", conversationId: "c1", inboxId: "i1" });
  await h.settle();
  assert.deepEqual(
    ann.flushToClient().map((f) => f.t),
    ["pending.stop"],
  );
  await h.close();
});

test("[SUP-3] [GEN-7] a stop missed during a short drop is replayed; what still rings is sent again", async () => {
  const h = await makeHarness();
  h.store.addUser("ann");
  h.store.alerts.set("ann", [
    { t: "pending.start", conversationId: "c1", inboxId: "i1" },
    { t: "pending.start", conversationId: "c2", inboxId: "i1" },
  ]);
  const first = await h.connect("ann");
  const seen = first.flushToClient();
  first.drop();
  await h.settle();
  // c1 is picked up while the client is away (within the PRS-4 grace: this node still logs for it).
  h.store.alerts.set("ann", [{ t: "pending.start", conversationId: "c2", inboxId: "i1" }]);
  await h.gateway.sendToUser("ann", { t: "pending.stop", conversationId: "c1", inboxId: "i1" });
  await h.settle();
  const again = await h.connect("ann", { resume: { rooms: {}, userCursor: cursorOf(seen) } });
  const got = again.flushToClient();
  assert.deepEqual(
    got.map((f) => [f.t, f.conversationId ?? null]),
    [
      ["ready", null],
      ["pending.stop", "c1"],
      ["pending.start", "c2"],
    ],
  );
  assert.equal(got[0].gap, false);
  await h.close();
});

test("[GEN-7] after a gateway restart a resume is rebuilt from the store: items without banner, missed stops, no gap", async () => {
  const first = await makeHarness();
  for (const u of ["alice", "bob"]) first.store.addUser(u);
  first.store.addRoom("dm1", "dm", ["alice", "bob"]);
  const bob = await first.connect("bob", { deviceId: "laptop" });
  await first.publish(first.store.post("dm1", "alice", "one", first.clock.now()));
  const seen = bob.flushToClient();
  const cursor = cursorOf(seen);
  await first.close();
  // The process restarts; the database (store) and time go on.
  first.clock.advance(60_000);
  const h = await makeHarness({ store: first.store, clock: first.clock });
  h.store.post("dm1", "alice", "two", h.clock.now());
  h.store.missed = {
    notifies: [
      {
        notificationId: "n2",
        trigger: "dm",
        roomId: "dm1",
        messageId: "m2",
        threadId: null,
        conversationId: null,
        callId: null,
        event: null,
        createdAt: h.clock.now(),
      },
    ],
    stops: [{ t: "ring.stop", callId: "k1", roomId: "dm1", from: "alice", reason: "timeout" }],
    truncated: false,
  };
  const again = await h.connect("bob", {
    deviceId: "laptop",
    resume: { rooms: { dm1: 1 }, userCursor: cursor },
  });
  const got = again.flushToClient();
  assert.equal(got[0].t, "ready");
  assert.equal(got[0].gap, false);
  assert.equal(got[0].rebuilt, true);
  assert.ok((got[0].userCursor as number) > cursor, "cursors never go backwards across a restart");
  assert.deepEqual(
    got.slice(1).map((f) => [f.t, f.replay]),
    [
      ["message", true],
      ["notify", true],
      ["ring.stop", true],
    ],
  );
  const notify = got[2];
  assert.equal(notify.notificationId, "n2");
  assert.equal(notify.banner, undefined, "no banner from a rebuild (GEN-7: never a second one)");
  // Rebuilt from shortly before the client's last cursor (time-based), never from the start of time.
  assert.ok(h.store.missedAsked[0] >= Math.floor(cursor / 1000) - 5_000);
  assert.equal((got[0].badge as { total: number }).total, 2);
  await h.close();
});

test("[GEN-7] a truncated rebuild says gap: reload the inbox over HTTP", async () => {
  const h = await makeHarness();
  h.store.addUser("bob");
  h.store.missed = { notifies: [], stops: [], truncated: true };
  const bob = await h.connect("bob", { resume: { rooms: {}, userCursor: 1 } });
  assert.equal(bob.flushToClient()[0].gap, true);
  await h.close();
});

test("[GEN-7] a user's log is dropped 30 s after the last connection (bounded memory); a later resume is rebuilt", async () => {
  const h = await makeHarness();
  h.store.addUser("bob");
  const bob = await h.connect("bob");
  const seen = bob.flushToClient();
  bob.drop();
  h.clock.advance(30_000);
  await h.settle();
  assert.equal(h.gateway.locals.has("bob"), false);
  const again = await h.connect("bob", { resume: { rooms: {}, userCursor: cursorOf(seen) } });
  assert.equal(again.flushToClient()[0].rebuilt, true);
  assert.equal(h.store.missedAsked.length, 1);
  await h.close();
});

test("[PRF-50] assigned.unread lists assigned conversations with unread messages and follows reads and assignment", async () => {
  const h = await makeHarness();
  for (const u of ["ann", "ben"]) h.store.addUser(u);
  h.store.addRoom("conv1", "conversation", ["ann", "ben"]);
  h.store.conversations.set("conv1", { conversationId: "c1", assigneeId: "ann" });
  const ann = await h.connect("ann");
  const ben = await h.connect("ben");
  ann.flushToClient();
  ben.flushToClient();
  h.store.users.set("contact", { ...h.store.users.get("ann")!, userId: "contact" });
  h.store.rooms.get("conv1")!.members.set("contact", {
    prefs: { alerts: true, muteGroup: false, desktop: "default", sound: "default", snoozeUntil: null },
    lastRead: 0,
  });
  await h.publish(h.store.post("conv1", "contact", "hello?", h.clock.now()));
  const a = ann.flushToClient();
  assert.deepEqual(a.find((f) => f.t === "assigned.unread")?.conversationIds, ["c1"]);
  assert.equal(a.find((f) => f.t === "badge")?.total, 1, "BDG-2: unread of an assigned conversation counts");
  assert.equal(
    ben.flushToClient().find((f) => f.t === "assigned.unread"),
    undefined,
    "not assigned to ben",
  );
  // A fresh tab learns the set at hello.
  const tab2 = await h.connect("ann", { deviceId: "tab2" });
  assert.deepEqual(tab2.flushToClient().find((f) => f.t === "assigned.unread")?.conversationIds, ["c1"]);
  const seq = h.store.read("ann", "conv1");
  await h.publish({ type: "room.read", userId: "ann", roomId: "conv1", seq });
  assert.deepEqual(ann.flushToClient().find((f) => f.t === "assigned.unread")?.conversationIds, []);
  // Reassigned to ben while unread: ben's badge and set follow (SUP-5).
  await h.publish(h.store.post("conv1", "contact", "anyone?", h.clock.now()));
  h.store.conversations.set("conv1", { conversationId: "c1", assigneeId: "ben" });
  await h.publish({
    type: "conversation.changed",
    roomId: "conv1",
    conversationId: "c1",
    assigneeId: "ben",
    status: "open",
  });
  const b = ben.flushToClient();
  assert.deepEqual(b.find((f) => f.t === "assigned.unread")?.conversationIds, ["c1"]);
  assert.equal(b.findLast((f) => f.t === "badge")?.total, 2);
  assert.deepEqual(ann.flushToClient().findLast((f) => f.t === "assigned.unread")?.conversationIds, []);
  await h.close();
});

test("[SUP-7] a conversation room message gives agents the message and badge, never a chat-style notify", async () => {
  const h = await makeHarness();
  h.store.addUser("ann", { desktop: "all" });
  h.store.addUser("contact");
  h.store.addRoom("conv1", "conversation", ["ann", "contact"]);
  const ann = await h.connect("ann");
  ann.flushToClient();
  await h.publish(h.store.post("conv1", "contact", "help @ann", h.clock.now()));
  assert.deepEqual(
    ann.flushToClient().map((f) => f.t),
    ["message", "badge"],
  );
  await h.close();
});

test("[PRF-51] [DSK-3] a support notify: banner on one tab per device, none where the conversation is in view", async () => {
  const h = await makeHarness();
  h.store.addUser("ann");
  const t1 = await h.connect("ann", { deviceId: "laptop", focused: false, visible: true });
  const t2 = await h.connect("ann", { deviceId: "laptop", focused: false, visible: false });
  const desk = await h.connect("ann", { deviceId: "desk", focused: true, view: { roomId: "conv1" } });
  for (const p of [t1, t2, desk]) p.flushToClient();
  await h.gateway.sendToUser("ann", {
    t: "notify",
    notificationId: "n1",
    roomId: "conv1",
    messageId: "m1",
    conversationId: "c1",
    trigger: "support",
    event: "assigned_conversation_message",
    banner: { title: "Zoe wrote", body: "hi", stay: 10, click: "open" },
    sound: { name: "classic", loop: false },
    alsoWhenFocused: true,
  });
  await h.settle();
  const [a, b, c] = [t1, t2, desk].map((p) => p.flushToClient());
  assert.deepEqual(a[0].banner, { title: "Zoe wrote", body: "hi", stay: 10, click: "open" });
  assert.deepEqual(a[0].sound, { name: "classic", loop: false });
  assert.equal(a[0].alsoWhenFocused, true);
  assert.equal(b[0].banner, undefined, "one tab per device");
  assert.equal(c[0].banner, undefined, "DSK-2: the focused window shows this conversation");
  assert.equal(c[0].notificationId, "n1", "every tab still gets the item");
  await h.close();
});
