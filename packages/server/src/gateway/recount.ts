// Which members' badges an edit or a delete moves (BDG-4, BDG-6), and their recount. A deleted message is
// not unread (BDG-1) and its mention and group-mention rows go; an edit may add mention rows (TRG-3), `here`
// rows and an `@all` / `@here` row. Only this node's users whose badge the gateway holds are recounted
// (connected, or within the reconnect grace, whose in-memory badge a resume would serve); everyone else reads a
// fresh recount when they connect.
import { UserBadge } from "./badges.ts";
import type { MessageChanged } from "./events.ts";
import type { LocalUser } from "./local.ts";
import type { GatewayStore } from "./ports.ts";
import type { RoomState } from "./rooms.ts";

/** Recounts run this many at a time: an `@all` edit in a big room must not open one query burst per member. */
const PARALLEL = 8;

/** The local members whose counts this change can move. */
export function affectedMembers(
  ev: MessageChanged,
  room: RoomState,
  locals: ReadonlyMap<string, LocalUser>,
  newlyMentioned: Iterable<string>,
): string[] {
  const m = ev.message;
  const threadOnly = !!m.threadRootId && !m.alsoInRoom;
  const out = new Set<string>();
  const holds = (u: string) => {
    const lu = locals.get(u);
    return lu?.badge && lu.snapshot && room.has(u) && u !== m.senderId ? lu : null;
  };
  for (const u of newlyMentioned) if (holds(u)) out.add(u);
  if (ev.type === "message.updated") {
    const now = ev.resolved;
    const before = ev.previousResolved;
    // An edit's new mention rows: everyone named now and not before (BDG-1).
    const named = (r: typeof now) => new Set([...(r?.users ?? []), ...(r?.keywords ?? []).map(([u]) => u)]);
    const earlier = named(before);
    for (const u of named(now)) if (!earlier.has(u) && holds(u)) out.add(u);
    // A newly added `@all` / `@here` row counts for members who have not read past the message; with nothing
    // unread in the room, the member has read past an in-room message. The recount applies PRF-31.
    const group = (now?.all && !before?.all) || (now?.here && !before?.here);
    if (group) {
      for (const u of membersHere(room, locals)) {
        const lu = holds(u);
        if (lu && (threadOnly || lu.badge!.unread(m.roomId) > 0)) out.add(u);
      }
    }
  } else {
    // A delete lowers only counts that include it: an in-room message is unread for members with unread in
    // the room; a thread-only reply for followers whose thread is unread; its mentions where mentions count.
    for (const u of membersHere(room, locals)) {
      const b = holds(u)?.badge;
      if (!b) continue;
      const unread = threadOnly ? b.threadUnread(m.roomId, m.threadRootId!) : b.unread(m.roomId) > 0;
      if (unread || b.mentions(m.roomId) > 0) out.add(u);
    }
  }
  return [...out];
}

/** The room's members that are users of this node (whichever set is smaller is walked). */
function membersHere(room: RoomState, locals: ReadonlyMap<string, LocalUser>): Iterable<string> {
  return locals.size < room.size ? locals.keys() : room.userIds;
}

/** Fresh badges from the store's recount (a recount tells which seq it includes, so none counts twice). */
export async function recountBadges(store: GatewayStore, userIds: string[]): Promise<Map<string, UserBadge>> {
  const out = new Map<string, UserBadge>();
  for (let i = 0; i < userIds.length; i += PARALLEL) {
    const batch = userIds.slice(i, i + PARALLEL);
    const counts = await Promise.all(batch.map((u) => store.readStates(u)));
    for (const [j, u] of batch.entries()) out.set(u, new UserBadge(counts[j]));
  }
  return out;
}

/** Whether two badges would show the same thing (no frame needed when a recount changed nothing). */
export function sameBadge(a: UserBadge | null, b: UserBadge): boolean {
  return a !== null && JSON.stringify(a.view()) === JSON.stringify(b.view());
}
