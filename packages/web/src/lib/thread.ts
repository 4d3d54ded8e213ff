import type { Message } from "./types.ts";

/** A thread as GET /messages/:id/thread answers it. */
export interface ThreadAnswer {
  root: Message;
  replies: Message[];
  following: boolean;
}

/** A thread's cached answer after a message frame: the root edited, a reply added, edited or removed. */
export function threadAfter(
  t: ThreadAnswer,
  kind: "message" | "message.updated" | "message.deleted",
  m: Message,
): ThreadAnswer {
  if (m.id === t.root.id) return kind === "message.deleted" ? t : { ...t, root: { ...t.root, ...m } };
  if (m.threadRootId !== t.root.id) return t;
  if (kind === "message.deleted") return { ...t, replies: t.replies.filter((x) => x.id !== m.id) };
  return { ...t, replies: upsertThread(t.replies, m) };
}

function upsertThread(list: Message[], m: Message): Message[] {
  const i = list.findIndex((x) => x.id === m.id);
  if (i >= 0) return list.map((x, j) => (j === i ? { ...x, ...m } : x));
  return [...list, m];
}
