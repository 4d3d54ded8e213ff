import assert from "node:assert/strict";
import { test } from "node:test";
import {
  activityFacts,
  BIT,
  channelsOf,
  decide,
  explain,
  explainText,
  PUSH_EXPIRY_MS,
  schedulePush,
  summarizeByRoom,
} from "../src/index.ts";
import { desktopConn, member, msg, NOW, pending, recipient, room } from "./helpers.ts";

const idleSince = (t: number) => activityFacts([desktopConn(t)], {}, { autoAway: true, idleSeconds: 60 });

test("[PSH-1] a push is a candidate when the push level allows the trigger, the room is not silenced, the user not busy", () => {
  const snap = room([
    member("alice"),
    member("bob"),
    member("carol", { room: { alerts: false } }),
    member("dave", { busyUntil: null }),
    member("erin", { account: { mobileDifferent: true, push: "nothing" } }),
  ]);
  const d = decide(msg("@bob @carol @dave @erin"), snap, NOW);
  assert.ok(channelsOf(d, 1) & BIT.push);
  for (const i of [2, 3, 4]) assert.equal(channelsOf(d, i) & (BIT.push | BIT.pushScheduled), 0);
});

test("[PSH-2] no push while the user is active on desktop/web: it waits for PRF-13 (60 s) of inactivity", () => {
  const snap = room([member("alice"), member("bob", { presence: { ...idleSince(NOW - 12_000) } })]);
  const ev = msg("@bob");
  assert.equal(channelsOf(decide(ev, snap, NOW), 1) & (BIT.push | BIT.pushScheduled), BIT.pushScheduled);
  const e = explain(ev, snap, 1, NOW);
  assert.equal(e.channels.push.decision, "schedule");
  assert.equal(e.channels.push.until, NOW + 48_000);
  assert.ok(
    explainText(e).includes(
      "push: waiting until 2025-06-16T12:00:48.000Z — active on desktop/web 12 s ago, threshold 60 s [PSH-2]",
    ),
  );
  const s = recipient({ activity: idleSince(NOW - 12_000) });
  assert.deepEqual(schedulePush(pending(), s, NOW), {
    kind: "wait",
    until: NOW + 48_000,
    rule: "PSH-2",
    reason: "user active on a desktop/web client",
  });
  assert.equal(
    schedulePush(pending(), s, NOW + 48_000).kind,
    "send",
    "due pushes go out the moment the threshold is crossed",
  );
});

test("[PSH-2][PRV-6] trigger all waits max(PRV-6 300 s, PRF-13)", () => {
  const s = recipient({ activity: idleSince(NOW), account: { desktop: "all" } });
  const out = schedulePush(pending({ trigger: "all" }), s, NOW);
  assert.equal(out.kind, "wait");
  assert.equal(out.kind === "wait" && out.until, NOW + 300_000);
  const long = recipient({
    activity: activityFacts([desktopConn(NOW)], {}, { autoAway: true, idleSeconds: 600 }),
    account: { desktop: "all", idleSeconds: 600 },
  });
  const o2 = schedulePush(pending({ trigger: "all" }), long, NOW);
  assert.equal(o2.kind === "wait" && o2.until, NOW + 600_000);
});

test("[PSH-2] a user with no desktop/web connection for 30 s gets it at once", () => {
  const snap = room([member("alice"), member("bob", { presence: "offline" })]);
  assert.ok(channelsOf(decide(msg("@bob"), snap, NOW), 1) & BIT.push);
  const justGone = recipient({
    activity: activityFacts(
      [],
      { lastActivityAt: NOW - 1000, desktopGoneAt: NOW - 1000 },
      { autoAway: true, idleSeconds: 60 },
    ),
  });
  const out = schedulePush(pending(), justGone, NOW);
  assert.equal(out.kind === "wait" && out.until, NOW + 29_000);
});

test("[PSH-2] choosing away by hand changes nothing", () => {
  const s = recipient({
    activity: activityFacts([desktopConn(NOW - 1000)], {}, { autoAway: true, idleSeconds: 60 }, "away"),
  });
  assert.equal(schedulePush(pending(), s, NOW).kind, "wait");
});

test("[PSH-2] candidates older than 2 hours expire unsent", () => {
  const s = recipient({
    activity: activityFacts([desktopConn(NOW)], {}, { autoAway: false, idleSeconds: 60 }),
    account: { autoAway: false },
  });
  const waiting = schedulePush(pending(), s, NOW + 1000);
  assert.equal(waiting.kind === "wait" && waiting.until, NOW + PUSH_EXPIRY_MS, "wakes at expiry to drop it");
  const out = schedulePush(pending(), s, NOW + PUSH_EXPIRY_MS);
  assert.deepEqual([out.kind, out.rule], ["drop", "PSH-2"]);
});

test("[PSH-3] reading the room or the thread drops the pending push", () => {
  const idle = recipient({ activity: idleSince(NOW - 600_000), lastReadSeq: 10 });
  assert.deepEqual(
    [schedulePush(pending(), idle, NOW).kind, schedulePush(pending(), idle, NOW).rule],
    ["drop", "PSH-3"],
  );
  const reply = pending({ seq: 0, threadRootId: "t", threadSeq: 4 });
  assert.equal(
    schedulePush(reply, recipient({ activity: idleSince(0), threadReadSeq: 3 }), NOW).kind,
    "send",
  );
  assert.equal(
    schedulePush(reply, recipient({ activity: idleSince(0), threadReadSeq: 4 }), NOW).kind,
    "drop",
  );
});

test("[PSH-1] settings changed, busy or silenced by send time: dropped, with the rule", () => {
  const base = { activity: idleSince(0) };
  assert.equal(
    schedulePush(pending(), recipient({ ...base, status: { manual: "auto", busy: { until: null } } }), NOW)
      .rule,
    "PSH-1",
  );
  assert.equal(schedulePush(pending(), recipient({ ...base, room: { alerts: false } }), NOW).rule, "PRF-36");
  assert.equal(
    schedulePush(pending(), recipient({ ...base, account: { desktop: "nothing" } }), NOW).rule,
    "PSH-1",
  );
  assert.equal(schedulePush(pending(), recipient({ ...base, messageDeleted: true }), NOW).rule, "TRG-3");
  assert.equal(schedulePush(pending(), recipient({ ...base, ignoresSender: true }), NOW).rule, "MEN-6");
});

test("[PSH-9] quiet hours defer pushes to the end of the window; then one summary per room, never expired", () => {
  const quiet = [{ day: 1, start: "11:00", end: "15:00" }];
  const s = recipient({ activity: idleSince(0), account: { quietHours: quiet } });
  const held = schedulePush(pending(), s, NOW);
  assert.deepEqual(held, {
    kind: "wait",
    until: Date.UTC(2025, 5, 16, 15, 0),
    rule: "PSH-9",
    reason: "quiet hours",
    hold: true,
  });
  const after = Date.UTC(2025, 5, 16, 15, 0);
  const out = schedulePush(pending({ heldByQuiet: true, createdAt: NOW - 3600_000 }), s, after);
  assert.equal(out.kind === "send" && out.summary, true, "3 hours old, held: not expired");
  const unheld = schedulePush(pending({ createdAt: NOW - 3600_000 }), s, after);
  assert.equal(unheld.kind, "drop");
  const snap = room([member("alice"), member("bob", { account: { quietHours: quiet } })]);
  const e = explain(msg("@bob"), snap, 1, NOW);
  assert.deepEqual([e.channels.push.decision, e.channels.push.waitsFor], ["schedule", "PSH-9"]);
  const groups = summarizeByRoom([
    pending({ roomId: "a" }),
    pending({ roomId: "b" }),
    pending({ roomId: "a" }),
  ]);
  assert.deepEqual([...groups.keys()], ["a", "b"]);
  assert.equal(groups.get("a")?.length, 2);
});

test("[PSH-9] a held push whose window ends while the user is active waits for inactivity (PSH-2) instead", () => {
  const s = recipient({
    activity: idleSince(Date.UTC(2025, 5, 16, 15, 0)),
    account: { quietHours: [{ day: 1, start: "11:00", end: "15:00" }] },
  });
  const out = schedulePush(pending({ heldByQuiet: true }), s, Date.UTC(2025, 5, 16, 15, 0));
  assert.equal(out.kind, "wait");
  assert.equal(out.rule, "PSH-2");
});
