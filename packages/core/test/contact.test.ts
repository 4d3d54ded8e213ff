import assert from "node:assert/strict";
import { test } from "node:test";
import {
  activityFacts,
  type ContactEmailFacts,
  DEFAULT_AGENT_PREFERENCES,
  decideContactEmail,
  decideSupport,
  replyStatus,
  replyTimeWords,
} from "../src/index.ts";
import { desktopConn, NOW } from "./helpers.ts";

const MIN = 60_000;
const facts = (o: Partial<ContactEmailFacts> = {}): ContactEmailFacts => ({
  email: "zoe@example.org",
  unsubscribed: false,
  delayMs: 5 * MIN,
  replies: [
    { id: "r1", seq: 2, at: NOW - 6 * MIN },
    { id: "r2", seq: 4, at: NOW - 2 * MIN },
  ],
  seenSeq: 1,
  emailedSeq: 0,
  ...o,
});

test("[EML-3] unseen replies go out as ONE email once the oldest has waited the delay", () => {
  const o = decideContactEmail(facts(), NOW);
  assert.equal(o.kind, "send");
  assert.deepEqual(o.kind === "send" && o.messageIds, ["r1", "r2"]);
  assert.equal(o.kind === "send" && o.throughSeq, 4);
});

test("[EML-3] before the delay the email waits until the oldest unseen reply's due time", () => {
  const o = decideContactEmail(facts({ replies: [{ id: "r2", seq: 4, at: NOW - 2 * MIN }] }), NOW);
  assert.deepEqual(o.kind === "wait" && o.until, NOW + 3 * MIN);
});

test("[EML-2] replies seen in the widget, or already emailed, are left out; none left → no email", () => {
  const seen = decideContactEmail(facts({ seenSeq: 2 }), NOW);
  assert.equal(seen.kind, "wait", "r1 seen: r2 waits for its own delay");
  assert.equal(decideContactEmail(facts({ seenSeq: 4 }), NOW).kind, "drop");
  assert.equal(decideContactEmail(facts({ emailedSeq: 4 }), NOW).kind, "drop");
  const later = decideContactEmail(facts({ emailedSeq: 2, seenSeq: 0 }), NOW + 3 * MIN);
  assert.deepEqual(later.kind === "send" && later.messageIds, ["r2"], "only what the last email lacked");
});

test("[EML-1][EML-6] no address or unsubscribed → never", () => {
  assert.equal(decideContactEmail(facts({ email: null }), NOW).rule, "EML-1");
  assert.equal(decideContactEmail(facts({ unsubscribed: true }), NOW).rule, "EML-6");
});

test("reply status: an online agent says so; otherwise the typical reply time in words", () => {
  const on = {
    activity: activityFacts([desktopConn(NOW - 1000)], {}, { autoAway: true, idleSeconds: 60 }),
    status: { manual: "auto" as const, busy: null },
  };
  const idle = {
    ...on,
    activity: activityFacts([desktopConn(NOW - 600_000)], {}, { autoAway: true, idleSeconds: 60 }),
  };
  const busy = { ...on, status: { manual: "auto" as const, busy: { until: null } } };
  assert.deepEqual(replyStatus([idle, on], 3 * MIN, NOW), { online: true, text: "We're online" });
  assert.deepEqual(replyStatus([idle, busy], 20 * MIN, NOW), {
    online: false,
    text: "We usually reply in about 20 minutes",
  });
  assert.equal(replyTimeWords(null), "We'll reply as soon as we can");
  assert.equal(replyTimeWords(2 * MIN), "We usually reply in a few minutes");
  assert.equal(replyTimeWords(3 * 60 * MIN), "We usually reply in a few hours");
  assert.equal(replyTimeWords(3 * 24 * 60 * MIN), "We usually reply in a day or two");
});

test("[SUP-3] a contact's further message in a pending conversation rings nobody again; in an open one it does", () => {
  const agent = {
    userId: "a1",
    prefs: { ...DEFAULT_AGENT_PREFERENCES, audioScope: "all" as const },
    activity: activityFacts([desktopConn(NOW - 1000)], {}, { autoAway: true, idleSeconds: 60 }),
    status: { manual: "auto" as const, busy: null },
    inboxIds: ["inbox1"],
    consoleFocused: false,
    focusedConversationId: null,
    hasEmail: true,
  };
  const conv = (status: "pending" | "open") => ({
    id: "c1",
    inboxId: "inbox1",
    roomId: "r",
    contactId: "k",
    status,
    assigneeId: null,
    participantIds: [],
  });
  const pending = decideSupport(
    { type: "conversation_message", conversation: conv("pending"), authorId: null },
    [agent],
    NOW,
  );
  assert.equal(pending[0].sound.decision, "skip");
  assert.equal(pending[0].sound.reasons[0].rule, "SUP-3");
  assert.equal(pending[0].banner.decision, "skip");
  const open = decideSupport(
    { type: "conversation_message", conversation: conv("open"), authorId: null },
    [agent],
    NOW,
  );
  assert.equal(open[0].sound.decision, "deliver");
});
