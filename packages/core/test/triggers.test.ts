import assert from "node:assert/strict";
import { test } from "node:test";
import { BIT, channelsOf, decide, explain, TRIGGER_CODES as T, triggerOf } from "../src/index.ts";
import { member, msg, NOW, room } from "./helpers.ts";

test("[TRG-1] dm / gdm rooms give every other member the trigger dm, before anything else", () => {
  for (const kind of ["dm", "gdm"] as const) {
    const snap = room([member("alice"), member("bob"), member("carol")], kind);
    const d = decide(msg("@bob @all hello"), snap, NOW);
    assert.equal(triggerOf(d, 1), T.dm);
    assert.equal(triggerOf(d, 2), T.dm);
    assert.equal(triggerOf(d, 0), T.none);
  }
});

test("[TRG-1] order: mention before keyword before thread before group before all", () => {
  const snap = room([
    member("alice"),
    member("bob", { account: { keywords: ["fire"] } }),
    member("carol", { account: { keywords: ["fire"] } }),
    member("dave"),
    member("erin"),
    member("frank"),
  ]);
  const ev = {
    ...msg("@bob fire! @all", { threadRootId: "root", alsoInRoom: true, seq: 5, threadSeq: 2 }),
    threadFollowers: ["carol", "dave", "bob"],
  };
  const d = decide(ev, snap, NOW);
  assert.equal(triggerOf(d, 1), T.mention);
  assert.equal(triggerOf(d, 2), T.keyword);
  assert.equal(triggerOf(d, 3), T.thread);
  assert.equal(triggerOf(d, 4), T.group);
  assert.equal(triggerOf(decide(msg("plain"), snap, NOW), 5), T.all);
});

test("[TRG-1][PRF-31] a member who muted group mentions falls through to the next trigger (PRF-31)", () => {
  const snap = room([member("alice"), member("bob", { room: { muteGroupMentions: true } })]);
  const d = decide(msg("@all release"), snap, NOW);
  assert.equal(triggerOf(d, 1), T.all);
  assert.equal(channelsOf(d, 1) & BIT.inbox, 0);
});

test("[TRG-2] a thread-only reply reaches followers (thread), mentioned members, and nobody at level all", () => {
  const snap = room([
    member("alice"),
    member("bob", { account: { desktop: "all" }, presence: "active" }),
    member("carol"),
    member("dave"),
  ]);
  const ev = {
    ...msg("reply @dave", { threadRootId: "root", seq: 0, threadSeq: 3 }),
    threadFollowers: ["carol"],
  };
  const d = decide(ev, snap, NOW);
  assert.equal(triggerOf(d, 1), T.none, "bob does not follow: nothing even at level all");
  assert.equal(channelsOf(d, 1), 0);
  assert.equal(triggerOf(d, 2), T.thread);
  assert.equal(triggerOf(d, 3), T.mention);
  assert.equal(explain(ev, snap, 1, NOW).triggerReasons[0].rule, "TRG-2");
});

test("[TRG-2] @all inside a thread reply reaches the whole room", () => {
  const snap = room([member("alice"), member("bob"), member("carol")]);
  const d = decide(
    { ...msg("@all see thread", { threadRootId: "root", seq: 0, threadSeq: 1 }), threadFollowers: [] },
    snap,
    NOW,
  );
  assert.equal(triggerOf(d, 1), T.group);
  assert.equal(triggerOf(d, 2), T.group);
});

test("[TRG-3] system messages notify nobody", () => {
  const snap = room([member("alice"), member("bob", { account: { desktop: "all" }, presence: "active" })]);
  const ev = msg("@bob joined", { kind: "system" });
  const d = decide(ev, snap, NOW);
  assert.equal(triggerOf(d, 1), T.none);
  assert.equal(channelsOf(d, 1), 0);
  assert.equal(explain(ev, snap, 1, NOW).triggerReasons[0].rule, "TRG-3");
  const dm = decide(msg("bob joined", { kind: "system" }), room([member("alice"), member("bob")], "dm"), NOW);
  assert.equal(triggerOf(dm, 1), T.none, "also in a dm");
});

test("[TRG-3] an edit notifies only users newly mentioned by it", () => {
  const snap = room([
    member("alice"),
    member("bob"),
    member("carol"),
    member("dave", { account: { keywords: ["urgent"], desktop: "all" }, presence: "active" }),
  ]);
  const ev = { ...msg("@bob @carol urgent"), previousText: "@bob hi" };
  const d = decide(ev, snap, NOW);
  assert.equal(triggerOf(d, 1), T.none, "bob was already mentioned");
  assert.equal(triggerOf(d, 2), T.mention);
  assert.equal(triggerOf(d, 3), T.keyword);
  const again = decide({ ...msg("@all"), previousText: "hi" }, snap, NOW);
  assert.equal(triggerOf(again, 1), T.none, "edits do not send group mentions");
});
