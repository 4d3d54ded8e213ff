// After-commit bridge: turns the server's DomainEvents (events.ts, from the post hooks) into the gateway's bus
// events. Runs on the node that committed; the lookups it needs (sender name, a member's saved room prefs)
// (a sender's name) are one small query per event, never per recipient.

import type { Bus } from "../cluster/bus.ts";
import type { DomainEvent, MessageView as StoredMessage } from "../events.ts";
import type { GatewayEvent } from "./events.ts";
import type { MessageView } from "./ports.ts";

export interface DomainLookups {
  /** Display name (DSK-4 banner title) and role (MEN-7) of a sender. */
  sender(userId: string): Promise<{ name: string; role: "admin" | "agent" | "member" }>;
}

export async function toGatewayView(m: StoredMessage, look: DomainLookups): Promise<MessageView> {
  const sender = m.senderId ? await look.sender(m.senderId) : null;
  return {
    id: m.id,
    roomId: m.roomId,
    seq: m.seq,
    senderId: m.senderId ?? "",
    senderName: sender?.name ?? "",
    senderRole: sender?.role,
    text: m.text,
    threadRootId: m.threadRootId,
    threadSeq: m.threadSeq,
    alsoInRoom: m.threadRootId !== null && m.inRoom,
    kind: m.kind,
    createdAt: m.createdAt,
    mentions: m.mentions,
    ...(m.files ? { files: m.files } : {}),
  };
}

export async function translate(ev: DomainEvent, look: DomainLookups): Promise<GatewayEvent[]> {
  switch (ev.type) {
    case "message.created":
      return [
        {
          type: "message.created",
          message: await toGatewayView(ev.message, look),
          resolved: ev.resolved,
          hereOnline: ev.hereOnline,
          threadFollowerIds: ev.threadFollowers,
        },
      ];
    case "message.updated":
      return [
        {
          type: "message.updated",
          message: await toGatewayView(ev.message, look),
          // TRG-3: core compares the two; a newly added `@all` / `@here` moves badges (BDG-4, BDG-6).
          resolved: ev.resolved,
          previousResolved: ev.previousResolved,
        },
      ];
    case "message.deleted":
      return [{ type: ev.type, message: await toGatewayView(ev.message, look) }];
    case "room.read":
      return [{ type: "room.read", userId: ev.userId, roomId: ev.roomId, seq: ev.seq }];
    case "thread.read":
      return [
        { type: "room.read", userId: ev.userId, roomId: ev.roomId, seq: ev.seq, threadRootId: ev.rootId },
      ];
    case "membership.changed":
      return ev.userIds.map((userId): GatewayEvent => {
        const { roomId } = ev;
        if (ev.change === "prefs") return { type: "room.preferences.changed", roomId, userId };
        return { type: "membership.changed", roomId, userId, joined: ev.change === "joined" };
      });
    case "preferences.changed": {
      if (ev.scope === "room" && ev.roomId)
        return [{ type: "room.preferences.changed", roomId: ev.roomId, userId: ev.userId }];
      // PRV-7 / PRF-21: a workspace default moves every user who never saved that setting.
      if (ev.scope === "workspace") return [{ type: "workspace.changed" }];
      return [{ type: "user.changed", userId: ev.userId }];
    }
    case "status.changed":
      return [{ type: "user.changed", userId: ev.userId }];
    case "user.sessions_revoked": {
      const out: GatewayEvent = { type: "user.sessions_revoked", userId: ev.userId };
      if (ev.sessionId) out.sessionId = ev.sessionId;
      if (ev.tokenId) out.tokenId = ev.tokenId;
      return [out];
    }
  }
}

/** The post hook's afterCommit: publish after commit — never before (a rolled-back write was never seen). */
export async function publishAfterCommit(bus: Bus, look: DomainLookups, ev: DomainEvent): Promise<void> {
  for (const g of await translate(ev, look)) await bus.publish(g.type, g);
}
