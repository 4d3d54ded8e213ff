import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DEFAULT_ADMIN_SETTINGS,
  decideForMembers,
  type MemberFacts,
  type MessageEvent,
  type ResolvedMentions,
} from "../src/index.ts";
import { member, NOW } from "./helpers.ts";

const ROOM = { id: "r1", kind: "channel" as const };
const NONE: ResolvedMentions = { users: [], keywords: [], all: false, here: false };

function event(o: Partial<MessageEvent["message"]> = {}, extra: Partial<MessageEvent> = {}): MessageEvent {
  return {
    kind: "message",
    message: {
      id: "m1",
      roomId: "r1",
      seq: 7,
      senderId: "alice",
      text: "",
      createdAt: NOW,
      kind: "user",
      ...o,
    },
    mentions: NONE,
    ...extra,
  };
}

const byUser = (members: MemberFacts[], ev: MessageEvent, online?: (u: string) => boolean) =>
  new Map(decideForMembers(ev, ROOM, members, DEFAULT_ADMIN_SETTINGS, NOW, online).map((c) => [c.userId, c]));

test("[TRG-1][PSH-1][EML-1] a mentioned member is a push and email candidate named `mention`; the sender is none", () => {
  const out = byUser([member("alice"), member("bob")], event({}, { mentions: { ...NONE, users: ["bob"] } }));
  assert.deepEqual(
    { trigger: out.get("bob")?.trigger, push: out.get("bob")?.push, email: out.get("bob")?.email },
    { trigger: "mention", push: "mention", email: "mention" },
  );
  assert.equal(out.get("alice")?.trigger, null); // MEN-5
  assert.equal(out.get("alice")?.push, null);
});

test("[PSH-1] a push level `nothing` makes no push candidate, and says why in words", () => {
  const out = byUser(
    [member("alice"), member("bob", { account: { mobileDifferent: true, push: "nothing" } })],
    event({}, { mentions: { ...NONE, users: ["bob"] } }),
  );
  const bob = out.get("bob");
  assert.equal(bob?.push, null);
  assert.equal(bob?.email, "mention");
  assert.deepEqual(bob?.skipped, [
    { channel: "push", reason: { rule: "PSH-1", fact: "push level nothing does not allow mention" } },
  ]);
});

test("[PRF-36] a silenced room makes no push or email candidate", () => {
  const out = byUser(
    [member("alice"), member("bob", { room: { alerts: false } })],
    event({}, { mentions: { ...NONE, users: ["bob"] } }),
  );
  assert.equal(out.get("bob")?.push, null);
  assert.deepEqual(
    out.get("bob")?.skipped.map((s) => s.reason.rule),
    ["PRF-36", "PRF-36"],
  );
});

test("[EML-1][PRV-8] no address, or an unverified one under PRV-8, makes no email candidate", () => {
  const admin = { ...DEFAULT_ADMIN_SETTINGS, requireVerifiedEmail: true };
  const ev = event({}, { mentions: { ...NONE, users: ["bob", "carol"] } });
  const out = new Map(
    decideForMembers(
      ev,
      ROOM,
      [member("alice"), member("bob", { hasEmail: false }), member("carol", { emailVerified: false })],
      admin,
      NOW,
    ).map((c) => [c.userId, c]),
  );
  assert.deepEqual(out.get("bob")?.skipped, [
    { channel: "email", reason: { rule: "EML-1", fact: "no email address" } },
  ]);
  assert.deepEqual(out.get("carol")?.skipped, [
    { channel: "email", reason: { rule: "PRV-8", fact: "email not verified" } },
  ]);
  assert.equal(out.get("carol")?.push, "mention");
});

test("[TRG-1][PRF-6] @all in a thread: a follower whose thread pushes are off gets the push named `group`", () => {
  const follower = member("bob", {
    account: {
      mobileDifferent: true,
      push: "mentions",
      threadReplies: { desktop: false, push: false, email: false },
    },
  });
  const ev = event(
    { seq: 0, threadRootId: "root", threadSeq: 3 },
    { mentions: { ...NONE, all: true }, threadFollowers: ["bob"] },
  );
  const bob = byUser([member("alice"), follower], ev).get("bob");
  assert.equal(bob?.trigger, "thread");
  assert.equal(bob?.push, "group");
});

test("[MEN-2] @here reaches only the members the caller says were online", () => {
  const ev = event({}, { mentions: { ...NONE, here: true } });
  const members = [
    member("alice"),
    member("bob", { account: { mobileDifferent: true, push: "mentions" } }),
    member("carol", { account: { mobileDifferent: true, push: "mentions" } }),
  ];
  const out = byUser(members, ev, (u) => u === "bob");
  assert.equal(out.get("bob")?.push, "group");
  assert.equal(out.get("carol")?.push, null);
  assert.equal(out.get("carol")?.trigger, "all");
});

test("[TRG-3] an edit makes candidates only of members newly mentioned by name or keyword", () => {
  const ev = event(
    {},
    {
      mentions: { ...NONE, users: ["bob"], keywords: [["carol", "deploy"]] },
      previousMentions: { ...NONE, keywords: [["bob", "deploy"]] },
    },
  );
  const out = byUser([member("alice"), member("bob"), member("carol")], ev);
  assert.equal(out.get("bob")?.push, null); // notified by keyword before: not again by name
  assert.equal(out.get("carol")?.push, "keyword");
});

test("[MEN-6] a member who ignores the sender is no candidate", () => {
  const out = byUser(
    [member("alice"), member("bob", { ignores: ["alice"] })],
    event({}, { mentions: { ...NONE, users: ["bob"] } }),
  );
  assert.equal(out.get("bob")?.push, null);
  assert.equal(out.get("bob")?.skipped[0].reason.rule, "MEN-6");
});

test("[GEN-1][TRG-1][PRF-33] the inbox item is the recipient's trigger: none for `all`, none in a gdm overridden to mentions", () => {
  const gdm = { id: "r1", kind: "gdm" as const };
  const members = [member("alice"), member("bob"), member("carol", { room: { desktop: "mentions" } })];
  const plain = new Map(
    decideForMembers(event(), gdm, members, DEFAULT_ADMIN_SETTINGS, NOW).map((c) => [c.userId, c]),
  );
  assert.equal(plain.get("bob")?.inbox, "dm");
  assert.equal(plain.get("carol")?.trigger, "all");
  assert.equal(plain.get("carol")?.inbox, null);
  assert.equal(plain.get("alice")?.inbox, null); // MEN-5
  const named = decideForMembers(
    event({}, { mentions: { ...NONE, users: ["carol"] } }),
    gdm,
    members,
    DEFAULT_ADMIN_SETTINGS,
    NOW,
  ).find((c) => c.userId === "carol");
  assert.equal(named?.inbox, "mention");
  // A channel message with no personal trigger: `all`, no item (GEN-1).
  assert.equal(byUser([member("alice"), member("bob")], event()).get("bob")?.inbox, null);
});

test("[GEN-1][MEN-6] a member who ignores the sender gets no inbox item, though their trigger is kept", () => {
  const out = byUser(
    [member("alice"), member("bob", { ignores: ["alice"] })],
    event({}, { mentions: { ...NONE, users: ["bob"] } }),
  );
  assert.equal(out.get("bob")?.trigger, "mention");
  assert.equal(out.get("bob")?.inbox, null);
});

test("[GEN-1][TRG-3] an edit that turns a name mention into a keyword gives no inbox item; a new name does", () => {
  const before: ResolvedMentions = { ...NONE, users: ["bob"] };
  const after: ResolvedMentions = { ...NONE, keywords: [["bob", "deploy"]], users: ["carol"] };
  const out = byUser(
    [member("alice"), member("bob"), member("carol")],
    event({}, { mentions: after, previousMentions: before }),
  );
  assert.equal(out.get("bob")?.inbox, null);
  assert.equal(out.get("carol")?.inbox, "mention");
});
