// After-commit bridge: turns the server's DomainEvents (events.ts, from the post hooks) into the gateway's bus
// events. Runs on the node that committed; the lookups it needs (sender name, a member's saved room prefs)
// are one small query per event, never per recipient.

import type { Bus } from "../cluster/bus.ts";
import type { DomainEvent, MessageView as StoredMessage } from "../events.ts";
import type { GatewayEvent } from "./events.ts";
import type { MemberPrefs, MessageView } from "./ports.ts";

export interface DomainLookups {
  /** Display name (DSK-4 banner title) and role (MEN-7) of a sender. */
  sender(userId: string): Promise<{ name: string; role: "admin" | "agent" | "member" }>;
  memberPrefs(roomId: string, userId: string): Promise<MemberPrefs | null>;
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
    alsoInRoom: m.threadRootId !== null && m.inRoom,
    kind: m.kind,
    createdAt: m.createdAt,
  };
}

export async function translate(ev: DomainEvent, look: DomainLookups): Promise<GatewayEvent[]> {
  switch (ev.type) {
    case "message.created":
      return [
        {
          type: "message.created",
          message: await toGatewayView(ev.message, look),
          mentions: [
            ...ev.mentions.users.map((userId) => ({ userId, kind: "mention" as const })),
            ...ev.mentions.keywords.map((userId) => ({ userId, kind: "keyword" as const })),
          ],
          group: ev.mentions.group,
          hereUserIds: ev.mentions.here,
          threadFollowerIds: ev.threadFollowers,
        },
      ];
    case "message.updated":
      return [
        {
          type: "message.updated",
          message: await toGatewayView(ev.message, look),
          // TRG-3: only the members the edit newly mentions are notified.
          newMentions: [
            ...ev.newMentions.users.map((userId) => ({ userId, kind: "mention" as const })),
            ...ev.newMentions.keywords.map((userId) => ({ userId, kind: "keyword" as const })),
          ],
          // BDG-4 / BDG-6: a newly added `@all` / `@here` moves other members' badges.
          newGroup: ev.newMentions.group,
          hereUserIds: ev.newMentions.here,
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
    case "membership.changed": {
      const out: GatewayEvent[] = [];
      for (const userId of ev.userIds) {
        if (ev.change === "left" || ev.change === "removed") {
          out.push({ type: "membership.changed", roomId: ev.roomId, userId, joined: false });
          continue;
        }
        const prefs = await look.memberPrefs(ev.roomId, userId);
        if (!prefs) continue;
        out.push(
          ev.change === "joined"
            ? { type: "membership.changed", roomId: ev.roomId, userId, joined: true, prefs }
            : { type: "room.preferences.changed", roomId: ev.roomId, userId, prefs },
        );
      }
      return out;
    }
    case "preferences.changed": {
      if (ev.scope === "room" && ev.roomId) {
        const prefs = await look.memberPrefs(ev.roomId, ev.userId);
        return prefs
          ? [{ type: "room.preferences.changed", roomId: ev.roomId, userId: ev.userId, prefs }]
          : [];
      }
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
