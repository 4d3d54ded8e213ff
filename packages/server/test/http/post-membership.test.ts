// A plain post reads nothing before its transaction: the statement that takes the room's seq checks that the
// sender is a member and reads the room its event names (store/messages.ts insertMemberMessage). These tests
// hold it to what the separate room read answered before: 404 room_not_found for a non-member (also in a
// public channel they could read, GEN-5) and for a room that does not exist, nothing written, and a non-member's
// post never fails the members' posts it shares a transaction with.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DomainEvent } from "../../src/events.ts";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

describe("posting checks membership in the post's own statement", () => {
  let h: Harness;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let channel: string;
  let group: string;
  const events: DomainEvent[] = [];
  const post = (u: TestUser, roomId: string, text: string) =>
    h.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${roomId}/messages`,
      headers: u.h,
      payload: { text },
    });
  const texts = async (roomId: string) =>
    (
      await h.services.store.db
        .selectFrom("messages")
        .select(["text", "seq"])
        .where("room_id", "=", roomId)
        .orderBy("seq")
        .execute()
    ).map((m) => `${m.seq}:${m.text}`);

  before(async () => {
    h = await harness();
    alice = await h.user("member", "alice");
    bob = await h.user("member", "bob");
    carol = await h.user("member", "carol");
    h.services.hooks.add({ afterCommit: (e) => void events.push(e) });
    const open = (kind: string, name: string) =>
      h.app.inject({
        method: "POST",
        url: "/api/v1/rooms",
        headers: alice.h,
        payload: { kind, name, memberIds: [bob.id] },
      });
    channel = (await open("channel", "open")).json().room.id;
    group = (await open("group", "closed")).json().room.id;
  });
  after(() => h.close());

  test("[GEN-5] a non-member's post is 404 room_not_found, in a private group and in a public channel; nothing is written", async () => {
    for (const roomId of [group, channel]) {
      const before = await texts(roomId);
      const r = await post(carol, roomId, "let me in");
      assert.equal(r.statusCode, 404, r.body);
      assert.equal(r.json().error.code, "room_not_found");
      assert.deepEqual(await texts(roomId), before);
    }
    const none = await post(alice, "no-such-room", "hello");
    assert.equal(none.statusCode, 404, none.body);
    assert.equal(none.json().error.code, "room_not_found");
  });

  test("[GEN-5] a non-member's post in the same transaction as members' posts fails alone; the room's seqs stay gapless", async () => {
    const start = events.length;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => post(i % 3 === 1 ? carol : i % 2 ? alice : bob, channel, `m${i}`)),
    );
    answers.forEach((r, i) => {
      assert.equal(r.statusCode, i % 3 === 1 ? 404 : 201, `post ${i}: ${r.body}`);
    });
    const stored = await texts(channel);
    assert.equal(stored.length, 8);
    assert.deepEqual(
      stored.map((s) => Number(s.split(":")[0])),
      stored.map((_, i) => i + 1),
      "every post took the next seq; a refused one took none",
    );
    // The event names the room as it is: kind, name and size read by the post's own statement.
    const posted = events.slice(start).filter((e) => e.type === "message.created");
    assert.equal(posted.length, 8);
    for (const e of posted)
      if (e.type === "message.created")
        assert.deepEqual(e.room, { id: channel, kind: "channel", name: "open", memberCount: 2 });
  });

  test("[GEN-5] after joining, the same user's post goes through and carries the new member count", async () => {
    const joined = await h.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${channel}/join`,
      headers: carol.h,
    });
    assert.ok(joined.statusCode < 300, joined.body);
    const r = await post(carol, channel, "now I am in");
    assert.equal(r.statusCode, 201, r.body);
    const last = events.at(-1);
    assert.equal(last?.type, "message.created");
    if (last?.type === "message.created") assert.equal(last.room.memberCount, 3);
  });
});
