// BDG-2 through GET /me/badge: unread messages in a support conversation assigned to me count in the numbered
// badge (and only while it is assigned to me); the same loader feeds the gateway's badge (store/reads.ts).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadAdminSettings } from "../../src/http/preferences/resolve.ts";
import { badgesFor } from "../../src/jobs/badges.ts";
import type { TestUser } from "../http/harness.ts";
import { type SupportFixture, supportFixture } from "./fixture.ts";

describe("[BDG-2] assigned conversations in the badge", () => {
  let f: SupportFixture;
  let ann: TestUser;
  let ben: TestUser;
  let key: string;
  before(async () => {
    f = await supportFixture();
    ann = await f.h.user("agent", "ann");
    ben = await f.h.user("agent", "ben");
    const a = await f.api(f.h.admin, "POST", "/inboxes", { name: "Site", agentIds: [ann.id, ben.id] });
    key = a.json().key;
  });
  after(() => f.h.close());

  const badge = async (u: TestUser) => (await f.api(u, "GET", "/me/badge")).json();

  test("[BDG-2] 5 unread contact messages in a conversation assigned to me count 5 in the numbered badge", async () => {
    const start = await f.widget(
      "POST",
      "/widget/conversations",
      { "x-inbox-key": key },
      { name: "Zoe", text: "hi" },
    );
    assert.equal(start.statusCode, 201, start.body);
    const { conversation, contactToken } = start.json();
    const roomId = conversation.roomId as string;
    const assign = await f.api(ann, "POST", `/conversations/${conversation.id}/assign`, { userId: ann.id });
    assert.equal(assign.statusCode, 200, assign.body);
    await f.api(ann, "POST", `/rooms/${roomId}/read`, {});
    await f.api(ben, "POST", `/rooms/${roomId}/read`, {});
    const contact = { "x-inbox-key": key, "x-contact-token": contactToken };
    for (let i = 1; i <= 5; i++) {
      const r = await f.widget("POST", `/widget/conversations/${conversation.id}/messages`, contact, {
        text: `message ${i}`,
      });
      assert.equal(r.statusCode, 201, r.body);
    }
    const a = await badge(ann);
    assert.equal(a.rooms[roomId].unread, 5);
    assert.equal(a.total, 5, "assigned to me: unread counts in the number");
    const b = await badge(ben);
    assert.equal(b.rooms[roomId].unread, 5);
    assert.equal(b.total, 0, "not assigned to ben: only mentions would count");
    // PSH-5: the badge a push carries comes from the same loader, batched for many recipients.
    const db = f.h.services.store.db;
    const push = await badgesFor(db, [ann.id, ben.id], await loadAdminSettings(db));
    assert.deepEqual([push.get(ann.id), push.get(ben.id)], [5, 0]);
    // Reassigned: the count moves with the assignment.
    await f.api(ann, "POST", `/conversations/${conversation.id}/assign`, { userId: ben.id });
    assert.deepEqual([(await badge(ann)).total, (await badge(ben)).total], [0, 5]);
    await f.api(ben, "POST", `/rooms/${roomId}/read`, {});
    assert.equal((await badge(ben)).total, 0);
  });
});
