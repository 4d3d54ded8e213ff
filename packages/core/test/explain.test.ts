import assert from "node:assert/strict";
import { test } from "node:test";
import {
  activityFacts,
  BIT,
  channelsOf,
  decide,
  explain,
  explainText,
  forEachRecipient,
  membersWith,
} from "../src/index.ts";
import { desktopConn, member, msg, NOW, room } from "./helpers.ts";

test("[EXP-1] explain gives, per channel, the decision and the chain of rule IDs and facts", () => {
  const bob = member("bob", {
    presence: activityFacts([desktopConn(NOW - 12_000)], {}, { autoAway: true, idleSeconds: 60 }),
  });
  const snap = room([member("alice"), bob]);
  const e = explain(msg("@bob can you look"), snap, 1, NOW);
  assert.equal(e.userId, "bob");
  assert.equal(e.trigger, "mention");
  assert.deepEqual(e.triggerReasons, [{ rule: "MEN-1", fact: "@bob in the message" }]);
  assert.equal(e.channels.banner.decision, "deliver");
  assert.equal(e.channels.inbox.decision, "deliver");
  const lines = explainText(e);
  assert.equal(lines[0], "trigger: mention — @bob in the message [MEN-1]");
  assert.ok(
    lines.includes("push: waiting — active on web 12 s ago, threshold 60 s, may go in 48 s [PSH-2]"),
    lines.join("\n"),
  );
  const plain = explainText(explain(msg("lunch?"), snap, 1, NOW));
  assert.ok(plain.includes("email: not sent — level mentions, trigger all [PRF-4]"));
  assert.ok(plain.includes("inbox: not sent — trigger all makes no inbox item [GEN-1]"));
});

test("[EXP-1] explain names the blocking rule: snooze, busy, muted group mentions, MEN-7", () => {
  const snap = room(
    [
      member("alice"),
      member("bob", { room: { snooze: { until: NOW + 60_000 } } }),
      member("carol", { busyUntil: null }),
      member("dave", { room: { muteGroupMentions: true } }),
    ],
    "channel",
    { restrictGroupMentionsAbove: null },
  );
  assert.match(
    explainText(explain(msg("@bob"), snap, 1, NOW))[3],
    /^push: not sent — room snoozed until .* \[PRF-36\]$/,
  );
  assert.deepEqual(
    explain(msg("@carol"), snap, 2, NOW).channels.email.reasons.map((r) => r.rule),
    ["EML-1", "PRS-5"],
  );
  assert.equal(explain(msg("@carol"), snap, 2, NOW).channels.push.reasons[0].rule, "PSH-1");
  assert.deepEqual(
    explain(msg("@all"), snap, 3, NOW).triggerReasons.map((r) => r.rule),
    ["TRG-1", "PRF-37"],
  );
  const restricted = room([member("alice"), member("bob")], "channel", { restrictGroupMentionsAbove: 1 });
  assert.deepEqual(
    explain(msg("@all"), restricted, 1, NOW).triggerReasons.map((r) => r.rule),
    ["TRG-1", "MEN-7"],
  );
});

test("[GEN-1] an inbox item for dm, mention, keyword, thread and group triggers — never for trigger all", () => {
  const snap = room([
    member("alice"),
    member("bob", { account: { keywords: ["fire"], desktop: "all" } }),
    member("carol"),
    member("dave", { account: { desktop: "all", email: "all" } }),
  ]);
  const d = decide(
    {
      ...msg("@carol fire", { threadRootId: "t", alsoInRoom: true, threadSeq: 1 }),
      threadFollowers: ["dave"],
    },
    snap,
    NOW,
  );
  assert.deepEqual(membersWith(d, BIT.inbox), [1, 2, 3]);
  const plain = decide(msg("lunch"), snap, NOW);
  assert.deepEqual(membersWith(plain, BIT.inbox), []);
  assert.ok(channelsOf(plain, 3) & BIT.emailScheduled, "level all still emails");
  const dm = decide(msg("hey"), room([member("alice"), member("bob")], "dm"), NOW);
  assert.deepEqual(membersWith(dm, BIT.inbox), [1]);
  const seen: number[] = [];
  forEachRecipient(dm, (i) => seen.push(i));
  assert.deepEqual(seen, [1]);
});
