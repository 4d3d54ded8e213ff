// The REST shape of a message, the same vocabulary as the realtime `message` frame (gateway/domain.ts):
// `alsoInRoom` on every message (true only for a thread reply also posted to the room; a thread-only reply has
// threadRootId set and alsoInRoom false, and its `seq` is not its own: it takes no room seq), and on messages
// that are not replies `replyCount` / `lastReplyAt` from the `threads` table — one batched lookup per page.
// `mentions` is what the text notified by name and group, stored with the message at post/edit time.
import { Type } from "typebox";
import type { MessageView } from "../../events.ts";
import type { Db } from "../../store/db.ts";
import { filesOf } from "../../store/files.ts";
import { messageView } from "../../store/messages.ts";
import type { MessagesTable } from "../../store/schema/messages.ts";
import { Nullable, ref, Time } from "../schemas/ref.ts";

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
  return rows.map((r) => restView({ ...messageView(r), ...filesOf(r) }, counts.get(r.id)));
}

/** OpenAPI shape of what a message notified (MEN-1, MEN-2); clients highlight exactly this. */
export const MentionViewSchema = Type.Object(
  {
    users: Type.Array(Type.Object({ id: Type.String(), username: Type.String() }), {
      description: "members mentioned by name, in order of first appearance",
    }),
    all: Type.Boolean({ description: "@all or @channel" }),
    here: Type.Boolean({ description: "@here" }),
  },
  {
    $id: "MessageMentions",
    description: "what the message notified by name and group; never anyone's keywords",
  },
);

/** A file sent with a message; its bytes are at GET /files/{id} for the room's members. */
export const FileViewSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String({ description: "the name the sender gave it" }),
    type: Type.String({ description: "media type read from the content" }),
    size: Type.Integer({ description: "bytes" }),
  },
  { $id: "MessageFile" },
);

/** OpenAPI shape of a REST message. Extra properties are kept, so a field added to the view is never dropped. */
export const RestMessageSchema = Type.Object(
  {
    id: Type.String(),
    roomId: Type.String(),
    seq: Type.Integer(),
    senderId: Nullable(Type.String()),
    text: Type.String(),
    kind: Type.Union([Type.Literal("user"), Type.Literal("system")]),
    threadRootId: Nullable(Type.String()),
    threadSeq: Nullable(Type.Integer()),
    inRoom: Type.Boolean(),
    alsoInRoom: Type.Boolean(),
    createdAt: Time,
    editedAt: Nullable(Time),
    deletedAt: Nullable(Time),
    mentions: ref(MentionViewSchema),
    files: Type.Optional(
      Type.Array(ref(FileViewSchema), { description: "files sent with the message; absent when none" }),
    ),
    replyCount: Type.Optional(Type.Integer()),
    lastReplyAt: Type.Optional(Nullable(Time)),
  },
  { $id: "Message", additionalProperties: true },
);

/** A mentioned user who is not in the room (MEN-1): only the sender is told. */
export const HintSchema = Type.Object(
  { code: Type.Literal("not_in_room"), username: Type.String() },
  { $id: "MentionHint", additionalProperties: true },
);

/** The answer of posting or editing a message. */
export const WrittenAnswer = Type.Object({
  message: ref(RestMessageSchema),
  hints: Type.Array(ref(HintSchema), { description: "mentioned users who are not in the room" }),
});
