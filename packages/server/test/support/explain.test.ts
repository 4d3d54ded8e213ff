// EXP-1 for support events: the answer names the trigger (the support event type, not "none"), says which
// conversation and message it is about, and has a fact for every reason.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestUser } from "../http/harness.ts";
import { type SupportFixture, supportFixture } from "./fixture.ts";

describe("[EXP-1] explain for support events", () => {
  let f: SupportFixture;
  let ann: TestUser;
  let ben: TestUser;
  let key: string;
  before(async () => {
    f = await supportFixture();
    ann = await f.h.user("agent", "ann");
    ben = await f.h.user("agent", "ben");
    key = (await f.api(f.h.admin, "POST", "/inboxes", { name: "Site", agentIds: [ann.id, ben.id] })).json()
      .key;
  });
  after(() => f.h.close());

  test("[EXP-1][SUP-5] an assignment is explained with trigger conversation_assigned, its conversation and facts", async () => {
    const start = await f.widget(
      "POST",
      "/widget/conversations",
      { "x-inbox-key": key },
      { name: "Zoe", text: "My order is late\norder 42" },
    );
    const conv = start.json().conversation;
    await f.api(ann, "POST", `/conversations/${conv.id}/assign`, { userId: ben.id });
    await f.h.services.decisions.flush();
    const items = (await f.api(ben, "GET", "/notifications")).json().items as { id: string; event: string }[];
    const assigned = items.find((i) => i.event === "conversation_assigned");
    assert.ok(assigned, JSON.stringify(items));
    const r = await f.api(ben, "GET", `/notifications/explain?event=${assigned.id}`);
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.equal(body.trigger, "conversation_assigned");
    assert.equal(body.text[0], "trigger: conversation_assigned");
    assert.equal(body.subject.conversationId, conv.id);
    assert.equal(body.subject.roomId, conv.roomId);
    for (const ch of ["banner", "sound", "push", "email", "inbox"])
      for (const reason of body.channels[ch].reasons) assert.ok(reason.fact.trim(), `${ch} ${reason.rule}`);
    // A contact's message: the subject names the contact and the first line.
    const created = (await f.api(ann, "GET", "/notifications"))
      .json()
      .items.find(
        (i: { event: string; conversationId: string }) =>
          i.event === "conversation_created" && i.conversationId === conv.id,
      );
    const c = (await f.api(ann, "GET", `/notifications/explain?event=${created.id}`)).json();
    assert.equal(c.trigger, "conversation_created");
    assert.deepEqual([c.subject.senderName, c.subject.firstLine], ["Zoe", "My order is late"]);
  });
});
