// [EXP-2] [GEN-5] Admins may explain anyone's notifications, but explain is not a way to read rooms they cannot
// read: about a DM or a private group they are not in, the answer keeps every decision, reason and time and
// leaves out the first line, the sender, the room's name and any quoted word of the text (a matched keyword).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { caller } from "../helpers/api.ts";
import { type Harness, harness, type TestUser } from "../http/harness.ts";

describe("[EXP-2] explain hides content the asker cannot read", () => {
  let h: Harness;
  let api: ReturnType<typeof caller>;
  let alice: TestUser;
  let bob: TestUser;
  let dmMessage: string;
  let groupMessage: string;
  let channelMessage: string;
  const SECRET = "pineapple plans for friday";

  before(async () => {
    h = await harness();
    api = caller(h.app);
    alice = await h.user("member");
    bob = await h.user("member");
    assert.equal((await api(bob, "PUT", "/me/preferences", { keywords: ["pineapple"] })).statusCode, 200);
    const dm = (await api(alice, "POST", "/dms", { userIds: [bob.id] })).json().room.id;
    dmMessage = (await api(alice, "POST", `/rooms/${dm}/messages`, { text: SECRET })).json().message.id;
    const group = (
      await api(alice, "POST", "/rooms", { kind: "group", name: "hush-room", memberIds: [bob.id] })
    ).json().room.id;
    groupMessage = (await api(alice, "POST", `/rooms/${group}/messages`, { text: SECRET })).json().message.id;
    const channel = (
      await api(alice, "POST", "/rooms", { kind: "channel", name: "town-square", memberIds: [bob.id] })
    ).json().room.id;
    channelMessage = (await api(alice, "POST", `/rooms/${channel}/messages`, { text: SECRET })).json().message
      .id;
  });
  after(() => h.close());

  const explain = (who: TestUser, message: string, user: string) =>
    api(who, "GET", `/notifications/explain?message=${message}&user=${user}`);

  test("[EXP-2] an admin outside a DM gets the decisions for its member, without text, sender or room name", async () => {
    assert.equal(
      (await api(h.admin, "GET", `/messages/${dmMessage}`)).statusCode,
      404,
      "the admin cannot read it",
    );
    for (const id of [dmMessage, groupMessage]) {
      const r = await explain(h.admin, id, bob.id);
      assert.equal(r.statusCode, 200, r.body);
      const a = r.json();
      assert.equal(a.trigger, id === dmMessage ? "dm" : "keyword", "the decisions are still explained");
      assert.ok(a.channels.banner.decision && a.channels.push.reasons.length > 0);
      assert.equal(a.subject.hidden, true);
      assert.equal(a.subject.firstLine, "");
      assert.equal(a.subject.senderName, null);
      assert.equal(a.subject.senderId, null);
      assert.equal(a.subject.roomName, null);
      for (const word of ["pineapple", "friday", "hush-room", alice.username])
        assert.equal(r.body.includes(word), false, `"${word}" must not appear in the admin's answer`);
    }
  });

  test("[EXP-2] the member asking about themselves, and anyone about a public channel, see the content", async () => {
    const own = (await explain(bob, dmMessage, bob.id)).json();
    assert.equal(own.subject.hidden, undefined);
    assert.equal(own.subject.firstLine, SECRET);
    const kw = (await explain(bob, groupMessage, bob.id)).json();
    assert.equal(kw.subject.roomName, "hush-room");
    assert.ok(JSON.stringify(kw.channels).includes("pineapple"), "the member sees which keyword matched");
    const pub = (await explain(h.admin, channelMessage, bob.id)).json();
    assert.equal(pub.subject.firstLine, SECRET, "a public channel is readable by anyone who joins it");
    assert.equal(pub.subject.roomName, "town-square");
  });

  test("[EXP-2] a non-admin still cannot ask about someone else", async () => {
    const r = await explain(alice, dmMessage, bob.id);
    assert.equal(r.statusCode, 403);
  });
});
