// Badges follow deletes and `@all` edits (BDG-4, BDG-6, TRG-3): the members whose counts moved get a badge frame
// in the same write as the message.deleted / message.updated frame, equal to a recount from the stored messages;
// members whose counts cannot move are not recounted.
import assert from "node:assert/strict";
import { test } from "node:test";
import { makeHarness } from "./helpers/harness.ts";
import type { Frame, TestSocketPair } from "./helpers/socket-pair.ts";

const types = (frames: Frame[]) => frames.map((f) => f.t);
const badgeOf = (frames: Frame[]) => frames.find((f) => f.t === "badge");

async function room(names: string[]) {
  const h = await makeHarness();
  for (const u of names) h.store.addUser(u);
  h.store.addRoom("general", "channel", names);
  const pairs = new Map<string, TestSocketPair>();
  for (const u of names) pairs.set(u, await h.connect(u));
  let recounts = 0;
  const badge = h.store.readStates.bind(h.store);
  h.store.readStates = (u) => {
    recounts++;
    return badge(u);
  };
  const flush = () => {
    for (const p of pairs.values()) p.flushToClient();
  };
  return { h, pairs, flush, recounts: () => recounts };
}

test("[TRG-3] [BDG-1] [BDG-4] [BDG-6] a deleted message stops counting (unread and mention) in the same write", async () => {
  const { h, pairs, flush, recounts } = await room(["alice", "bob", "carol", "dave"]);
  await h.publish(h.store.post("general", "alice", "hi @bob", h.clock.now()));
  await h.publish(h.store.post("general", "alice", "plain", h.clock.now()));
  h.store.read("dave", "general");
  await h.publish({ type: "room.read", userId: "dave", roomId: "general", seq: 2 });
  flush();
  const before = recounts();
  await h.publish(h.store.remove("general", 1));
  const bob = pairs.get("bob")!;
  const got = bob.flushToClient();
  assert.deepEqual(types(got), ["message.deleted", "badge"], "one write: the delete and the new badge");
  assert.equal(badgeOf(got)?.total, 0, "the mention no longer counts");
  assert.equal(badgeOf(got)?.total, h.store.total("bob"), "equals the recount");
  assert.deepEqual((badgeOf(got)?.rooms as Record<string, unknown>).general, {
    unread: 1,
    mentions: 0,
    threads: 0,
  });
  const carol = pairs.get("carol")!.flushToClient();
  assert.deepEqual(types(carol), ["message.deleted", "badge"], "carol's unread moved too (BDG-1)");
  assert.deepEqual((badgeOf(carol)?.rooms as Record<string, unknown>).general, {
    unread: 1,
    mentions: 0,
    threads: 0,
  });
  assert.deepEqual(types(pairs.get("dave")!.flushToClient()), ["message.deleted"], "dave had read it");
  assert.deepEqual(types(pairs.get("alice")!.flushToClient()), ["message.deleted"], "the author");
  assert.equal(recounts() - before, 2, "only members with unread or mentions here are recounted");
  assert.deepEqual(h.errors, []);
  await h.close();
});

test("[BDG-2] [BDG-6] deleting an unread DM lowers the numbered badge", async () => {
  const h = await makeHarness();
  for (const u of ["alice", "bob"]) h.store.addUser(u);
  h.store.addRoom("dm1", "dm", ["alice", "bob"]);
  const bob = await h.connect("bob");
  await h.publish(h.store.post("dm1", "alice", "lunch?", h.clock.now()));
  await h.publish(h.store.post("dm1", "alice", "or not", h.clock.now()));
  assert.equal(badgeOf(bob.flushToClient().reverse())?.total, 2);
  await h.publish(h.store.remove("dm1", 2));
  const got = bob.flushToClient();
  assert.deepEqual(types(got), ["message.deleted", "badge"]);
  assert.equal(badgeOf(got)?.total, 1);
  assert.equal(badgeOf(got)?.total, h.store.total("bob"));
  await h.close();
});

test("[BDG-6] deleting an @all message lowers every counted member's badge; caught-up members unchanged", async () => {
  const { h, pairs, flush } = await room(["alice", "bob", "carol", "dave"]);
  await h.publish(h.store.setMemberPrefs("general", "carol", { ...mutedPrefs }));
  await h.publish(h.store.post("general", "alice", "@all standup", h.clock.now()));
  h.store.read("dave", "general");
  await h.publish({ type: "room.read", userId: "dave", roomId: "general", seq: 1 });
  flush();
  await h.publish(h.store.remove("general", 1));
  const bob = pairs.get("bob")!.flushToClient();
  assert.deepEqual(types(bob), ["message.deleted", "badge"]);
  assert.equal(badgeOf(bob)?.total, 0);
  assert.equal(badgeOf(bob)?.total, h.store.total("bob"));
  const carol = pairs.get("carol")!.flushToClient();
  assert.equal(badgeOf(carol)?.total, 0, "PRF-31 muted: the @all never counted, its unread goes");
  assert.deepEqual((badgeOf(carol)?.rooms as Record<string, unknown>).general, {
    unread: 0,
    mentions: 0,
    threads: 0,
  });
  assert.deepEqual(types(pairs.get("dave")!.flushToClient()), ["message.deleted"], "read past it");
  await h.close();
});

const mutedPrefs = {
  alerts: true,
  muteGroup: true,
  desktop: "default" as const,
  sound: "default",
  snoozeUntil: null,
};

test("[BDG-4] [BDG-6] an edit that newly adds @all raises the badges of members who have not read it, without notifying", async () => {
  const { h, pairs, flush } = await room(["alice", "bob", "carol", "dave"]);
  await h.publish(h.store.setMemberPrefs("general", "carol", { ...mutedPrefs }));
  await h.publish(h.store.post("general", "alice", "standup", h.clock.now()));
  h.store.read("dave", "general");
  await h.publish({ type: "room.read", userId: "dave", roomId: "general", seq: 1 });
  flush();
  await h.publish(h.store.edit("general", 1, "@all standup", [], true));
  const bob = pairs.get("bob")!.flushToClient();
  assert.deepEqual(types(bob), ["message.updated", "badge"], "TRG-3: a badge, no notify");
  assert.equal(badgeOf(bob)?.total, 1);
  assert.equal(badgeOf(bob)?.total, h.store.total("bob"), "equals the recount");
  assert.deepEqual(types(pairs.get("carol")!.flushToClient()), ["message.updated"], "muted @all (PRF-31)");
  assert.deepEqual(types(pairs.get("dave")!.flushToClient()), ["message.updated"], "already read");
  assert.deepEqual(types(pairs.get("alice")!.flushToClient()), ["message.updated"], "the author");
  // Editing again keeps the same @all row: nothing moves.
  await h.publish(h.store.edit("general", 1, "@all standup now", [], true));
  assert.deepEqual(types(pairs.get("bob")!.flushToClient()), ["message.updated"]);
  await h.close();
});

test("[BDG-6] [GEN-7] a member within the reconnect grace resumes with the recounted badge", async () => {
  const { h, pairs, flush } = await room(["alice", "bob"]);
  await h.publish(h.store.post("general", "alice", "hi @bob", h.clock.now()));
  flush();
  pairs.get("bob")!.drop();
  await h.publish(h.store.remove("general", 1));
  const again = await h.connect("bob");
  const ready = again.flushToClient().find((f) => f.t === "ready")!;
  assert.equal((ready.badge as { total: number }).total, 0);
  assert.equal((ready.badge as { total: number }).total, h.store.total("bob"));
  await h.close();
});
