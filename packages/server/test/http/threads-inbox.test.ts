// The Threads view (GET /threads/followed), the inbox filters and "mark all as read" reading what the items
// point at. Runs on SQLite and, in the store matrix (HERALD_TEST_STORE=postgres), on PostgreSQL.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DomainEvent } from "../../src/events.ts";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

type Method = "GET" | "POST" | "DELETE" | "PUT";
interface Followed {
  rootId: string;
  roomId: string;
  roomKind: string;
  roomName: string;
  rootText: string | null;
  rootSenderId: string | null;
  replyCount: number;
  lastReplyAt: number;
  unread: number;
  mentions: number;
}

describe("followed threads and the inbox", () => {
  let h: Harness;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let general: string;
  const events: DomainEvent[] = [];
  const api = (u: TestUser, method: Method, url: string, payload?: object) =>
    h.app.inject({ method, url: `/api/v1${url}`, headers: u.h, ...(payload ? { payload } : {}) });
  const post = async (u: TestUser, room: string, text: string, extra: object = {}) => {
    h.clock.advance(1000);
    const r = await api(u, "POST", `/rooms/${room}/messages`, { text, ...extra });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().message as { id: string; seq: number };
  };
  const followed = async (u: TestUser, q = "") => {
    const r = await api(u, "GET", `/threads/followed${q}`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json().threads as Followed[];
  };
  const badge = async (u: TestUser) =>
    (await api(u, "GET", "/me/badge")).json() as {
      total: number;
      rooms: Record<string, { unread: number; mentions: number; threads: number }>;
    };

  before(async () => {
    h = await harness();
    alice = await h.user("member", "alice");
    bob = await h.user("member", "bob");
    carol = await h.user("member", "carol");
    h.services.hooks.add({ afterCommit: (e) => void events.push(e) });
    general = (
      await api(alice, "POST", "/rooms", { kind: "channel", name: "general", memberIds: [bob.id] })
    ).json().room.id;
  });
  after(() => h.close());

  test("[BDG-1] threads I follow, newest activity first, each with its unread replies and mentions counted", async () => {
    const first = await post(alice, general, "**Plan** for the launch\nsecond line");
    const second = await post(alice, general, "lunch?");
    await post(bob, general, "sounds good", { threadRootId: first.id });
    await post(bob, general, "agreed", { threadRootId: second.id });
    await post(bob, general, "and @alice, the slides", { threadRootId: first.id });
    const list = await followed(alice);
    assert.deepEqual(
      list.map((t) => [t.rootId, t.unread, t.mentions, t.replyCount]),
      [
        [first.id, 2, 1, 2],
        [second.id, 1, 0, 1],
      ],
      "the thread with the newest reply comes first",
    );
    assert.equal(list[0].rootText, "Plan for the launch", "the root's first line, Markdown removed");
    assert.equal(list[0].roomId, general);
    assert.equal(list[0].roomName, "general");
    assert.equal(list[0].rootSenderId, alice.id);
    // The same counts feed the badge: the mention in the thread is in the number, two threads unread.
    const b = await badge(alice);
    assert.equal(b.rooms[general].threads, 2);
    assert.equal(b.rooms[general].mentions, 1);
    assert.equal(b.total, 1);
    // Bob wrote the replies: his own replies are not unread to him.
    assert.deepEqual(
      (await followed(bob)).map((t) => t.unread),
      [0, 0],
    );
  });

  test("[BDG-1] reading a thread clears its count; a deleted reply is not unread; unfollowing drops it", async () => {
    const [first, second] = await followed(alice);
    assert.equal((await api(alice, "POST", `/threads/${first.rootId}/read`, {})).statusCode, 200);
    const reply = await post(bob, general, "one more", { threadRootId: second.rootId });
    assert.deepEqual(
      (await followed(alice)).map((t) => [t.rootId, t.unread, t.mentions]),
      [
        [second.rootId, 2, 0],
        [first.rootId, 0, 0],
      ],
    );
    assert.equal((await api(bob, "DELETE", `/messages/${reply.id}`)).statusCode, 200);
    assert.equal((await followed(alice)).find((t) => t.rootId === second.rootId)?.unread, 1);
    assert.equal((await api(alice, "DELETE", `/messages/${second.rootId}/follow`)).statusCode, 200);
    assert.deepEqual(
      (await followed(alice)).map((t) => t.rootId),
      [first.rootId],
    );
    assert.equal((await badge(alice)).rooms[general].threads, 0);
  });

  test("[BDG-1] mark all threads read: every followed thread read to its last reply, each a thread.read event", async () => {
    const a = await post(alice, general, "thread a");
    const b = await post(alice, general, "thread b");
    await post(bob, general, "reply a", { threadRootId: a.id });
    await post(bob, general, "reply b @alice", { threadRootId: b.id });
    assert.ok((await badge(alice)).rooms[general].threads >= 2);
    events.length = 0;
    const r = await api(alice, "POST", "/threads/read-all");
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(r.json().threads >= 2);
    const after = await badge(alice);
    assert.equal(after.rooms[general].threads, 0);
    assert.equal(after.rooms[general].mentions, 0, "the mention in the thread is read with it");
    assert.ok((await followed(alice)).every((t) => t.unread === 0));
    const read = events.flatMap((e) => (e.type === "thread.read" ? [e.rootId] : []));
    assert.ok(read.includes(a.id) && read.includes(b.id), "tabs hear of each thread");
    // Nothing left: a second call moves nothing.
    assert.equal((await api(alice, "POST", "/threads/read-all")).json().threads, 0);
  });

  test("[GEN-5] only threads in rooms I am a member of: a non-member sees none, leaving the room ends them", async () => {
    assert.deepEqual(await followed(carol), []);
    const side = (
      await api(bob, "POST", "/rooms", { kind: "channel", name: "side", memberIds: [carol.id] })
    ).json().room.id as string;
    const root = await post(carol, side, "side thread");
    await post(bob, side, "reply", { threadRootId: root.id });
    assert.deepEqual(
      (await followed(carol)).map((t) => [t.roomName, t.unread]),
      [["side", 1]],
    );
    assert.equal((await api(carol, "POST", `/rooms/${side}/leave`)).statusCode < 300, true);
    assert.deepEqual(await followed(carol), []);
    assert.equal((await api(carol, "GET", "/threads/followed?limit=0")).statusCode, 400);
    assert.equal((await api(carol, "GET", "/threads/followed?limit=1&x=1")).statusCode, 400);
  });

  test("[GEN-1] inbox filters: mentions, threads, support, calls; an unknown filter is 400", async () => {
    await api(alice, "POST", "/notifications/read-all");
    const root = await post(alice, general, "filters root");
    const reply = await post(bob, general, "a reply", { threadRootId: root.id });
    const mention = await post(bob, general, "hey @alice");
    const all = await post(bob, general, "@all hello");
    const ids = async (q: string) =>
      ((await api(alice, "GET", `/notifications${q}`)).json().items as { messageId: string; type: string }[])
        .filter((i) => [reply.id, mention.id, all.id].includes(i.messageId))
        .map((i) => i.messageId);
    assert.deepEqual(await ids(""), [all.id, mention.id, reply.id]);
    assert.deepEqual(await ids("?filter=mentions"), [all.id, mention.id]);
    assert.deepEqual(await ids("?filter=threads"), [reply.id]);
    assert.deepEqual(await ids("?filter=calls"), []);
    assert.deepEqual(await ids("?filter=support"), []);
    const bad = await api(alice, "GET", "/notifications?filter=everything");
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, "filter");
  });

  test("[GEN-1][BDG-2] inbox 'mark all as read' reads the notified messages: every badge drops at once", async () => {
    await api(alice, "POST", "/notifications/read-all");
    await api(alice, "POST", `/rooms/${general}/read`, {});
    const dm = (await api(bob, "POST", "/dms", { userIds: [alice.id] })).json().room.id as string;
    await post(bob, dm, "psst");
    await post(bob, dm, "are you there?");
    const root = await post(alice, general, "badge root");
    const reply = await post(bob, general, "@alice see this", { threadRootId: root.id });
    const mention = await post(bob, general, "@alice in the room");
    const later = await post(bob, general, "plain chatter after it");
    const before = await badge(alice);
    assert.equal(before.total, 2 + 1 + 1, "two dm messages, the room mention and the thread mention");
    assert.equal((await api(alice, "GET", "/notifications/unread-count")).json().unread, 4);
    events.length = 0;
    assert.equal((await api(alice, "POST", "/notifications/read-all")).statusCode, 200);
    const b = await badge(alice);
    assert.equal(b.total, 0);
    assert.equal(b.rooms[dm].unread, 0);
    assert.equal(b.rooms[general].threads, 0);
    // Read up to the newest notified message, not past it: the chatter after it stays unread.
    assert.equal(b.rooms[general].unread, 1);
    assert.equal((await api(alice, "GET", "/notifications/unread-count")).json().unread, 0);
    const moved = events.map((e) =>
      e.type === "room.read"
        ? ["room", e.roomId, e.seq]
        : e.type === "thread.read"
          ? ["thread", e.rootId]
          : [],
    );
    assert.deepEqual(
      moved.filter((m) => m.length).sort(),
      [
        ["room", dm, 2],
        ["room", general, mention.seq],
        ["thread", root.id],
      ].sort(),
      "every tab hears the read positions move",
    );
    assert.ok(later.seq > mention.seq && reply.id);
  });
});
