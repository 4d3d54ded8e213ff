// GET /search: messages by their words (SQLite FTS5 here; PostgreSQL full-text search in the store matrix,
// HERALD_TEST_STORE=postgres), people and channels — only from rooms the caller may read (GEN-5), kept up to
// date on post, edit and delete, one page at a time, 4xx on bad input.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

interface Hit {
  message: { id: string; text: string; roomId: string; threadRootId: string | null; alsoInRoom: boolean };
  room: { id: string; kind: string; name: string };
  sender: { id: string; username: string; displayName: string } | null;
}

describe("search", () => {
  let h: Harness;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let general: string;
  let secret: string;
  let lounge: string;
  let dm: string;
  const api = (u: TestUser, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
    h.app.inject({ method, url: `/api/v1${url}`, headers: u.h, ...(payload ? { payload } : {}) });
  const post = async (u: TestUser, room: string, text: string, extra: object = {}) => {
    const r = await api(u, "POST", `/rooms/${room}/messages`, { text, ...extra });
    assert.equal(r.statusCode, 201, r.body);
    // Each message a second after the one before: "newest first" has one answer.
    h.clock.advance(1000);
    return r.json().message as { id: string; seq: number };
  };
  const search = async (u: TestUser, query: string) => {
    const r = await api(u, "GET", `/search?${query}`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as {
      messages?: Hit[];
      people?: { username: string; email?: string }[];
      channels?: { id: string; name: string; member: boolean }[];
      nextCursor: string | null;
    };
  };
  const texts = async (u: TestUser, q: string) =>
    ((await search(u, `q=${encodeURIComponent(q)}`)).messages ?? []).map((x) => x.message.text);
  const room = async (u: TestUser, kind: "channel" | "group", name: string, memberIds: string[]) => {
    const r = await api(u, "POST", "/rooms", { kind, name, memberIds });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().room.id as string;
  };

  before(async () => {
    h = await harness();
    alice = await h.user("member", "alice");
    bob = await h.user("member", "bob");
    carol = await h.user("member", "carol");
    general = await room(alice, "channel", "general", [bob.id]);
    secret = await room(alice, "group", "secret-plans", [carol.id]);
    lounge = await room(alice, "channel", "lounge", [carol.id]);
    dm = (await api(alice, "POST", "/dms", { userIds: [carol.id] })).json().room.id;
  });
  after(() => h.close());

  test("a message is found by its words: every word required, a word matches longer ones it starts, any case", async () => {
    await post(alice, general, "The Deployment of the pelican service is done");
    await post(bob, general, "pelican feathers are grey");
    await post(alice, general, "nothing to see here");
    assert.deepEqual(await texts(bob, "pelican"), [
      "pelican feathers are grey",
      "The Deployment of the pelican service is done",
    ]);
    assert.deepEqual(await texts(bob, "DEPLOY pelican"), ["The Deployment of the pelican service is done"]);
    assert.deepEqual(await texts(bob, "pelican flamingo"), [], "every word must be there");
    assert.deepEqual(await texts(bob, "elican"), [], "words match from their start");
    // Punctuation splits words the same way on both stores, including host names and addresses.
    await post(alice, general, "docs at https://wiki.example.com/setup-guide or ask ops@example.com");
    assert.deepEqual(await texts(bob, "example setup"), [
      "docs at https://wiki.example.com/setup-guide or ask ops@example.com",
    ]);
    assert.deepEqual(await texts(bob, "ops"), [
      "docs at https://wiki.example.com/setup-guide or ask ops@example.com",
    ]);
    const [hit] = (await search(bob, "q=feathers")).messages ?? [];
    assert.deepEqual(hit.room, { id: general, kind: "channel", name: "general" });
    assert.deepEqual(hit.sender, { id: bob.id, username: "bob", displayName: "bob" });
  });

  test("[GEN-5] nobody finds a message of a room they are not in: private group, DM, or a public channel not joined", async () => {
    await post(alice, secret, "the albatross launch date");
    await post(alice, dm, "albatross between us");
    await post(alice, lounge, "albatross in the lounge");
    assert.deepEqual(await texts(bob, "albatross"), [], "bob is in none of these rooms");
    assert.deepEqual(
      (await texts(carol, "albatross")).sort(),
      ["albatross between us", "albatross in the lounge", "the albatross launch date"],
      "carol is in all three",
    );
    // Public channels are found by name (anyone may join them) but their messages only once joined.
    assert.equal((await api(bob, "POST", `/rooms/${lounge}/join`)).statusCode, 200);
    assert.deepEqual(await texts(bob, "albatross"), ["albatross in the lounge"]);
    assert.equal((await api(bob, "POST", `/rooms/${lounge}/leave`)).statusCode, 200);
    assert.deepEqual(await texts(bob, "albatross"), [], "leaving takes it away again");
    // Limiting to a room the caller is not in finds nothing rather than that room's messages.
    assert.deepEqual((await search(bob, `q=albatross&roomId=${secret}`)).messages, []);
    assert.deepEqual(
      ((await search(carol, `q=albatross&roomId=${secret}`)).messages ?? []).map((x) => x.message.text),
      ["the albatross launch date"],
    );
  });

  test("the index follows edits and deletes; thread replies are found with their root", async () => {
    const m = await post(alice, general, "meet at the heron bridge");
    assert.deepEqual(await texts(bob, "heron"), ["meet at the heron bridge"]);
    assert.equal(
      (await api(alice, "PATCH", `/messages/${m.id}`, { text: "meet at the kestrel bridge" })).statusCode,
      200,
    );
    assert.deepEqual(await texts(bob, "heron"), [], "the old word is gone");
    assert.deepEqual(await texts(bob, "kestrel"), ["meet at the kestrel bridge"]);
    // An edit keeps the message's place: results stay in the order messages were posted.
    const later = await post(bob, general, "the kestrel is back");
    assert.deepEqual(await texts(alice, "kestrel"), ["the kestrel is back", "meet at the kestrel bridge"]);
    assert.equal(
      (await api(alice, "PATCH", `/messages/${m.id}`, { text: "meet at the kestrel bridge, north side" }))
        .statusCode,
      200,
    );
    assert.deepEqual(await texts(alice, "kestrel"), [
      "the kestrel is back",
      "meet at the kestrel bridge, north side",
    ]);
    assert.equal((await api(bob, "DELETE", `/messages/${later.id}`)).statusCode, 200);
    assert.equal((await api(alice, "DELETE", `/messages/${m.id}`)).statusCode, 200);
    assert.deepEqual(await texts(bob, "kestrel"), [], "a deleted message is not found");
    assert.deepEqual(await texts(bob, "bridge"), []);
    const root = await post(alice, general, "where do we keep the ospreys");
    await post(bob, general, "osprey nest is in the barn", { threadRootId: root.id });
    const hits = (await search(alice, "q=osprey")).messages ?? [];
    assert.deepEqual(
      hits.map((x) => [x.message.text, x.message.threadRootId]),
      [
        ["osprey nest is in the barn", root.id],
        ["where do we keep the ospreys", null],
      ],
    );
  });

  test("posts that share one transaction (group commit) are each indexed once", async () => {
    const flock = Array.from({ length: 20 }, (_, i) => `grebe flock ${i}`);
    const answers = await Promise.all(
      flock.map((text) => api(alice, "POST", `/rooms/${general}/messages`, { text })),
    );
    assert.deepEqual(
      answers.map((r) => r.statusCode),
      flock.map(() => 201),
    );
    const found = (await search(bob, "q=grebe&limit=50")).messages ?? [];
    assert.deepEqual(found.map((x) => x.message.text).sort(), [...flock].sort());
  });

  test("pages: newest first, each message once, a message posted meanwhile does not shift the next page", async () => {
    for (let i = 1; i <= 12; i++) await post(alice, general, `swift number ${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await search(bob, `q=swift&limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...(page.messages ?? []).map((x) => x.message.text));
      cursor = page.nextCursor;
      if (pages++ === 0) await post(alice, general, "swift number 13");
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(
      seen,
      Array.from({ length: 12 }, (_, i) => `swift number ${12 - i}`),
    );
  });

  test("people by username or display name; channels by name, private groups only for members", async () => {
    assert.equal(
      (await api(h.admin, "PATCH", `/users/${carol.id}`, { displayName: "Carol Danvers" })).statusCode,
      200,
    );
    const people = (await search(bob, "kind=people&q=dan")).people ?? [];
    assert.deepEqual(
      people.map((p) => p.username),
      ["carol"],
      "a word of the display name",
    );
    assert.equal(people[0].email, undefined, "no one's e-mail address");
    assert.deepEqual(
      ((await search(bob, "kind=people&q=ALI")).people ?? []).map((p) => p.username),
      ["alice"],
    );
    assert.equal((await api(h.admin, "PATCH", `/users/${alice.id}`, { active: false })).statusCode, 200);
    assert.deepEqual((await search(bob, "kind=people&q=ali")).people, [], "deactivated people are not found");
    assert.equal((await api(h.admin, "PATCH", `/users/${alice.id}`, { active: true })).statusCode, 200);

    const forBob = (await search(bob, "kind=channels&q=e")).channels ?? [];
    assert.deepEqual(
      forBob.map((c) => [c.name, c.member]),
      [
        ["general", true],
        ["lounge", false],
      ],
      "the public channel to join is there; the private group is not",
    );
    const forCarol = (await search(carol, "kind=channels&q=PLANS")).channels ?? [];
    assert.deepEqual(
      forCarol.map((c) => [c.name, c.member]),
      [["secret-plans", true]],
    );
    const first = await search(carol, "kind=channels&q=e&limit=1");
    const second = await search(carol, `kind=channels&q=e&limit=1&cursor=${first.nextCursor}`);
    assert.deepEqual([first.channels?.[0].name, second.channels?.[0].name], ["general", "lounge"]);
    // Wildcards are plain characters.
    assert.deepEqual((await search(carol, "kind=channels&q=%25")).channels, []);
    assert.deepEqual((await search(carol, "kind=channels&q=_")).channels, []);
  });

  test("[GEN-4] bad input gets a 400 with a stable code and the field", async () => {
    const cases: [string, string, string][] = [
      ["", "invalid_field", "q"],
      ["q=%20%20", "blank_query", "q"],
      ["q=!!!", "no_words", "q"],
      ["q=a&kind=files", "invalid_field", "kind"],
      ["q=a&limit=0", "invalid_field", "limit"],
      ["q=a&cursor=nope", "bad_cursor", "cursor"],
      [`q=a&cursor=${Buffer.from('{"key":"x","id":1}').toString("base64url")}`, "bad_cursor", "cursor"],
      [`q=a&kind=people&cursor=${Buffer.from("[1]").toString("base64url")}`, "bad_cursor", "cursor"],
      [`q=${"a".repeat(201)}`, "invalid_field", "q"],
    ];
    for (const [query, code, field] of cases) {
      const r = await api(bob, "GET", `/search?${query}`);
      assert.equal(r.statusCode, 400, `${query}: ${r.body}`);
      const e = r.json().error;
      assert.equal(e.field, field, query);
      if (code !== "invalid_field") assert.equal(e.code, code, query);
    }
    const anon = await h.app.inject({ method: "GET", url: "/api/v1/search?q=albatross" });
    assert.equal(anon.statusCode, 401);
  });
});
