import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  activityFacts,
  BIT,
  channelsOf,
  channelTrigger,
  decide,
  explain,
  explainText,
  type Level,
  PUSH_EXPIRY_MS,
  type PushWhen,
  schedulePush,
  summarizeByRoom,
  TRIGGERS,
  triggerSetOf,
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
    explainText(e).includes("push: waiting — active on web 12 s ago, threshold 60 s, may go in 48 s [PSH-2]"),
  );
  const s = recipient({ activity: idleSince(NOW - 12_000) });
  // EXP-1: the wait carries the facts it used, as data and in the same words as explain.
  assert.deepEqual(schedulePush(pending(), s, NOW), {
    kind: "wait",
    until: NOW + 48_000,
    rule: "PSH-2",
    reason: "active on web 12 s ago, threshold 60 s, may go in 48 s",
    facts: {
      kind: "inactivity",
      thresholdMs: 60_000,
      lastActivityAt: NOW - 12_000,
      lastActivityDevice: "web",
      autoAway: true,
      lockedSince: null,
      connected: true,
      desktopGoneAt: null,
      dueAt: NOW + 48_000,
    },
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
    reason: "quiet hours: held until they end, in 3 h",
    hold: true,
    facts: { kind: "quiet_hours", until: Date.UTC(2025, 5, 16, 15, 0) },
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

test("[PRF-17] 'even while I'm active': push at once while active, unless the message is in view in a focused window", () => {
  const active = idleSince(NOW - 5_000);
  const snap = room([
    member("alice"),
    member("bob", { account: { pushWhen: "always" }, presence: active }),
    member("carol", {
      account: { pushWhen: "always" },
      presence: active,
      view: { focusedRoom: true, focusedThreadId: null },
    }),
    member("dave", { presence: active }),
  ]);
  const ev = msg("@bob @carol @dave");
  const d = decide(ev, snap, NOW);
  assert.equal(channelsOf(d, 1) & (BIT.push | BIT.pushScheduled), BIT.push, "sent at once");
  assert.equal(
    channelsOf(d, 2) & (BIT.push | BIT.pushScheduled),
    BIT.pushScheduled,
    "in view: waits (PSH-2)",
  );
  assert.equal(channelsOf(d, 3) & (BIT.push | BIT.pushScheduled), BIT.pushScheduled, "default: PSH-2");
  assert.equal(explain(ev, snap, 1, NOW).channels.push.reasons[0].rule, "PRF-17");
  assert.equal(explain(ev, snap, 2, NOW).channels.push.decision, "schedule");
  // The scheduler's second decision agrees.
  const s = recipient({ activity: active, account: { pushWhen: "always" } });
  assert.equal(schedulePush(pending(), s, NOW).kind, "send");
  assert.equal(schedulePush(pending(), { ...s, inView: true }, NOW).kind, "wait");
  assert.equal(schedulePush(pending(), recipient({ activity: active }), NOW).kind, "wait");
});

test("[PRF-17][PRS-7] 'only when I'm offline': push once no desktop/web connection has been open for 30 s", () => {
  const longIdle = idleSince(NOW - 3_600_000);
  const justGone = activityFacts(
    [],
    { lastActivityAt: NOW - 600_000, desktopGoneAt: NOW - 10_000 },
    { autoAway: true, idleSeconds: 60 },
  );
  const snap = room([
    member("alice"),
    member("bob", { account: { pushWhen: "offline" }, presence: longIdle }),
    member("carol", { account: { pushWhen: "offline" }, presence: justGone }),
    member("dave", { account: { pushWhen: "offline" }, presence: "offline" }),
    member("erin", { presence: longIdle }),
  ]);
  const ev = msg("@bob @carol @dave @erin");
  const d = decide(ev, snap, NOW);
  const push = (i: number) => channelsOf(d, i) & (BIT.push | BIT.pushScheduled);
  assert.equal(push(1), BIT.pushScheduled, "idle an hour, but a desktop connection is open");
  assert.equal(push(2), BIT.pushScheduled, "desktop closed 10 s ago");
  assert.equal(push(3), BIT.push, "no connection at all");
  assert.equal(push(4), BIT.push, "the default sends once inactive (PSH-2)");
  const e = explain(ev, snap, 2, NOW);
  assert.equal(e.channels.push.decision, "schedule");
  assert.equal(e.channels.push.until, NOW + 20_000);
  assert.equal(e.channels.push.reasons[0].rule, "PRF-17");
  assert.equal(explain(ev, snap, 1, NOW).channels.push.until, null, "waits for the connection to close");
  // The scheduler's second decision agrees, and sends at the 30 s mark.
  const connected = recipient({ activity: longIdle, account: { pushWhen: "offline" } });
  const wait = schedulePush(pending(), connected, NOW);
  assert.equal(wait.kind === "wait" && wait.until, NOW + PUSH_EXPIRY_MS, "only the expiry wakes it");
  const gone = recipient({ activity: justGone, account: { pushWhen: "offline" } });
  const w2 = schedulePush(pending(), gone, NOW);
  assert.equal(w2.kind === "wait" && w2.until, NOW + 20_000);
  assert.equal(schedulePush(pending(), gone, NOW + 20_000).kind, "send");
});

test("[PRF-17][PSH-2][PRS-7] property: the scheduler's send-time decision agrees with decide's push bit", () => {
  const arb = fc.record({
    pushWhen: fc.constantFrom<PushWhen>("inactive", "always", "offline"),
    autoAway: fc.boolean(),
    idleSeconds: fc.constantFrom(60, 120, 600),
    conn: fc.constantFrom("desktop", "gone", "never", "mobile"),
    activityAgo: fc.integer({ min: 0, max: 900_000 }),
    lockedAgo: fc.option(fc.integer({ min: 0, max: 900_000 }), { nil: null }),
    goneAgo: fc.integer({ min: 0, max: 60_000 }),
    inView: fc.boolean(),
    text: fc.constantFrom("@bob", "@all", "hello"),
    level: fc.constantFrom<Level>("all", "mentions"),
    dt: fc.integer({ min: 0, max: 700_000 }),
  });
  fc.assert(
    fc.property(arb, (o) => {
      const prefs = { autoAway: o.autoAway, idleSeconds: o.idleSeconds };
      const locked = o.lockedAgo === null ? null : NOW - o.lockedAgo;
      const activity =
        o.conn === "desktop"
          ? activityFacts([desktopConn(NOW - o.activityAgo, { lockedSince: locked })], {}, prefs)
          : o.conn === "gone"
            ? activityFacts(
                [],
                { lastActivityAt: NOW - o.activityAgo, desktopGoneAt: NOW - o.goneAgo },
                prefs,
              )
            : o.conn === "mobile"
              ? activityFacts([desktopConn(NOW - o.activityAgo, { deviceKind: "mobile" })], {}, prefs)
              : activityFacts([], {}, prefs);
      const account = {
        pushWhen: o.pushWhen,
        autoAway: o.autoAway,
        idleSeconds: o.idleSeconds,
        desktop: o.level,
      };
      const view = o.inView ? { focusedRoom: true, focusedThreadId: null } : undefined;
      const snap = room([member("alice"), member("bob", { account, presence: activity, view })]);
      const now = NOW + o.dt;
      const d = decide(msg(o.text), snap, now);
      const set = triggerSetOf(d, 1);
      const bits = channelsOf(d, 1) & (BIT.push | BIT.pushScheduled);
      if (bits === 0) return;
      const trigger = TRIGGERS[channelTrigger(snap, 1, set, "push")];
      assert.ok(trigger !== null);
      const s = recipient({ activity, account, inView: o.inView });
      const out = schedulePush(pending({ trigger, createdAt: now }), s, now);
      assert.equal(out.kind, bits === BIT.push ? "send" : "wait", JSON.stringify(out));
    }),
    { numRuns: 1000 },
  );
});
