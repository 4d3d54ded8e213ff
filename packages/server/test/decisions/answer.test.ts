// How the explain answer merges recorded, pending and rebuilt parts (EXP-1, EXP-3), per channel.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assemble, type Rebuilt } from "../../src/decisions/answer.ts";
import type { StoredDecision } from "../../src/decisions/recorder.ts";

const row = (over: Partial<StoredDecision>): StoredDecision => ({
  eventKind: "message",
  eventId: "m1",
  userId: "u1",
  channel: "banner",
  outcome: "delivered",
  trigger: "mention",
  reasons: [],
  count: 1,
  at: 100,
  ...over,
});

const rebuilt: Rebuilt = {
  trigger: "group",
  channels: {
    banner: { decision: "skip", reasons: [{ rule: "DSK-1", fact: "not connected" }] },
    sound: { decision: "skip", reasons: [{ rule: "DSK-1", fact: "not connected" }] },
    push: {
      decision: "schedule",
      until: null,
      waitsFor: "PSH-2",
      reasons: [{ rule: "PSH-2", fact: "idle 10 s of 60 s" }],
    },
    email: { decision: "skip", reasons: [{ rule: "PRF-4", fact: "level mentions, trigger group" }] },
    inbox: { decision: "deliver", reasons: [{ rule: "GEN-1", fact: "trigger group" }] },
  },
  text: ["email: not sent — level mentions, trigger group [PRF-4]"],
};

test("[EXP-1] a member's own record wins over the rebuilt chain; the rest says it was rebuilt", () => {
  const a = assemble({
    eventKind: "message",
    messageId: "m1",
    userId: "u1",
    recorded: [
      row({
        reasons: [
          { rule: "TRG-1", fact: "@u1" },
          { rule: "DSK-1", fact: "desktop level mentions" },
        ],
      }),
    ],
    pending: [],
    rebuilt,
    rebuiltAt: 500,
  });
  assert.equal(a.channels.banner.source, "recorded");
  assert.equal(a.channels.banner.decision, "delivered");
  assert.deepEqual(a.channels.banner.reasons, [
    { rule: "TRG-1", fact: "@u1" },
    { rule: "DSK-1", fact: "desktop level mentions" },
  ]);
  assert.equal(a.trigger, "mention");
  assert.deepEqual(a.sources, {
    recorded: ["banner"],
    pending: [],
    rebuilt: ["sound", "push", "email", "inbox"],
  });
  assert.equal(a.text[1], "banner: shown — @u1 [TRG-1]; desktop level mentions [DSK-1]");
  assert.equal(a.text[4], "email: not sent — level mentions, trigger group [PRF-4]");
  assert.equal(a.channels.push.decision, "waiting");
});

test("[EXP-3] a member under an aggregate row gets the rebuilt reasons plus the aggregate as context", () => {
  const a = assemble({
    eventKind: "message",
    messageId: "m1",
    userId: "u7",
    recorded: [
      row({
        userId: null,
        channel: "banner",
        outcome: "skipped",
        count: 1999,
        reasons: [{ rule: "DSK-1", fact: "not connected at fan-out" }],
      }),
    ],
    pending: [{ channel: "push", dueAt: 900, reasons: [{ rule: "PSH-2", fact: "deferred for the room" }] }],
    rebuilt,
    rebuiltAt: 500,
  });
  assert.equal(a.channels.banner.source, "rebuilt");
  assert.deepEqual(a.channels.banner.aggregate, {
    decision: "skipped",
    count: 1999,
    at: 100,
    reasons: [{ rule: "DSK-1", fact: "not connected at fan-out" }],
  });
  assert.equal(a.channels.push.source, "pending");
  assert.equal(a.channels.push.at, 500, "the time of the answer's decision, not the post time");
  assert.equal(a.channels.push.dueAt, null, "the rebuilt wait has no due time: once inactive");
  assert.equal(a.trigger, "group");
});

test("[EXP-1] without anything to rebuild from, the aggregate record answers", () => {
  const a = assemble({
    eventKind: "message",
    messageId: "m1",
    userId: "gone",
    recorded: [
      row({
        userId: null,
        channel: "sound",
        outcome: "skipped",
        count: 5,
        reasons: [{ rule: "DSK-1", fact: "x" }],
      }),
    ],
    pending: [],
    rebuilt: null,
    rebuiltAt: null,
  });
  assert.equal(a.channels.sound.source, "recorded-aggregate");
  assert.equal(a.text[2], "sound: not played — x [DSK-1]");
  assert.equal(a.channels.push.decision, "skipped");
});

test("[EXP-1] a recorded wait answers with its decision time and the due time from its own facts", () => {
  const wait = {
    kind: "inactivity" as const,
    thresholdMs: 60_000,
    lastActivityAt: 1_000,
    lastActivityDevice: "web" as const,
    autoAway: true,
    lockedSince: null,
    connected: true,
    desktopGoneAt: null,
    dueAt: 61_000,
  };
  const a = assemble({
    eventKind: "message",
    messageId: "m1",
    userId: "u1",
    recorded: [
      row({
        channel: "push",
        outcome: "waiting",
        at: 13_000,
        reasons: [{ rule: "PSH-2", fact: "active on web 12 s ago, threshold 60 s, may go in 48 s", wait }],
      }),
    ],
    pending: [
      { channel: "push", dueAt: 5, reasons: [{ rule: "PSH-2", fact: "push pending in the outbox" }] },
    ],
    rebuilt,
    rebuiltAt: 99_000,
  });
  assert.equal(a.channels.push.source, "recorded");
  assert.equal(a.channels.push.at, 13_000);
  assert.equal(a.channels.push.dueAt, 61_000);
  assert.deepEqual(a.channels.push.reasons.at(-1)?.wait, wait);
  assert.equal(a.text[3], "push: waiting — active on web 12 s ago, threshold 60 s, may go in 48 s [PSH-2]");
});

test("[EXP-1][PSH-3] a recorded wait the outbox finished later answers with the outbox's state and time", () => {
  const a = assemble({
    eventKind: "message",
    messageId: "m1",
    userId: "u1",
    recorded: [
      row({ channel: "push", outcome: "waiting", at: 100, reasons: [{ rule: "PSH-2", fact: "w" }] }),
    ],
    pending: [
      {
        channel: "push",
        decision: "dropped",
        dueAt: null,
        decidedAt: 700,
        reasons: [{ rule: "PSH-2", fact: "push dropped in the outbox: PSH-3 read on another device" }],
      },
    ],
    rebuilt,
    rebuiltAt: 900,
  });
  assert.equal(a.channels.push.source, "pending");
  assert.equal(a.channels.push.decision, "dropped");
  assert.equal(a.channels.push.at, 700);
  assert.equal(a.channels.push.dueAt, undefined);
});
