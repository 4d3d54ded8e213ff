import { createHash } from "node:crypto";
import { plainFirstLine, pushNotice } from "@herald/core";
import { fitPayload } from "./push-fit.ts";
import {
  MAX_PAYLOAD_BYTES,
  type Named,
  type PushContentMode,
  type PushMessage,
  type PushPayload,
  type PushTrigger,
  type RoomKind,
  type SupportEventType,
  type Urgency,
} from "./push-types.ts";

export { fitPayload } from "./push-fit.ts";
export * from "./push-types.ts";

/**
 * Pure builder of Web Push payloads (the JSON the service worker receives) and their RFC 8030 headers.
 * The payload shape is a contract with packages/sdk's service worker: see docs/ARCHITECTURE.md "Push payload".
 */

export const DEFAULT_TTL_SECONDS = 24 * 3600;
/** CAL-2: ringing stops after 30 s, so a call push older than that is useless. */
export const CALL_TTL_SECONDS = 30;

export type MessagePushInput = {
  mode: PushContentMode;
  messageId: string;
  roomId: string;
  roomKind: RoomKind;
  roomName: string;
  threadId?: string;
  trigger: PushTrigger;
  sender: Named;
  text: string;
  /** Names of the files sent with the message (the line of a message with no words). */
  files?: string[];
  badge: number;
  sentAt: number;
  url?: string;
  ttl?: number;
};

const GENERIC_BODY = "You have a new message";

export function messagePush(input: MessagePushInput): PushMessage {
  const tag = roomTag(input.roomId);
  const base = { v: 1 as const, type: "message" as const, id: input.messageId, roomId: input.roomId };
  const thread = input.threadId ? { threadId: input.threadId } : {};
  // PRV-1: the text is core's (plain first line, or who + why for generic); null = id only.
  const notice = pushNotice(
    {
      senderName: input.sender.name,
      roomName: input.roomName,
      roomKind: input.roomKind,
      text: input.text,
      trigger: input.trigger,
      files: input.files,
    },
    input.mode,
  );
  const payload: PushPayload =
    notice === null
      ? { ...base, ...thread, tag, badge: input.badge, fetch: true }
      : {
          ...base,
          ...thread,
          trigger: input.trigger,
          tag,
          badge: input.badge,
          ts: input.sentAt,
          ...(input.url ? { url: input.url } : {}),
          title: notice.title,
          body: notice.body,
          sender: input.sender,
          ...(input.mode === "generic_no_room" ? {} : { room: { id: input.roomId, name: input.roomName } }),
        };
  return finish(payload, {
    ttl: input.ttl ?? DEFAULT_TTL_SECONDS,
    urgency: urgencyFor(input.trigger),
    topic: topicFor(tag),
  });
}

/** PSH-7: Urgency high for dm / mention (and calls); everything else normal. */
export function urgencyFor(trigger: PushTrigger | "call"): Urgency {
  return trigger === "dm" || trigger === "mention" || trigger === "call" ? "high" : "normal";
}

/** PSH-3: a clear push reuses the room's Topic, so it also replaces an undelivered push still queued. */
export function clearPush(input: {
  roomId: string;
  threadId?: string;
  messageIds?: string[];
  badge: number;
  ttl?: number;
}): PushMessage {
  const tag = roomTag(input.roomId);
  const payload: PushPayload = {
    v: 1,
    type: "clear",
    tag,
    roomId: input.roomId,
    ...(input.threadId ? { threadId: input.threadId } : {}),
    ...(input.messageIds?.length ? { messageIds: input.messageIds } : {}),
    badge: input.badge,
  };
  return finish(payload, { ttl: input.ttl ?? DEFAULT_TTL_SECONDS, urgency: "normal", topic: topicFor(tag) });
}

/** PSH-9: after quiet hours, one summary per room of what is still unread. */
export function summaryPush(input: {
  mode: PushContentMode;
  roomId: string;
  roomKind: RoomKind;
  roomName: string;
  count: number;
  senderNames: string[];
  badge: number;
  url?: string;
  ttl?: number;
}): PushMessage {
  const tag = roomTag(input.roomId);
  const base = { v: 1 as const, type: "summary" as const, roomId: input.roomId, tag, badge: input.badge };
  const noun = input.count === 1 ? "new message" : "new messages";
  const from = input.senderNames.length ? ` from ${input.senderNames.join(", ")}` : "";
  const direct = input.roomKind === "dm" || input.roomKind === "gdm";
  const payload: PushPayload =
    input.mode === "id_only"
      ? { ...base, count: input.count, fetch: true }
      : {
          ...base,
          count: input.count,
          ...(input.url ? { url: input.url } : {}),
          title: input.mode === "generic_no_room" || direct ? "Herald" : `#${input.roomName}`,
          body: input.mode === "full" ? `${input.count} ${noun}${from}` : `${input.count} ${noun}`,
        };
  return finish(payload, { ttl: input.ttl ?? DEFAULT_TTL_SECONDS, urgency: "normal", topic: topicFor(tag) });
}

/** CAL-1: calls push at once with high urgency and a 30 s TTL. */
export function callPush(input: {
  mode: PushContentMode;
  callId: string;
  roomId: string;
  from: Named;
  badge: number;
}): PushMessage {
  const tag = `call-${input.callId}`;
  const base = { v: 1 as const, type: "call" as const, callId: input.callId, roomId: input.roomId, tag };
  const payload: PushPayload =
    input.mode === "id_only"
      ? { ...base, badge: input.badge }
      : { ...base, badge: input.badge, title: `${input.from.name} is calling`, from: input.from };
  return finish(payload, { ttl: CALL_TTL_SECONDS, urgency: "high", topic: topicFor(tag) });
}

const SUPPORT_TITLES: Record<SupportEventType, (actor: string, inbox: string) => string> = {
  pending_contact: (_a, inbox) => `A contact is waiting in ${inbox}`,
  conversation_created: (_a, inbox) => `New conversation in ${inbox}`,
  conversation_assigned: (actor) => `${actor} assigned a conversation to you`,
  conversation_mention: (actor) => `${actor} mentioned you in a conversation`,
  assigned_conversation_message: (actor) => `${actor} wrote in a conversation assigned to you`,
  participating_conversation_message: (actor) => `${actor} wrote in a conversation you take part in`,
};

/** PRF-41 / SUP-9 support events. */
export function supportPush(input: {
  mode: PushContentMode;
  event: SupportEventType;
  conversationId: string;
  inboxId: string;
  inboxName: string;
  actorName: string;
  text?: string;
  badge: number;
  url?: string;
  ttl?: number;
}): PushMessage {
  const tag = `conv-${input.conversationId}`;
  const base = {
    v: 1 as const,
    type: "support" as const,
    event: input.event,
    conversationId: input.conversationId,
    inboxId: input.inboxId,
    tag,
    badge: input.badge,
  };
  const generic = input.mode !== "full" || !input.text;
  const payload: PushPayload =
    input.mode === "id_only"
      ? { ...base, fetch: true }
      : {
          ...base,
          ...(input.url ? { url: input.url } : {}),
          title: SUPPORT_TITLES[input.event](input.actorName, input.inboxName),
          body: generic ? GENERIC_BODY : plainFirstLine(input.text ?? "", Number.POSITIVE_INFINITY),
        };
  const urgency: Urgency = input.event === "conversation_mention" ? "high" : "normal";
  return finish(payload, { ttl: input.ttl ?? DEFAULT_TTL_SECONDS, urgency, topic: topicFor(tag) });
}

export function roomTag(roomId: string): string {
  return `room-${roomId}`;
}

/**
 * RFC 8030 §5.4: Topic is at most 32 characters of the URL-safe base64 alphabet. Tags made of safe ids are
 * kept readable; anything else is hashed (SHA-256, base64url, first 32 chars) so any id maps to a valid Topic.
 */
export function topicFor(tag: string): string {
  if (/^[A-Za-z0-9_-]{1,32}$/.test(tag)) return tag;
  return createHash("sha256").update(tag).digest("base64url").slice(0, 32);
}

function finish(payload: PushPayload, headers: Omit<PushMessage, "payload" | "json">): PushMessage {
  const fitted = fitPayload(payload, MAX_PAYLOAD_BYTES);
  return { payload: fitted, json: JSON.stringify(fitted), ...headers };
}
