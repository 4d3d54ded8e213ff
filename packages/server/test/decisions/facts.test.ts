// EXP-1: every reason of an explain answer carries a human fact — also for decisions the gateway recorded with
// rule IDs only — and the answer says which message (room, sender, first line) or support event it explains.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { gatewayEntries } from "../../src/decisions/gateway-adapter.ts";
import { type Harness, harness, type TestUser } from "../http/harness.ts";
import { makeMessage, makeRoom } from "./fixture.ts";

let h: Harness;
let alice: TestUser;
let bob: TestUser;

before(async () => {
  h = await harness();
  alice = await h.user("member", "alice");
  bob = await h.user("member", "bob");
});
after(() => h.close());

const explain = (who: TestUser, query: string) =>
  h.app.inject({ method: "GET", url: `/api/v1/notifications/explain?${query}`, headers: who.h });

type Reason = { rule: string; fact: string };

test("[EXP-1] a banner recorded by the gateway with rule IDs only is explained with a fact per rule; still 'recorded'", async () => {
  const db = h.services.store.db;
  const room = await makeRoom(db, "channel", [alice.id, bob.id], { [bob.id]: { sound: "none" } });
  const at = h.clock.now();
  const msg = await makeMessage(db, room, alice.id, "hey @bob, the deploy\nsecond line", at);
  // Exactly what the gateway records for a notified member (gateway/core-room.ts rules, gateway-adapter facts).
  h.services.decisions.record(
    gatewayEntries({
      messageId: msg,
      roomId: room,
      at,
      notified: [
        {
          userId: bob.id,
          trigger: "mention",
          devices: ["d1"],
          sound: true,
          rules: ["TRG-1", "DSK-1", "PRF-1", "PRF-34"],
        },
      ],
      nothing: [{ rule: "MEN-5", trigger: null, userIds: [alice.id] }],
    }),
  );
  await h.services.decisions.flush();
  const res = await explain(bob, `message=${msg}`);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.channels.banner.source, "recorded");
  assert.equal(body.channels.banner.decision, "delivered");
  for (const ch of ["banner", "sound", "push", "email", "inbox"])
    for (const r of body.channels[ch].reasons as Reason[])
      assert.ok(r.fact.trim(), `${ch}: ${r.rule} has no fact`);
  const byRule = Object.fromEntries((body.channels.banner.reasons as Reason[]).map((r) => [r.rule, r.fact]));
  assert.match(byRule["DSK-1"], /level mentions allows trigger mention/);
  assert.equal(byRule["PRF-1"], "desktop level mentions");
  assert.match(byRule["PRF-34"], /room sound none/);
  assert.match(byRule["TRG-1"], /mention/);
  const line = body.text.find((t: string) => t.startsWith("banner:"));
  assert.ok(!/(^|; |— )\[[A-Z]+-\d+\]/.test(line), `a rule without words: ${line}`);
  assert.deepEqual(body.subject, {
    roomId: room,
    roomName: `r-${room}`,
    roomKind: "channel",
    conversationId: null,
    messageId: msg,
    senderId: alice.id,
    senderName: "alice",
    firstLine: "hey @bob, the deploy",
    createdAt: at,
  });
  // The aggregate context (MEN-5 for the sender) has its words too.
  const agg = (await explain(alice, `message=${msg}`)).json().channels.banner;
  for (const r of [...agg.reasons, ...(agg.aggregate?.reasons ?? [])] as Reason[])
    assert.ok(r.fact.trim(), r.rule);
});
