// The gateway's fan-out record becomes per-member rows for who was notified and one aggregate per reason (EXP-3).
import assert from "node:assert/strict";
import { test } from "node:test";
import { gatewayRecorder } from "../../src/decisions/gateway-adapter.ts";
import { MemoryDecisionRecorder } from "../../src/decisions/recorder.ts";

test("[EXP-3] the gateway's 'nothing' lists become one counted row per reason and channel, without user ids", () => {
  const mem = new MemoryDecisionRecorder();
  const many = Array.from({ length: 3000 }, (_, i) => `u${i}`);
  gatewayRecorder(mem).record({
    messageId: "m1",
    roomId: "r1",
    at: 42,
    notified: [
      { userId: "bob", trigger: "mention", devices: ["d1", "d2"], sound: true, rules: ["TRG-1", "DSK-1"] },
    ],
    nothing: [
      { rule: "DSK-2", trigger: "all", userIds: many },
      { rule: "PRF-1", trigger: null, userIds: ["x"] },
    ],
  });
  const own = mem.entries.filter((e) => e.userId === "bob");
  assert.deepEqual(
    own.map((e) => [e.channel, e.outcome, e.trigger]),
    [
      ["banner", "delivered", "mention"],
      ["sound", "delivered", "mention"],
    ],
  );
  assert.deepEqual(own[0].reasons.at(-1), { rule: "DSK-3", fact: "shown on 2 device(s) at fan-out" });
  const agg = mem.entries.filter((e) => e.userId === null);
  assert.equal(agg.length, 4);
  const dsk2 = agg.find((e) => e.channel === "banner" && e.reasons[0].rule === "DSK-2");
  assert.equal(dsk2?.count, 3000);
  assert.equal(dsk2?.trigger, "all");
  assert.ok(!JSON.stringify(agg).includes("u17"), "aggregate rows carry no user ids");
});
