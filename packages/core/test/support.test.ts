import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type AgentFacts,
  type AgentPreferences,
  activityFacts,
  type Conversation,
  channelLines,
  DEFAULT_AGENT_PREFERENCES,
  decideSupport,
  parseMentions,
  reopenedConversation,
  type SupportDecision,
  scheduleSupportDelivery,
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

const by = (ds: SupportDecision[], id: string) => ds.find((d) => d.userId === id);

test("[SUP-2] a new conversation notifies every agent of its inbox (conversation_created)", () => {
  const agents = [agent("a1"), agent("a2"), agent("other", { inboxIds: ["inbox2"] })];
  const ds = decideSupport(
    { type: "conversation_created", conversation: conv(), actorId: null },
    agents,
    NOW,
  );
  assert.deepEqual(
    ds.map((d) => d.userId),
    ["a1", "a2"],
  );
  assert.equal(ds[0].eventType, "conversation_created");
  assert.equal(ds[0].inbox.decision, "deliver");
  assert.equal(ds[0].push.decision, "skip", "PRF-41 default off for created");
  assert.equal(ds[0].email.reasons[0].rule, "PRF-40");
});

test("[SUP-3][PRF-45][PRF-52] a pending conversation raises the looping pending-contact alert for available agents instead of a created banner", () => {
  const agents = [
    agent("on"),
    agent("away", { state: "idle" }),
    agent("off", { state: "offline" }),
    agent("busy", { status: { manual: "auto", busy: { until: null } } }),
  ];
  const ds = decideSupport(
    { type: "conversation_created", conversation: conv({ status: "pending" }), actorId: null },
    agents,
    NOW,
  );
  assert.equal(by(ds, "on")?.banner.reasons[0].rule, "SUP-3");
  assert.deepEqual(
    [by(ds, "on")?.sound.decision, by(ds, "on")?.sound.loop, by(ds, "on")?.sound.tone],
    ["deliver", true, "classic"],
  );
  assert.equal(by(ds, "away")?.sound.decision, "deliver", "away agents are available");
  assert.equal(by(ds, "off")?.sound.decision, "skip");
  assert.equal(by(ds, "busy")?.banner.decision, "skip");
  assert.equal(by(ds, "busy")?.inbox.decision, "deliver", "the in-app item of SUP-2 still follows");
  const once = decideSupport(
    { type: "pending_contact", conversation: conv({ status: "pending" }), actorId: null },
    [agent("x", { prefs: { pending: { ...DEFAULT_AGENT_PREFERENCES.pending, loop: false } } })],
    NOW,
  );
  assert.equal(once[0].sound.loop, false, "PRF-45 once");
});

test("[SUP-5] assigning to someone else notifies the assignee; self-assignment does not", () => {
  const agents = [agent("a1"), agent("a2")];
  const ds = decideSupport(
    { type: "conversation_assigned", conversation: conv({ assigneeId: "a2" }), actorId: "a1" },
    agents,
    NOW,
  );
  assert.deepEqual(
    ds.map((d) => [d.userId, d.eventType]),
    [["a2", "conversation_assigned"]],
  );
  assert.equal(ds[0].push.decision, "schedule", "PRF-41 on, waits for inactivity (SUP-9)");
  const self = decideSupport(
    { type: "conversation_assigned", conversation: conv({ assigneeId: "a1" }), actorId: "a1" },
    agents,
    NOW,
  );
  assert.equal(self.length, 0);
});

test("[SUP-6] @username or @email of an agent in a private note notifies that agent", () => {
  const p = parseMentions("ping @bob and @carol@example.com please", { emails: true });
  assert.deepEqual(p.usernames, ["bob"]);
  assert.deepEqual(p.emails, ["carol@example.com"]);
  const ds = decideSupport(
    { type: "conversation_mention", conversation: conv(), actorId: "a1", mentionedAgentIds: ["a2", "a1"] },
    [agent("a1"), agent("a2")],
    NOW,
  );
  assert.deepEqual(
    ds.map((d) => [d.userId, d.eventType]),
    [["a2", "conversation_mention"]],
  );
  assert.equal(ds[0].email.decision, "schedule", "PRF-40 on for mention");
});

test("[SUP-7] a new message notifies the assignee and the other participants, never its author", () => {
  const c = conv({ assigneeId: "a1", participantIds: ["a1", "a2", "a3"] });
  const ds = decideSupport(
    { type: "conversation_message", conversation: c, authorId: "a3" },
    [agent("a1"), agent("a2"), agent("a3"), agent("a4")],
    NOW,
  );
  assert.deepEqual(
    ds.map((d) => [d.userId, d.eventType]),
    [
      ["a1", "assigned_conversation_message"],
      ["a2", "participating_conversation_message"],
    ],
  );
  const fromContact = decideSupport(
    { type: "conversation_message", conversation: c, authorId: null },
    [agent("a3")],
    NOW,
  );
  assert.equal(fromContact[0].eventType, "participating_conversation_message");
});

test("[SUP-8][PRF-42] audio: assigned rings for my conversations, all for every conversation of my inboxes, none never", () => {
  const c = conv({ assigneeId: "a1", participantIds: ["a2"] });
  const ev = { type: "conversation_message" as const, conversation: c, authorId: null };
  const ds = decideSupport(
    ev,
    [
      agent("a1"),
      agent("a2"),
      agent("a3", { prefs: { audioScope: "all" } }),
      agent("a4", { prefs: { audioScope: "none" }, userId: "a4" }),
    ],
    NOW,
  );
  assert.equal(by(ds, "a1")?.sound.decision, "deliver");
  assert.equal(by(ds, "a2")?.sound.reasons[0].rule, "PRF-42", "participant, but not assigned to a2");
  assert.deepEqual(
    [by(ds, "a3")?.eventType, by(ds, "a3")?.sound.decision, by(ds, "a3")?.push.decision],
    [null, "deliver", "skip"],
  );
  assert.equal(by(ds, "a4"), undefined);
});

test("[PRF-51][PRF-43][PRF-44][PRF-46][DSK-2] support alerts: masters, type switches, then focus; never the conversation in view", () => {
  const c = conv({ assigneeId: "a1" });
  const ev = { type: "conversation_message" as const, conversation: c, authorId: null };
  const one = (o: AgentOpts) => decideSupport(ev, [agent("a1", o)], NOW)[0];
  assert.equal(one({ prefs: { audioMaster: false } }).sound.reasons[0].rule, "PRF-49");
  assert.equal(one({ prefs: { audioMaster: false } }).banner.decision, "deliver");
  assert.equal(one({ prefs: { desktopMaster: false } }).banner.reasons[0].rule, "PRF-49");
  assert.equal(
    one({ prefs: { messages: { ...DEFAULT_AGENT_PREFERENCES.messages, audio: false } } }).sound.reasons[0]
      .rule,
    "PRF-43",
  );
  assert.equal(one({ consoleFocused: true }).banner.reasons[0].rule, "PRF-44");
  const also = { ...DEFAULT_AGENT_PREFERENCES.messages, alsoWhenFocused: true };
  assert.equal(one({ consoleFocused: true, prefs: { messages: also } }).banner.decision, "deliver");
  assert.equal(
    one({ consoleFocused: true, focusedConversationId: "c1", prefs: { messages: also } }).banner.reasons[0]
      .rule,
    "DSK-2",
  );
  assert.equal(
    one({ prefs: { messages: { ...also, tone: "soft" } } }).sound.tone,
    "soft",
    "the type's tone (PRF-46)",
  );
});

test("[SUP-9] support push waits for inactivity, is dropped once the in-app item is read, and busy stops it", () => {
  const active = agent("a1");
  assert.deepEqual(scheduleSupportDelivery("push", "conversation_assigned", false, active, NOW).kind, "wait");
  assert.equal(
    scheduleSupportDelivery("push", "conversation_assigned", false, active, NOW + 59_000).kind,
    "send",
  );
  assert.equal(
    scheduleSupportDelivery("push", "conversation_assigned", true, active, NOW + 59_000).rule,
    "SUP-9",
  );
  const busy = agent("a1", { status: { manual: "auto", busy: { until: null } } });
  assert.equal(scheduleSupportDelivery("push", "conversation_assigned", false, busy, NOW).kind, "drop");
  const ds = decideSupport(
    { type: "conversation_assigned", conversation: conv({ assigneeId: "a1" }), actorId: "x" },
    [busy],
    NOW,
  );
  assert.equal(ds[0].push.reasons[0].rule, "SUP-9");
});

test("[EML-8][PRF-40] support email only if the in-app item is unread; the message events only while inactive", () => {
  const active = agent("a1");
  assert.equal(scheduleSupportDelivery("email", "conversation_mention", false, active, NOW).kind, "send");
  assert.equal(scheduleSupportDelivery("email", "conversation_mention", true, active, NOW).kind, "drop");
  assert.equal(scheduleSupportDelivery("email", "conversation_created", false, active, NOW).rule, "PRF-40");
  const on = agent("a1", {
    prefs: { email: { ...DEFAULT_AGENT_PREFERENCES.email, assigned_conversation_message: true } },
  });
  assert.equal(
    scheduleSupportDelivery("email", "assigned_conversation_message", false, on, NOW).kind,
    "wait",
  );
  const idle = agent("a1", { state: "idle", prefs: on.prefs });
  assert.equal(
    scheduleSupportDelivery("email", "assigned_conversation_message", false, idle, NOW).kind,
    "send",
  );
});

test("[EXP-1] support decisions render like message explanations", () => {
  const ds = decideSupport(
    { type: "conversation_assigned", conversation: conv({ assigneeId: "a1" }), actorId: "x" },
    [agent("a1")],
    NOW,
  );
  const lines = channelLines(ds[0]);
  assert.equal(lines.length, 5);
  assert.ok(
    lines.includes("email: not sent — no email address [EML-1]") ||
      lines.some((l) => l.startsWith("email: waiting")),
  );
  assert.ok(
    lines.every((l) => /\[[A-Z]{3}-\d+\]$/.test(l)),
    lines.join("\n"),
  );
});

test("[SUP-1][SUP-3] a resolved conversation reopens: the contact → pending unless assigned; an agent → open, assignee kept or the agent", () => {
  const resolved = { status: "resolved" as const, assigneeId: null };
  const assigned = { status: "resolved" as const, assigneeId: "ann" };
  assert.deepEqual(reopenedConversation(resolved, "contact"), { status: "pending", assigneeId: null });
  assert.deepEqual(reopenedConversation(assigned, "contact"), { status: "open", assigneeId: "ann" });
  assert.deepEqual(reopenedConversation(resolved, { agentId: "ben" }), { status: "open", assigneeId: "ben" });
  assert.deepEqual(reopenedConversation(assigned, { agentId: "ben" }), { status: "open", assigneeId: "ann" });
  for (const status of ["pending", "open"] as const)
    assert.equal(reopenedConversation({ status, assigneeId: null }, { agentId: "ben" }), null);
});
