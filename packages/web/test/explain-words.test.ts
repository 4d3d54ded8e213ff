// The explain page's sentences (EXP-1, GEN-9) without a browser: times in words, no rule ID and no raw
// timestamp in what a user reads, whatever mix of reasons and numeric facts the answer carries.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  channelSentence,
  reasonWords,
  settingFor,
  settingsFor,
  triggerSentence,
} from "../src/lib/explainWords.ts";
import { agoWords, clockText, clockWords, factWords, inWords, momentWords } from "../src/lib/when.ts";

const NOW = Date.UTC(2026, 11, 6, 15, 2, 0);
const RULE_ID = /\b[A-Z]{3}-\d+\b/;
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

test("[GEN-9] times in words: in 40 s, 12 s ago, at h:mm", () => {
  assert.equal(inWords(NOW + 40_000, NOW), "in 40 s");
  assert.equal(agoWords(NOW - 12_000, NOW), "12 s ago");
  assert.equal(agoWords(NOW - 5 * 60_000, NOW), "5 min ago");
  assert.equal(inWords(NOW + 3 * 3_600_000, NOW), "in 3 h");
  assert.match(clockWords(NOW + 60_000, NOW), /^at \d{1,2}:\d{2}/);
  assert.match(momentWords(NOW + 40_000, NOW), /^at \d{1,2}:\d{2}.* \(in 40 s\)$/);
});

test("[GEN-9] a fact loses its rule IDs and raw timestamps, keeps its words", () => {
  const iso = new Date(NOW + 3_600_000).toISOString();
  const w = factWords(`quiet hours until ${iso}`, NOW);
  assert.doesNotMatch(w, ISO);
  assert.match(w, /^quiet hours until \d{1,2}:\d{2}/);
  assert.equal(
    factWords("active on desktop/web 12 s ago, threshold 60 s (room messages wait max(PRV-6, PRF-13))", NOW),
    "active on desktop/web 12 s ago, threshold 60 s (room messages wait)",
  );
  assert.equal(
    factWords("@all/@here is restricted to admins in this room (PRV-9)", NOW),
    "@all/@here is restricted to admins in this room",
  );
});

test("[EXP-1][GEN-9] a waiting push says its facts: last activity, threshold, due time in words", () => {
  const s = channelSentence(
    "Mobile / web push",
    "push",
    {
      decision: "waiting",
      reasons: [
        { rule: "PRF-3", fact: "level mentions, trigger mention" },
        {
          rule: "PSH-2",
          fact: "active on web 12 s ago, threshold 60 s, may go in 48 s",
          wait: {
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
        },
      ],
    },
    NOW,
  );
  assert.match(s, /^Mobile \/ web push: waiting, may go at \d{1,2}:\d{2}.*\(in 48 s\)/);
  assert.match(s, /you were last active on the web app 12 s ago/);
  assert.match(s, /inactive for 60 s/);
  assert.doesNotMatch(s, RULE_ID);
  assert.equal((s.match(/12 s ago/g) ?? []).length, 1, `the wait said once: ${s}`);
});

test("[EXP-1][GEN-9] without numeric facts the reasons' words still make a sentence", () => {
  const s = channelSentence(
    "Email",
    "email",
    {
      decision: "skipped",
      at: NOW - 30_000,
      reasons: [{ rule: "PRF-36", fact: "alerts are off for this room" }],
    },
    NOW,
  );
  assert.match(s, /^Email: not sent at \d{1,2}:\d{2}.*\(30 s ago\) — alerts are off for this room\.$/);
  const held = channelSentence(
    "Mobile / web push",
    "push",
    {
      decision: "waiting",
      reasons: [{ rule: "PSH-9", fact: "x", wait: { kind: "quiet_hours", until: NOW + 7_200_000 } }],
    },
    NOW,
  );
  assert.match(held, /held by your quiet hours, which end at .*\(in 2 h\)/);
  assert.doesNotMatch(held, RULE_ID);
});

test("[EXP-1] a wait whose due time has passed says since when it is due, not that it may go in the past", () => {
  const s = channelSentence("Email", "email", { decision: "waiting", at: NOW - 6_000, reasons: [] }, NOW);
  assert.match(s, /^Email: waiting, due since \d{1,2}:\d{2}.*\(6 s ago\)\.$/);
});

test("[EXP-1] dueAt: a time says when it may go; null says it waits for inactivity; `at` is then the decision time", () => {
  const wait = {
    kind: "inactivity" as const,
    thresholdMs: 300_000,
    lastActivityAt: NOW - 20_000,
    lastActivityDevice: "desktop",
    autoAway: true,
    lockedSince: null,
    connected: true,
    desktopGoneAt: null,
    dueAt: null,
  };
  const s = channelSentence(
    "Email",
    "email",
    { decision: "waiting", at: NOW - 20_000, dueAt: null, reasons: [{ rule: "EML-2", fact: "…", wait }] },
    NOW,
  );
  assert.equal(
    s,
    "Email: waiting — you were last active on the desktop app 20 s ago; it goes once you have been inactive for 5 min.",
  );
  const due = channelSentence(
    "Email",
    "email",
    { decision: "waiting", at: NOW - 20_000, dueAt: NOW + 40_000, reasons: [] },
    NOW,
  );
  assert.match(due, /^Email: waiting, may go at .*\(in 40 s\)\.$/);
});

test("[TRG-1][GEN-9] the trigger as a sentence; none says why not", () => {
  assert.equal(triggerSentence("mention", [], NOW), "You were mentioned by name.");
  assert.equal(
    triggerSentence(null, [{ rule: "MEN-5", fact: "you sent this message" }], NOW),
    "This message did not concern you: you sent this message.",
  );
  assert.doesNotMatch(triggerSentence("a_new_kind", [], NOW), /a_new_kind/);
});

test("[EXP-1][GEN-9] core's terse facts read as sentences: levels, triggers, do not disturb, a silenced room", () => {
  assert.equal(
    reasonWords("level mentions (room override), trigger all", NOW),
    "this room is set to notify you about mentions and direct messages; this was a message with no mention of you",
  );
  assert.equal(
    reasonWords("push level nothing does not allow dm", NOW),
    "your setting notifies you about nothing; this was a direct message",
  );
  assert.equal(
    reasonWords("level mentions, thread replies off, trigger thread", NOW),
    "your setting notifies you about mentions and direct messages, and replies in threads you follow are off; this was a reply in a thread you follow",
  );
  assert.equal(reasonWords("busy", NOW), "you were set to do not disturb");
  const until = reasonWords("busy until 2026-12-06T16:00:00.000Z", NOW);
  assert.match(until, /^you are set to do not disturb until \d{1,2}:\d{2}/);
  assert.doesNotMatch(until, ISO);
  assert.equal(reasonWords("room silenced", NOW), "alerts are off or the room is snoozed");
  assert.equal(
    reasonWords("trigger mention makes an inbox item", NOW),
    "a mention of you is kept in your inbox",
  );
  for (const fact of [
    "level all allows trigger keyword",
    "direct message (room kind gdm)",
    "tone chime",
    "trigger all makes no inbox item",
  ])
    assert.doesNotMatch(reasonWords(fact, NOW), /\b(trigger|kind|level)\b|_/, fact);
});

test("[EXP-1] a reason a setting decides links to that setting; a reason no setting decides links nowhere", () => {
  const room = { id: "r1", kind: "channel" };
  const roomPrefs = "/chat/r1?prefs=notifications";
  assert.equal(settingFor({ rule: "PRF-36", fact: "alerts are off for this room" }, room)?.href, roomPrefs);
  assert.equal(
    settingFor({ rule: "PRF-33", fact: "level nothing (room override), trigger all" }, room)?.href,
    roomPrefs,
  );
  assert.equal(
    settingFor({ rule: "PRF-36", fact: "room silenced" }, { id: "c1", kind: "conversation" }),
    null,
  );
  const href = (rule: string, fact = "") => settingFor({ rule, fact }, room)?.href ?? null;
  assert.equal(href("PRF-4", "level nothing, trigger dm"), "/settings/notifications#s-email");
  assert.equal(href("PSH-1", "push level mentions does not allow all"), "/settings/notifications#s-push");
  assert.equal(href("PRF-6"), "/settings/notifications#s-threads");
  assert.equal(href("MEN-4", 'keyword "deploy" matched'), "/settings/notifications#s-keywords");
  assert.equal(href("PRF-16", "in quiet hours"), "/settings/notifications#s-quiet");
  assert.equal(href("PRF-49", "audio master switch off"), "/settings/notifications#s-desktop");
  assert.equal(href("PRF-43", "desktop off for pending contacts"), "/settings/agent");
  assert.equal(href("MEN-1", "@bob in the message"), null);
  assert.equal(href("DSK-2", "the room is open in a focused window"), null);
  assert.equal(href("PSH-1", "busy"), null, "do not disturb is a status, not a setting");
  assert.deepEqual(
    settingsFor(
      [
        { rule: "MEN-1", fact: "@bob in the message" },
        { rule: "PRF-36", fact: "alerts are off for this room" },
        { rule: "PRF-36", fact: "room silenced" },
      ],
      room,
    ).map((l) => l.href),
    [roomPrefs],
    "one link per setting",
  );
});

test("[GEN-9] a moment on the next or previous day says so: 'until 3:00 PM tomorrow', 'yesterday at …'", () => {
  const base = new Date(2026, 11, 6, 22, 0).getTime();
  const tomorrow = new Date(2026, 11, 7, 15, 0).getTime();
  assert.match(clockText(tomorrow, base), /^3:00\sPM tomorrow$/);
  assert.match(clockWords(tomorrow, base), /^tomorrow at 3:00\sPM$/);
  assert.match(clockWords(new Date(2026, 11, 5, 9, 30).getTime(), base), /^yesterday at 9:30\sAM$/);
  assert.match(clockText(new Date(2026, 11, 9, 8, 0).getTime(), base), /^Dec 9, 8:00\sAM$/);
  assert.match(clockText(new Date(2026, 11, 6, 23, 0).getTime(), base), /^11:00\sPM$/);
});

test("[EXP-1][PRS-5] do not disturb, cited by the channel's rule and its own, is said once", () => {
  const busy = "busy until you change it";
  const line = channelSentence(
    "Mobile / web push",
    "push",
    {
      decision: "skip",
      reasons: [
        { rule: "PSH-1", fact: busy },
        { rule: "PRS-5", fact: busy },
      ],
    },
    NOW,
  );
  assert.equal(line, "Mobile / web push: not sent — you are set to do not disturb until you turn it off.");
});
