// Messages written but not yet accepted by the server. A message stays queued ("Sending…") while the browser
// is offline and goes out when the connection returns; a send that fails shows "Failed" with Retry and
// Discard — never the browser's own "Failed to fetch". Kept for the session (room switches keep it).
import { useSyncExternalStore } from "react";
import { ApiError, api, errorText } from "./api.ts";
import type { Message } from "./types.ts";

export interface Outgoing {
  localId: string;
  roomId: string;
  threadRootId?: string;
  text: string;
  state: "sending" | "failed";
  /** Why it failed, in words. */
  reason?: string;
}

export interface Sent {
  message?: Message;
  hints?: unknown;
}

let items: Outgoing[] = [];
const listeners = new Set<() => void>();
let seq = 0;

function set(next: Outgoing[]) {
  items = next;
  for (const l of listeners) l();
}

function patch(localId: string, p: Partial<Outgoing>) {
  set(items.map((x) => (x.localId === localId ? { ...x, ...p } : x)));
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The queued messages of one room (or one thread of it), oldest first. */
export function useOutbox(roomId: string, threadRootId?: string): Outgoing[] {
  const all = useSyncExternalStore(subscribe, () => items);
  return all.filter((x) => x.roomId === roomId && x.threadRootId === threadRootId);
}

/** A network failure (no connection, server unreachable) as opposed to an answer from the server. */
function offline(e: unknown): boolean {
  return !(e instanceof ApiError);
}

const onSent = new Map<string, (r: Sent) => void>();

/** Sends in flight, so the "online" flush never sends one twice. */
const flying = new Set<string>();

async function attempt(o: Outgoing): Promise<void> {
  if (flying.has(o.localId)) return;
  if (!navigator.onLine) {
    patch(o.localId, { state: "sending", reason: undefined }); // waits for the "online" event
    return;
  }
  patch(o.localId, { state: "sending", reason: undefined });
  flying.add(o.localId);
  try {
    const res = await api.post<Sent>(`/rooms/${o.roomId}/messages`, {
      text: o.text,
      ...(o.threadRootId ? { threadRootId: o.threadRootId } : {}),
    });
    set(items.filter((x) => x.localId !== o.localId));
    onSent.get(o.localId)?.(res ?? {});
    onSent.delete(o.localId);
  } catch (e) {
    const reason = offline(e) ? "No connection to the server." : errorText(e);
    patch(o.localId, { state: "failed", reason });
  } finally {
    flying.delete(o.localId);
  }
}

/** Queues `text` and sends it; `done` runs with the server's answer once it is accepted. */
export function enqueue(
  roomId: string,
  threadRootId: string | undefined,
  text: string,
  done: (r: Sent) => void,
): void {
  const o: Outgoing = { localId: `local-${++seq}`, roomId, threadRootId, text, state: "sending" };
  set([...items, o]);
  onSent.set(o.localId, done);
  void attempt(o);
}

export function retry(localId: string): void {
  const o = items.find((x) => x.localId === localId);
  if (o) void attempt(o);
}

export function discard(localId: string): void {
  onSent.delete(localId);
  set(items.filter((x) => x.localId !== localId));
}

// Back online: everything still waiting goes out, in the order it was written.
if (typeof window !== "undefined") {
  window.addEventListener("online", async () => {
    for (const o of items.filter((x) => x.state === "sending" || x.reason === "No connection to the server."))
      await attempt(o);
  });
}
