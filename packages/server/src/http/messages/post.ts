// POST a message: validate, resolve mentions, then ONE transaction (seq, message, sender read, mention rows,
// thread follows, PostHooks.inTransaction), commit, then PostHooks.afterCommit (ARCHITECTURE "path of a message").
import type { DomainEvent } from "../../events.ts";
import type { Services } from "../../services.ts";
import { insertMessage, messageById } from "../../store/messages.ts";
import { badRequest, notFound } from "../errors.ts";
import type { Principal } from "../types.ts";
import { roomAccess } from "./access.ts";
import { postBatcher } from "./batch.ts";
import type { Hint } from "./mentions.ts";
import { resolveMentions } from "./mentions.ts";
import { restView } from "./view.ts";

export const MAX_TEXT_BYTES = 16 * 1024;

export function checkText(text: string): void {
  if (Buffer.byteLength(text, "utf8") > MAX_TEXT_BYTES) {
    throw badRequest("text_too_long", "text is longer than 16 KiB", "text");
  }
  if (text.trim() === "") throw badRequest("empty_text", "text is empty", "text");
}

export interface PostBody {
  text: string;
  threadRootId?: string;
  alsoInRoom?: boolean;
}

export async function postMessage(services: Services, p: Principal, roomId: string, body: PostBody) {
  const { db } = services.store;
  checkText(body.text);
  const access = await roomAccess(db, roomId, p.userId);
  if (!access || access.lastReadSeq === null) throw notFound("room_not_found", "no such room");
  const room = access.room;
  let threadRootId: string | null = null;
  if (body.threadRootId) {
    const root = await messageById(db, body.threadRootId);
    if (!root || root.room_id !== roomId)
      throw notFound("message_not_found", "no such thread root in this room");
    if (root.thread_root_id)
      throw badRequest("invalid_thread_root", "a reply cannot start a thread", "threadRootId");
    if (root.deleted_at)
      throw badRequest("invalid_thread_root", "the thread root was deleted", "threadRootId");
    threadRootId = root.id;
  }
  const { mentions, hints } = await resolveMentions(services, p, room, body.text);
  const now = services.clock.now();
  // Shares its transaction (and COMMIT) with concurrent posts: batch.ts.
  const event = await postBatcher(db).submit(roomId, async (trx) => {
    const posted = await insertMessage(
      trx,
      {
        roomId,
        senderId: p.userId,
        text: body.text,
        kind: "user",
        threadRootId,
        alsoInRoom: body.alsoInRoom === true,
        mentions,
      },
      now,
    );
    const ev: DomainEvent = {
      type: "message.created",
      at: now,
      room: { id: room.id, kind: room.kind, name: room.name, memberCount: room.member_count },
      message: posted.message,
      mentions,
      threadFollowers: posted.threadFollowers,
    };
    await services.hooks.inTransaction(trx, ev);
    return ev;
  });
  await services.hooks.afterCommit([event]);
  // A new message has no replies yet; a new reply bumps its root's count, which GET answers.
  const message = event.type === "message.created" ? restView(event.message) : null;
  return { message, hints: hints as Hint[] };
}
