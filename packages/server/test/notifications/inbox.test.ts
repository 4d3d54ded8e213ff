// [GEN-1] The in-app inbox through the HTTP API on SQLite: items per personal trigger, derived group items,
// none for trigger `all`, paging, read / read-all / snooze, reading the room reads the item, TRG-3, MEN-6.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Harness, TestUser } from "../http/harness.ts";
import { harness } from "../http/harness.ts";

type Method = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";

describe("[GEN-1] in-app notification inbox", () => {
  let h: Harness;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let room: string;
  const api = (u: TestUser, method: Method, url: string, payload?: object) =>
    h.app.inject({ method, url: `/api/v1${url}`, headers: u.h, ...(payload ? { payload } : {}) });
  const post = async (u: TestUser, roomId: string, text: string, extra: object = {}) => {
    h.clock.advance(1000);
    const r = await api(u, "POST", `/rooms/${roomId}/messages`, { text, ...extra });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().message as { id: string; seq: number };
  };
  const items = async (u: TestUser, q = "") => (await api(u, "GET", `/notifications${q}`)).json();
  const unread = async (u: TestUser) => (await api(u, "GET", "/notifications/unread-count")).json().unread;

  before(async () => {
    h = await harness();
    alice = await h.user("member", "alice");
    bob = await h.user("member", "bob");
    carol = await h.user("member", "carol");
    const r = await api(alice, "POST", "/rooms", {
      kind: "channel",
      name: "general",
      memberIds: [bob.id, carol.id],
    });
    room = r.json().room.id;
  });
  after(() => h.close());

  test("[GEN-1] dm, mention, keyword and thread make items; trigger all makes none", async () => {
    await api(bob, "POST", "/notifications/read-all");
    const dm = (await api(alice, "POST", "/dms", { userIds: [bob.id] })).json().room.id as string;
    const m1 = await post(alice, dm, "hello bob");
    const m2 = await post(alice, room, "hey @bob");
    await api(bob, "PUT", "/me/preferences", { keywords: ["deploy"] });
    const m3 = await post(carol, room, "the deploy is done");
    const root = await post(bob, room, "a thread root");
    const m4 = await post(alice, room, "a reply", { threadRootId: root.id });
    await post(alice, room, "just chatting"); // trigger all: no item
    const list = (await items(bob)).items as { messageId: string; type: string; read: boolean }[];
    assert.deepEqual(
      list.slice(0, 4).map((i) => [i.messageId, i.type]),
      [
        [m4.id, "thread"],
        [m3.id, "keyword"],
        [m2.id, "mention"],
        [m1.id, "dm"],
      ],
    );
    assert.equal(list.length, 4);
    // Bob's own post of the thread root read the room up to it, so the mention and keyword items are read.
    assert.deepEqual(
      list.map((i) => i.read),
      [false, true, true, false],
    );
    assert.equal(await unread(bob), 2);
    // The sender gets nothing from their own messages (MEN-5).
    assert.equal(
      (await items(alice)).items.filter((i: { actorId: string }) => i.actorId === alice.id).length,
      0,
    );
  });

  test("[GEN-1] reading the room or thread reads its items", async () => {
    await api(bob, "POST", `/rooms/${room}/read`, {});
    const list = (await items(bob)).items as { type: string; read: boolean }[];
    const byType = Object.fromEntries(list.map((i) => [i.type, i.read]));
    assert.deepEqual(byType, { thread: false, keyword: true, mention: true, dm: false });
    const thread = list.find((i) => i.type === "thread") as unknown as { threadId: string };
    await api(bob, "POST", `/threads/${thread.threadId}/read`, {});
    assert.equal(await unread(bob), 1);
  });

  test("[GEN-1] mark read, read-all, and cursor paging newest first", async () => {
    const dmItem = (await items(bob)).items.find((i: { type: string }) => i.type === "dm");
    const r = await api(bob, "POST", `/notifications/${dmItem.id}/read`);
    assert.equal(r.statusCode, 200);
    assert.equal(await unread(bob), 0);
    for (let i = 0; i < 5; i++) await post(alice, room, `ping ${i} @bob`);
    assert.equal(await unread(bob), 5);
    const p1 = await items(bob, "?limit=3");
    assert.equal(p1.items.length, 3);
    assert.ok(p1.nextCursor);
    const p2 = await items(bob, `?limit=3&cursor=${p1.nextCursor}`);
    const all = [...p1.items, ...p2.items].map((i: { preview: string }) => i.preview);
    assert.deepEqual(all.slice(0, 5), [
      "ping 4 @bob",
      "ping 3 @bob",
      "ping 2 @bob",
      "ping 1 @bob",
      "ping 0 @bob",
    ]);
    assert.equal(new Set([...p1.items, ...p2.items].map((i: { id: string }) => i.id)).size, 6);
    await api(bob, "POST", "/notifications/read-all");
    assert.equal(await unread(bob), 0);
  });

  test("[GEN-1] snooze hides an item until the time, then it is back", async () => {
    const m = await post(alice, room, "@bob snooze me");
    const it = (await items(bob)).items[0];
    assert.equal(it.messageId, m.id);
    const until = h.clock.now() + 60_000;
    const s = await api(bob, "POST", `/notifications/${it.id}/snooze`, { until });
    assert.equal(s.statusCode, 200);
    assert.notEqual((await items(bob)).items[0]?.id, it.id);
    assert.equal(await unread(bob), 0);
    h.clock.advance(61_000);
    assert.equal((await items(bob)).items[0].id, it.id);
    assert.equal(await unread(bob), 1);
    const past = await api(bob, "POST", `/notifications/${it.id}/snooze`, { until: 5 });
    assert.equal(past.statusCode, 400);
    await api(bob, "POST", "/notifications/read-all");
  });

  test("[GEN-1][MEN-2][PRF-37] @all is a derived group item, read / snoozed by id, absent when muted", async () => {
    const m = await post(alice, room, "@all lunch");
    const bobItem = (await items(bob)).items[0];
    assert.deepEqual([bobItem.type, bobItem.messageId, bobItem.read], ["group", m.id, false]);
    assert.equal((await items(carol)).items[0].messageId, m.id);
    assert.equal(
      (await items(alice)).items.filter((i: { messageId: string }) => i.messageId === m.id).length,
      0,
    );
    assert.equal((await api(bob, "POST", `/notifications/${bobItem.id}/read`)).statusCode, 200);
    assert.equal((await items(bob)).items[0].read, true);
    assert.equal((await items(carol)).items[0].read, false);
    await api(carol, "PUT", `/rooms/${room}/preferences`, { muteGroupMentions: true });
    assert.equal(
      (await items(carol)).items.filter((i: { messageId: string }) => i.messageId === m.id).length,
      0,
    );
    // A personal mention beats @all (TRG-1): one item, type mention.
    const m2 = await post(alice, room, "@all and @bob");
    const mine = (await items(bob)).items.filter((i: { messageId: string }) => i.messageId === m2.id);
    assert.deepEqual(
      mine.map((i: { type: string }) => i.type),
      ["mention"],
    );
  });

  test("[TRG-3][GEN-1] deleting a message removes its items", async () => {
    const m = await post(alice, room, "@bob soon gone");
    assert.equal((await items(bob)).items[0].messageId, m.id);
    assert.equal((await api(alice, "DELETE", `/messages/${m.id}`)).statusCode, 200);
    assert.notEqual((await items(bob)).items[0]?.messageId, m.id);
  });

  test("[MEN-6][GEN-1] an ignored sender produces no item", async () => {
    await api(bob, "PUT", `/me/ignores/${carol.id}`);
    const m = await post(carol, room, "@bob listen");
    const dm = (await api(carol, "POST", "/dms", { userIds: [bob.id] })).json().room.id as string;
    const m2 = await post(carol, dm, "psst");
    const ids = (await items(bob)).items.map((i: { messageId: string }) => i.messageId);
    assert.ok(!ids.includes(m.id) && !ids.includes(m2.id));
  });

  test("[GEN-1][TRG-1][PRF-33] a gdm member whose desktop level is `mentions` there gets no item for a plain message, one when an edit names them", async () => {
    const dave = await h.user("member", "dave");
    const gdm = (await api(alice, "POST", "/dms", { userIds: [carol.id, dave.id] })).json().room.id as string;
    const set = await api(dave, "PUT", `/rooms/${gdm}/preferences`, { desktop: "mentions" });
    assert.equal(set.statusCode, 200, set.body);
    const plain = await post(alice, gdm, "lunch at noon");
    const named = await post(alice, gdm, "@dave are you in?");
    const mine = (u: TestUser) =>
      items(u).then((r) =>
        (r.items as { messageId: string; type: string }[])
          .filter((i) => i.messageId === plain.id || i.messageId === named.id)
          .map((i) => [i.messageId, i.type]),
      );
    // Carol kept the default: both messages are `dm` for her.
    assert.deepEqual(await mine(carol), [
      [named.id, "dm"],
      [plain.id, "dm"],
    ]);
    assert.deepEqual(await mine(dave), [[named.id, "mention"]]);
    // TRG-3 in a gdm: an edit that names Dave gives him the item the plain text did not; Carol keeps one.
    h.clock.advance(1000);
    const e = await api(alice, "PATCH", `/messages/${plain.id}`, { text: "lunch at noon, @dave?" });
    assert.equal(e.statusCode, 200, e.body);
    assert.deepEqual(await mine(dave), [
      [plain.id, "mention"],
      [named.id, "mention"],
    ]);
    assert.deepEqual(await mine(carol), [
      [named.id, "dm"],
      [plain.id, "dm"],
    ]);
  });

  test("[GEN-1][TRG-3] an edit that turns a name mention into a keyword makes no second item; a new name does", async () => {
    await api(carol, "PUT", "/me/preferences", { keywords: ["rollout"] });
    const m = await post(alice, room, "@carol the plan");
    const edit = async (text: string) => {
      h.clock.advance(1000);
      const r = await api(alice, "PATCH", `/messages/${m.id}`, { text });
      assert.equal(r.statusCode, 200, r.body);
    };
    await edit("the rollout plan");
    await edit("the rollout plan, @bob");
    const of = async (u: TestUser) =>
      ((await items(u)).items as { messageId: string; type: string }[])
        .filter((i) => i.messageId === m.id)
        .map((i) => i.type);
    assert.deepEqual(await of(carol), ["mention"]);
    assert.deepEqual(await of(bob), ["mention"]);
  });

  test("[GEN-1][TRG-1][MEN-6] a reply naming one member: a mention item for them, a thread item for the followers, none for a follower who ignores the sender", async () => {
    // The named member's facts are read before the post's transaction, the followers' inside it: both count.
    const dave = await h.user("member", "dave2");
    const r = await api(alice, "POST", "/rooms", {
      kind: "channel",
      name: "replies",
      memberIds: [bob.id, carol.id, dave.id],
    });
    const replies = r.json().room.id as string;
    const root = await post(bob, replies, "a root by bob");
    await post(dave, replies, "dave follows by replying", { threadRootId: root.id });
    assert.equal((await api(dave, "PUT", `/me/ignores/${alice.id}`)).statusCode < 300, true);
    const m = await post(alice, replies, "@carol have a look", { threadRootId: root.id });
    const itemOf = async (u: TestUser) =>
      ((await items(u)).items as { messageId: string; type: string }[]).find((i) => i.messageId === m.id)
        ?.type ?? null;
    assert.equal(await itemOf(carol), "mention");
    assert.equal(await itemOf(bob), "thread");
    assert.equal(await itemOf(dave), null);
    assert.equal(await itemOf(alice), null);
  });

  test("[GEN-5] another user's item is 404; validation is 4xx", async () => {
    const it = (await items(bob)).items[0];
    assert.equal((await api(alice, "POST", `/notifications/${it.id}/read`)).statusCode, 404);
    assert.equal(
      (await api(alice, "POST", `/notifications/${it.id}/snooze`, { until: h.clock.now() + 1000 }))
        .statusCode,
      404,
    );
    const bad = await api(bob, "POST", `/notifications/${it.id}/snooze`, { until: "soon" });
    assert.equal(bad.statusCode, 400);
    const unknown = await api(bob, "POST", `/notifications/${it.id}/snooze`, {
      until: h.clock.now() + 1000,
      x: 1,
    });
    assert.deepEqual([unknown.statusCode, unknown.json().error.code], [400, "unknown_field"]);
    assert.equal((await api(bob, "GET", "/notifications?cursor=garbage")).statusCode, 400);
    assert.equal((await api(bob, "GET", "/notifications?limit=0")).statusCode, 400);
    assert.equal((await api(bob, "GET", "/notifications?zz=1")).statusCode, 400);
  });
});
