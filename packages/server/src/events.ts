// Domain events and post hooks. The message path calls inTransaction(trx, event) inside the writing
// transaction (the scheduler writes its outbox rows there) and afterCommit(event) once committed (the gateway
// publishes to the bus). afterCommit must never be called before commit: a rolled-back write was never seen.
import type { Tx } from "./store/db.ts";

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
}

export type RoomKindName = "channel" | "group" | "dm" | "gdm" | "conversation";

export interface MentionSet {
  /** Personally mentioned members (MEN-1), sender excluded. */
  users: string[];
  /** Members whose keyword matched (MEN-4), not already in users. */
  keywords: string[];
  /** Online members reached by @here at send time (MEN-2). */
  here: string[];
  /** @all / @channel / @here present in the text. */
  group: "all" | "here" | null;
}

export type DomainEvent =
  | {
      type: "message.created";
      at: number;
      room: { id: string; kind: RoomKindName; name: string; memberCount: number };
      message: MessageView;
      mentions: MentionSet;
      /** Followers of the thread (after this reply), for thread replies. */
      threadFollowers: string[];
    }
  | {
      type: "message.updated";
      at: number;
      room: { id: string; kind: RoomKindName; name: string; memberCount: number };
      message: MessageView;
      /** Only users newly mentioned by the edit (TRG-3). */
      newMentions: MentionSet;
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
