import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BIT,
  channelsOf,
  channelTrigger,
  decide,
  explain,
  mentionsFromSnapshot,
  type ResolvedMentions,
  TRIGGER_CODES as T,
  TS,
  triggerOf,
  triggerSetOf,
} from "../src/index.ts";
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

test("[TRG-1][PRF-6] a thread follower with thread notifications off still gets @all in that thread as group", () => {
  const snap = room([
    member("alice"),
    member("bob", {
      account: { threadReplies: { desktop: false, push: false, email: false } },
      presence: "active",
    }),
    member("carol", { presence: "active" }),
  ]);
  const ev = {
    ...msg("@all look here", { threadRootId: "root", seq: 0, threadSeq: 4 }),
    threadFollowers: ["bob"],
  };
  const d = decide(ev, snap, NOW);
  // bob: thread applies first (the recipient's trigger), but his levels allow only group: banner names group.
  assert.equal(triggerOf(d, 1), T.thread);
  assert.equal(triggerSetOf(d, 1), TS.thread | TS.group);
  assert.equal(channelTrigger(snap, 1, triggerSetOf(d, 1), "banner"), T.group);
  assert.equal(channelTrigger(snap, 1, triggerSetOf(d, 1), "push"), T.group);
  assert.ok(channelsOf(d, 1) & BIT.banner, "banner for @all");
  assert.ok(channelsOf(d, 1) & BIT.pushScheduled, "push candidate for @all (waits: bob is active)");
  assert.ok(channelsOf(d, 1) & BIT.inbox);
  assert.equal(channelsOf(d, 1) & BIT.emailScheduled, 0, "email leaves group out (PRF-4)");
  assert.equal(channelsOf(d, 2) & BIT.banner, BIT.banner, "a non-follower gets it too");
  const e = explain(ev, snap, 1, NOW);
  assert.equal(e.trigger, "thread");
  assert.equal(e.channels.banner.decision, "deliver");
  assert.match(e.channels.banner.reasons[0].fact, /allows trigger group/);
  // A plain reply: thread is still the trigger, and with PRF-6 off nothing is sent.
  const plain = decide({ ...ev, ...msg("ok", { threadRootId: "root", seq: 0, threadSeq: 5 }) }, snap, NOW);
  assert.equal(triggerOf(plain, 1), T.thread);
  assert.equal(channelsOf(plain, 1), BIT.inbox);
});

test("[TRG-1][PRF-33] a gdm set to mentions notifies only by mentions, keywords and group mentions", () => {
  const gdm = () =>
    room(
      [
        member("alice"),
        member("bob", { room: { desktop: "mentions" }, presence: "active", account: { keywords: ["ship"] } }),
        member("carol", { presence: "active" }),
      ],
      "gdm",
    );
  const snap = gdm();
  const plain = decide(msg("lunch?"), snap, NOW);
  assert.equal(triggerOf(plain, 1), T.all, "dm does not apply to bob");
  assert.equal(
    channelsOf(plain, 1),
    BIT.emailScheduled,
    "no banner, push (PRF-20 follows the override) or inbox item; email's level is not overridden: dm",
  );
  assert.equal(triggerOf(plain, 2), T.dm, "carol (account level mentions, no override) is direct-messaged");
  assert.ok(channelsOf(plain, 2) & BIT.banner);
  assert.equal(explain(msg("lunch?"), snap, 1, NOW).triggerReasons.at(-1)?.rule, "PRF-33");
  for (const [text, t] of [
    ["@bob lunch?", T.mention],
    ["ship it", T.keyword],
    ["@all lunch?", T.group],
  ] as const) {
    const d = decide(msg(text), snap, NOW);
    assert.equal(triggerOf(d, 1), t, text);
    assert.ok(channelsOf(d, 1) & BIT.banner, text);
    assert.ok(channelsOf(d, 1) & BIT.inbox, text);
  }
  const sparse = decide(msg("@here lunch?"), snap, NOW);
  assert.equal(triggerOf(sparse, 1), T.group, "@here while online");
});

test("[TRG-1][PRF-33][PRF-20] per channel: dm in a gdm applies where that channel's level is not overridden to mentions", () => {
  const snap = room(
    [
      member("alice"),
      // Desktop overridden to mentions; push set apart (PRF-2) at account level all; email default mentions.
      member("bob", {
        room: { desktop: "mentions" },
        account: { mobileDifferent: true, push: "all" },
        presence: "offline",
      }),
      // PRF-2 off: push follows the desktop override, so neither banner nor push.
      member("carol", { room: { desktop: "mentions" }, presence: "offline", hasEmail: false }),
    ],
    "gdm",
  );
  const d = decide(msg("lunch?"), snap, NOW);
  const bob = triggerSetOf(d, 1);
  assert.equal(bob, TS.dm | TS.all);
  assert.equal(channelTrigger(snap, 1, bob, "banner"), T.none);
  assert.equal(channelTrigger(snap, 1, bob, "push"), T.dm, "push is not overridden: dm");
  assert.equal(channelTrigger(snap, 1, bob, "email"), T.dm, "email default mentions allows dm");
  assert.ok(channelsOf(d, 1) & BIT.push);
  assert.ok(channelsOf(d, 1) & BIT.emailScheduled);
  assert.equal(channelsOf(d, 2) & (BIT.push | BIT.pushScheduled), 0, "PRF-20: push follows the override");
});

test("[TRG-3] an edit that turns a name-mention into a keyword match, or back, notifies nobody twice", () => {
  const snap = room([
    member("alice"),
    member("bob", { account: { keywords: ["deploy"] }, presence: "active" }),
    member("carol", { account: { keywords: ["deploy"] }, presence: "active" }),
  ]);
  const nameToKeyword = decide({ ...msg("deploy is done"), previousText: "@bob is it done?" }, snap, NOW);
  assert.equal(triggerOf(nameToKeyword, 1), T.none, "bob was notified by name already");
  assert.equal(channelsOf(nameToKeyword, 1), 0);
  assert.equal(triggerOf(nameToKeyword, 2), T.keyword, "carol had no personal trigger before");
  const keywordToName = decide({ ...msg("@bob @carol done"), previousText: "deploy?" }, snap, NOW);
  assert.equal(triggerOf(keywordToName, 1), T.none, "bob was notified by keyword already");
  assert.equal(triggerOf(keywordToName, 2), T.none);
  // The same with the mentions carried in the event, as the server sends them.
  const carried = decide(
    {
      ...msg("whatever the text says"),
      mentions: { users: ["carol"], keywords: [["bob", "deploy"]], all: false, here: false },
      previousMentions: { users: ["bob"], keywords: [], all: false, here: false },
    },
    snap,
    NOW,
  );
  assert.equal(triggerOf(carried, 1), T.none);
  assert.equal(triggerOf(carried, 2), T.mention);
});

test("[MEN-1][TRG-1] mentions carried in the event are used as they are: the text is not parsed again", () => {
  const snap = room([member("alice"), member("bob"), member("carol", { account: { keywords: ["fire"] } })]);
  const ev = {
    ...msg("@bob fire"),
    mentions: { users: ["carol"], keywords: [], all: false, here: false },
  };
  const d = decide(ev, snap, NOW);
  assert.equal(triggerOf(d, 1), T.all, "bob is not in the carried mentions");
  assert.equal(triggerOf(d, 2), T.mention);
  const carried: ResolvedMentions = { users: [], keywords: [["bob", "x"]], all: true, here: false };
  const kw = decide({ ...msg("no keyword here"), mentions: carried }, snap, NOW);
  assert.equal(triggerOf(kw, 1), T.keyword);
  const e = explain({ ...msg("no keyword here"), mentions: carried }, snap, 1, NOW);
  assert.equal(e.triggerReasons[0].fact, 'keyword "x" matched');
  assert.equal(triggerOf(kw, 2), T.group, "@all carried");
});

test("[TRG-1] mentionsFromSnapshot resolves a text against the room's members, sender excluded", () => {
  const snap = room([
    member("alice", { account: { keywords: ["fire"] } }),
    member("bob"),
    member("carol", { account: { keywords: ["fire"] } }),
  ]);
  const { mentions, hints } = mentionsFromSnapshot("@bob @zed fire @alice @here", snap, "alice");
  assert.deepEqual(mentions, { users: ["bob"], keywords: [["carol", "fire"]], all: false, here: true });
  assert.deepEqual(hints, ["zed"]);
});
