// What the push routes answer: the caller's subscriptions and devices, and the id-only content fetch (PSH-4).
// Derived from push/routes.ts and push/devices.ts: the serializer drops any property not listed here.
import { Type } from "typebox";
import { Nullable, Time } from "../named-schemas.ts";

const DeviceKind = Type.Union([Type.Literal("desktop"), Type.Literal("mobile"), Type.Literal("web")]);
const Platform = Type.Union([
  Type.Literal("webpush"),
  Type.Literal("webhook"),
  Type.Literal("apns"),
  Type.Literal("fcm"),
]);

export const PushSubscriptionSchema = Type.Object(
  {
    id: Type.String(),
    type: Platform,
    deviceId: Type.String(),
    deviceKind: DeviceKind,
    endpoint: Type.String({ description: "the push endpoint, the webhook URL or the native device token" }),
    createdAt: Time,
  },
  { $id: "PushSubscription" },
);

export const PushDeviceSchema = Type.Object(
  {
    id: Type.String(),
    platform: Platform,
    deviceId: Type.String(),
    deviceKind: DeviceKind,
    name: Nullable(Type.String()),
    appId: Type.Optional(Type.String({ description: "native devices: the app's bundle id or Firebase app" })),
    environment: Type.Optional(Type.Union([Type.Literal("production"), Type.Literal("sandbox")])),
    createdAt: Time,
    lastUsedAt: Nullable({ ...Time, description: "the last push the device accepted" }),
  },
  { $id: "PushDevice" },
);

/** What a device shows for a push that carried only the message id. */
export const PushContentSchema = Type.Object(
  {
    id: Type.String(),
    roomId: Type.String(),
    threadId: Type.Optional(Type.String()),
    title: Type.String(),
    body: Type.String({ description: "the message's first line, at most 200 characters" }),
    sender: Type.Object({ id: Type.String(), name: Type.String() }),
    room: Type.Object({ id: Type.String(), name: Type.String() }),
    ts: Time,
  },
  { $id: "PushContent" },
);

export const SubscribedSchema = Type.Object({
  id: Type.String(),
  secret: Type.Optional(
    Nullable(Type.String({ description: "webhooks only, shown once: the key of the signatures (PSH-8)" })),
  ),
});
