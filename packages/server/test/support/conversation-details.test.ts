// The console around a conversation: list previews and per-agent unread (BDG-1), the contact panel (pages the
// widget sent, earlier conversations), Reopen (core's reopenedConversation), canned replies, typing both ways.
// Runs on SQLite, and on PostgreSQL in the matrix's second pass.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestUser } from "../http/harness.ts";
import type { SupportFixture } from "./fixture.ts";
import { supportFixture } from "./fixture.ts";

describe("support conversations: previews, contact panel, reopen, canned replies, typing", () => {
  let f: SupportFixture;
  let ann: TestUser;
  let ben: TestUser;
  let out: TestUser; // an agent of another inbox
  let mem: TestUser;
  let key: string;

  const contact = (token: string) => ({ "x-inbox-key": key, ...(token ? { "x-contact-token": token } : {}) });
  async function start(name: string, text: string, page?: object, token = "") {
    const r = await f.widget("POST", "/widget/conversations", contact(token), {
      name,
      text,
      ...(page ? { page } : {}),
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json() as { conversation: { id: string; roomId: string }; contactToken: string };
  }
  const write = async (id: string, token: string, text: string, page?: object) => {
    const r = await f.widget("POST", `/widget/conversations/${id}/messages`, contact(token), {
      text,
      ...(page ? { page } : {}),
    });
    assert.equal(r.statusCode, 201, r.body);
  };
  type Row = {
    id: string;
    unread: number;
    lastMessage: { text: string; author: string; private: boolean; createdAt: number } | null;
  };
  const list = async (u: TestUser) =>
    (await f.api(u, "GET", "/conversations?filter=all")).json().conversations as Row[];
  const count = async (table: "contact_pages" | "canned_replies") =>
    Number(
      (
        await f.h.services.store.db
          .selectFrom(table)
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    f = await supportFixture();
    ann = await f.h.user("agent", "ann");
    ben = await f.h.user("agent", "ben");
    out = await f.h.user("agent", "otto");
    mem = await f.h.user("member", "mia");
    const a = await f.api(f.h.admin, "POST", "/inboxes", { name: "Website", agentIds: [ann.id, ben.id] });
    assert.equal(a.statusCode, 201, a.body);
    key = a.json().key;
    const b = await f.api(f.h.admin, "POST", "/inboxes", { name: "Other", agentIds: [out.id] });
    assert.equal(b.statusCode, 201, b.body);
  });
  after(() => f.h.close());

  test("[BDG-1] each listed conversation carries its last message's first line and this agent's unread count", async () => {
    const c = await start("Dora", "**Hello** there\nsecond line");
    let rows = await list(ann);
    let row = rows.find((r) => r.id === c.conversation.id);
    assert.ok(row);
    assert.equal(row.lastMessage?.text, "Hello there", "plain first line, Markdown removed");
    assert.equal(row.lastMessage?.author, "contact");
    assert.equal(row.unread, 1);
    await write(c.conversation.id, c.contactToken, "Anyone?");
    assert.equal((await list(ben)).find((r) => r.id === c.conversation.id)?.unread, 2);
    // Ann reads and replies: her count is 0, Ben's counts her reply too; the preview is her reply.
    const room = c.conversation.roomId;
    const seq = (await f.api(ann, "GET", `/conversations/${c.conversation.id}`)).json().messages.at(-1).seq;
    assert.equal((await f.api(ann, "POST", `/rooms/${room}/read`, { seq })).statusCode < 300, true);
    const reply = await f.api(ann, "POST", `/conversations/${c.conversation.id}/messages`, {
      text: "Hi Dora!",
    });
    assert.equal(reply.statusCode, 201, reply.body);
    rows = await list(ann);
    row = rows.find((r) => r.id === c.conversation.id);
    assert.equal(row?.unread, 0);
    assert.equal(row?.lastMessage?.text, "Hi Dora!");
    assert.equal(row?.lastMessage?.author, "agent");
    assert.equal((await list(ben)).find((r) => r.id === c.conversation.id)?.unread, 3);
  });

  test("[SUP-1] the contact panel: name, email, first seen, the pages the widget sent (one per change), earlier conversations", async () => {
    const t0 = f.h.clock.now();
    const first = await start("Eve", "Where is my parcel?", {
      url: "https://shop.example.com/orders/7",
      referrer: "https://www.example.org/search?q=parcel",
    });
    await write(first.conversation.id, first.contactToken, "Thanks", {
      url: "https://shop.example.com/orders/7",
      referrer: "https://www.example.org/search?q=parcel",
    });
    assert.equal(
      (await f.api(ann, "POST", `/conversations/${first.conversation.id}/resolve`)).statusCode,
      200,
    );
    f.h.clock.advance(60_000);
    const second = await start(
      "Eve",
      "Another question",
      { url: "https://shop.example.com/help" },
      first.contactToken,
    );
    f.h.clock.advance(1_000);
    await write(second.conversation.id, first.contactToken, "Still here", {
      url: "https://shop.example.com/help/returns",
    });
    const r = await f.api(ben, "GET", `/conversations/${second.conversation.id}/contact`);
    assert.equal(r.statusCode, 200, r.body);
    const d = r.json();
    assert.equal(d.contact.name, "Eve");
    assert.equal(d.contact.firstSeen, t0);
    assert.deepEqual(
      d.pages.map((p: { url: string; referrer: string | null; thisConversation: boolean }) => [
        p.url,
        p.referrer,
        p.thisConversation,
      ]),
      [
        ["https://shop.example.com/help/returns", null, true],
        ["https://shop.example.com/help", null, true],
        ["https://shop.example.com/orders/7", "https://www.example.org/search?q=parcel", false],
      ],
    );
    assert.equal(d.conversations.length, 1);
    assert.equal(d.conversations[0].id, first.conversation.id);
    assert.equal(d.conversations[0].status, "resolved");
    assert.equal(d.conversations[0].lastMessage.text, "Thanks");
    // GEN-5: an agent of another inbox and a member get 404.
    for (const u of [out, mem])
      assert.equal(
        (await f.api(u, "GET", `/conversations/${second.conversation.id}/contact`)).statusCode,
        404,
      );
  });

  test("[GEN-4] a page that is not an http(s) address is 400 invalid_page, and nothing is written", async () => {
    const pages = await count("contact_pages");
    const conversations = (await list(f.h.admin)).length;
    for (const page of [
      { url: "javascript:alert(1)" },
      { url: "not a url" },
      { url: "https://a.example", referrer: "ftp://x" },
    ]) {
      const r = await f.widget("POST", "/widget/conversations", contact(""), {
        name: "Bad",
        text: "hi",
        page,
      });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.code, "invalid_page");
    }
    assert.equal(await count("contact_pages"), pages);
    assert.equal((await list(f.h.admin)).length, conversations);
  });

  test("[SUP-1] Reopen: a resolved conversation opens again for its assignee (or the reopening agent); anything else is 409", async () => {
    const c = await start("Finn", "Hello");
    const id = c.conversation.id;
    const early = await f.api(ann, "POST", `/conversations/${id}/reopen`);
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().error.code, "not_resolved");
    assert.equal((await f.api(ann, "POST", `/conversations/${id}/resolve`)).statusCode, 200);
    f.frames.length = 0;
    const r = await f.api(ben, "POST", `/conversations/${id}/reopen`);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().conversation.status, "open");
    assert.equal(
      r.json().conversation.assigneeId,
      ben.id,
      "nobody was assigned: the reopening agent takes it",
    );
    const seen = f.framesFor(ann.id, "conversation.updated") as { conversationId: string; status: string }[];
    assert.ok(
      seen.some((x) => x.conversationId === id && x.status === "open"),
      "the other agent's list follows",
    );
    assert.equal(f.framesFor(ann.id, "pending.start").length, 0, "an agent is there: nobody is rung");
    assert.equal((await f.api(ann, "POST", `/conversations/${id}/reopen`)).statusCode, 409);
    // Resolved again and reopened by Ann: Ben stays its assignee.
    assert.equal((await f.api(ben, "POST", `/conversations/${id}/resolve`)).statusCode, 200);
    const again = await f.api(ann, "POST", `/conversations/${id}/reopen`);
    assert.equal(again.json().conversation.assigneeId, ben.id);
    assert.equal((await f.api(out, "POST", `/conversations/${id}/reopen`)).statusCode, 404);
  });

  test("canned replies: admins create, edit and delete; agents list them; members and agents cannot change them", async () => {
    const c = await f.api(f.h.admin, "POST", "/canned-replies", {
      shortcut: "/Thanks",
      text: "Thank you for writing!",
    });
    assert.equal(c.statusCode, 201, c.body);
    const id = c.json().cannedReply.id;
    assert.equal(c.json().cannedReply.shortcut, "thanks");
    const dup = await f.api(f.h.admin, "POST", "/canned-replies", { shortcut: "THANKS", text: "x" });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.field, "shortcut");
    const bad = await f.api(f.h.admin, "POST", "/canned-replies", { shortcut: "two words", text: "x" });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, "invalid_shortcut");
    assert.equal(
      (await f.api(f.h.admin, "POST", "/canned-replies", { shortcut: "empty", text: "  " })).statusCode,
      400,
    );
    assert.equal(
      (await f.api(ann, "POST", "/canned-replies", { shortcut: "mine", text: "x" })).statusCode,
      403,
    );
    assert.equal((await f.api(mem, "GET", "/canned-replies")).statusCode, 403);
    const listed = await f.api(ann, "GET", "/canned-replies");
    assert.equal(listed.statusCode, 200);
    assert.deepEqual(
      listed.json().cannedReplies.map((x: { shortcut: string }) => x.shortcut),
      ["thanks"],
    );
    const e = await f.api(f.h.admin, "PATCH", `/canned-replies/${id}`, { text: "Thanks, {{name}}!" });
    assert.equal(e.statusCode, 200, e.body);
    assert.equal(e.json().cannedReply.text, "Thanks, {{name}}!");
    assert.equal((await f.api(ann, "PATCH", `/canned-replies/${id}`, { text: "x" })).statusCode, 403);
    assert.equal((await f.api(ann, "DELETE", `/canned-replies/${id}`)).statusCode, 403);
    assert.equal((await f.api(f.h.admin, "DELETE", `/canned-replies/${id}`)).statusCode, 204);
    const gone = await f.api(f.h.admin, "DELETE", `/canned-replies/${id}`);
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json().error.code, "canned_reply_not_found");
    assert.equal(await count("canned_replies"), 0);
  });

  test("typing both ways: an agent's reaches the other agents and the contact's poll, lapses after 6 s; the contact's reaches the agents", async () => {
    const c = await start("Gus", "Hi");
    const id = c.conversation.id;
    const poll = async () =>
      (await f.widget("GET", `/widget/conversations/${id}/messages`, contact(c.contactToken))).json()
        .agentTyping as string | null;
    assert.equal(await poll(), null);
    f.frames.length = 0;
    assert.equal((await f.api(ann, "POST", `/conversations/${id}/typing`, { typing: true })).statusCode, 200);
    const toBen = f.framesFor(ben.id, "conversation.typing") as {
      who: string;
      name: string;
      typing: boolean;
    }[];
    assert.deepEqual(
      toBen.map((x) => [x.who, x.name, x.typing]),
      [["agent", "ann", true]],
    );
    assert.equal(f.framesFor(ann.id, "conversation.typing").length, 0, "not to the typist");
    assert.equal(f.framesFor(out.id, "conversation.typing").length, 0, "GEN-5: not to another inbox");
    assert.equal(await poll(), "ann");
    f.h.clock.advance(6_001);
    assert.equal(await poll(), null, "a signal lapses by itself");
    await f.api(ann, "POST", `/conversations/${id}/typing`, { typing: true });
    assert.equal(await poll(), "ann");
    await f.api(ann, "POST", `/conversations/${id}/typing`, { typing: false });
    assert.equal(await poll(), null, "a stop clears it at once");
    f.frames.length = 0;
    const t = await f.widget("POST", `/widget/conversations/${id}/typing`, contact(c.contactToken), {
      typing: true,
    });
    assert.equal(t.statusCode, 200, t.body);
    for (const u of [ann, ben]) {
      const got = f.framesFor(u.id, "conversation.typing") as {
        who: string;
        name: string;
        conversationId: string;
      }[];
      assert.deepEqual(
        got.map((x) => [x.who, x.name, x.conversationId]),
        [["contact", "Gus", id]],
      );
    }
    assert.equal(f.framesFor(out.id, "conversation.typing").length, 0);
    const stranger = await f.widget("POST", `/widget/conversations/${id}/typing`, contact(""), {
      typing: true,
    });
    assert.equal(stranger.statusCode, 401);
    assert.equal((await f.api(out, "POST", `/conversations/${id}/typing`, { typing: true })).statusCode, 404);
  });
});
