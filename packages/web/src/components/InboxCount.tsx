import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useInboxCount } from "../lib/notifications.ts";
import { keys } from "../lib/query.ts";
import { useLocation } from "../lib/router.ts";

/** Unread in-app notifications (GEN-1) in the top bar. */
export function InboxCount() {
  const n = useInboxCount();
  const client = useQueryClient();
  const { path } = useLocation();
  // Opening a room or thread may read what an item points at without a frame for this tab: ask again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new path asks again
  useEffect(() => {
    client.invalidateQueries({ queryKey: keys.inboxCount() });
  }, [client, path]);
  if (n === 0) return null;
  return (
    <span className="pill small-pill" data-testid="inbox-count">
      {n}
      <span className="sr-only"> unread notifications</span>
    </span>
  );
}
