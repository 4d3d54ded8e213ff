// Support console defects: inbox items name the contact, adding agents adds what it can and names who it
// could not, and the inbox key can be seen again and rotated (it is public: it sits in the widget snippet).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestUser } from "../http/harness.ts";
import type { SupportFixture } from "./fixture.ts";
import { supportFixture } from "./fixture.ts";

for (const pg of [false, true])
  describe(`support console fixes (${pg ? "PostgreSQL" : "SQLite"})`, () => {
    let f: SupportFixture;
    let ann: TestUser;
    let ben: TestUser;
    let mel: TestUser;
    let inbox: string;
    let key: string;

    before(async () => {
      f = await supportFixture({ pg });
      ann = await f.h.user("agent", "ann");
      ben = await f.h.user("agent", "ben");
      mel = await f.h.user("member", "mel");
      await f.h.services.store.db
        .updateTable("users")
        .set({ display_name: "Mel Oakes" })
        .where("id", "=", mel.id)
        .execute();
      const a = await f.api(f.h.admin, "POST", "/inboxes", { name: "Website", agentIds: [ann.id] });
      assert.equal(a.statusCode, 201, a.body);
      inbox = a.json().inbox.id;
      key = a.json().key;
    });
    after(() => f.h.close());

    test("[SUP-2] an inbox item about a contact's conversation names the contact", async () => {
      const r = await f.widget(
        "POST",
        "/widget/conversations",
        { "x-inbox-key": key },
        { name: "Zoë Ray", text: "Hi" },
      );
      assert.equal(r.statusCode, 201, r.body);
      const items = (await f.api(ann, "GET", "/notifications")).json().items as {
        event: string;
        conversationId: string;
        contactName?: string;
        actorId: string | null;
      }[];
      const created = items.find((i) => i.event === "conversation_created");
      assert.ok(created, JSON.stringify(items));
      assert.equal(created.conversationId, r.json().conversation.id);
      assert.equal(created.actorId, null);
      assert.equal(created.contactName, "Zoë Ray");
    });

    test("[SUP-1] adding agents adds the valid ones and answers 400 naming the member by name, no internal id", async () => {
      const r = await f.api(f.h.admin, "POST", `/inboxes/${inbox}/agents`, {
        userIds: [ben.id, mel.id, "no-such-user-id"],
      });
      assert.equal(r.statusCode, 400, r.body);
      const body = r.json();
      assert.equal(body.error.code, "not_an_agent");
      assert.equal(body.error.field, "userIds");
      assert.match(body.error.message, /Mel Oakes is a member, not an agent or admin/);
      assert.match(body.error.message, /one of the chosen users no longer exists/);
      assert.equal(body.error.message.includes(mel.id), false);
      assert.equal(body.error.message.includes("no-such-user-id"), false);
      assert.deepEqual(body.added, [ben.id]);
      const listed = (await f.api(f.h.admin, "GET", "/inboxes")).json().inboxes[0];
      assert.deepEqual(new Set(listed.agentIds), new Set([ann.id, ben.id]));
      const again = await f.api(f.h.admin, "POST", `/inboxes/${inbox}/agents`, { userIds: [ben.id] });
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual(again.json().added, []);
    });

    test("[SUP-1] admins see the inbox key again and can rotate it; the old key stops working; agents never see it", async () => {
      const listed = (await f.api(f.h.admin, "GET", "/inboxes")).json().inboxes[0];
      assert.equal(listed.key, key);
      const asAgent = (await f.api(ann, "GET", "/inboxes")).json().inboxes[0];
      assert.equal("key" in asAgent, false);
      assert.equal((await f.api(ann, "POST", `/inboxes/${inbox}/key`)).statusCode, 403);
      const rot = await f.api(f.h.admin, "POST", `/inboxes/${inbox}/key`);
      assert.equal(rot.statusCode, 200, rot.body);
      const fresh = rot.json().key as string;
      assert.match(fresh, /^hik_/);
      assert.notEqual(fresh, key);
      const old = await f.widget(
        "POST",
        "/widget/conversations",
        { "x-inbox-key": key },
        { name: "Z", text: "hi" },
      );
      assert.deepEqual([old.statusCode, old.json().error.code], [401, "invalid_inbox_key"]);
      const now = await f.widget(
        "POST",
        "/widget/conversations",
        { "x-inbox-key": fresh },
        { name: "Z", text: "hi" },
      );
      assert.equal(now.statusCode, 201, now.body);
      assert.equal((await f.api(f.h.admin, "GET", "/inboxes")).json().inboxes[0].key, fresh);
      const none = await f.api(f.h.admin, "POST", "/inboxes/nope/key");
      assert.deepEqual([none.statusCode, none.json().error.code], [404, "inbox_not_found"]);
    });

    test("[SUP-3] a pending conversation says since when the contact waits; a reopened one from its new message", async () => {
      const listed = await f.api(f.h.admin, "GET", "/inboxes");
      const k = listed.json().inboxes[0].key as string;
      const t0 = f.h.clock.now();
      const r = await f.widget(
        "POST",
        "/widget/conversations",
        { "x-inbox-key": k },
        { name: "Wes", text: "Hello?" },
      );
      const id = r.json().conversation.id as string;
      const contact = { "x-inbox-key": k, "x-contact-token": r.json().contactToken as string };
      f.h.clock.advance(90_000);
      await f.widget("POST", `/widget/conversations/${id}/messages`, contact, { text: "Anyone there?" });
      const pending = async () =>
        (
          (await f.api(ann, "GET", "/conversations?status=pending")).json().conversations as {
            id: string;
            waitingSince?: number;
          }[]
        ).find((c) => c.id === id);
      assert.equal((await pending())?.waitingSince, t0);
      assert.equal((await f.api(ann, "GET", `/conversations/${id}`)).json().conversation.waitingSince, t0);
      // An agent answers without picking up, then resolves: no longer waiting.
      await f.api(ann, "POST", `/conversations/${id}/messages`, { text: "Here, how can I help?" });
      await f.api(ann, "POST", `/conversations/${id}/resolve`);
      const resolved = (await f.api(ann, "GET", `/conversations/${id}`)).json().conversation;
      assert.deepEqual([resolved.status, "waitingSince" in resolved], ["resolved", false]);
      f.h.clock.advance(600_000);
      const t1 = f.h.clock.now();
      const again = await f.widget("POST", `/widget/conversations/${id}/messages`, contact, {
        text: "One more thing",
      });
      assert.equal(again.statusCode, 201, again.body);
      assert.equal((await pending())?.waitingSince, t1);
    });
  });
