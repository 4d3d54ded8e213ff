import { useEffect, useState } from "react";
import { useFrames, useLive } from "../../lib/live.tsx";
import { useApiQuery } from "../../lib/query.ts";
import { onConversationChanged } from "../../lib/support.ts";
import type { Conversation } from "../../lib/types.ts";

/** A contact waiting for an agent (SUP-3). `ringing`: this device plays the pending-contact alert now. */
export interface Waiting {
  id: string;
  name: string;
  since: number;
  ringing: boolean;
  /** The contact's first words, when the alert carried them. */
  text?: string;
}

type Pending = Conversation & { waitingSince?: number; updatedAt?: number };

/** The pending conversations of my inboxes (SUP-3), as the top bar and the queue show them. */
export const waitingKey = ["conversations", "waiting"] as const;

/** The pending conversations of my inboxes, from the server (so a busy agent, who gets no ring, and a tab
 *  opened late still see them), kept current by the live frames that change the queue. Live pending alerts
 *  not listed yet (the list answer is in flight) are shown from the moment they arrived. */
export function useWaiting(): Waiting[] {
  const { pending } = useLive();
  const queue = useApiQuery<{ conversations: Pending[] }>(
    waitingKey,
    "/conversations?filter=all&status=pending&limit=200",
  );
  const list = (queue.data?.conversations ?? []).filter((c) => c.status === "pending");
  const { refetch } = queue;
  const [firstSeen] = useState(() => new Map<string, number>());
  useFrames((f) => {
    if (
      f.t === "pending.start" ||
      f.t === "pending.stop" ||
      f.t === "conversation.updated" ||
      f.t === "ready" ||
      (f.t === "notify" && (f as { conversationId?: string }).conversationId)
    )
      refetch();
  });
  useEffect(() => onConversationChanged(() => void refetch()), [refetch]);
  // The app does not refetch on focus in general (frames keep it current); the queue does, as frames missed
  // while the tab slept would leave a waiting contact out.
  useEffect(() => {
    const again = () => document.visibilityState === "visible" && refetch();
    window.addEventListener("focus", again);
    return () => window.removeEventListener("focus", again);
  }, [refetch]);
  const ringing = new Set(pending.map((p) => p.conversationId));
  const words = new Map(pending.map((p) => [p.conversationId, p.text]));
  const rows: Waiting[] = list.map((c) => ({
    id: c.id,
    name: c.contact?.name || c.contactName || "A visitor",
    since: c.waitingSince ?? c.updatedAt ?? c.createdAt ?? Date.now(),
    ringing: ringing.has(c.id),
    text: words.get(c.id),
  }));
  const listed = new Set(rows.map((r) => r.id));
  for (const p of pending) {
    if (listed.has(p.conversationId)) continue;
    if (!firstSeen.has(p.conversationId)) firstSeen.set(p.conversationId, Date.now());
    rows.push({
      id: p.conversationId,
      name: p.contactName || "A visitor",
      since: firstSeen.get(p.conversationId) ?? Date.now(),
      ringing: true,
      text: p.text,
    });
  }
  // Longest wait first: the queue is served in order.
  return rows.sort((a, b) => a.since - b.since);
}

/** The current time, again every `ms`, so "waiting 3 min" moves on its own. */
export function useNow(ms = 10_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
