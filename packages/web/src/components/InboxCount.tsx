import { useEffect, useState } from "react";
import { api } from "../lib/api.ts";
import { useFrames } from "../lib/live.tsx";
import { useLocation } from "../lib/router.ts";

/** Unread in-app notifications (GEN-1), refreshed on each notify and when reads move the badge. */
export function InboxCount() {
  const [n, setN] = useState(0);
  const [tick, setTick] = useState(0);
  const { path } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick and path trigger a refresh
  useEffect(() => {
    api.get<{ unread?: number }>("/notifications/unread-count").then(
      (r) => setN(r.unread ?? 0),
      () => undefined,
    );
  }, [tick, path]);
  useFrames((f) => {
    if (f.t === "notify" || f.t === "read" || f.t === "badge") setTick((t) => t + 1);
  });
  if (n === 0) return null;
  return (
    <span className="pill small-pill">
      {n}
      <span className="sr-only"> unread notifications</span>
    </span>
  );
}
