import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DomainEvent } from "../../src/events.ts";
import { decidePersonal } from "../../src/jobs/personal.ts";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

describe("messages", () => {
  let h: Harness;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let roomId: string;
  const events: DomainEvent[] = [];
  const api = (
    u: TestUser,
    method: "GET" | "POST" | "PATCH" | "DELETE" | "PUT",
    url: string,
    payload?: object,
  ) => h.app.inject({ method, url: `/api/v1${url}`, headers: u.h, ...(payload ? { payload } : {}) });

  before(async () => {
    h = await harness();
    alice = await h.user("member", "alice");
    bob = await h.user("member", "bob");
    carol = await h.user("member", "carol");
    h.services.hooks.add({ afterCommit: (e) => void events.push(e) });
    const r = await api(alice, "POST", "/rooms", { kind: "channel", name: "general", memberIds: [bob.id] });
    roomId = r.json().room.id;
  });
  after(() => h.close());

  test("[GEN-5] GET /rooms?scope=public lists every public channel with member counts and my membership, never groups", async () => {
    await api(alice, "POST", "/rooms", { kind: "group", name: "secret", memberIds: [bob.id] });
    const lobby = (await api(alice, "POST", "/rooms", { kind: "channel", name: "lobby" })).json().room.id;
    const r = await api(carol, "GET", "/rooms?scope=public");
    assert.equal(r.statusCode, 200, r.body);
    const rooms = r.json().rooms as {
      id: string;
      name: string;
      kind: string;
      member: boolean;
      memberCount: number;
    }[];
    assert.ok(
      rooms.every((x) => x.kind === "channel"),
      "groups, dms and conversations are never listed",
    );
    assert.ok(!rooms.some((x) => x.name === "secret"));
    const listed = rooms.find((x) => x.id === lobby);
    assert.deepEqual([listed?.member, listed?.memberCount], [false, 1]);
    assert.equal(rooms.find((x) => x.id === roomId)?.member, false, "carol is not in #general");
    assert.equal((await api(carol, "POST", `/rooms/${lobby}/join`)).statusCode < 300, true);
    const again = (await api(carol, "GET", "/rooms?scope=public")).json().rooms as {
      id: string;
      member: boolean;
    }[];
    assert.equal(again.find((x) => x.id === lobby)?.member, true);
    assert.equal((await api(carol, "GET", "/rooms?scope=everything")).statusCode, 400);
  });

  test("[MEN-1] mentioning a non-member notifies nobody and hints the sender", async () => {
    const r = await api(alice, "POST", `/rooms/${roomId}/messages`, { text: "hi @Bob and @carol" });
    assert.equal(r.statusCode, 201);
    assert.deepEqual(r.json().hints, [{ code: "not_in_room", username: "carol" }]);
    const ev = events.findLast((e) => e.type === "message.created");
    assert.ok(ev && ev.type === "message.created");
    assert.deepEqual(ev.resolved.users, [bob.id]);
    const badge = (await api(bob, "GET", "/me/badge")).json();
    assert.deepEqual(badge.rooms[roomId], { unread: 1, mentions: 1, threads: 0 });
    assert.equal(badge.total, 1);
  });

  test("[BDG-1] posting marks the room read for the sender; reading clears unread and mentions", async () => {
    const a = (await api(alice, "GET", "/me/badge")).json();
    assert.equal(a.rooms[roomId].unread, 0);
    await api(bob, "POST", `/rooms/${roomId}/read`, {});
    const b = (await api(bob, "GET", "/me/badge")).json();
    assert.deepEqual(b.rooms[roomId], { unread: 0, mentions: 0, threads: 0 });
  });

  test("[TRG-2][BDG-1] thread replies keep the room unread still and count in the follower's thread", async () => {
    const root = (await api(bob, "POST", `/rooms/${roomId}/messages`, { text: "root" })).json().message;
    await api(alice, "POST", `/rooms/${roomId}/read`, {});
    const reply = await api(alice, "POST", `/rooms/${roomId}/messages`, {
      text: "reply",
      threadRootId: root.id,
    });
    assert.equal(reply.statusCode, 201);
    assert.equal(reply.json().message.inRoom, false);
    const b = (await api(bob, "GET", "/me/badge")).json();
    // bob wrote the root, so he follows the thread; the reply does not make the room unread.
    assert.deepEqual(b.rooms[roomId], { unread: 0, mentions: 0, threads: 1 });
    const t = (await api(bob, "GET", `/messages/${root.id}/thread`)).json();
    assert.equal(t.replies.length, 1);
    assert.equal(t.following, true);
    await api(bob, "POST", `/threads/${root.id}/read`, {});
    assert.equal((await api(bob, "GET", "/me/badge")).json().rooms[roomId].threads, 0);
    await api(bob, "DELETE", `/messages/${root.id}/follow`);
    await api(alice, "POST", `/rooms/${roomId}/messages`, { text: "reply 2", threadRootId: root.id });
    assert.equal((await api(bob, "GET", "/me/badge")).json().rooms[roomId].threads, 0);
  });

  test("[MEN-2][BDG-1] @all counts as a mention for every member but the sender, unless muted (PRF-37)", async () => {
    await api(bob, "POST", `/rooms/${roomId}/read`, {});
    await api(alice, "POST", `/rooms/${roomId}/messages`, { text: "@all standup" });
    assert.equal((await api(bob, "GET", "/me/badge")).json().rooms[roomId].mentions, 1);
    assert.equal((await api(alice, "GET", "/me/badge")).json().rooms[roomId].mentions, 0);
    await api(bob, "PUT", `/rooms/${roomId}/preferences`, { muteGroupMentions: true });
    assert.equal((await api(bob, "GET", "/me/badge")).json().rooms[roomId].mentions, 0);
  });

  test("[MEN-7] @all above N members is 403 group_mention_restricted for non-admins (PRV-9)", async () => {
    const s = await api(h.admin, "PUT", "/admin/settings", { restrictGroupMentionsAbove: 1 });
    assert.equal(s.statusCode, 200);
    const r = await api(alice, "POST", `/rooms/${roomId}/messages`, { text: "@here anyone?" });
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().error.code, "group_mention_restricted");
    await api(h.admin, "PUT", "/admin/settings", { restrictGroupMentionsAbove: null });
    const ok = await api(alice, "POST", `/rooms/${roomId}/messages`, { text: "@here anyone?" });
    assert.equal(ok.statusCode, 201);
  });

  test("[MEN-4] a keyword counts like a personal mention", async () => {
    await api(bob, "PUT", "/me/preferences", { keywords: ["deploy"] });
    await api(bob, "POST", `/rooms/${roomId}/read`, {});
    await api(alice, "POST", `/rooms/${roomId}/messages`, { text: "Deploy at noon" });
    assert.equal((await api(bob, "GET", "/me/badge")).json().rooms[roomId].mentions, 1);
  });

  test("[MEN-6] a user who ignores the sender gets no mention from them", async () => {
    await api(bob, "POST", `/rooms/${roomId}/read`, {});
    await api(bob, "PUT", `/me/ignores/${alice.id}`);
    await api(alice, "POST", `/rooms/${roomId}/messages`, { text: "@bob look" });
    const b = (await api(bob, "GET", "/me/badge")).json().rooms[roomId];
    assert.deepEqual([b.unread, b.mentions], [1, 0]);
    await api(bob, "DELETE", `/me/ignores/${alice.id}`);
  });

  test("[TRG-3] an edit counts only newly mentioned users; delete fires message.deleted", async () => {
    await api(alice, "POST", `/rooms/${roomId}/members`, { userIds: [carol.id] });
    const m = (await api(alice, "POST", `/rooms/${roomId}/messages`, { text: "hi @bob" })).json().message;
    const e = await api(alice, "PATCH", `/messages/${m.id}`, { text: "hi @bob and @carol" });
    assert.equal(e.statusCode, 200);
    const ev = events.findLast((x) => x.type === "message.updated");
    assert.ok(ev && ev.type === "message.updated");
    assert.deepEqual(ev.previousResolved.users, [bob.id]);
    const notified = await h.services.store.db.transaction().execute((trx) => decidePersonal(trx, ev));
    assert.deepEqual(
      notified.candidacy.filter((c) => c.trigger !== null).map((c) => c.userId),
      [carol.id],
    );
    const notMine = await api(bob, "PATCH", `/messages/${m.id}`, { text: "x" });
    assert.equal(notMine.statusCode, 403);
    const d = await api(alice, "DELETE", `/messages/${m.id}`);
    assert.equal(d.statusCode, 200);
    assert.equal(events.findLast((x) => x.type === "message.deleted")?.type, "message.deleted");
    assert.equal((await api(bob, "GET", `/messages/${m.id}`)).json().message.text, "");
  });

  test("[GEN-4] text over 16 KiB is 400 text_too_long; nothing is written", async () => {
    const before = (await api(alice, "GET", `/rooms/${roomId}`)).json().room.lastSeq;
    const r = await api(alice, "POST", `/rooms/${roomId}/messages`, { text: "x".repeat(16 * 1024 + 1) });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.code, "text_too_long");
    assert.equal(r.json().error.field, "text");
    assert.equal((await api(alice, "GET", `/rooms/${roomId}`)).json().room.lastSeq, before);
  });

  test("[BDG-2] dm unread counts in the numbered badge", async () => {
    const dm = (await api(alice, "POST", "/dms", { userIds: [carol.id] })).json().room;
    assert.equal(dm.kind, "dm");
    const again = (await api(carol, "POST", "/dms", { userIds: [alice.id] })).json();
    assert.equal(again.room.id, dm.id);
    const before = (await api(carol, "GET", "/me/badge")).json().total;
    await api(alice, "POST", `/rooms/${dm.id}/messages`, { text: "psst" });
    assert.equal((await api(carol, "GET", "/me/badge")).json().total, before + 1);
    await api(carol, "POST", "/me/read-all");
    assert.equal((await api(carol, "GET", "/me/badge")).json().total, 0);
  });

  test("[GEN-4] dm posts that arrive together with channel posts notify as each posted alone would", async () => {
    // A dm post's hooks read its members inside the transaction: in a group it must not run ahead of the
    // posts after it (http/messages/batch.ts).
    const dm = (await api(bob, "POST", "/dms", { userIds: [carol.id] })).json().room;
    const { db } = h.services.store;
    const rowsOf = (ids: string[]) =>
      Promise.all(
        ids.map(async (id) => [
          (await db.selectFrom("notifications").select("user_id").where("message_id", "=", id).execute())
            .map((r) => r.user_id)
            .sort()
            .join(),
          (
            await db
              .selectFrom("deliveries")
              .select(["user_id", "kind"])
              .where("message_id", "=", id)
              .execute()
          )
            .map((r) => `${r.user_id}:${r.kind}`)
            .sort()
            .join(),
        ]),
      );
    const post = (u: TestUser, room: string, text: string) =>
      api(u, "POST", `/rooms/${room}/messages`, { text });
    const alone: string[] = [];
    for (const text of ["alone 1", "alone 2"]) alone.push((await post(bob, dm.id, text)).json().message.id);
    const [expected, second] = await rowsOf(alone);
    assert.deepEqual(second, expected);
    assert.ok(expected[0].includes(carol.id), "carol has an inbox item for a dm post");
    const together = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 ? post(bob, dm.id, `together ${i}`) : post(alice, roomId, `plain ${i}`),
      ),
    );
    assert.deepEqual(
      together.map((r) => r.statusCode),
      Array(12).fill(201),
    );
    const dmPosts = together.filter((_, i) => i % 2).map((r) => r.json().message);
    assert.deepEqual(await rowsOf(dmPosts.map((m) => m.id)), Array(6).fill(expected));
    const seqs = dmPosts.map((m) => m.seq as number).sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => seqs[0] + i),
    );
  });

  test("[TRG-2][BDG-1] every REST message says alsoInRoom; a thread-only reply is told apart from room messages", async () => {
    const root = (await api(bob, "POST", `/rooms/${roomId}/messages`, { text: "shape root" })).json().message;
    assert.equal(root.alsoInRoom, false);
    const only = (
      await api(alice, "POST", `/rooms/${roomId}/messages`, { text: "thread only", threadRootId: root.id })
    ).json().message;
    const also = (
      await api(alice, "POST", `/rooms/${roomId}/messages`, {
        text: "also in room",
        threadRootId: root.id,
        alsoInRoom: true,
      })
    ).json().message;
    assert.deepEqual([only.alsoInRoom, only.threadSeq, only.inRoom], [false, 1, false]);
    assert.deepEqual([also.alsoInRoom, also.threadSeq, also.inRoom], [true, 2, true]);
    assert.ok(also.seq > root.seq, "a reply also posted to the room takes its own room seq");
    const page = (await api(bob, "GET", `/rooms/${roomId}/messages`)).json().messages;
    for (const m of page) assert.equal(typeof m.alsoInRoom, "boolean", `message ${m.id}`);
    assert.ok(!page.some((m: { id: string }) => m.id === only.id), "thread-only replies are not in the room");
    assert.equal(page.find((m: { id: string }) => m.id === also.id).alsoInRoom, true);
    const t = (await api(bob, "GET", `/messages/${root.id}/thread`)).json();
    assert.deepEqual(
      t.replies.map((r: { alsoInRoom: boolean }) => r.alsoInRoom),
      [false, true],
    );
    assert.equal((await api(bob, "GET", `/messages/${only.id}`)).json().message.alsoInRoom, false);
  });

  test("[BDG-1] thread roots carry replyCount and lastReplyAt (one batched lookup per page)", async () => {
    const root = (await api(bob, "POST", `/rooms/${roomId}/messages`, { text: "count root" })).json().message;
    assert.deepEqual([root.replyCount, root.lastReplyAt], [0, null]);
    h.clock.advance(1000);
    await api(alice, "POST", `/rooms/${roomId}/messages`, { text: "r1", threadRootId: root.id });
    h.clock.advance(1000);
    const r2 = (
      await api(alice, "POST", `/rooms/${roomId}/messages`, { text: "r2", threadRootId: root.id })
    ).json().message;
    const page = (await api(bob, "GET", `/rooms/${roomId}/messages`)).json().messages;
    const seen = page.find((m: { id: string }) => m.id === root.id);
    assert.deepEqual([seen.replyCount, seen.lastReplyAt], [2, r2.createdAt]);
    const plain = page.find(
      (m: { threadRootId: string | null; id: string }) => m.id !== root.id && !m.threadRootId,
    );
    assert.equal(typeof plain.replyCount, "number");
    assert.equal(r2.replyCount, undefined, "replies carry no reply count");
    const one = (await api(bob, "GET", `/messages/${root.id}`)).json().message;
    assert.equal(one.replyCount, 2);
    assert.equal((await api(bob, "GET", `/messages/${root.id}/thread`)).json().root.replyCount, 2);
    await api(alice, "DELETE", `/messages/${r2.id}`);
    assert.equal((await api(bob, "GET", `/messages/${root.id}`)).json().message.replyCount, 1);
  });

  test("[BDG-1][BDG-6] a deleted message is not unread (room and followed thread); counts equal a recount", async () => {
    await api(bob, "POST", "/me/read-all");
    const ids: string[] = [];
    for (const text of ["one", "two @bob", "three"])
      ids.push((await api(alice, "POST", `/rooms/${roomId}/messages`, { text })).json().message.id);
    assert.deepEqual((await api(bob, "GET", "/me/badge")).json().rooms[roomId], {
      unread: 3,
      mentions: 1,
      threads: 0,
    });
    await api(alice, "DELETE", `/messages/${ids[1]}`);
    const after = (await api(bob, "GET", "/me/badge")).json().rooms[roomId];
    assert.deepEqual(after, { unread: 2, mentions: 0, threads: 0 });
    assert.deepEqual(after, await recount(bob.id));
    assert.equal((await api(bob, "GET", "/me/badge")).json().total, 0, "no mention left in the number");
    // Reading past the deleted one, then deleting an already-read message, changes nothing.
    await api(bob, "POST", `/rooms/${roomId}/read`, {});
    await api(alice, "DELETE", `/messages/${ids[0]}`);
    assert.deepEqual((await api(bob, "GET", "/me/badge")).json().rooms[roomId], await recount(bob.id));
    assert.equal((await api(bob, "GET", "/me/badge")).json().rooms[roomId].unread, 0);
    // A followed thread whose only unread reply is deleted is read again.
    const root = (await api(bob, "POST", `/rooms/${roomId}/messages`, { text: "mine" })).json().message;
    const reply = (
      await api(alice, "POST", `/rooms/${roomId}/messages`, { text: "re", threadRootId: root.id })
    ).json().message;
    assert.equal((await api(bob, "GET", "/me/badge")).json().rooms[roomId].threads, 1);
    await api(alice, "DELETE", `/messages/${reply.id}`);
    assert.equal((await api(bob, "GET", "/me/badge")).json().rooms[roomId].threads, 0);
    // A dm: the numbered badge drops with the deleted message (BDG-2).
    const dm = (await api(alice, "POST", "/dms", { userIds: [bob.id] })).json().room;
    await api(bob, "POST", "/me/read-all");
    const m = (await api(alice, "POST", `/rooms/${dm.id}/messages`, { text: "oops" })).json().message;
    await api(alice, "POST", `/rooms/${dm.id}/messages`, { text: "hello" });
    assert.equal((await api(bob, "GET", "/me/badge")).json().total, 2);
    await api(alice, "DELETE", `/messages/${m.id}`);
    assert.equal((await api(bob, "GET", "/me/badge")).json().total, 1);
  });

  /** BDG-6 reference: unread and mentions of `roomId` for a user, counted from the stored messages. */
  async function recount(userId: string) {
    const db = h.services.store.db;
    const mb = await db
      .selectFrom("memberships")
      .select("last_read_seq")
      .where("room_id", "=", roomId)
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    const unread = await db
      .selectFrom("messages")
      .select(["id"])
      .where("room_id", "=", roomId)
      .where("in_room", "=", 1)
      .where("deleted_at", "is", null)
      .where("seq", ">", mb.last_read_seq)
      .where((eb) => eb.or([eb("sender_id", "is", null), eb("sender_id", "!=", userId)]))
      .execute();
    const mentions = await db
      .selectFrom("mentions")
      .select("message_id")
      .where("room_id", "=", roomId)
      .where("user_id", "=", userId)
      .where("seq", ">", mb.last_read_seq)
      .where("thread_seq", "is", null)
      .execute();
    return { unread: unread.length, mentions: mentions.length, threads: 0 };
  }
});
