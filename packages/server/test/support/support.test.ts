// [SUP-1] … [SUP-9] and [GEN-5] for support, through the HTTP API on SQLite.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import type { TestUser } from "../http/harness.ts";
import type { SupportFixture } from "./fixture.ts";
import { supportFixture } from "./fixture.ts";

describe("support console", () => {
  let f: SupportFixture;
  let ann: TestUser; // agent, inbox A
  let ben: TestUser; // agent, inbox A
  let cat: TestUser; // agent, inbox B only
  let mel: TestUser; // member
  let keyA: string;
  let inboxA: string;
  const start = async (text = "Hello, I need help") => {
    const r = await f.widget(
      "POST",
      "/widget/conversations",
      { "x-inbox-key": keyA },
      { name: "Zoe", email: "zoe@example.org", text },
    );
    assert.equal(r.statusCode, 201, r.body);
    return r.json() as { conversation: { id: string; roomId: string; status: string }; contactToken: string };
  };
  const items = async (u: TestUser) =>
    (await f.api(u, "GET", "/notifications")).json().items as {
      type: string;
      event: string;
      conversationId: string;
      messageId: string;
      read: boolean;
      id: string;
    }[];

  before(async () => {
    f = await supportFixture();
    ann = await f.h.user("agent", "ann");
    ben = await f.h.user("agent", "ben");
    cat = await f.h.user("agent", "cat");
    mel = await f.h.user("member", "mel");
    const a = await f.api(f.h.admin, "POST", "/inboxes", { name: "Website", agentIds: [ann.id, ben.id] });
    assert.equal(a.statusCode, 201, a.body);
    keyA = a.json().key;
    inboxA = a.json().inbox.id;
    await f.api(f.h.admin, "POST", "/inboxes", { name: "Other", agentIds: [cat.id] });
  });
  beforeEach(() => {
    f.frames.length = 0;
    f.supportDeliveries.length = 0;
    f.online.clear();
    f.h.clock.advance(1000);
  });
  after(() => f.h.close());

  test("[SUP-1] inboxes: admin creates, key shown once, agents only; the widget needs the key", async () => {
    assert.match(keyA, /^hik_/);
    const list = (await f.api(ann, "GET", "/inboxes")).json().inboxes;
    assert.deepEqual(
      list.map((i: { id: string }) => i.id),
      [inboxA],
    );
    assert.equal(JSON.stringify(list).includes(keyA), false);
    assert.equal((await f.api(ann, "POST", "/inboxes", { name: "x" })).statusCode, 403);
    const notAgent = await f.api(f.h.admin, "POST", `/inboxes/${inboxA}/agents`, { userIds: [mel.id] });
    assert.deepEqual([notAgent.statusCode, notAgent.json().error.code], [400, "not_an_agent"]);
    const bad = await f.widget(
      "POST",
      "/widget/conversations",
      { "x-inbox-key": "nope" },
      { name: "Z", text: "hi" },
    );
    assert.deepEqual([bad.statusCode, bad.json().error.code], [401, "invalid_inbox_key"]);
    const c = await start();
    assert.equal(c.conversation.status, "pending");
    assert.match(c.contactToken, /^hct_/);
    const msgs = await f.widget("GET", `/widget/conversations/${c.conversation.id}/messages`, {
      "x-inbox-key": keyA,
      "x-contact-token": c.contactToken,
    });
    assert.deepEqual(
      msgs.json().messages.map((m: { text: string }) => m.text),
      ["Hello, I need help"],
    );
    const other = await f.widget("GET", `/widget/conversations/${c.conversation.id}/messages`, {
      "x-inbox-key": keyA,
      "x-contact-token": "hct_wrong",
    });
    // GEN-4: an unknown contact token is a credential problem (docs/API.md), not a missing conversation.
    assert.deepEqual([other.statusCode, other.json().error.code], [401, "invalid_contact_token"]);
    const second = await start();
    const notMine = await f.widget("GET", `/widget/conversations/${c.conversation.id}/messages`, {
      "x-inbox-key": keyA,
      "x-contact-token": second.contactToken,
    });
    assert.deepEqual([notMine.statusCode, notMine.json().error.code], [404, "conversation_not_found"]);
  });

  test("[SUP-2] a new conversation notifies every agent of its inbox, nobody else", async () => {
    const c = await start();
    for (const u of [ann, ben]) {
      const it = (await items(u)).find((i) => i.conversationId === c.conversation.id);
      assert.equal(it?.event, "conversation_created");
    }
    assert.equal(
      (await items(cat)).some((i) => i.conversationId === c.conversation.id),
      false,
    );
    assert.equal((await items(mel)).length, 0);
  });

  test("[SUP-3] the pending alert goes to available agents and stops on pick-up, leave, assign and resolve", async () => {
    f.online.add(ann.id);
    f.online.add(ben.id);
    const busy = await f.api(ben, "PUT", "/me/status", { presence: "auto", dnd: { until: null } });
    assert.equal(busy.statusCode, 200, busy.body); // ben is busy (PRS-5)
    const c = await start();
    assert.equal(f.framesFor(ann.id, "pending.start").length, 1);
    assert.equal(f.framesFor(ben.id, "pending.start").length, 0, "busy agents get no pending alert");
    assert.equal(f.framesFor(cat.id).length, 0);
    // PRF-52: no separate banner for conversation_created while pending.
    assert.equal(
      f.framesFor(ann.id, "notify").some((n) => n.t === "notify" && n.banner),
      false,
    );
    await f.api(ann, "POST", `/conversations/${c.conversation.id}/pickup`);
    assert.equal(f.framesFor(ann.id, "pending.stop").length, 1);
    assert.equal(f.framesFor(ben.id, "pending.stop").length, 1);
    await f.api(ben, "PUT", "/me/status", { presence: "auto", dnd: null });
    const offline = await start();
    f.online.clear();
    assert.equal(
      f.frames.filter(
        (x) => x.frame.t === "pending.start" && x.frame.conversationId === offline.conversation.id,
      ).length,
      2,
    );
    for (const [how, act] of [
      [
        "leave",
        (id: string, tok: string) =>
          f.widget("POST", `/widget/conversations/${id}/leave`, {
            "x-inbox-key": keyA,
            "x-contact-token": tok,
          }),
      ],
      ["assign", (id: string) => f.api(ann, "POST", `/conversations/${id}/assign`, { userId: ben.id })],
      ["resolve", (id: string) => f.api(ann, "POST", `/conversations/${id}/resolve`)],
    ] as const) {
      const x = await start();
      f.frames.length = 0;
      const r = await act(x.conversation.id, x.contactToken);
      assert.equal(r.statusCode, 200, `${how}: ${r.body}`);
      assert.deepEqual(
        f.frames
          .filter((y) => y.frame.t === "pending.stop")
          .map((y) => y.userId)
          .sort(),
        [ann.id, ben.id].sort(),
        how,
      );
      const view = (await f.api(ann, "GET", `/conversations/${x.conversation.id}`)).json().conversation;
      assert.notEqual(view.status, "pending", how);
    }
  });

  test("[SUP-4] pick up: exactly one agent wins, the others get already_picked_up", async () => {
    const c = await start();
    const [r1, r2] = await Promise.all([
      f.api(ann, "POST", `/conversations/${c.conversation.id}/pickup`),
      f.api(ben, "POST", `/conversations/${c.conversation.id}/pickup`),
    ]);
    const codes = [r1.statusCode, r2.statusCode].sort();
    assert.deepEqual(codes, [200, 409]);
    const loser = r1.statusCode === 409 ? r1 : r2;
    assert.equal(loser.json().error.code, "already_picked_up");
  });

  test("[SUP-5] assigning to someone else notifies the assignee; self-assignment does not", async () => {
    const c = await start();
    await f.api(ann, "POST", `/conversations/${c.conversation.id}/assign`, { userId: ben.id });
    assert.ok(
      (await items(ben)).some(
        (i) => i.conversationId === c.conversation.id && i.event === "conversation_assigned",
      ),
    );
    await f.api(ann, "POST", `/conversations/${c.conversation.id}/assign`, { userId: ann.id });
    assert.equal(
      (await items(ann)).some(
        (i) => i.event === "conversation_assigned" && i.conversationId === c.conversation.id,
      ),
      false,
    );
    const notInbox = await f.api(ann, "POST", `/conversations/${c.conversation.id}/assign`, {
      userId: cat.id,
    });
    assert.deepEqual([notInbox.statusCode, notInbox.json().error.code], [400, "not_an_agent"]);
  });

  test("[SUP-6] @username and @email in a private note notify that agent; the contact never sees the note", async () => {
    const c = await start();
    await f.api(ann, "POST", `/conversations/${c.conversation.id}/pickup`);
    const n1 = await f.api(ann, "POST", `/conversations/${c.conversation.id}/messages`, {
      text: "@ben can you look?",
      private: true,
    });
    assert.equal(n1.statusCode, 201, n1.body);
    const it = (await items(ben)).find((i) => i.messageId === n1.json().message.id);
    assert.equal(it?.event, "conversation_mention");
    const n2 = await f.api(ben, "POST", `/conversations/${c.conversation.id}/messages`, {
      text: "ping @ann@example.com",
      private: true,
    });
    assert.equal(
      (await items(ann)).find((i) => i.messageId === n2.json().message.id)?.event,
      "conversation_mention",
    );
    const w = await f.widget("GET", `/widget/conversations/${c.conversation.id}/messages`, {
      "x-inbox-key": keyA,
      "x-contact-token": c.contactToken,
    });
    assert.deepEqual(
      w.json().messages.map((m: { text: string }) => m.text),
      ["Hello, I need help"],
    );
    const agentView = (await f.api(ann, "GET", `/conversations/${c.conversation.id}`)).json();
    assert.equal(agentView.messages.filter((m: { private: boolean }) => m.private).length, 2);
  });

  test("[SUP-7] a new message notifies the assignee and other participants, never its author", async () => {
    const c = await start();
    await f.api(ann, "POST", `/conversations/${c.conversation.id}/pickup`);
    await f.api(ben, "POST", `/conversations/${c.conversation.id}/messages`, { text: "I'm here too" });
    const fromContact = await f.widget(
      "POST",
      `/widget/conversations/${c.conversation.id}/messages`,
      { "x-inbox-key": keyA, "x-contact-token": c.contactToken },
      { text: "thanks!" },
    );
    assert.equal(fromContact.statusCode, 201, fromContact.body);
    const mid = fromContact.json().message.id;
    assert.equal((await items(ann)).find((i) => i.messageId === mid)?.event, "assigned_conversation_message");
    assert.equal(
      (await items(ben)).find((i) => i.messageId === mid)?.event,
      "participating_conversation_message",
    );
    const fromAnn = await f.api(ann, "POST", `/conversations/${c.conversation.id}/messages`, {
      text: "on it",
    });
    const aid = fromAnn.json().message.id;
    assert.equal(
      (await items(ann)).some((i) => i.messageId === aid),
      false,
      "never the author",
    );
    assert.equal(
      (await items(ben)).find((i) => i.messageId === aid)?.event,
      "participating_conversation_message",
    );
    // Reading the conversation reads its items (GEN-1).
    await f.api(ben, "POST", `/rooms/${c.conversation.roomId}/read`, {});
    assert.equal((await items(ben)).find((i) => i.messageId === aid)?.read, true);
  });

  test("[SUP-9][PRF-41] push for support events goes to the scheduler per PRF-41; none when turned off", async () => {
    const c = await start();
    // PRF-41 defaults: conversation_created push off, email off (PRF-40).
    assert.equal(f.supportDeliveries.filter((d) => d.conversationId === c.conversation.id).length, 0);
    await f.api(ann, "POST", `/conversations/${c.conversation.id}/assign`, { userId: ben.id });
    const d = f.supportDeliveries.find((x) => x.userId === ben.id && x.eventType === "conversation_assigned");
    assert.deepEqual(d?.channels, ["push", "email"]);
    assert.equal(
      d?.notificationId,
      (await items(ben)).find(
        (i) => i.event === "conversation_assigned" && i.conversationId === c.conversation.id,
      )?.id,
    );
    f.supportDeliveries.length = 0;
    await f.api(ben, "PUT", "/me/agent-preferences", {
      push: { conversation_assigned: false },
      email: { conversation_assigned: false },
    });
    await f.api(ann, "POST", `/conversations/${c.conversation.id}/assign`, { userId: ann.id });
    await f.api(ben, "POST", `/conversations/${c.conversation.id}/assign`, { userId: ben.id });
    const c2 = await start();
    await f.api(ann, "POST", `/conversations/${c2.conversation.id}/assign`, { userId: ben.id });
    assert.equal(
      f.supportDeliveries.filter((x) => x.userId === ben.id && x.eventType === "conversation_assigned")
        .length,
      0,
    );
  });

  test("[GEN-5] a non-agent or an agent of another inbox sees 404; lists hold only my inboxes", async () => {
    const c = await start();
    for (const u of [mel, cat]) {
      for (const [m, url, body] of [
        ["GET", `/conversations/${c.conversation.id}`, undefined],
        ["POST", `/conversations/${c.conversation.id}/pickup`, undefined],
        ["POST", `/conversations/${c.conversation.id}/resolve`, undefined],
        ["POST", `/conversations/${c.conversation.id}/assign`, { userId: u.id }],
        ["POST", `/conversations/${c.conversation.id}/messages`, { text: "hi" }],
      ] as const) {
        const r = await f.api(u, m, url, body);
        assert.deepEqual(
          [r.statusCode, r.json().error.code],
          [404, "conversation_not_found"],
          `${u.username} ${m} ${url}`,
        );
      }
      const list = (await f.api(u, "GET", "/conversations?filter=all")).json().conversations;
      assert.equal(
        list.some((x: { id: string }) => x.id === c.conversation.id),
        false,
      );
      assert.equal((await f.api(u, "GET", `/rooms/${c.conversation.roomId}/messages`)).statusCode, 404);
    }
    assert.ok((await f.api(f.h.admin, "GET", `/conversations/${c.conversation.id}`)).statusCode === 200);
  });

  test("[SUP-1] filters mine / unassigned and validation (4xx, unknown fields rejected)", async () => {
    const c = await start();
    await f.api(ann, "POST", `/conversations/${c.conversation.id}/pickup`);
    const mine = (await f.api(ann, "GET", "/conversations?filter=mine")).json().conversations;
    assert.ok(
      mine.every((x: { assigneeId: string }) => x.assigneeId === ann.id) &&
        mine.some((x: { id: string }) => x.id === c.conversation.id),
    );
    const un = (await f.api(ann, "GET", "/conversations?filter=unassigned")).json().conversations;
    assert.ok(un.every((x: { assigneeId: string | null }) => x.assigneeId === null));
    assert.equal((await f.api(ann, "GET", "/conversations?filter=bogus")).statusCode, 400);
    const extra = await f.api(ann, "POST", `/conversations/${c.conversation.id}/messages`, {
      text: "x",
      color: 1,
    });
    assert.deepEqual([extra.statusCode, extra.json().error.code], [400, "unknown_field"]);
    const empty = await f.api(ann, "POST", `/conversations/${c.conversation.id}/messages`, { text: "  " });
    assert.equal(empty.statusCode, 400);
    const w = await f.widget(
      "POST",
      "/widget/conversations",
      { "x-inbox-key": keyA },
      { name: "Z", text: "hi", zz: 1 },
    );
    assert.deepEqual([w.statusCode, w.json().error.code], [400, "unknown_field"]);
    const e = await f.widget(
      "POST",
      "/widget/conversations",
      { "x-inbox-key": keyA },
      { name: "Z", text: "hi", email: "nope" },
    );
    assert.equal(e.statusCode, 400);
    const noTok = await f.widget(
      "POST",
      `/widget/conversations/${c.conversation.id}/messages`,
      { "x-inbox-key": keyA },
      { text: "x" },
    );
    assert.equal(noTok.statusCode, 401);
  });
});
