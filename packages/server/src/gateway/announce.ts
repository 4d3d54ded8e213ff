// Wiring point for src/support: tells every gateway node that a conversation's assignee or status changed
// (SUP-4 pick-up, SUP-5 assign), so assigned-conversation badges (BDG-2) and PRF-50's `assigned.unread` follow.
// After commit only; a failed publish is logged, never undoes the change.
import { clusterFor } from "../cluster/factory.ts";
import type { Services } from "../services.ts";
import type { ConversationChanged } from "./events.ts";

export async function announceConversation(
  services: Services,
  c: { id: string; room_id: string; assignee_id: string | null; status: ConversationChanged["status"] },
): Promise<void> {
  const ev: ConversationChanged = {
    type: "conversation.changed",
    roomId: c.room_id,
    conversationId: c.id,
    assigneeId: c.assignee_id,
    status: c.status,
  };
  try {
    const p = clusterFor(services, services.config.redisUrl, services.clock, services.config.redisPrefix);
    await p.ready;
    await p.bus.publish(ev.type, ev);
  } catch (err) {
    services.log.error({ err, conversationId: c.id }, "conversation.changed publish failed");
  }
}
