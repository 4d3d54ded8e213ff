import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BIT,
  channelsOf,
  DEFAULT_ACCOUNT_PREFERENCES,
  DEFAULT_AGENT_PREFERENCES,
  DEFAULT_ROOM_PREFERENCES,
  decide,
  EMAIL_DELIVERY,
  effectiveRoomPreferences,
  explain,
  levelAllows,
  MESSAGE_TONES,
  RING_TONES,
  resolveAgentPreferences,
  resolvePreferences,
  resolveRoomPreferences,
  silencedUntil,
} from "../src/index.ts";
import { member, msg, NOW, room } from "./helpers.ts";

const PUSH = BIT.push | BIT.pushScheduled;

test("[PRF-1][PRF-3][PRF-4] defaults: desktop, push and email at mentions; email batched 2 min", () => {
  const p = DEFAULT_ACCOUNT_PREFERENCES;
  assert.equal(p.desktop, "mentions");
  assert.equal(p.push, "mentions");
  assert.equal(p.email, "mentions");
  assert.equal(p.emailDelivery, "batched_2m");
  assert.equal(EMAIL_DELIVERY[p.emailDelivery], 120);
  assert.equal(p.mobileDifferent, false);
});

test("[PRF-1] mentions means dm, mention, keyword, group and thread (if PRF-6); all adds every trigger", () => {
  for (const t of ["dm", "mention", "keyword", "group"])
    assert.ok(levelAllows("mentions", t, "desktop", false));
  assert.ok(!levelAllows("mentions", "all", "desktop", true));
  assert.ok(levelAllows("mentions", "thread", "desktop", true));
  assert.ok(!levelAllows("mentions", "thread", "desktop", false));
  for (const t of ["dm", "mention", "keyword", "thread", "group", "all"]) {
    assert.ok(levelAllows("all", t, "push", false));
    assert.ok(!levelAllows("nothing", t, "push", true));
  }
});

test("[PRF-4] email at mentions leaves out group mentions", () => {
  assert.ok(!levelAllows("mentions", "group", "email", true));
  assert.ok(levelAllows("mentions", "mention", "email", false));
  const snap = room([member("alice"), member("bob")]);
  const d = decide(msg("@all"), snap, NOW);
  assert.equal(channelsOf(d, 1) & BIT.emailScheduled, 0);
  assert.ok(channelsOf(d, 1) & PUSH);
});

test("[PRF-6] thread replies can be turned off per channel", () => {
  const snap = room([
    member("alice"),
    member("bob", { account: { threadReplies: { desktop: true, push: true, email: false } } }),
  ]);
  const ev = { ...msg("reply", { threadRootId: "t", seq: 0, threadSeq: 1 }), threadFollowers: ["bob"] };
  const d = decide(ev, snap, NOW);
  assert.ok(channelsOf(d, 1) & PUSH);
  assert.equal(channelsOf(d, 1) & BIT.emailScheduled, 0);
  assert.equal(explain(ev, snap, 1, NOW).channels.email.reasons[0].rule, "PRF-6");
});

test("[PRF-8][PRF-10] value lists: at least 5 message tones and 3 ring tones", () => {
  assert.ok(MESSAGE_TONES.length >= 5);
  assert.ok(RING_TONES.length >= 3);
  assert.ok(MESSAGE_TONES.includes(DEFAULT_ACCOUNT_PREFERENCES.sound as (typeof MESSAGE_TONES)[number]));
});

test("[PRF-13] the idle limit is at least 60 s", () => {
  assert.equal(resolvePreferences({ idleSeconds: 5 }, DEFAULT_ACCOUNT_PREFERENCES).idleSeconds, 60);
  assert.equal(resolvePreferences({ idleSeconds: 300 }, DEFAULT_ACCOUNT_PREFERENCES).idleSeconds, 300);
});

test("[PRF-2][PRF-20] with PRF-2 off push follows desktop at every level: account, room override, thread toggle", () => {
  const account = resolvePreferences(
    { desktop: "nothing", push: "all", threadReplies: { desktop: false, push: true } },
    DEFAULT_ACCOUNT_PREFERENCES,
  );
  const e1 = effectiveRoomPreferences(account, DEFAULT_ROOM_PREFERENCES);
  assert.equal(e1.levels.push, "nothing", "desktop nothing also turns off push");
  assert.equal(e1.threads.push, false);
  const e2 = effectiveRoomPreferences(account, {
    ...DEFAULT_ROOM_PREFERENCES,
    desktop: "all",
    push: "nothing",
  });
  assert.equal(e2.levels.push, "all", "room desktop override drives push");
  const on = effectiveRoomPreferences(
    { ...account, mobileDifferent: true },
    { ...DEFAULT_ROOM_PREFERENCES, desktop: "all" },
  );
  assert.equal(on.levels.push, "all", "PRF-2 on: account push value");
  assert.equal(on.threads.push, true);
  const onRoom = effectiveRoomPreferences(
    { ...account, mobileDifferent: true },
    { ...DEFAULT_ROOM_PREFERENCES, push: "mentions" },
  );
  assert.equal(onRoom.levels.push, "mentions", "PRF-2 on: room push override");
});

test("[PRF-20] desktop nothing turns off push in decide, and explain cites PRF-20", () => {
  const snap = room([member("alice"), member("bob", { account: { desktop: "nothing", push: "all" } })]);
  const ev = msg("@bob");
  assert.equal(channelsOf(decide(ev, snap, NOW), 1) & PUSH, 0);
  assert.equal(explain(ev, snap, 1, NOW).channels.push.reasons[0].rule, "PRF-20");
});

test("[PRF-21][PRV-7] unsaved settings follow the current admin default; a saved choice always wins", () => {
  const adminV1 = { ...DEFAULT_ACCOUNT_PREFERENCES, desktop: "all" as const };
  const adminV2 = { ...DEFAULT_ACCOUNT_PREFERENCES, desktop: "nothing" as const, email: "all" as const };
  assert.equal(resolvePreferences({}, adminV1).desktop, "all");
  assert.equal(resolvePreferences({}, adminV2).desktop, "nothing", "follows the changed default");
  assert.equal(resolvePreferences({ desktop: "mentions" }, adminV2).desktop, "mentions");
  assert.equal(resolvePreferences({ desktop: undefined }, adminV2).email, "all");
  const t = resolvePreferences({ threadReplies: { email: false } }, adminV2).threadReplies;
  assert.deepEqual(t, { desktop: true, push: true, email: false });
  assert.equal(
    resolveRoomPreferences({}, { ...DEFAULT_ROOM_PREFERENCES, muteGroupMentions: true }).muteGroupMentions,
    true,
  );
  const agent = resolveAgentPreferences({ push: { pending_contact: true } }, DEFAULT_AGENT_PREFERENCES);
  assert.equal(agent.push.pending_contact, true);
  assert.equal(agent.push.conversation_assigned, true);
});

test("[PRF-33] room overrides beat the account level, per channel", () => {
  const snap = room([
    member("alice"),
    member("bob", { room: { email: "all" }, account: { desktop: "all" } }),
    member("carol", { room: { desktop: "nothing", email: "nothing" } }),
  ]);
  const ev = msg("plain text");
  const d = decide(ev, snap, NOW);
  assert.ok(channelsOf(d, 1) & BIT.emailScheduled);
  const e = explain(msg("@carol"), snap, 2, NOW);
  assert.equal(e.channels.email.reasons[0].rule, "PRF-33");
  assert.equal(e.channels.push.decision, "skip", "push follows the room desktop override (PRF-20)");
});

test("[PRF-30][PRF-35][PRF-36] alerts off or snoozed: no banner, sound, push or email for any trigger; inbox still made", () => {
  const snap = room([
    member("alice"),
    member("bob", { room: { alerts: false }, presence: "active" }),
    member("carol", { room: { snooze: { until: NOW + 3600_000 } }, presence: "active" }),
    member("dave", { room: { snooze: { until: NOW - 1 } }, presence: "active" }),
    member("erin", { room: { snooze: { until: null } } }),
  ]);
  const d = decide(msg("@bob @carol @dave @erin"), snap, NOW);
  for (const i of [1, 2, 4]) assert.equal(channelsOf(d, i), BIT.inbox);
  assert.ok(channelsOf(d, 3) & BIT.banner, "expired snooze no longer silences");
  assert.equal(silencedUntil({ ...DEFAULT_ROOM_PREFERENCES, snooze: { until: NOW + 5 } }, NOW), NOW + 5);
  assert.equal(explain(msg("@bob"), snap, 1, NOW).channels.push.reasons[0].rule, "PRF-36");
});
