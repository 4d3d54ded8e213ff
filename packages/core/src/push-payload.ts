// The push payload: the JSON contract between the server's Web Push sender (packages/server/src/channels) and
// the service worker (packages/sdk/src/sw), one type for both (docs/ARCHITECTURE.md "Push payload").
import type { SupportEventType, Trigger } from "./model.ts";

export type Named = { id: string; name: string };

export type PushPayload =
  | {
      v: 1;
      type: "message";
      id: string;
      roomId: string;
      threadId?: string;
      trigger?: Trigger;
      tag: string;
      badge: number;
      ts?: number;
      url?: string;
      title?: string;
      body?: string;
      sender?: Named;
      room?: Named;
      /** id only (PRV-1): the device fetches GET /api/v1/push/messages/:id with its credentials. */
      fetch?: true;
    }
  | {
      v: 1;
      type: "clear";
      tag: string;
      roomId: string;
      threadId?: string;
      messageIds?: string[];
      badge: number;
    }
  | {
      v: 1;
      type: "summary";
      roomId: string;
      tag: string;
      badge: number;
      count: number;
      title?: string;
      body?: string;
      url?: string;
      fetch?: true;
    }
  | {
      v: 1;
      type: "call";
      callId: string;
      roomId: string;
      tag: string;
      badge: number;
      title?: string;
      from?: Named;
    }
  | {
      v: 1;
      type: "support";
      event: SupportEventType;
      conversationId: string;
      inboxId: string;
      tag: string;
      badge: number;
      title?: string;
      body?: string;
      url?: string;
      fetch?: true;
    };
