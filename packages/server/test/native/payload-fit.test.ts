// PSH-6 in the native mappings themselves: a payload longer than the platform allows (not already cut by the
// Web Push fit) has its text cut, never its JSON, to APNs' and FCM's 4 KiB.
import assert from "node:assert/strict";
import { test } from "node:test";
import { APNS_MAX_BYTES, apnsRequest } from "../../src/channels/native/apns-payload.ts";
import { FCM_MAX_BYTES, fcmMessage } from "../../src/channels/native/fcm-payload.ts";
import type { PushMessage, PushPayload } from "../../src/channels/push-types.ts";

const payload: PushPayload = {
  v: 1,
  type: "message",
  id: "m1",
  roomId: "r1",
  tag: "room-r1",
  badge: 2,
  trigger: "mention",
  title: "T".repeat(3000),
  body: "ü".repeat(3000),
};
const push: PushMessage = {
  payload,
  json: JSON.stringify(payload),
  ttl: 60,
  urgency: "high",
  topic: "room-r1",
};

test("[PSH-6] APNs: an oversized alert is cut to 4 KiB, body first, the JSON intact", () => {
  const r = apnsRequest(push, { token: "ab".repeat(32), appId: "com.example.herald" }, 0);
  assert.ok(Buffer.byteLength(r.body) <= APNS_MAX_BYTES, `${Buffer.byteLength(r.body)} bytes`);
  const doc = JSON.parse(r.body);
  assert.ok(doc.aps.alert.body.length < 3000 || doc.aps.alert.title.length < 3000);
  assert.equal(doc.herald.id, "m1");
});

test("[PSH-6] FCM: an oversized notification is cut so data + notification fit 4 KiB", () => {
  const m = fcmMessage(push, "token", 0).message as {
    data: object;
    notification: { title: string; body: string };
  };
  const size = Buffer.byteLength(JSON.stringify(m.data)) + Buffer.byteLength(JSON.stringify(m.notification));
  assert.ok(size <= FCM_MAX_BYTES, `${size} bytes`);
  assert.ok(m.notification.body.endsWith("…"));
});
