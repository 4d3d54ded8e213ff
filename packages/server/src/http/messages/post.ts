// POST a message: validate, resolve mentions, then ONE transaction (seq, message, sender read, mention rows,
// thread follows, PostHooks.inTransaction), commit, then PostHooks.afterCommit (ARCHITECTURE "path of a message").
import type { DomainEvent, FileView } from "../../events.ts";
import { prefetchPersonal } from "../../jobs/personal.ts";
import type { Services } from "../../services.ts";
import { attachFiles } from "../../store/files.ts";
import {
  insertMemberMessage,
  insertMessage,
  messageById,
  type Posted,
  type PostedRoom,
} from "../../store/messages.ts";
import { badRequest, notFound } from "../errors.ts";
import type { Principal } from "../types.ts";
import { roomAccess } from "./access.ts";
import { postBatcher } from "./batch.ts";
import {
  checkGroupMention,
  loadMentionFacts,
  mentionRows,
  onlineMembers,
  parseText,
  resolveText,
} from "./mentions.ts";
import { restView } from "./view.ts";

export const MAX_TEXT_BYTES = 16 * 1024;

/** `blankOk`: a message carrying files may have no words. */
export function checkText(text: string, blankOk = false): void {
  if (Buffer.byteLength(text, "utf8") > MAX_TEXT_BYTES) {
    throw badRequest("text_too_long", "text is longer than 16 KiB", "text");
  }
  if (!blankOk && text.trim() === "") throw badRequest("empty_text", "text is empty", "text");
}

export interface PostBody {
  text: string;
  threadRootId?: string;
  alsoInRoom?: boolean;
  /** Files already in the FileStore (http/files), recorded with the message in its transaction. */
  files?: FileView[];
}

export async function postMessage(services: Services, p: Principal, roomId: string, body: PostBody) {
  const { db } = services.store;
  checkText(body.text, (body.files?.length ?? 0) > 0);
  // Parsed once; the facts it names are loaded once; core resolves (MEN-1 … MEN-5, MEN-7 checked first).
  const parsed = parseText(body.text);
  // A reply needs its room before its thread root, and a group mention the room's size (MEN-7). Any other
  // post reads nothing before its transaction: the statement that takes the seq checks the sender's
  // membership and reads the room (insertMemberMessage) — one statement, one round trip fewer per post.
  let room: { id: string } & PostedRoom = { id: roomId, kind: "channel", name: "", member_count: 0 };
  let threadRootId: string | null = null;
  const readFirst = body.threadRootId !== undefined || parsed.all || parsed.here;
  if (readFirst) {
    const access = await roomAccess(db, roomId, p.userId);
    if (!access || access.lastReadSeq === null) throw notFound("room_not_found", "no such room");
    room = access.room;
  }
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
  await checkGroupMention(db, p, room, parsed);
  const facts = await loadMentionFacts(db, p.userId, readFirst ? room : roomId, [parsed]);
  const { resolved, view, hints } = resolveText(parsed, facts);
  // MEN-2: who is online matters only for `@here` (an `@all` already reaches everyone).
  const hereOnline = parsed.here && !parsed.all ? await onlineMembers(services, roomId, p.userId) : [];
  // The personal recipients' facts are read now, not in the shared transaction; the mention rows leave out
  // the ignorers that read found.
  const known = await prefetchPersonal(db, roomId, p.userId, resolved, hereOnline);
  const mentions = await mentionRows(db, p.userId, resolved, hereOnline, known ?? undefined);
  const now = services.clock.now();
  // A room message is expected to need one statement in order (insertMemberMessage, which also writes its
  // named and keyword-matched members' mention rows; their facts were read above), then at most the rows its
  // hooks write last, which go out in any order (store/tx-writes.ts): the group's next post may be sent right
  // behind it, whether it names someone or not. A dm's hooks read its members in the transaction. A wrong
  // guess costs the group a re-run, never the order (batch.ts).
  const personal = resolved.users.length > 0 || resolved.keywords.length > 0;
  const leads = !readFirst && !body.files?.length && (!personal || known !== null);
  // Shares its transaction (and COMMIT) with concurrent posts: batch.ts.
  const event = await postBatcher(db).submit(
    roomId,
    async (trx) => {
      const m = {
        roomId,
        senderId: p.userId,
        text: body.text,
        kind: "user" as const,
        alsoInRoom: body.alsoInRoom === true,
        mentions,
        mentionView: view,
      };
      let posted: Posted;
      if (threadRootId !== null || readFirst) posted = await insertMessage(trx, { ...m, threadRootId }, now);
      else {
        const member = await insertMemberMessage(trx, { ...m, threadRootId: null }, now);
        // Not a member: nothing was written, and the batch's other posts go on (answered below).
        if (!member) return null;
        posted = member;
        room = { id: roomId, ...member.room };
      }
      const message = body.files?.length
        ? await attachFiles(trx, posted.message, body.files, p.userId, now)
        : posted.message;
      const ev: DomainEvent = {
        type: "message.created",
        at: now,
        room: { id: room.id, kind: room.kind, name: room.name, memberCount: room.member_count },
        message,
        resolved,
        hereOnline,
        threadFollowers: posted.threadFollowers,
      };
      await services.hooks.inTransaction(trx, ev);
      return ev;
    },
    leads,
  );
  if (!event) throw notFound("room_not_found", "no such room");
  await services.hooks.afterCommit([event]);
  // A new message has no replies yet; a new reply bumps its root's count, which GET answers.
  if (event.type !== "message.created") throw new Error("the post path made no message.created event");
  const message = restView(event.message);
  return { message, hints };
}
