import type { ServerEvent } from "@herald/sdk";
import type { QueryClient } from "@tanstack/react-query";
import { keys } from "./query.ts";
import { type History, historyAfter, holdIfLoading } from "./room-history.ts";
import { roomsChanged } from "./rooms.ts";
import { type ThreadAnswer, threadAfter } from "./thread.ts";
import type { Message, Room } from "./types.ts";

/**
 * What a realtime frame means for the query cache: the queries it makes stale. Only queries a screen shows
 * load again; the others on their next use. `reconnected`: a `ready` after the first on this connection,
 * which may have missed joins, leaves, new DMs and inbox items.
 */
export function frameToCache(client: QueryClient, f: ServerEvent, reconnected: boolean): void {
  const stale = (queryKey: readonly unknown[]) => client.invalidateQueries({ queryKey });
  if (f.t === "ready") {
    if (!reconnected) return;
    roomsChanged(client);
    stale(["threads"]);
    stale(["notifications"]);
    return;
  }
  if (f.t === "message") {
    // A message for a room not in my list: a new DM or an invite.
    const mine = client.getQueryData<{ rooms: Room[] }>(keys.rooms());
    if (mine && !mine.rooms.some((r) => r.id === f.roomId))
      client.invalidateQueries({ queryKey: keys.rooms(), exact: true });
    if (f.message.threadRootId) stale(keys.followedThreads());
  }
  if (f.t === "message" || f.t === "message.updated" || f.t === "message.deleted") {
    const m = f.message as unknown as Message;
    // The room's history, if open (while its newest page loads, the frame waits for it).
    holdIfLoading(f.roomId, f.t, m);
    client.setQueryData<History>(keys.history(f.roomId), (h) => (h ? historyAfter(h, f.t, m) : h));
    // The open thread this message is the root or a reply of, if a screen loaded it.
    for (const rootId of new Set([m.id, m.threadRootId])) {
      if (rootId)
        client.setQueryData<ThreadAnswer>(keys.thread(rootId), (t) => (t ? threadAfter(t, f.t, m) : t));
    }
  }
  if (f.t === "notify") stale(["notifications"]);
  if (f.t === "badge" || f.t === "read") {
    stale(keys.followedThreads());
    stale(keys.inboxCount());
  }
}
