// PRF-40 … PRF-50 (Settings › Notifications, agent section).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type AgentFacts,
  type AgentPreferences,
  activityFacts,
  type Conversation,
  DEFAULT_AGENT_PREFERENCES,
  decideSupport,
  reminderDue,
} from "../src/index.ts";
import { desktopConn, NOW } from "./helpers.ts";

type AgentOpts = Partial<Omit<AgentFacts, "prefs">> & {
  prefs?: Partial<AgentPreferences>;
  state?: "active" | "idle" | "offline";
};

function agent(userId: string, o: AgentOpts = {}): AgentFacts {
  const prefs = { autoAway: true, idleSeconds: 60 };
  const conns = o.state === "offline" ? [] : [desktopConn(o.state === "idle" ? NOW - 600_000 : NOW - 1000)];
  const { prefs: p, state: _s, ...rest } = o;
  return {
    userId,
    prefs: { ...DEFAULT_AGENT_PREFERENCES, ...p },
    activity: activityFacts(conns, {}, prefs),
    status: { manual: "auto", busy: null },
    inboxIds: ["inbox1"],
    consoleFocused: false,
    focusedConversationId: null,
    hasEmail: true,
    ...rest,
  };
}

function conv(o: Partial<Conversation> = {}): Conversation {
  return {
    id: "c1",
    inboxId: "inbox1",
    roomId: "room-c1",
    contactId: "k1",
    status: "open",
    assigneeId: null,
    participantIds: [],
    ...o,
  };
}

test("[PRF-40][PRF-41][PRF-42][PRF-49] agent defaults", () => {
  const p = DEFAULT_AGENT_PREFERENCES;
  assert.deepEqual(
    Object.entries(p.email)
      .filter(([, v]) => v)
      .map(([k]) => k),
    ["conversation_assigned", "conversation_mention"],
  );
  assert.deepEqual(
    Object.entries(p.push)
      .filter(([, v]) => v)
      .map(([k]) => k),
    ["conversation_assigned", "conversation_mention", "assigned_conversation_message"],
  );
  assert.equal(p.audioScope, "assigned");
  assert.deepEqual(
    [p.audioMaster, p.desktopMaster, p.pending.loop, p.pending.alsoWhenFocused, p.remindUnread],
    [true, true, true, false, false],
  );
});

test("[PRF-50] remind every 30 s while an assigned conversation has unread messages", () => {
  const on = { ...DEFAULT_AGENT_PREFERENCES, remindUnread: true };
  assert.equal(reminderDue(DEFAULT_AGENT_PREFERENCES, true, null, NOW), null);
  assert.equal(reminderDue(on, false, null, NOW), null);
  assert.equal(reminderDue(on, true, null, NOW), NOW);
  assert.equal(reminderDue(on, true, NOW, NOW + 1000), NOW + 30_000);
});

test("[PRF-47][PRF-48] support banners carry their close-after and click action; pick-up only for pending contacts", () => {
  const pendingPrefs = {
    ...DEFAULT_AGENT_PREFERENCES.pending,
    bannerSeconds: 30 as const,
    click: "pickup" as const,
  };
  const p = decideSupport(
    { type: "pending_contact", conversation: conv({ status: "pending" }), actorId: null },
    [agent("a1", { prefs: { pending: pendingPrefs } })],
    NOW,
  )[0];
  assert.deepEqual([p.banner.closeAfter, p.banner.click], [30, "pickup"]);
  const msgPrefs = {
    ...DEFAULT_AGENT_PREFERENCES.messages,
    bannerSeconds: "until_closed" as const,
    click: "pickup" as const,
  };
  const m = decideSupport(
    { type: "conversation_message", conversation: conv({ assigneeId: "a1" }), authorId: null },
    [agent("a1", { prefs: { messages: msgPrefs } })],
    NOW,
  )[0];
  assert.deepEqual([m.banner.closeAfter, m.banner.click], ["until_closed", "open"]);
});
