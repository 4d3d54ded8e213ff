// Bus events → the gateway's state and clients, one at a time (the gateway queues them in order).

import { fanoutChange } from "./edits.ts";
import type { GatewayEvent } from "./events.ts";
import { fanoutMessage } from "./fanout.ts";
import type { Gateway } from "./gateway.ts";
import {
  applyConversation,
  applyMembership,
  applyRead,
  applyRoomPrefs,
  applyUserEvent,
  applyWorkspace,
  refreshCoreFacts,
} from "./updates.ts";

export async function handleEvent(gw: Gateway, ev: GatewayEvent): Promise<void> {
  const now = gw.o.clock.now();
  switch (ev.type) {
    case "message.created": {
      const room = gw.rooms.get(ev.message.roomId);
      if (!room) return;
      const t0 = performance.now();
      const { record, writes } = fanoutMessage(ev, room, gw.locals, now);
      gw.o.metrics?.fanout(room.size, writes, performance.now() - t0);
      gw.o.recorder?.record(record);
      return;
    }
    case "message.updated":
    case "message.deleted": {
      const room = gw.rooms.get(ev.message.roomId);
      if (!room) return;
      const record = await fanoutChange(ev, room, gw.locals, gw.o.store, now);
      if (record) gw.o.recorder?.record(record);
      return;
    }
    case "membership.changed":
      return applyMembership(gw, ev);
    case "room.preferences.changed":
      return applyRoomPrefs(gw, ev);
    case "user.changed": {
      const lu = gw.locals.get(ev.userId);
      if (!lu) return;
      lu.snapshot = ev.snapshot ?? (await gw.o.store.loadUser(ev.userId)) ?? lu.snapshot;
      gw.presence.touch(ev.userId);
      return refreshCoreFacts(gw, ev.userId, [...lu.rooms]);
    }
    case "room.read":
      return applyRead(gw, ev);
    case "user.event":
      return applyUserEvent(gw, ev, now);
    case "conversation.changed":
      return applyConversation(gw, ev);
    case "workspace.changed":
      return applyWorkspace(gw);
    case "user.sessions_revoked":
      gw.revoke(ev); // normally handled at once by the bus subscription, never queued
      return;
  }
}
