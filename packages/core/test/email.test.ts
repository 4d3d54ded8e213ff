import assert from "node:assert/strict";
import { test } from "node:test";
import {
  activityFacts,
  BIT,
  channelsOf,
  DEFAULT_ACCOUNT_PREFERENCES,
  decide,
  emailWindowMs,
  explain,
  explainText,
  planEmailBatch,
  scheduleEmailCandidate,
} from "../src/index.ts";
import { desktopConn, member, msg, NOW, pending, recipient, room } from "./helpers.ts";

const idleSince = (t: number) => activityFacts([desktopConn(t)], {}, { autoAway: true, idleSeconds: 60 });

test("[EML-1] an email is a candidate when the email level allows the trigger, not silenced, not busy, with an address", () => {
  const snap = room([
    member("alice"),
    member("bob"),
    member("carol", { hasEmail: false }),
    member("dave", { busyUntil: null }),
    member("erin", { room: { snooze: { until: null } } }),
    member("frank", { account: { email: "nothing" } }),
  ]);
  const d = decide(msg("@bob @carol @dave @erin @frank"), snap, NOW);
  assert.ok(channelsOf(d, 1) & BIT.emailScheduled);
  for (const i of [2, 3, 4, 5]) assert.equal(channelsOf(d, i) & BIT.emailScheduled, 0, `member ${i}`);
  assert.equal(explain(msg("@carol"), snap, 2, NOW).channels.email.reasons[0].rule, "EML-1");
  const lines = explainText(explain(msg("plain"), snap, 1, NOW));
  assert.ok(lines.includes("email: not sent — level mentions, trigger all [PRF-4]"));
});

test("[EML-1][PRV-8] with PRV-8 on, an unverified address gets no email", () => {
  const members = [member("alice"), member("bob", { emailVerified: false })];
  assert.ok(channelsOf(decide(msg("@bob"), room(members), NOW), 1) & BIT.emailScheduled);
  const strict = room(members, "channel", { requireVerifiedEmail: true });
  assert.equal(channelsOf(decide(msg("@bob"), strict, NOW), 1) & BIT.emailScheduled, 0);
  assert.equal(explain(msg("@bob"), strict, 1, NOW).channels.email.reasons[0].rule, "PRV-8");
  const s = recipient({ activity: idleSince(0), emailVerified: false, admin: strict.admin });
  assert.equal(scheduleEmailCandidate(pending(), s, NOW).rule, "PRV-8");
});

test("[EML-2] a candidate becomes due under the push inactivity condition, never while active", () => {
  const active = recipient({ activity: idleSince(NOW - 5000) });
  const w = scheduleEmailCandidate(pending(), active, NOW);
  assert.deepEqual([w.kind, w.kind === "wait" && w.until, w.rule], ["wait", NOW + 55_000, "EML-2"]);
  assert.equal(scheduleEmailCandidate(pending(), active, NOW + 55_000).kind, "send");
  const all = scheduleEmailCandidate(
    pending({ trigger: "all" }),
    recipient({ activity: idleSince(NOW), account: { email: "all" } }),
    NOW,
  );
  assert.equal(all.kind === "wait" && all.until, NOW + 300_000, "trigger all: max(PRV-6, PRF-13)");
  const snap = room([member("alice"), member("bob", { presence: { ...idleSince(NOW - 5000) } })]);
  const e = explain(msg("@bob"), snap, 1, NOW).channels.email;
  assert.deepEqual([e.decision, e.waitsFor, e.until], ["schedule", "EML-2", NOW + 55_000]);
});

test("[EML-2] sent only if still unread when the email goes out", () => {
  const s = recipient({ activity: idleSince(0), lastReadSeq: 10 });
  assert.deepEqual(
    [scheduleEmailCandidate(pending(), s, NOW).kind, scheduleEmailCandidate(pending(), s, NOW).rule],
    ["drop", "EML-2"],
  );
});

test("[EML-3][PRF-5] the batch window opens at the first due candidate and closes PRF-5 later ('immediately' = 10 s)", () => {
  assert.equal(emailWindowMs(DEFAULT_ACCOUNT_PREFERENCES), 120_000);
  assert.equal(emailWindowMs({ ...DEFAULT_ACCOUNT_PREFERENCES, emailDelivery: "immediately" }), 10_000);
  assert.equal(emailWindowMs({ ...DEFAULT_ACCOUNT_PREFERENCES, emailDelivery: "batched_1h" }), 3600_000);
  const send = { kind: "send" as const, rule: "EML-2", reason: "due" };
  const open = planEmailBatch([{ item: "m1", outcome: send }], 120_000, null, NOW);
  assert.deepEqual(
    [open.action, open.until, open.windowOpenedAt, open.send],
    ["wait", NOW + 120_000, NOW, []],
  );
  // A second candidate due inside the window joins the same email.
  const mid = planEmailBatch(
    [
      { item: "m1", outcome: send },
      { item: "m2", outcome: send },
    ],
    120_000,
    NOW,
    NOW + 60_000,
  );
  assert.deepEqual([mid.action, mid.until], ["wait", NOW + 120_000]);
  const close = planEmailBatch(
    [
      { item: "m1", outcome: send },
      { item: "m2", outcome: send },
    ],
    120_000,
    NOW,
    NOW + 120_000,
  );
  assert.deepEqual([close.action, close.send, close.windowOpenedAt], ["send", ["m1", "m2"], null]);
});

test("[EML-3] messages read in the meantime are dropped; if nothing is left no email is sent", () => {
  const drop = { kind: "drop" as const, rule: "EML-2", reason: "already read" };
  const send = { kind: "send" as const, rule: "EML-2", reason: "due" };
  const some = planEmailBatch(
    [
      { item: "m1", outcome: drop },
      { item: "m2", outcome: send },
    ],
    120_000,
    NOW,
    NOW + 120_000,
  );
  assert.deepEqual([some.action, some.send, some.drop.length], ["send", ["m2"], 1]);
  const none = planEmailBatch([{ item: "m1", outcome: drop }], 120_000, NOW, NOW + 120_000);
  assert.deepEqual([none.action, none.send, none.windowOpenedAt], ["idle", [], null]);
  // Not-yet-due candidates stay pending and set the next wake-up.
  const wait = { kind: "wait" as const, until: NOW + 500_000, rule: "EML-2", reason: "active" };
  const later = planEmailBatch([{ item: "m3", outcome: wait }], 120_000, null, NOW);
  assert.deepEqual([later.action, later.until, later.keep], ["wait", NOW + 500_000, ["m3"]]);
});

test("[EML-3] explain for a due email says the batching window", () => {
  const snap = room([member("alice"), member("bob", { presence: "offline" })]);
  const e = explain(msg("@bob"), snap, 1, NOW).channels.email;
  assert.deepEqual([e.decision, e.waitsFor, e.until], ["schedule", "EML-3", NOW + 120_000]);
});
