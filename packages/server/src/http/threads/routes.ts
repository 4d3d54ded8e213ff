// The Threads view: the threads I follow, newest activity first, each with its unread replies counted by core
// (BDG-1: each followed thread has its own read position) from the same read state the badge is computed from.
import { plainFirstLine, threadCounts } from "@herald/core";
import { Type } from "typebox";
import type { DomainEvent } from "../../events.ts";
import type { Services } from "../../services.ts";
import { listFollowedThreads, markAllThreadsRead } from "../../store/followed-threads.ts";
import { loadReadStates } from "../../store/reads.ts";
import { loadAdminSettings } from "../preferences/resolve.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";

const strict = { additionalProperties: false } as const;

const FollowedThread = Type.Object({
  rootId: Type.String(),
  roomId: Type.String(),
  roomKind: Type.String(),
  /** Empty for direct messages: clients name those by their members. */
  roomName: Type.String(),
  /** The root message's first line, plain text (Markdown removed); null when the root was deleted. */
  rootText: Type.Union([Type.String(), Type.Null()]),
  rootSenderId: Type.Union([Type.String(), Type.Null()]),
  replyCount: Type.Integer(),
  lastReplyAt: Type.Integer(),
  unread: Type.Integer(),
  mentions: Type.Integer(),
});

export function threadRoutes(app: App, services: Services): void {
  const { db } = services.store;

  app.get(
    "/threads/followed",
    {
      schema: {
        tags: ["messages"],
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
          strict,
        ),
        response: { 200: Type.Object({ threads: Type.Array(FollowedThread) }) },
      },
    },
    async (req) => {
      const userId = me(req).userId;
      const rows = await listFollowedThreads(db, userId, req.query.limit ?? 50);
      const settings = await loadAdminSettings(db);
      // The badge's own loader: only threads with unread replies carry a state; the rest count zero.
      const states = new Map(
        (await loadReadStates(db, userId, settings)).flatMap((r) =>
          (r.threads ?? []).map((t) => [t.rootId, t]),
        ),
      );
      return {
        threads: rows.map((r) => {
          const state = states.get(r.root_id);
          const counts = state ? threadCounts(state) : { unread: 0, mentions: 0 };
          return {
            rootId: r.root_id,
            roomId: r.room_id,
            roomKind: r.room_kind,
            roomName: r.room_name,
            rootText: r.root_deleted ? null : plainFirstLine(r.root_text),
            rootSenderId: r.root_sender_id,
            replyCount: r.reply_count,
            lastReplyAt: r.last_reply_at,
            ...counts,
          };
        }),
      };
    },
  );

  app.post(
    "/threads/read-all",
    {
      schema: {
        tags: ["read"],
        response: { 200: Type.Object({ threads: Type.Integer() }) },
      },
    },
    async (req) => {
      const userId = me(req).userId;
      const moved = await markAllThreadsRead(db, userId);
      const at = services.clock.now();
      // Each thread read is a thread.read event: every tab's badge and Threads row follow.
      if (moved.length > 0)
        await services.hooks.afterCommit(
          moved.map((t): DomainEvent => ({ type: "thread.read", at, userId, ...t })),
        );
      return { threads: moved.length };
    },
  );
}
