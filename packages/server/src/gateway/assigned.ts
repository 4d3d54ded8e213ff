// PRF-50: the support conversations assigned to a user that have unread messages. Kept per local user and
// sent as `{t:"assigned.unread", cursor, conversationIds}` whenever the set changes (and on `hello` when it is
// not empty), so the SDK's 30 s reminder (alerts.setUnreadAssigned) starts and stops with it.
import type { LocalUser } from "./local.ts";
import type { RoomIndex, RoomState } from "./rooms.ts";

function counts(room: RoomState | undefined, lu: LocalUser): room is RoomState & { conversationId: string } {
  return (
    room !== undefined &&
    room.kind === "conversation" &&
    room.conversationId !== null &&
    room.assigneeId === lu.userId &&
    (lu.badge?.unread(room.roomId) ?? 0) > 0
  );
}

/** The frame for the user's current set. */
export function assignedFrame(lu: LocalUser): string {
  const ids = JSON.stringify([...lu.assigned].sort());
  return `{"t":"assigned.unread","cursor":${lu.log.next()},"conversationIds":${ids}}`;
}

/** Recomputes the whole set (on load, after a recount): the frame when it changed, else "". */
export function assignedAll(rooms: RoomIndex, lu: LocalUser): string {
  const next = new Set<string>();
  for (const r of lu.rooms) {
    const room = rooms.get(r);
    if (counts(room, lu)) next.add(room.conversationId);
  }
  const same = next.size === lu.assigned.size && [...next].every((id) => lu.assigned.has(id));
  if (same) return "";
  lu.assigned = next;
  return assignedFrame(lu);
}

/** After a change in one conversation room (message, read, assignment): the frame when the set changed. */
export function assignedRoom(room: RoomState, lu: LocalUser): string {
  if (room.kind !== "conversation" || room.conversationId === null) return "";
  const want = counts(room, lu);
  if (want === lu.assigned.has(room.conversationId)) return "";
  if (want) lu.assigned.add(room.conversationId);
  else lu.assigned.delete(room.conversationId);
  return assignedFrame(lu);
}
