// Domain events and post hooks. The message path calls inTransaction(trx, event) inside the writing
// transaction (the scheduler writes its outbox rows there) and afterCommit(event) once committed (the gateway
// publishes to the bus). afterCommit must never be called before commit: a rolled-back write was never seen.
import type { ResolvedMentions } from "@herald/core";
import type { MessageFile as FileView, MessageMentions as MentionView } from "@herald/core/realtime";
import type { Tx } from "./store/db.ts";
import { flushDeferred } from "./store/tx-writes.ts";

export type { MessageFile as FileView, MessageMentions as MentionView } from "@herald/core/realtime";

export const NO_MENTION_VIEW: MentionView = { users: [], all: false, here: false };

export interface MessageView {
  id: string;
  roomId: string;
  seq: number;
  senderId: string | null;
  text: string;
  kind: "user" | "system";
  threadRootId: string | null;
  threadSeq: number | null;
  inRoom: boolean;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  /** What the text notified (highlighted exactly so by clients); empty for a deleted message. */
  mentions: MentionView;
  /** Files sent with the message; absent when none (and once deleted). */
  files?: FileView[];
}

export type RoomKindName = "channel" | "group" | "dm" | "gdm" | "conversation";

export type DomainEvent =
  | {
      type: "message.created";
      at: number;
      room: { id: string; kind: RoomKindName; name: string; memberCount: number };
      message: MessageView;
      /** The text's mentions resolved once at post time (MEN-1 … MEN-4); nothing downstream parses again. */
      resolved: ResolvedMentions;
      /** Members whose presence was `online` at send time, read only when the text has `@here` (MEN-2). */
      hereOnline: string[];
      /** Followers of the thread (after this reply), for thread replies. */
      threadFollowers: string[];
    }
  | {
      type: "message.updated";
      at: number;
      room: { id: string; kind: RoomKindName; name: string; memberCount: number };
      message: MessageView;
      /** The new text's mentions, resolved at edit time. */
      resolved: ResolvedMentions;
      /** The earlier text's mentions, resolved now against the same facts (TRG-3 compares the two). */
      previousResolved: ResolvedMentions;
    }
  | { type: "message.deleted"; at: number; roomId: string; message: MessageView }
  | { type: "room.read"; at: number; userId: string; roomId: string; seq: number }
  | { type: "thread.read"; at: number; userId: string; roomId: string; rootId: string; seq: number }
  | {
      type: "membership.changed";
      at: number;
      roomId: string;
      userIds: string[];
      change: "joined" | "left" | "removed" | "prefs";
    }
  | {
      type: "preferences.changed";
      at: number;
      userId: string;
      scope: "account" | "agent" | "room" | "workspace";
      roomId?: string;
    }
  | {
      /** Auth, after commit: deactivation / sign-out everywhere (no id: every socket of the user), or one
       *  session signed out / one access token deleted or regenerated (TOK-1). The gateway closes the sockets
       *  opened with it (4401, PRM-4) on every node. */
      type: "user.sessions_revoked";
      at: number;
      userId: string;
      sessionId?: string;
      tokenId?: string;
    }
  | {
      type: "status.changed";
      at: number;
      userId: string;
      presence: "auto" | "away" | "invisible";
      dnd: { on: boolean; until: number | null };
    };

export type DomainEventType = DomainEvent["type"];

/** After-commit events for revoked credentials: no ids = every socket of the user (deactivation); else one
 *  event per signed-out session / deleted token (an empty list: none). */
export function sessionsRevoked(
  at: number,
  userId: string,
  ids: { sessionIds?: readonly string[]; tokenIds?: readonly string[] } = {},
): DomainEvent[] {
  const type = "user.sessions_revoked" as const;
  if (!ids.sessionIds && !ids.tokenIds) return [{ type, at, userId }];
  return [
    ...(ids.sessionIds ?? []).map((sessionId) => ({ type, at, userId, sessionId })),
    ...(ids.tokenIds ?? []).map((tokenId) => ({ type, at, userId, tokenId })),
  ];
}

export interface PostHook {
  /** Runs inside the writing transaction; throwing rolls the whole write back. */
  inTransaction?(trx: Tx, event: DomainEvent): Promise<void>;
  /** Runs after commit; errors are logged, never undo the write. */
  afterCommit?(event: DomainEvent): void | Promise<void>;
}

export class PostHooks {
  private readonly hooks: PostHook[] = [];
  private readonly onError: (err: unknown, event: DomainEvent) => void;
  constructor(onError: (err: unknown, event: DomainEvent) => void = () => {}) {
    this.onError = onError;
  }
  add(hook: PostHook): () => void {
    this.hooks.push(hook);
    return () => {
      const i = this.hooks.indexOf(hook);
      if (i >= 0) this.hooks.splice(i, 1);
    };
  }
  async inTransaction(trx: Tx, event: DomainEvent): Promise<void> {
    for (const h of this.hooks) if (h.inTransaction) await h.inTransaction(trx, event);
    // The rows the hooks deferred (inbox items, outbox rows) go in one statement where the store allows.
    await flushDeferred(trx);
  }
  async afterCommit(events: DomainEvent[]): Promise<void> {
    for (const event of events) {
      for (const h of this.hooks) {
        if (!h.afterCommit) continue;
        try {
          await h.afterCommit(event);
        } catch (err) {
          this.onError(err, event);
        }
      }
    }
  }
}
