// Read positions moved by hand: mark a room unread from a message, mark all rooms read. Runs on SQLite and,
// in the store matrix (HERALD_TEST_STORE=postgres), on PostgreSQL.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DomainEvent } from "../../src/events.ts";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

describe("read marks", () => {
  let h: Harness;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let general: string;
  let dm: string;
  const events: DomainEvent[] = [];
  const api = (u: TestUser, method: "GET" | "POST", url: string, payload?: object) =>
    h.app.inject({ method, url: `/api/v1${url}`, headers: u.h, ...(payload ? { payload } : {}) });
  const post = async (u: TestUser, room: string, text: string) => {
    const r = await api(u, "POST", `/rooms/${room}/messages`, { text });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().message as { id: string; seq: number };
  };
  const unread = async (u: TestUser, room: string) => {
    const r = await api(u, "GET", "/rooms");
    const row = (r.json().rooms as { id: string; unread?: number; lastReadSeq: number }[]).find(
      (x) => x.id === room,
    );
    return { unread: row?.unread ?? 0, lastReadSeq: row?.lastReadSeq };
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
    dm = (await api(alice, "POST", "/dms", { userIds: [bob.id] })).json().room.id;
  });
  after(() => h.close());

  test("[BDG-1] mark unread from a message: it and everything after count as unread again", async () => {
    const msgs = [];
    for (let i = 1; i <= 5; i++) msgs.push(await post(alice, general, `hello ${i}`));
    assert.equal((await api(bob, "POST", `/rooms/${general}/read`, {})).statusCode, 200);
    assert.equal((await unread(bob, general)).unread, 0);
    events.length = 0;
    const r = await api(bob, "POST", `/rooms/${general}/unread`, { messageId: msgs[2].id });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().seq, msgs[2].seq - 1);
    const after = await unread(bob, general);
    assert.equal(after.unread, 3, "messages 3, 4 and 5 are unread");
    assert.equal(after.lastReadSeq, msgs[1].seq);
    const ev = events.find((e) => e.type === "room.read");
    assert.ok(
      ev && ev.type === "room.read" && ev.userId === bob.id && ev.seq === msgs[1].seq,
      "tabs hear of it",
    );
    // Alice's read position is hers alone.
    assert.equal((await unread(alice, general)).lastReadSeq, msgs[4].seq);
  });

  test("[BDG-1] mark unread without a message: the room's last message is unread", async () => {
    await api(bob, "POST", `/rooms/${general}/read`, {});
    const r = await api(bob, "POST", `/rooms/${general}/unread`, {});
    assert.equal(r.statusCode, 200, r.body);
    assert.equal((await unread(bob, general)).unread, 1);
  });

  test("[GEN-5] mark unread: a room I am not in, or a message of another room, is 404", async () => {
    const notMine = await api(carol, "POST", `/rooms/${general}/unread`, {});
    assert.equal(notMine.statusCode, 404);
    assert.equal(notMine.json().error.code, "room_not_found");
    const elsewhere = await post(alice, dm, "in the dm");
    const wrong = await api(bob, "POST", `/rooms/${general}/unread`, { messageId: elsewhere.id });
    assert.equal(wrong.statusCode, 404);
    assert.equal(wrong.json().error.code, "message_not_found");
    const bad = await api(bob, "POST", `/rooms/${general}/unread`, { messageId: "" });
    assert.equal(bad.statusCode, 400);
    const extra = await api(bob, "POST", `/rooms/${general}/unread`, { seq: 1 });
    assert.equal(extra.statusCode, 400);
  });

  test("[BDG-1] mark all rooms read: every room of mine is read to its last message, the badge is zero", async () => {
    await post(alice, general, "one more");
    await post(alice, dm, "and a dm");
    assert.ok((await unread(bob, general)).unread > 0);
    assert.ok((await unread(bob, dm)).unread > 0);
    events.length = 0;
    const r = await api(bob, "POST", "/rooms/read-all", {});
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().rooms, 2);
    assert.equal((await unread(bob, general)).unread, 0);
    assert.equal((await unread(bob, dm)).unread, 0);
    const badge = (await api(bob, "GET", "/me/badge")).json();
    assert.equal(badge.total, 0);
    const reads = events
      .filter((e) => e.type === "room.read")
      .map((e) => (e.type === "room.read" ? e.roomId : ""));
    assert.deepEqual(reads.sort(), [general, dm].sort(), "one read event per room that moved");
    // Nothing left: a second call moves nothing and says so.
    assert.equal((await api(bob, "POST", "/rooms/read-all", {})).json().rooms, 0);
    // Others keep their unread.
    await post(bob, general, "from bob");
    assert.equal((await unread(alice, general)).unread, 1);
  });
});
