// Invariants that hold for every input (fast-check prints the seed and the counterexample on failure).
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  activityFacts,
  BIT,
  channelsFor,
  channelsOf,
  decide,
  eventContext,
  explain,
  type Level,
  type MemberFacts,
  type MessageEvent,
  onlineAt,
  TS,
  triggerFor,
  triggerOf,
  triggerSetFor,
  triggerSetOf,
} from "../src/index.ts";
import { desktopConn, member, NOW, room } from "./helpers.ts";

const NAMES = ["u0", "u1", "u2", "u3", "u4", "u5"];
const level = fc.constantFrom<Level>("all", "mentions", "nothing");
const roomLevel = fc.constantFrom<Level | "default">("all", "mentions", "nothing", "default");

const memberArb = (id: string): fc.Arbitrary<MemberFacts> =>
  fc
    .record({
      desktop: level,
      push: level,
      email: level,
      mobileDifferent: fc.boolean(),
      thread: fc.boolean(),
      rDesktop: roomLevel,
      rPush: roomLevel,
      rEmail: roomLevel,
      alerts: fc.boolean(),
      snooze: fc.constantFrom(null, -1000, 1000, Number.NaN),
      mute: fc.boolean(),
      busy: fc.constantFrom(undefined, null, -1000, 60_000),
      activityAgo: fc.option(fc.integer({ min: 0, max: 900_000 }), { nil: null }),
      goneAgo: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: null }),
      autoAway: fc.boolean(),
      locked: fc.option(fc.integer({ min: 0, max: 900_000 }), { nil: null }),
      quiet: fc.boolean(),
      keywords: fc.constantFrom<string[]>([], ["fire"], ["deploy now"]),
      ignores: fc.subarray(NAMES, { maxLength: 2 }),
      view: fc.constantFrom(
        undefined,
        { focusedRoom: true, focusedThreadId: null },
        { focusedRoom: false, focusedThreadId: "t1" },
      ),
      hasEmail: fc.boolean(),
      verified: fc.boolean(),
      manual: fc.constantFrom("auto" as const, "away" as const, "invisible" as const),
      sound: fc.constantFrom("chime" as const, "none" as const),
      // Half the members are "plain" — unconnected, not silenced, not busy, no quiet hours, not muted — the
      // common member of a big room, which takes the dense loop's precomputed fast path.
      plain: fc.boolean(),
    })
    .map((r) => {
      const o = r.plain
        ? {
            ...r,
            activityAgo: null,
            goneAgo: null,
            alerts: true,
            snooze: null,
            busy: undefined,
            quiet: false,
            mute: false,
          }
        : r;
      const prefs = { autoAway: o.autoAway, idleSeconds: 60 };
      const conns =
        o.activityAgo === null
          ? []
          : [desktopConn(NOW - o.activityAgo, { lockedSince: o.locked === null ? null : NOW - o.locked })];
      const activity = activityFacts(
        conns,
        o.goneAgo === null
          ? {}
          : { lastActivityAt: NOW - 100_000, desktopGoneAt: NOW - o.goneAgo, anyGoneAt: NOW - o.goneAgo },
        prefs,
        o.manual,
      );
      return member(id, {
        account: {
          desktop: o.desktop,
          push: o.push,
          email: o.email,
          mobileDifferent: o.mobileDifferent,
          threadReplies: { desktop: o.thread, push: !o.thread, email: o.thread },
          keywords: o.keywords,
          autoAway: o.autoAway,
          sound: o.sound,
          quietHours: o.quiet ? [{ day: 1, start: "11:30", end: "12:30" }] : [],
        },
        room: {
          desktop: o.rDesktop,
          push: o.rPush,
          email: o.rEmail,
          alerts: o.alerts,
          muteGroupMentions: o.mute,
          snooze: Number.isNaN(o.snooze)
            ? { until: null }
            : o.snooze === null
              ? null
              : { until: NOW + o.snooze },
        },
        presence: activity,
        busyUntil: o.busy === undefined ? undefined : o.busy === null ? null : NOW + o.busy,
        ignores: o.ignores,
        view: o.view,
        hasEmail: o.hasEmail,
        emailVerified: o.verified,
        manual: o.manual,
      });
    });

const scenario = fc.record({
  kind: fc.constantFrom("channel" as const, "group" as const, "dm" as const, "gdm" as const),
  members: fc.tuple(...NAMES.map(memberArb)),
  text: fc
    .array(
      fc.constantFrom(
        "hi",
        "@u1",
        "@U2.",
        "@all",
        "@here",
        "@channel",
        "fire",
        "deploy  now",
        "`@u3`",
        "x@u4.com",
        "@nobody",
      ),
      { maxLength: 5 },
    )
    .map((w) => w.join(" ")),
  sender: fc.nat(NAMES.length - 1),
  thread: fc.constantFrom("none", "only", "also"),
  followers: fc.subarray(NAMES),
  system: fc.boolean(),
  edit: fc.option(fc.constantFrom("hi", "@u1", "@all"), { nil: null }),
  restrict: fc.constantFrom(null, 3),
  requireVerified: fc.boolean(),
  dt: fc.integer({ min: -60_000, max: 3 * 3600_000 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const snap = room([...s.members], s.kind, {
    restrictGroupMentionsAbove: s.restrict,
    requireVerifiedEmail: s.requireVerified,
  });
  const ev: MessageEvent = {
    kind: "message",
    message: {
      id: "m",
      roomId: "r1",
      seq: s.thread === "only" ? 0 : 7,
      senderId: NAMES[s.sender],
      text: s.text,
      threadRootId: s.thread === "none" ? null : "t1",
      threadSeq: s.thread === "none" ? undefined : 3,
      alsoInRoom: s.thread === "also",
      createdAt: NOW,
      kind: s.system ? "system" : "user",
    },
    previousText: s.edit,
    threadFollowers: s.followers,
  };
  return { snap, ev, now: NOW + s.dt };
}

const ALERTS = BIT.banner | BIT.sound | BIT.push | BIT.pushScheduled | BIT.emailScheduled;

test("[MEN-5][MEN-6][TRG-2][TRG-3][GEN-1][DSK-2][PRF-36][PRS-5][PRF-1] property: sender never notified; nothing/silenced/busy never yield banner, sound, push or email; inbox exactly for personal and group triggers", () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const { snap, ev, now } = build(s);
      const d = decide(ev, snap, now);
      assert.equal(triggerOf(d, s.sender), 0);
      assert.equal(channelsOf(d, s.sender), 0);
      for (let i = 0; i < snap.size; i++) {
        const ch = channelsOf(d, i);
        if (snap.silencedUntil[i] > now || snap.busyUntil[i] > now) assert.equal(ch & ALERTS, 0);
        if (snap.desktop[i] === 0) assert.equal(ch & (BIT.banner | BIT.sound), 0);
        if (snap.push[i] === 0) assert.equal(ch & (BIT.push | BIT.pushScheduled), 0);
        if (snap.email[i] === 0) assert.equal(ch & BIT.emailScheduled, 0);
        if (triggerOf(d, i) === 0) assert.equal(ch, 0);
        if (s.system) assert.equal(triggerOf(d, i), 0, "TRG-3: system messages notify nobody");
        const t = triggerOf(d, i);
        const ignores = snap.members[i].ignores?.includes(NAMES[s.sender]) ?? false;
        // GEN-1 / MEN-6: an inbox item exactly for triggers dm … group, unless the member ignores the sender.
        assert.equal((ch & BIT.inbox) !== 0, t >= 1 && t <= 5 && !ignores, `GEN-1 member ${i}`);
        if (ignores) assert.equal(ch, 0, "MEN-6");
        if (s.thread === "only") assert.notEqual(t, 6, "TRG-2: no trigger all for a thread-only reply");
        const gdmMentions = s.kind === "gdm" && snap.members[i].room.desktop === "mentions";
        if ((s.kind === "dm" || s.kind === "gdm") && !s.system && s.edit === null && i !== s.sender)
          // PRF-33: `dm` does not apply in a gdm set to mentions, unless nothing else does.
          assert.equal(t === 1, !gdmMentions || triggerSetOf(d, i) === TS.dm, "TRG-1: dm first");
        if (s.thread !== "only" && snap.members[i].view?.focusedRoom)
          assert.equal(ch & BIT.banner, 0, "DSK-2");
        if ((triggerSetOf(d, i) & ~TS.all) === TS.group && snap.email[i] === 1)
          assert.equal(ch & BIT.emailScheduled, 0, "PRF-4: no group email");
        if (triggerSetOf(d, i) === TS.all && snap.push[i] < 2)
          assert.equal(ch & (BIT.push | BIT.pushScheduled), 0, "trigger all needs level all");
      }
    }),
    { numRuns: 400 },
  );
});

test("[EXP-1] property: every decision carries at least one rule ID, and explain agrees with decide", () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const { snap, ev, now } = build(s);
      const d = decide(ev, snap, now);
      for (let i = 0; i < snap.size; i++) {
        const e = explain(ev, snap, i, now);
        assert.equal(
          e.trigger === null
            ? 0
            : ["dm", "mention", "keyword", "thread", "group", "all"].indexOf(e.trigger) + 1,
          triggerOf(d, i),
        );
        assert.ok(e.triggerReasons.length > 0);
        const ch = channelsOf(d, i);
        const expect = {
          banner: ch & BIT.banner ? "deliver" : "skip",
          sound: ch & BIT.sound ? "deliver" : "skip",
          push: ch & BIT.push ? "deliver" : ch & BIT.pushScheduled ? "schedule" : "skip",
          email: ch & BIT.emailScheduled ? "schedule" : "skip",
          inbox: ch & BIT.inbox ? "deliver" : "skip",
        };
        for (const [c, want] of Object.entries(expect)) {
          const got = e.channels[c as keyof typeof expect];
          assert.equal(got.decision, want, `member ${i} ${c}`);
          assert.ok(
            got.reasons.length > 0 &&
              got.reasons.every((r) => /^[A-Z]{3}-\d+$/.test(r.rule) && r.fact.length > 0),
          );
        }
      }
    }),
    { numRuns: 250 },
  );
});

test("[TRG-1] property: the bucketed (sparse) result equals deciding every member one by one", () => {
  fc.assert(
    fc.property(scenario, (s) => {
      const { snap, ev, now } = build(s);
      const d = decide(ev, snap, now);
      const ctx = eventContext(ev, snap);
      for (let i = 0; i < snap.size; i++) {
        const online = (k: number) => onlineAt(snap, k, now);
        const set = triggerSetFor(snap, ctx, i, online);
        assert.equal(triggerSetOf(d, i), set);
        assert.equal(triggerOf(d, i), triggerFor(snap, ctx, i, online));
        assert.equal(channelsOf(d, i), channelsFor(snap, ctx, i, set, now));
      }
    }),
    { numRuns: 400 },
  );
});
