import assert from "node:assert/strict";
import { test } from "node:test";
import {
  callPush,
  clearPush,
  MAX_PAYLOAD_BYTES,
  messagePush,
  summaryPush,
  supportPush,
  topicFor,
} from "../../src/channels/push-payload.ts";

const bytes = (s: string) => Buffer.byteLength(s);

test("[PSH-5] Topic is ≤ 32 URL-safe base64 characters for any room id, and the same per room", () => {
  for (const id of ["r1", "a/very:long id with spaces and ünïcode 🙂 that goes on", "x".repeat(100)]) {
    const topic = topicFor(`room-${id}`);
    assert.match(topic, /^[A-Za-z0-9_-]{1,32}$/);
    assert.equal(topicFor(`room-${id}`), topic);
  }
  assert.notEqual(topicFor(`room-${"x".repeat(100)}`), topicFor(`room-${"x".repeat(101)}`));
});

test("[PSH-5] two messages of one room share tag and Topic and carry the badge count", () => {
  const input = {
    mode: "full" as const,
    roomId: "r9",
    roomKind: "dm" as const,
    roomName: "",
    trigger: "dm" as const,
    sender: { id: "u", name: "Bob" },
    sentAt: 1,
  };
  const a = messagePush({ ...input, messageId: "m1", text: "hi", badge: 1 });
  const b = messagePush({ ...input, messageId: "m2", text: "there", badge: 2 });
  assert.equal(a.topic, b.topic);
  assert.equal(a.payload.type === "message" && a.payload.tag, "room-r9");
  assert.equal(b.payload.type === "message" && b.payload.badge, 2);
  assert.equal(a.payload.type === "message" && a.payload.title, "Bob", "no ' in #room' in DMs (DSK-4)");
  assert.equal(a.urgency, "high");
});

test("[PSH-3] a clear push names the room's tag, uses its Topic and the new badge", () => {
  const clear = clearPush({ roomId: "r1", messageIds: ["m1", "m2"], badge: 0 });
  assert.deepEqual(clear.payload, {
    v: 1,
    type: "clear",
    tag: "room-r1",
    roomId: "r1",
    messageIds: ["m1", "m2"],
    badge: 0,
  });
  assert.equal(clear.topic, topicFor("room-r1"));
  assert.equal(clear.urgency, "normal");
});

test("[PSH-6] a clear push with thousands of ids drops the id list rather than breaking the JSON", () => {
  const ids = Array.from({ length: 2000 }, (_, i) => `message-${i}`);
  const clear = clearPush({ roomId: "r1", messageIds: ids, badge: 4 });
  assert.ok(bytes(clear.json) <= MAX_PAYLOAD_BYTES);
  assert.deepEqual(JSON.parse(clear.json), { v: 1, type: "clear", tag: "room-r1", roomId: "r1", badge: 4 });
});

test("[PSH-6] huge sender and room names are cut too, the JSON always parses", () => {
  const push = messagePush({
    mode: "full",
    messageId: "m",
    roomId: "r",
    roomKind: "channel",
    roomName: "ρ".repeat(3000),
    trigger: "all",
    sender: { id: "u", name: "Σ".repeat(3000) },
    text: "x".repeat(5000),
    badge: 1,
    sentAt: 1,
  });
  assert.ok(bytes(push.json) <= MAX_PAYLOAD_BYTES, `${bytes(push.json)}`);
  assert.doesNotThrow(() => JSON.parse(push.json));
});

test("[PSH-9] quiet-hours summary: one per room with the count and senders (content per PRV-1)", () => {
  const input = { roomId: "r1", roomKind: "channel" as const, roomName: "general", count: 5, badge: 7 };
  const full = summaryPush({ ...input, mode: "full", senderNames: ["Alice", "Bob"] });
  assert.equal(full.payload.type === "summary" && full.payload.body, "5 new messages from Alice, Bob");
  assert.equal(full.payload.type === "summary" && full.payload.title, "#general");
  const generic = summaryPush({ ...input, mode: "generic_no_room", senderNames: ["Alice"] });
  assert.ok(!generic.json.includes("general") && !generic.json.includes("Alice"));
  const ids = summaryPush({ ...input, mode: "id_only", senderNames: ["Alice"] });
  assert.deepEqual(ids.payload, {
    v: 1,
    type: "summary",
    roomId: "r1",
    tag: "room-r1",
    badge: 7,
    count: 5,
    fetch: true,
  });
});

test("[CAL-1] a call push is high urgency with a 30 s TTL", () => {
  const call = callPush({
    mode: "full",
    callId: "c1",
    roomId: "r1",
    from: { id: "u1", name: "Alice" },
    badge: 0,
  });
  assert.equal(call.urgency, "high");
  assert.equal(call.ttl, 30);
  assert.equal(call.payload.type === "call" && call.payload.title, "Alice is calling");
});

test("[PRF-41] support event pushes name the event and follow PRV-1", () => {
  const input = {
    event: "conversation_assigned" as const,
    conversationId: "c1",
    inboxId: "i1",
    inboxName: "Support",
    actorName: "Dana",
    text: "Customer asks about billing",
    badge: 1,
  };
  const full = supportPush({ ...input, mode: "full" });
  assert.equal(full.payload.type === "support" && full.payload.title, "Dana assigned a conversation to you");
  assert.equal(full.payload.type === "support" && full.payload.body, "Customer asks about billing");
  assert.equal(supportPush({ ...input, event: "conversation_mention", mode: "full" }).urgency, "high");
  const idOnly = supportPush({ ...input, mode: "id_only" });
  assert.ok(!idOnly.json.includes("Dana") && !idOnly.json.includes("billing"));
});

const message = {
  mode: "full" as const,
  messageId: "m1",
  roomId: "r1",
  roomKind: "channel" as const,
  roomName: "general",
  trigger: "mention" as const,
  sender: { id: "u1", name: "Alice" },
  text: "**bold** [link](http://x) `code`\nsecond line",
  badge: 1,
  sentAt: 1,
};

test("[PRV-1][DSK-4] a full push shows the first line as plain text: Markdown syntax removed", () => {
  const p = messagePush(message).payload;
  assert.ok(p.type === "message");
  assert.equal(p.title, "Alice in #general");
  assert.equal(p.body, "bold link code");
});

test("[PRV-1] a generic push says why, from the trigger named for push — and never the text", () => {
  const why = {
    dm: "Sent you a message",
    mention: "Mentioned you",
    keyword: "Mentioned you",
    group: "Notified the channel",
    thread: "Replied in a thread you follow",
    all: "Posted a message",
  } as const;
  for (const [trigger, body] of Object.entries(why) as [keyof typeof why, string][]) {
    const roomKind = trigger === "dm" ? ("dm" as const) : ("channel" as const);
    const push = messagePush({ ...message, mode: "generic", trigger, roomKind });
    assert.ok(push.payload.type === "message");
    assert.equal(push.payload.body, body, trigger);
    assert.equal(push.payload.title, trigger === "dm" ? "Alice" : "Alice in #general", trigger);
    assert.ok(!push.json.includes("bold"), trigger);
    const noRoom = messagePush({ ...message, mode: "generic_no_room", trigger }).payload;
    assert.ok(noRoom.type === "message");
    assert.deepEqual([noRoom.title, noRoom.body, noRoom.room], ["Alice", body, undefined], trigger);
  }
});

test("[PRV-1][PSH-4] id only: no text, no names leave the server", () => {
  const push = messagePush({ ...message, mode: "id_only" });
  assert.ok(!push.json.includes("Alice") && !push.json.includes("bold") && !push.json.includes("general"));
});
