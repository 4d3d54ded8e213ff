// The REST shape of a message, the same vocabulary as the realtime `message` frame (gateway/domain.ts):
// `alsoInRoom` on every message (true only for a thread reply also posted to the room; a thread-only reply has
// threadRootId set and alsoInRoom false, and its `seq` is not its own: it takes no room seq), and on messages
// that are not replies `replyCount` / `lastReplyAt` from the `threads` table — one batched lookup per page.
import type { MessageView } from "../../events.ts";
import type { Db } from "../../store/db.ts";
import { messageView } from "../../store/messages.ts";
import type { MessagesTable } from "../../store/schema/messages.ts";

export interface RestMessage extends MessageView {
  alsoInRoom: boolean;
  /** Replies in the thread this message starts (0 when none); only on messages that are not replies. */
  replyCount?: number;
  /** Time of the newest reply, null when none; only on messages that are not replies. */
  lastReplyAt?: number | null;
}

interface ThreadCounts {
  replyCount: number;
  lastReplyAt: number | null;
}

const NO_REPLIES: ThreadCounts = { replyCount: 0, lastReplyAt: null };

/** One message for REST; `thread` = its thread counts when it is a root (default: no replies). */
export function restView(m: MessageView, thread: ThreadCounts = NO_REPLIES): RestMessage {
  const out: RestMessage = { ...m, alsoInRoom: m.threadRootId !== null && m.inRoom };
  if (m.threadRootId === null) {
    out.replyCount = thread.replyCount;
    out.lastReplyAt = thread.lastReplyAt;
  }
  return out;
}

/** Thread counts of the roots among `ids`, in ONE query (never one per message). */
export async function threadCounts(db: Db, ids: readonly string[]): Promise<Map<string, ThreadCounts>> {
  const out = new Map<string, ThreadCounts>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("threads")
    .select(["root_id", "reply_count", "last_reply_at"])
    .where("root_id", "in", [...ids])
    .execute();
  for (const r of rows) {
    const replyCount = Number(r.reply_count);
    out.set(r.root_id, { replyCount, lastReplyAt: replyCount > 0 ? Number(r.last_reply_at) : null });
  }
  return out;
}

/** A page of stored rows → REST messages with their thread counts (one batched lookup). */
export async function restPage(db: Db, rows: readonly MessagesTable[]): Promise<RestMessage[]> {
  const roots = rows.filter((r) => r.thread_root_id === null).map((r) => r.id);
  const counts = await threadCounts(db, roots);
  return rows.map((r) => restView(messageView(r), counts.get(r.id)));
}
