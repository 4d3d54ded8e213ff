import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  activityFacts,
  displayedStatus,
  inactiveFrom,
  inactiveFromAt,
  isBusy,
  isHereTarget,
  isInactiveFor,
  mergeNodeFacts,
  type NodeFacts,
  nextPresenceChangeAt,
  onlineAt,
  presenceOf,
} from "../src/index.ts";
import { desktopConn, member, NOW, room } from "./helpers.ts";

const ON = { autoAway: true, idleSeconds: 60 };
const OFF = { autoAway: false, idleSeconds: 60 };

test("[PRS-1] presence is online / away / offline; busy is a separate flag shown while connected; invisible shows offline", () => {
  const f = activityFacts([desktopConn(NOW)], {}, ON);
  assert.equal(presenceOf(f, NOW), "online");
  assert.equal(displayedStatus(f, { manual: "auto", busy: { until: null } }, NOW), "busy");
  const gone = activityFacts([], { desktopGoneAt: NOW - 3600_000, anyGoneAt: NOW - 3600_000 }, ON);
  assert.equal(displayedStatus(gone, { manual: "auto", busy: { until: null } }, NOW), "offline");
  assert.equal(presenceOf(activityFacts([desktopConn(NOW)], {}, ON, "invisible"), NOW), "offline");
});

test("[PRS-2][PRF-12][PRF-13] auto-away: no activity on any desktop/web connection for the idle limit makes the user away", () => {
  const f = activityFacts([desktopConn(NOW - 59_000), desktopConn(NOW - 300_000)], {}, ON);
  assert.equal(presenceOf(f, NOW), "online");
  assert.equal(presenceOf(f, NOW + 1000), "away");
  const long = activityFacts([desktopConn(NOW - 100_000)], {}, { autoAway: true, idleSeconds: 120 });
  assert.equal(presenceOf(long, NOW), "online");
  // A desktop/web connection that was never used is no sign of the user (PRS-8).
  assert.equal(presenceOf(activityFacts([desktopConn(Number.NEGATIVE_INFINITY)], {}, ON), NOW), "away");
});

test("[PRS-4] a user connected only from a phone is online while it reports input, away after the idle limit", () => {
  const phone = (ago: number) => desktopConn(NOW - ago, { deviceKind: "mobile" });
  assert.equal(presenceOf(activityFacts([phone(59_000)], {}, ON), NOW), "online");
  assert.equal(presenceOf(activityFacts([phone(60_000)], {}, ON), NOW), "away");
  assert.equal(presenceOf(activityFacts([phone(Number.POSITIVE_INFINITY)], {}, ON), NOW), "away");
  // Input on the phone keeps an idle desktop user online too: presence uses every connection's input …
  const both = activityFacts([desktopConn(NOW - 600_000), phone(1_000)], {}, ON);
  assert.equal(presenceOf(both, NOW), "online");
  // … while the push/email countdown (PRS-7) counts desktop/web input only.
  assert.equal(isInactiveFor(both, 60_000, NOW), true);
  // Auto-away off (PRS-3 has no lock signal from a phone): connected means online.
  assert.equal(presenceOf(activityFacts([phone(3_600_000)], {}, OFF), NOW), "online");
});

test("[PRS-4][MEN-2] phone in use, desktop closed 31 s ago: online for @here, and a push goes at once (PRS-7)", () => {
  const f = activityFacts(
    [desktopConn(NOW - 20_000, { deviceKind: "mobile" })],
    { lastActivityAt: NOW - 61_000, desktopGoneAt: NOW - 31_000 },
    ON,
  );
  assert.equal(presenceOf(f, NOW), "online");
  assert.equal(isHereTarget(f, NOW), true);
  assert.equal(onlineAt(room([member("x", { presence: f })]), 0, NOW), true);
  assert.equal(isInactiveFor(f, 60_000, NOW), true, "no desktop/web connection for 30 s");
  assert.equal(presenceOf(f, NOW + 40_000), "away", "the phone's idle limit passes");
});

test("[PRS-2] choosing away by hand does not shorten any push/email countdown", () => {
  const auto = activityFacts([desktopConn(NOW - 10_000)], {}, ON, "auto");
  const away = activityFacts([desktopConn(NOW - 10_000)], {}, ON, "away");
  assert.equal(presenceOf(away, NOW), "away");
  assert.equal(inactiveFrom(away, 60_000), inactiveFrom(auto, 60_000));
  assert.equal(isInactiveFor(away, 60_000, NOW), false);
});

test("[PRS-3] auto-away off: active while a desktop/web connection is open, away from the moment all report locked", () => {
  const open = activityFacts([desktopConn(NOW - 3600_000)], {}, OFF);
  assert.equal(presenceOf(open, NOW), "online");
  assert.equal(
    isInactiveFor(open, 60_000, NOW + 86_400_000),
    false,
    "never inactive without lock or disconnect",
  );
  const locked = activityFacts([desktopConn(NOW - 3600_000, { lockedSince: NOW - 5000 })], {}, OFF);
  assert.equal(presenceOf(locked, NOW), "away");
  const oneLocked = activityFacts([desktopConn(NOW, { lockedSince: NOW - 5000 }), desktopConn(NOW)], {}, OFF);
  assert.equal(presenceOf(oneLocked, NOW), "online");
});

test("[PRS-4] no live connection for 30 s makes the user offline; a short reconnect does not flap", () => {
  const f = activityFacts(
    [],
    { lastActivityAt: NOW - 1000, desktopGoneAt: NOW - 10_000, anyGoneAt: NOW - 10_000 },
    ON,
  );
  assert.equal(presenceOf(f, NOW), "online");
  assert.equal(presenceOf(f, NOW + 20_000), "offline");
  assert.equal(presenceOf(activityFacts([], {}, ON), NOW), "offline");
});

test("[PRS-8] only reported input is activity: merged across nodes from the per-user last input", () => {
  const node = (o: Partial<NodeFacts> = {}): NodeFacts => ({
    connections: 1,
    desktopConnections: 1,
    lockedSince: null,
    desktopGoneAt: null,
    goneAt: null,
    ...o,
  });
  // A tab that reconnected a moment ago brings no activity of its own: the user's last input decides.
  const reopened = mergeNodeFacts(
    [node()],
    { desktop: NOW - 45_000, any: NOW - 45_000, desktopDevice: "web" },
    ON,
  );
  assert.equal(inactiveFrom(reopened, 60_000), NOW + 15_000);
  assert.equal(reopened.lastActivityDevice, "web", "explain says where the input was");
  assert.equal(presenceOf(reopened, NOW), "online");
  const never = mergeNodeFacts([node()], { desktop: null, any: null }, ON);
  assert.equal(presenceOf(never, NOW), "away");
  assert.equal(isInactiveFor(never, 60_000, NOW), true);
  // Two nodes: connections add up; locked only if every node with desktop/web connections is (PRS-3).
  const two = mergeNodeFacts(
    [
      node({ lockedSince: NOW - 5_000 }),
      node({ connections: 1, desktopConnections: 0, desktopGoneAt: NOW - 9_000 }),
    ],
    { desktop: NOW - 99_000, any: NOW - 2_000 },
    OFF,
  );
  assert.equal(two.hasDesktopConnection, true);
  assert.equal(two.lockedSince, NOW - 5_000);
  assert.equal(two.desktopGoneAt, null);
  assert.equal(presenceOf(two, NOW), "away");
  const unlocked = mergeNodeFacts(
    [node({ lockedSince: NOW - 5_000 }), node()],
    { desktop: null, any: null },
    OFF,
  );
  assert.equal(unlocked.lockedSince, null);
  // Every node gone: offline 30 s after the last one lost its connections (PRS-4).
  const gone = mergeNodeFacts(
    [
      node({ connections: 0, desktopConnections: 0, desktopGoneAt: NOW - 20_000, goneAt: NOW - 20_000 }),
      node({ connections: 0, desktopConnections: 0, desktopGoneAt: NOW - 10_000, goneAt: NOW - 10_000 }),
    ],
    { desktop: NOW - 10_000, any: NOW - 10_000 },
    ON,
  );
  assert.equal(presenceOf(gone, NOW + 19_999), "online");
  assert.equal(presenceOf(gone, NOW + 20_000), "offline");
  assert.equal(inactiveFrom(gone, 300_000), NOW + 20_000);
});

test("[PRS-7] the next presence change is the exact next instant, so one timer per user covers everything", () => {
  const f = activityFacts([desktopConn(NOW - 12_000)], {}, ON);
  const status = { manual: "auto" as const, busy: null };
  assert.equal(nextPresenceChangeAt(f, status, NOW, [60_000, 300_000]), NOW + 48_000);
  assert.equal(nextPresenceChangeAt(f, status, NOW + 48_000, [60_000, 300_000]), NOW + 288_000);
  assert.equal(nextPresenceChangeAt(f, status, NOW + 288_000, [60_000, 300_000]), null);
  assert.equal(
    nextPresenceChangeAt(f, { manual: "auto", busy: { until: NOW + 1_000 } }, NOW, [60_000]),
    NOW + 1_000,
  );
  const closing = activityFacts([], { lastActivityAt: NOW - 1_000, desktopGoneAt: NOW, anyGoneAt: NOW }, ON);
  assert.equal(nextPresenceChangeAt(closing, status, NOW, [60_000]), NOW + 30_000);
});

test("[PRS-5] busy has an end: for a time, or until changed", () => {
  assert.equal(isBusy({ until: NOW + 1 }, NOW), true);
  assert.equal(isBusy({ until: NOW }, NOW), false);
  assert.equal(isBusy({ until: null }, NOW + 1e12), true);
  assert.equal(isBusy(null, NOW), false);
});

test("[PRS-7] inactive for T: auto-away on = no desktop/web activity for T", () => {
  const f = activityFacts([desktopConn(NOW - 12_000)], {}, ON);
  assert.equal(inactiveFrom(f, 60_000), NOW + 48_000);
  assert.equal(isInactiveFor(f, 60_000, NOW + 47_999), false);
  assert.equal(isInactiveFor(f, 60_000, NOW + 48_000), true);
});

test("[PRS-7] inactive for T: auto-away off = screen locked / system idle for T", () => {
  const f = activityFacts([desktopConn(NOW, { lockedSince: NOW - 30_000 })], {}, OFF);
  assert.equal(inactiveFrom(f, 60_000), NOW + 30_000);
  assert.equal(isInactiveFor(f, 60_000, NOW), false);
});

test("[PRS-7] in both cases inactive once the user has had no desktop/web connection for 30 s", () => {
  for (const prefs of [ON, OFF]) {
    const f = activityFacts([], { lastActivityAt: NOW - 5000, desktopGoneAt: NOW - 5000 }, prefs);
    assert.equal(inactiveFrom(f, 300_000), NOW + 25_000);
    const never = activityFacts([], {}, prefs);
    assert.equal(isInactiveFor(never, 300_000, NOW), true);
    // A mobile-only connection does not keep the user "active".
    const mobile = activityFacts([desktopConn(NOW, { deviceKind: "mobile" })], {}, prefs);
    assert.equal(isInactiveFor(mobile, 300_000, NOW), true);
  }
});

test("[PRS-1][MEN-2] property: the snapshot's @here check equals presenceOf(...) === 'online'", () => {
  fc.assert(
    fc.property(
      fc.record({
        activityAgo: fc.option(fc.integer({ min: 0, max: 900_000 }), { nil: null }),
        mobile: fc.option(fc.integer({ min: 0, max: 900_000 }), { nil: null }),
        goneAgo: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: null }),
        autoAway: fc.boolean(),
        locked: fc.option(fc.integer({ min: -10_000, max: 900_000 }), { nil: null }),
        manual: fc.constantFrom("auto" as const, "away" as const, "invisible" as const),
      }),
      (o) => {
        const conns = [];
        if (o.activityAgo !== null)
          conns.push(
            desktopConn(NOW - o.activityAgo, { lockedSince: o.locked === null ? null : NOW - o.locked }),
          );
        if (o.mobile !== null) conns.push(desktopConn(NOW - o.mobile, { deviceKind: "mobile" }));
        const memory =
          o.goneAgo === null
            ? {}
            : { lastActivityAt: NOW - 90_000, desktopGoneAt: NOW - o.goneAgo, anyGoneAt: NOW - o.goneAgo };
        const f = activityFacts(conns, memory, { autoAway: o.autoAway, idleSeconds: 60 }, o.manual);
        const snap = room([member("x", { presence: f, manual: o.manual })]);
        assert.equal(onlineAt(snap, 0, NOW), presenceOf(f, NOW) === "online");
        assert.equal(isHereTarget(f, NOW), presenceOf(f, NOW) === "online");
        // PRS-7 from the snapshot columns is presence.inactiveFrom itself.
        for (const t of [60_000, 300_000]) assert.equal(inactiveFromAt(snap, 0, t), inactiveFrom(f, t));
      },
    ),
    { numRuns: 500 },
  );
});
