// Facts the server hands decide instead of letting it re-derive them: `@here` online-ness as the post path
// read it at send time (MEN-2), and support conversations, whose messages notify through support events only
// (SUP-7), and the support focus rule asked per device (PRF-51); and a banner is not lost to a short reconnect
// (PRS-4).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  activityFacts,
  BIT,
  channelsOf,
  decide,
  explain,
  forEachRecipient,
  supportBusyBlock,
  supportFocusBlock,
  TRIGGERS,
  triggerOf,
} from "../src/index.ts";
import { member, msg, NOW, room } from "./helpers.ts";

const here = { users: [], keywords: [], all: false, here: true };

test("[MEN-2] @here reaches exactly the members the post path saw online at send time", () => {
  // bob is active now, carol offline now: the send-time list says the opposite, and it wins.
  const snap = room([member("alice"), member("bob", { presence: "active" }), member("carol")]);
  const ev = { ...msg("@here standup"), mentions: here, hereOnline: ["carol"] };
  const d = decide(ev, snap, NOW);
  const bob = snap.indexByUserId.get("bob")!;
  const carol = snap.indexByUserId.get("carol")!;
  assert.equal(TRIGGERS[triggerOf(d, carol)], "group");
  assert.equal(TRIGGERS[triggerOf(d, bob)], "all");
  assert.equal(explain(ev, snap, carol, NOW).trigger, "group", "explain reads the same send-time list");
});

test("[MEN-2] without a send-time list, @here asks the snapshot's presence at `now`", () => {
  const snap = room([member("alice"), member("bob", { presence: "active" }), member("carol")]);
  const d = decide({ ...msg("@here standup"), mentions: here }, snap, NOW);
  assert.equal(TRIGGERS[triggerOf(d, snap.indexByUserId.get("bob")!)], "group");
  assert.equal(TRIGGERS[triggerOf(d, snap.indexByUserId.get("carol")!)], "all");
});

test("[SUP-7] a conversation message gives no member a chat trigger or channel, even when it names them", () => {
  const snap = room(
    [member("ann", { account: { desktop: "all" }, presence: "active" }), member("ben")],
    "conversation",
  );
  const ev = { ...msg("help @ann @all", { from: "ben" }) };
  const d = decide(ev, snap, NOW);
  let recipients = 0;
  forEachRecipient(d, () => recipients++);
  assert.equal(recipients, 0);
  assert.equal(TRIGGERS[triggerOf(d, snap.indexByUserId.get("ann")!)], null);
});

test("[PRS-4] [DSK-1] a desktop connection closed less than 30 s ago keeps the banner (a reconnect resumes it)", () => {
  const gone = (at: number) =>
    activityFacts([], { desktopGoneAt: at, anyGoneAt: at }, { autoAway: true, idleSeconds: 60 });
  const snap = room([
    member("alice"),
    member("bob", { presence: gone(NOW - 29_000) }),
    member("carol", { presence: gone(NOW - 30_000) }),
  ]);
  const d = decide(msg("hi @bob @carol"), snap, NOW);
  assert.ok(channelsOf(d, snap.indexByUserId.get("bob")!) & BIT.banner, "within the grace");
  assert.equal(channelsOf(d, snap.indexByUserId.get("carol")!) & BIT.banner, 0, "past the grace");
});

test("[PRF-51] [PRF-44] [DSK-2] the support focus rule for one console: unfocused shows; focused only with PRF-44; never on the conversation in view", () => {
  assert.equal(supportFocusBlock({ focused: false, showsConversation: false }, false), null);
  assert.equal(supportFocusBlock({ focused: true, showsConversation: false }, false)?.rule, "PRF-44");
  assert.equal(supportFocusBlock({ focused: true, showsConversation: false }, true), null);
  assert.equal(supportFocusBlock({ focused: true, showsConversation: true }, true)?.rule, "DSK-2");
});

test("[SUP-3] [PRS-5] a busy agent is not available for support alerts until the busy time ends", () => {
  assert.equal(supportBusyBlock({ manual: "auto", busy: { until: NOW + 1 } }, NOW)?.rule, "SUP-3");
  assert.equal(supportBusyBlock({ manual: "auto", busy: { until: null } }, NOW)?.rule, "SUP-3");
  assert.equal(supportBusyBlock({ manual: "auto", busy: { until: NOW } }, NOW), null);
  assert.equal(supportBusyBlock({ manual: "away", busy: null }, NOW), null);
});
