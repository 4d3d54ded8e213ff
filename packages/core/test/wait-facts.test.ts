import assert from "node:assert/strict";
import { test } from "node:test";
import {
  activityFacts,
  describeWait,
  durationWords,
  explain,
  inactivityFacts,
  scheduleEmailCandidate,
  schedulePush,
} from "../src/index.ts";
import { desktopConn, member, msg, NOW, pending, recipient, room } from "./helpers.ts";

const activeAt = (t: number, autoAway = true) =>
  activityFacts([desktopConn(t)], {}, { autoAway, idleSeconds: 60 });

test("[EXP-1] a waiting mention push carries the device and time of the last activity, the threshold and the due time", () => {
  const out = schedulePush(pending(), recipient({ activity: activeAt(NOW - 12_000) }), NOW);
  assert.equal(out.kind, "wait");
  assert.ok(out.kind === "wait" && out.facts?.kind === "inactivity");
  const f = out.facts;
  assert.equal(f.lastActivityAt, NOW - 12_000);
  assert.equal(f.lastActivityDevice, "web");
  assert.equal(f.thresholdMs, 60_000);
  assert.equal(f.dueAt, NOW + 48_000);
  assert.equal(out.reason, "active on web 12 s ago, threshold 60 s, may go in 48 s");
});

test("[EXP-1] explain's rebuilt push wait states the same facts as the scheduler's decision", () => {
  const bob = member("bob", { presence: activeAt(NOW - 12_000) });
  const e = explain(msg("@bob look"), room([member("alice"), bob]), 1, NOW);
  const scheduled = schedulePush(pending(), recipient({ activity: activeAt(NOW - 12_000) }), NOW);
  assert.ok(scheduled.kind === "wait");
  const reason = e.channels.push.reasons.at(-1);
  assert.deepEqual(reason?.wait, scheduled.facts);
  assert.equal(reason?.fact, scheduled.reason);
});

test("[EXP-1] auto-away off and not locked: no due time, it goes once inactive for T", () => {
  const out = scheduleEmailCandidate(pending(), recipient({ activity: activeAt(NOW - 5_000, false) }), NOW);
  assert.ok(out.kind === "wait" && out.facts?.kind === "inactivity");
  assert.equal(out.facts.dueAt, null);
  assert.equal(out.until, null);
  assert.equal(
    out.reason,
    "desktop/web client open and not locked (auto-away off), threshold 60 s, goes once inactive for 60 s",
  );
});

test("[EXP-1] a push held by quiet hours says until when and why", () => {
  const quiet = [{ day: 1, start: "11:00", end: "15:00" }];
  const out = schedulePush(
    pending(),
    recipient({ activity: activeAt(0), account: { quietHours: quiet } }),
    NOW,
  );
  assert.ok(out.kind === "wait" && out.facts?.kind === "quiet_hours");
  assert.equal(out.facts.until, Date.UTC(2025, 5, 16, 15, 0));
  assert.equal(out.reason, "quiet hours: held until they end, in 3 h");
});

test("[EXP-1] no desktop connection: the 30 s grace is the earliest time", () => {
  const gone = activityFacts(
    [],
    { lastActivityAt: NOW - 20_000, desktopGoneAt: NOW - 10_000 },
    {
      autoAway: true,
      idleSeconds: 60,
    },
  );
  const f = inactivityFacts(gone, 60_000, NOW + 20_000);
  assert.equal(
    describeWait(f, NOW),
    "no desktop/web connection since 10 s (inactive once 30 s without one), last active on desktop/web 20 s ago, threshold 60 s, may go in 20 s",
  );
});

test("[GEN-9] durations are words, never timestamps", () => {
  assert.equal(durationWords(48_000), "48 s");
  assert.equal(durationWords(300_000), "5 min");
  assert.equal(durationWords(3 * 3600_000), "3 h");
  assert.ok(!/\d{4}-\d\d-\d\dT/.test(describeWait({ kind: "quiet_hours", until: NOW + 60_000 }, NOW)));
});

test("[EXP-1][PRF-17] 'only when offline': the wait states whether a client is open, and when it may go", () => {
  const gone = activityFacts(
    [],
    { lastActivityAt: NOW - 600_000, desktopGoneAt: NOW - 10_000 },
    {
      autoAway: true,
      idleSeconds: 60,
    },
  );
  const out = schedulePush(pending(), recipient({ activity: gone, account: { pushWhen: "offline" } }), NOW);
  assert.ok(out.kind === "wait");
  assert.deepEqual(out.facts, {
    kind: "offline",
    connected: false,
    desktopGoneAt: NOW - 10_000,
    dueAt: NOW + 20_000,
  });
  assert.equal(out.reason, "push only when offline: no desktop/web connection since 10 s, may go in 20 s");
  const open = schedulePush(
    pending(),
    recipient({ activity: activeAt(NOW - 3_600_000), account: { pushWhen: "offline" } }),
    NOW,
  );
  assert.ok(open.kind === "wait");
  assert.deepEqual(open.facts, { kind: "offline", connected: true, desktopGoneAt: null, dueAt: null });
  assert.equal(
    open.reason,
    "push only when offline: a desktop/web client is open, goes once none has been open for 30 s",
  );
  // explain's rebuilt chain states the same.
  const bob = member("bob", { account: { pushWhen: "offline" }, presence: gone });
  const e = explain(msg("@bob hi"), room([member("alice"), bob]), 1, NOW);
  assert.deepEqual(e.channels.push.reasons.at(-1)?.wait, out.facts);
  assert.equal(e.channels.push.reasons.at(-1)?.fact, out.reason);
});
