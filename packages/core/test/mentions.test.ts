import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BIT,
  channelsOf,
  decide,
  explain,
  matchKeywords,
  parseMentions,
  TRIGGER_CODES as T,
  triggerOf,
} from "../src/index.ts";
import { member, msg, NOW, room } from "./helpers.ts";

test("[MEN-1] @username mentions a member, case-insensitively; a non-member is reported for the sender's hint", () => {
  const snap = room([member("alice"), member("bob")]);
  const d = decide(msg("hey @BOB, and @zed"), snap, NOW);
  assert.equal(triggerOf(d, 1), T.mention);
  assert.deepEqual(d.unknownMentions, ["zed"]);
  assert.deepEqual(parseMentions("@Bob @bob").usernames, ["bob"]);
});

test("[MEN-2] @all and @channel mention every member but the sender; @here only online members", () => {
  const snap = room([member("alice"), member("bob", { presence: "active" }), member("carol")]);
  for (const text of ["@all hi", "@channel hi"]) {
    const d = decide(msg(text), snap, NOW);
    assert.equal(triggerOf(d, 0), T.none);
    assert.equal(triggerOf(d, 1), T.group);
    assert.equal(triggerOf(d, 2), T.group);
  }
  const h = decide(msg("@here standup"), snap, NOW);
  assert.equal(triggerOf(h, 1), T.group, "bob is online");
  assert.equal(triggerOf(h, 2), T.all, "carol is offline");
});

test("[MEN-2] @here skips members who are away, invisible or idle past their limit", () => {
  const snap = room([
    member("alice"),
    member("away", { presence: "active", manual: "away" }),
    member("invisible", { presence: "active", manual: "invisible" }),
    member("idle", { presence: "idle" }),
  ]);
  const d = decide(msg("@here"), snap, NOW);
  for (const i of [1, 2, 3]) assert.equal(triggerOf(d, i), T.all);
});

test("[MEN-3] no mention inside inline code, fenced blocks, URLs or e-mail addresses", () => {
  assert.deepEqual(parseMentions("`@bob` and ``x @carol``").usernames, []);
  assert.deepEqual(parseMentions("```\n@bob\n```\n@carol").usernames, ["carol"]);
  assert.deepEqual(parseMentions("~~~js\n@all\n~~~").all, false);
  assert.deepEqual(parseMentions("see https://x.com/@bob and www.y.org/@carol").usernames, []);
  assert.deepEqual(parseMentions("mail bob@example.com").usernames, []);
  assert.deepEqual(parseMentions("mail @bob@example.com").usernames, []);
});

test("[MEN-3] a mention ends at the first character outside the username alphabet; a trailing . is punctuation", () => {
  assert.deepEqual(parseMentions("thanks @bob.").usernames, ["bob"]);
  assert.deepEqual(parseMentions("hi @bob.smith, @carol!").usernames, ["bob.smith", "carol"]);
  assert.deepEqual(parseMentions("(@dave_x-1)").usernames, ["dave_x-1"]);
  assert.deepEqual(parseMentions(`@${"a".repeat(33)}`).usernames, []);
});

test("[MEN-4][PRF-7] keywords match case-insensitively as whole words, phrases included, outside code", () => {
  assert.equal(matchKeywords("The Deploy is done", ["deploy"]), "deploy");
  assert.equal(matchKeywords("redeployed", ["deploy"]), null);
  assert.equal(matchKeywords("release   train leaves", ["release train"]), "release train");
  assert.equal(matchKeywords("`deploy`", ["deploy"]), null);
  assert.equal(matchKeywords("café au lait", ["café"]), "café");
  const snap = room([member("alice"), member("bob", { account: { keywords: ["outage"] } })]);
  const d = decide(msg("OUTAGE in eu-west"), snap, NOW);
  assert.equal(triggerOf(d, 1), T.keyword);
  assert.ok(
    channelsOf(d, 1) & BIT.pushScheduled || channelsOf(d, 1) & BIT.push,
    "counts like a personal mention",
  );
});

test("[MEN-5] the sender is never notified by their own message", () => {
  const snap = room([
    member("alice", { account: { keywords: ["hi"], desktop: "all" }, presence: "active" }),
    member("bob"),
  ]);
  const d = decide(msg("hi @alice @all"), snap, NOW);
  assert.equal(triggerOf(d, 0), T.none);
  assert.equal(channelsOf(d, 0), 0);
  assert.equal(explain(msg("hi"), snap, 0, NOW).triggerReasons[0].rule, "MEN-5");
});

test("[MEN-6] a user who ignores the sender gets nothing on any channel", () => {
  const snap = room([member("alice"), member("bob", { ignores: ["alice"], presence: "active" })]);
  const ev = msg("@bob look");
  const d = decide(ev, snap, NOW);
  assert.equal(triggerOf(d, 1), T.mention);
  assert.equal(channelsOf(d, 1), 0);
  const e = explain(ev, snap, 1, NOW);
  for (const c of Object.values(e.channels)) assert.equal(c.reasons[0].rule, "MEN-6");
});

test("[MEN-7][PRV-9] @all/@here above N members is restricted to admins when PRV-9 is set", () => {
  const members = [member("alice"), member("bob"), member("carol"), member("root", { role: "admin" })];
  const snap = room(members, "channel", { restrictGroupMentionsAbove: 3 });
  const d = decide(msg("@all"), snap, NOW);
  assert.equal(d.groupRestricted, true);
  assert.equal(triggerOf(d, 1), T.all);
  const admin = decide({ ...msg("@all", { from: "root" }), senderRole: "admin" }, snap, NOW);
  assert.equal(triggerOf(admin, 1), T.group);
  const small = room(members, "channel", { restrictGroupMentionsAbove: 10 });
  assert.equal(triggerOf(decide(msg("@all"), small, NOW), 1), T.group);
});

test("[MEN-7] without PRV-9 there is no member limit: @all in a 5,000-member room reaches everyone", () => {
  const members = Array.from({ length: 5000 }, (_, i) => member(`u${i}`));
  const d = decide(msg("@all", { from: "u0" }), room(members), NOW);
  let group = 0;
  for (let i = 0; i < 5000; i++) if (triggerOf(d, i) === T.group) group++;
  assert.equal(group, 4999);
});
