// The frames the gateway splices together as strings for speed (notify, one-room badge, assigned.unread, multi)
// must be exactly the wire types of @herald/core/realtime that the SDK reads. Each expected frame below is
// typed by those declarations, so a field renamed on either side fails to compile or to compare.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { BadgeFrame, MessageFrame, NotifyFrame, ServerEvent } from "@herald/core/realtime";
import { makeHarness } from "./helpers/harness.ts";
import type { Frame } from "./helpers/socket-pair.ts";

async function setup() {
  const h = await makeHarness();
  for (const u of ["alice", "bob"]) h.store.addUser(u);
  h.store.addRoom("general", "channel", ["alice", "bob"]);
  return h;
}

/** A received frame with its cursor checked and taken over, so the rest compares exactly. */
function withCursor(f: Frame): { cursor: number } {
  assert.equal(typeof f.cursor, "number", `${f.t} carries its log cursor`);
  return { cursor: f.cursor as number };
}

test("[BDG-4][DSK-4] a mention's multi frame is a message, a notify and a one-room badge as the SDK types them", async () => {
  const h = await setup();
  const bob = await h.connect("bob");
  bob.flushToClient();
  await h.publish(h.store.post("general", "alice", "hey @bob", h.clock.now()));
  bob.flushToClient();
  const multi = JSON.parse(bob.writes.at(-1)!) as { t: string; events: Frame[] };
  assert.equal(multi.t, "multi");
  const [message, notify, badge] = multi.events;
  const m = message.message as MessageFrame["message"];
  const expectedMessage: MessageFrame = { t: "message", roomId: "general", seq: m.seq, message: m };
  assert.deepEqual(message, expectedMessage);
  const expectedNotify: NotifyFrame = {
    t: "notify",
    ...withCursor(notify),
    messageId: m.id,
    roomId: "general",
    trigger: "mention",
    banner: { title: "ALICE in #general", body: "hey @bob", senderId: "alice" },
    sound: { name: "ding", volume: 100, loop: false },
  };
  assert.deepEqual(notify, expectedNotify);
  const expectedBadge: BadgeFrame = {
    t: "badge",
    ...withCursor(badge),
    total: 1,
    dot: true,
    rooms: { general: { unread: 1, mentions: 1, threads: 0 } },
  };
  assert.deepEqual(badge, expectedBadge);
  await h.close();
});

test("[TRG-3][GEN-7] an edit's notify says edited; replayed on resume it says replay and keeps its cursor", async () => {
  const h = await setup();
  const bob = await h.connect("bob", { deviceId: "laptop" });
  bob.flushToClient();
  await h.publish(h.store.post("general", "alice", "hello", h.clock.now()));
  await h.publish(h.store.edit("general", 1, "hello @bob", ["bob"]));
  const live = bob.flushToClient();
  const notify = live.find((f) => f.t === "notify")!;
  const edited: NotifyFrame = {
    t: "notify",
    ...withCursor(notify),
    messageId: notify.messageId as string,
    roomId: "general",
    trigger: "mention",
    edited: true,
    banner: { title: "ALICE in #general", body: "hello @bob", senderId: "alice" },
    sound: { name: "ding", volume: 100, loop: false },
  };
  assert.deepEqual(notify, edited);
  // Another device resumes from before the edit: the notify comes again, marked replay, with a banner
  // (this device never showed it).
  const phone = await h.connect("bob", {
    deviceId: "phone",
    resume: { rooms: { general: 1 }, userCursor: edited.cursor! - 1 },
  });
  const replayed = phone.flushToClient().find((f) => f.t === "notify")!;
  assert.deepEqual(replayed, { ...edited, replay: true } satisfies NotifyFrame);
  await h.close();
});

test("[SUP-3][PRF-51] per-user frames keep the wire shape: pending, ring and a support notify", async () => {
  const h = await setup();
  const bob = await h.connect("bob");
  bob.flushToClient();
  const sent: ServerEvent[] = [
    { t: "pending.start", conversationId: "c1", inboxId: "i1", contactName: "Dora" },
    {
      t: "ring.start",
      callId: "k1",
      roomId: "general",
      from: "alice",
      sound: { name: "classic", loop: true },
    },
    {
      t: "notify",
      notificationId: "n1",
      roomId: null,
      messageId: null,
      conversationId: "c1",
      trigger: "support",
      event: "conversation_assigned",
      banner: { title: "Alice assigned you a conversation", body: "Dora", stay: 10, click: "open" },
      sound: { name: "classic", loop: false },
    },
  ];
  for (const f of sent) await h.gateway.sendToUser("bob", f as Parameters<typeof h.gateway.sendToUser>[1]);
  await h.settle();
  const got = bob.flushToClient();
  assert.equal(got.length, sent.length);
  for (const [i, f] of got.entries()) assert.deepEqual(f, { ...sent[i], ...withCursor(f) });
  await h.close();
});
