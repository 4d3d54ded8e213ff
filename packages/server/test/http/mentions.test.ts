// Mentions resolved once at post/edit time (MEN-1 … MEN-4, TRG-3), over HTTP: what the event carries
// (`resolved`, `hereOnline`, `previousResolved`) and what the message shows (`mentions`, the same in GET).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DomainEvent } from "../../src/events.ts";
import { decidePersonal } from "../../src/jobs/personal.ts";
import { bulkMembers } from "../jobs/bulk.ts";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

type Created = Extract<DomainEvent, { type: "message.created" }>;
type Updated = Extract<DomainEvent, { type: "message.updated" }>;

describe("mentions at post time", () => {
  let h: Harness;
  let alice: TestUser;
  const u: Record<string, TestUser> = {};
  let roomId: string;
  const events: DomainEvent[] = [];
  const api = (who: TestUser, method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: object) =>
    h.app.inject({ method, url: `/api/v1${url}`, headers: who.h, ...(payload ? { payload } : {}) });

  /** Posts as alice in the room; returns the REST answer and the event it made. */
  async function post(text: string, room = roomId) {
    const r = await api(alice, "POST", `/rooms/${room}/messages`, { text });
    assert.equal(r.statusCode, 201, r.body);
    const ev = events.findLast((e): e is Created => e.type === "message.created");
    assert.ok(ev && ev.message.id === r.json().message.id, "the post made its event");
    return { body: r.json(), ev };
  }
  const named = async (text: string) => (await post(text)).ev.resolved.users;
  /** Members core gives a trigger for the event (the decision the outbox and the inbox act on). */
  const notifiedBy = (ev: Created | Updated) =>
    h.services.store.db
      .transaction()
      .execute((trx) => decidePersonal(trx, ev))
      .then((d) => d.candidacy.filter((c) => c.trigger !== null).map((c) => [c.userId, c.trigger]));

  before(async () => {
    h = await harness();
    h.services.hooks.add({ afterCommit: (e) => void events.push(e) });
    alice = await h.user("member", "alice");
    for (const name of ["José", "jos", "Владимир", "李祖阳", "bob", "example", "anna", "al.", "outsider"])
      u[name] = await h.user("member", name);
    const members = Object.entries(u)
      .filter(([name]) => name !== "outsider")
      .map(([, x]) => x.id);
    const r = await api(alice, "POST", "/rooms", { kind: "channel", name: "mentions", memberIds: members });
    roomId = r.json().room.id;
  });
  after(() => h.close());

  test("[MEN-1] `thanks @José` mentions José, not `jos`; `@josé` and `@JOSÉ` too", async () => {
    const { body, ev } = await post("thanks @José");
    assert.deepEqual(ev.resolved.users, [u.José.id]);
    assert.deepEqual(body.message.mentions, {
      users: [{ id: u.José.id, username: "José" }],
      all: false,
      here: false,
    });
    assert.deepEqual(await named("@josé @JOSÉ"), [u.José.id]);
    assert.deepEqual(await named("@jos"), [u.jos.id]);
  });

  test("[MEN-1] @Владимир and @李祖阳 mention those users; a prefix never does", async () => {
    assert.deepEqual(await named("привет @владимир, 你好 @李祖阳 !"), [u.Владимир.id, u.李祖阳.id]);
    assert.deepEqual(await named("@李祖阳你好 @annabel"), [], "no space after the name: another name");
  });

  test('[MEN-1] an @ after any non-letter starts a mention: (@bob), -@bob, _@here_, "@bob"', async () => {
    for (const text of ["(@bob)", "-@bob", '"@bob"', "ok,@bob"])
      assert.deepEqual(await named(text), [u.bob.id], text);
    const { ev, body } = await post("_@here_ stand-up");
    assert.equal(ev.resolved.here, true);
    assert.equal(body.message.mentions.here, true);
  });

  test("[MEN-3] bob@example.com is an address: nobody is mentioned", async () => {
    const { ev } = await post("write to bob@example.com");
    assert.deepEqual(ev.resolved.users, []);
  });

  test("[MEN-3] a name followed by `.` mentions that name; a user named `al.` can be mentioned", async () => {
    assert.deepEqual(await named("ask @bob."), [u.bob.id]);
    assert.deepEqual(await named("ask @bob..."), [u.bob.id]);
    assert.deepEqual(await named("thanks @al."), [u["al."].id]);
    assert.deepEqual(await named("thanks @al"), [], "`al` is nobody: `al.` is the name");
  });

  test("[MEN-3] no mention inside code", async () => {
    assert.deepEqual(await named("`@bob` and\n\n```\n@José\n```"), []);
  });

  test("[MEN-1] a named non-member is not mentioned; the sender gets a hint with the name as spelled", async () => {
    const { body, ev } = await post("@OUTSIDER come in, @bob");
    assert.deepEqual(ev.resolved.users, [u.bob.id]);
    assert.deepEqual(body.hints, [{ code: "not_in_room", username: "outsider" }]);
    assert.deepEqual(
      body.message.mentions.users.map((x: { id: string }) => x.id),
      [u.bob.id],
    );
  });

  test("[MEN-5] the sender is never in the resolution", async () => {
    assert.deepEqual(await named("note to self @alice"), []);
  });

  test("[MEN-2] hereOnline is read from presence only for @here", async () => {
    const original = h.services.presence;
    let asked = 0;
    h.services.presence = {
      online: async () => {
        asked++;
        // The sender and a non-member are online too: neither is reached.
        return [u.bob.id, u.anna.id, alice.id, u.outsider.id];
      },
    };
    try {
      const plain = await post("no group mention");
      assert.deepEqual(plain.ev.hereOnline, []);
      assert.equal(asked, 0, "presence is not read without @here");
      const here = await post("@here standup");
      assert.equal(asked, 1);
      assert.deepEqual(new Set(here.ev.hereOnline), new Set([u.bob.id, u.anna.id]));
      assert.equal(here.ev.resolved.here, true);
    } finally {
      h.services.presence = original;
    }
  });

  test("[MEN-2] @here in a 600-member room reaches the members online, as reading every member did", async () => {
    const db = h.services.store.db;
    const big = (
      await api(alice, "POST", "/rooms", { kind: "channel", name: "here-big", memberIds: [u.bob.id] })
    ).json().room.id as string;
    const ids = await bulkMembers(db, big, 600, h.clock.now());
    const outsiders = await bulkMembers(
      db,
      (
        await api(alice, "POST", "/rooms", { kind: "channel", name: "here-other", memberIds: [u.anna.id] })
      ).json().room.id as string,
      50,
      h.clock.now(),
    );
    // Online: every 7th member, bob, the sender, members of another room only; of them every 3rd member
    // has chosen to be invisible (never reached, whatever presence says).
    const online = [...ids.filter((_, i) => i % 7 === 0), u.bob.id, alice.id, ...outsiders];
    const invisible = ids.filter((_, i) => i % 21 === 0);
    await db
      .updateTable("users")
      .set({ presence_choice: "invisible" })
      .where("id", "in", invisible)
      .execute();
    // The way it was read before: every member of the room, then presence asked about each of them.
    const members = await db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select("users.id")
      .where("memberships.room_id", "=", big)
      .where("users.presence_choice", "!=", "invisible")
      .where("users.id", "!=", alice.id)
      .execute();
    const expected = members.map((m) => m.id).filter((id) => online.includes(id));
    assert.equal(
      expected.length,
      86 - 29 + 1,
      "the fixture: 86 online members, 29 of them invisible, and bob",
    );
    const original = h.services.presence;
    h.services.presence = { online: async () => online };
    try {
      const { ev } = await post("@here the build is green", big);
      assert.deepEqual(new Set(ev.hereOnline), new Set(expected));
      assert.equal(ev.hereOnline.length, expected.length, "each member once");
    } finally {
      h.services.presence = original;
    }
  });

  test("[MEN-1] GET history shows each message's mentions as posted, never keywords", async () => {
    await api(u.bob, "PUT", "/me/preferences", { keywords: ["pineapple"] });
    const { body, ev } = await post("@anna the pineapple @all");
    assert.deepEqual(
      ev.resolved.keywords.map(([id]) => id),
      [u.bob.id],
    );
    const got = (await api(u.bob, "GET", `/messages/${body.message.id}`)).json().message;
    assert.deepEqual(got.mentions, { users: [{ id: u.anna.id, username: "anna" }], all: true, here: false });
    const page = (await api(u.anna, "GET", `/rooms/${roomId}/messages?limit=1`)).json().messages;
    assert.deepEqual(page[0].mentions, got.mentions);
    await api(u.bob, "PUT", "/me/preferences", { keywords: [] });
  });

  test("[TRG-3] an edit that turns a name mention into a keyword match notifies nobody again", async () => {
    await api(u.bob, "PUT", "/me/preferences", { keywords: ["deploy"] });
    const { body } = await post("@bob look");
    const e = await api(alice, "PATCH", `/messages/${body.message.id}`, { text: "look at the deploy" });
    assert.equal(e.statusCode, 200, e.body);
    const ev = events.findLast((x): x is Updated => x.type === "message.updated");
    assert.ok(ev);
    assert.deepEqual(ev.previousResolved.users, [u.bob.id]);
    assert.deepEqual(ev.resolved.users, []);
    assert.deepEqual(ev.resolved.keywords, [[u.bob.id, "deploy"]]);
    // Core decides TRG-3 from the two resolutions, with the facts the delivery jobs and the inbox load.
    assert.deepEqual(await notifiedBy(ev), [], "bob was notified already");
    assert.deepEqual(e.json().message.mentions, { users: [], all: false, here: false });
    // And the edit that adds a new name notifies that name.
    const e2 = await api(alice, "PATCH", `/messages/${body.message.id}`, { text: "deploy, @anna" });
    assert.equal(e2.statusCode, 200);
    const ev2 = events.findLast((x): x is Updated => x.type === "message.updated");
    assert.ok(ev2);
    assert.deepEqual(await notifiedBy(ev2), [[u.anna.id, "mention"]]);
    await api(u.bob, "PUT", "/me/preferences", { keywords: [] });
  });

  test("[MEN-1] the OpenAPI document describes a message's mentions on every message answer", async () => {
    type Json = { properties: Record<string, Json>; items: Json } & Record<string, unknown>;
    const doc = (await h.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    // Named schemas (Message, MessageMentions) are $refs into components.schemas.
    const named = (s: Json): Json =>
      typeof s.$ref === "string" ? doc.components.schemas[s.$ref.split("/").pop() as string] : s;
    const mentionsOf = (path: string, method: string, status: string, pick: (b: Json) => Json) =>
      named(
        named(pick(doc.paths[path][method].responses[status].content["application/json"].schema)).properties
          .mentions,
      );
    const one = (b: Json) => b.properties.message;
    for (const m of [
      mentionsOf("/api/v1/rooms/{id}/messages", "post", "201", one),
      mentionsOf("/api/v1/rooms/{id}/messages", "get", "200", (b) => b.properties.messages.items),
      mentionsOf("/api/v1/messages/{id}", "get", "200", one),
      mentionsOf("/api/v1/messages/{id}", "patch", "200", one),
    ]) {
      assert.deepEqual(Object.keys(m.properties).sort(), ["all", "here", "users"]);
    }
  });

  test("[MEN-4] a changed keyword list, a join and a leave take effect on the very next post", async () => {
    const room = (
      await api(alice, "POST", "/rooms", { kind: "channel", name: "kw-cache", memberIds: [u.bob.id] })
    ).json().room.id as string;
    const matched = async (text: string) =>
      (await post(text, room)).ev.resolved.keywords.map(([id, k]) => `${id === u.bob.id ? "bob" : id}:${k}`);
    await api(u.bob, "PUT", "/me/preferences", { keywords: ["alpha"] });
    assert.deepEqual(await matched("alpha beta"), ["bob:alpha"]);
    await api(u.bob, "PUT", "/me/preferences", { keywords: ["beta"] });
    assert.deepEqual(await matched("alpha beta"), ["bob:beta"], "the new list, not the cached one");
    // The compiled list is kept between posts: a write that no event announces is not read again at once.
    await h.services.store.db
      .updateTable("users")
      .set({ keywords: JSON.stringify(["gamma"]) })
      .where("id", "=", u.bob.id)
      .execute();
    assert.deepEqual(await matched("beta gamma"), ["bob:beta"]);
    await api(u.bob, "PUT", "/me/preferences", { keywords: [] });
    assert.deepEqual(await matched("beta gamma"), []);
    // Membership: a member who joins is matched on the next post, and no longer once removed.
    await api(u.outsider, "PUT", "/me/preferences", { keywords: ["delta"] });
    assert.deepEqual(await matched("delta"), []);
    const add = await api(alice, "POST", `/rooms/${room}/members`, { userIds: [u.outsider.id] });
    assert.equal(add.statusCode < 300, true, add.body);
    assert.deepEqual(await matched("delta"), [`${u.outsider.id}:delta`]);
    const del = await h.app.inject({
      method: "DELETE",
      url: `/api/v1/rooms/${room}/members/${u.outsider.id}`,
      headers: alice.h,
    });
    assert.equal(del.statusCode < 300, true, del.body);
    assert.deepEqual(await matched("delta"), []);
    await api(u.outsider, "PUT", "/me/preferences", { keywords: [] });
  });

  test("[MEN-4] in a 1,000-member room only members' keywords are matched; a non-member's never", async () => {
    const big = (
      await api(alice, "POST", "/rooms", { kind: "channel", name: "big", memberIds: [u.bob.id] })
    ).json().room.id as string;
    const now = h.clock.now();
    const ids = await bulkMembers(h.services.store.db, big, 998, now, { prefix: "kw" });
    await h.services.store.db
      .updateTable("rooms")
      .set({ member_count: 1000 })
      .where("id", "=", big)
      .execute();
    // Every 100th member has the keyword, one in Chinese; the outsider has it too but is not a member.
    const withKeyword = ids.filter((_, i) => i % 100 === 0);
    await h.services.store.db
      .updateTable("users")
      .set({ keywords: JSON.stringify(["rollout"]) })
      .where("id", "in", withKeyword)
      .execute();
    await h.services.store.db
      .updateTable("users")
      .set({ keywords: JSON.stringify(["番茄"]) })
      .where("id", "=", ids[1])
      .execute();
    await api(u.outsider, "PUT", "/me/preferences", { keywords: ["rollout", "番茄"] });
    const { ev } = await post("the rollout starts, 我爱吃番茄炒饭", big);
    const matched = new Map(ev.resolved.keywords);
    assert.deepEqual(new Set(matched.keys()), new Set([...withKeyword, ids[1]]));
    assert.equal(matched.get(ids[1]), "番茄");
    assert.ok(!matched.has(u.outsider.id), "a non-member's keyword is never read");
    const quiet = await post("nothing to see", big);
    assert.deepEqual(quiet.ev.resolved.keywords, []);
  });
});
