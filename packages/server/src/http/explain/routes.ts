// GET /notifications/explain?message=…&user=… | ?event=…&user=… — "Why was I notified — or not?" (EXP-1).
// Users ask about themselves (user defaults to the caller), admins about anyone (EXP-2); a message the caller
// cannot see answers 404 (GEN-5).
import { Type } from "typebox";
import { outboxPending } from "../../decisions/outbox.ts";
import { explainMessage, explainSupportEvent } from "../../decisions/service.ts";
import type { Services } from "../../services.ts";
import { AppError, badRequest } from "../errors.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";

const Query = Type.Object(
  {
    message: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    event: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    user: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

const NumberOrNull = Type.Union([Type.Number(), Type.Null()]);
// EXP-1: the facts of a wait or hold, as data (core's WaitFacts); times are numbers, the app words them (GEN-9).
const Wait = Type.Union([
  Type.Object({
    kind: Type.Literal("inactivity"),
    thresholdMs: Type.Number(),
    lastActivityAt: NumberOrNull,
    lastActivityDevice: Type.Union([Type.String(), Type.Null()]),
    autoAway: Type.Boolean(),
    lockedSince: NumberOrNull,
    connected: Type.Boolean(),
    desktopGoneAt: NumberOrNull,
    dueAt: NumberOrNull,
  }),
  Type.Object({
    kind: Type.Literal("offline"),
    connected: Type.Boolean(),
    desktopGoneAt: NumberOrNull,
    dueAt: NumberOrNull,
  }),
  Type.Object({ kind: Type.Literal("quiet_hours"), until: Type.Number() }),
  Type.Object({ kind: Type.Literal("batch_window"), until: Type.Number(), windowMs: Type.Number() }),
]);
const Reason = Type.Object({ rule: Type.String(), fact: Type.String(), wait: Type.Optional(Wait) });
const ChannelAnswer = Type.Object({
  decision: Type.String(),
  /** When it was decided. */
  at: Type.Optional(Type.Number()),
  /** A waiting push/email: the earliest time it may go; null = once inactive for the threshold. */
  dueAt: Type.Optional(NumberOrNull),
  source: Type.String(),
  reasons: Type.Array(Reason),
  aggregate: Type.Optional(
    Type.Object({
      decision: Type.String(),
      count: Type.Number(),
      at: Type.Number(),
      reasons: Type.Array(Reason),
    }),
  ),
});
const Answer = Type.Object({
  eventKind: Type.String(),
  messageId: Type.String(),
  userId: Type.String(),
  trigger: Type.Union([Type.String(), Type.Null()]),
  channels: Type.Object({
    banner: ChannelAnswer,
    sound: ChannelAnswer,
    push: ChannelAnswer,
    email: ChannelAnswer,
    inbox: ChannelAnswer,
  }),
  text: Type.Array(Type.String()),
  sources: Type.Object({
    recorded: Type.Array(Type.String()),
    pending: Type.Array(Type.String()),
    rebuilt: Type.Array(Type.String()),
  }),
  rebuiltAt: Type.Union([Type.Number(), Type.Null()]),
  // Which message (or support event) this explains, so the UI can show it.
  subject: Type.Union([
    Type.Object({
      roomId: Type.Union([Type.String(), Type.Null()]),
      roomName: Type.Union([Type.String(), Type.Null()]),
      roomKind: Type.Union([Type.String(), Type.Null()]),
      conversationId: Type.Union([Type.String(), Type.Null()]),
      messageId: Type.Union([Type.String(), Type.Null()]),
      senderId: Type.Union([Type.String(), Type.Null()]),
      senderName: Type.Union([Type.String(), Type.Null()]),
      firstLine: Type.String(),
      createdAt: Type.Union([Type.Number(), Type.Null()]),
      // An admin asking about a room they cannot read: decisions only, no names or text (GEN-5).
      hidden: Type.Optional(Type.Boolean()),
    }),
    Type.Null(),
  ]),
});

export function explainRoutes(app: App, services: Services): void {
  // Buffered decisions reach the store before it closes (harness and shutdown close the app first).
  app.addHook("onClose", () => services.decisions.close());
  app.get(
    "/notifications/explain",
    { schema: { tags: ["notifications"], querystring: Query, response: { 200: Answer } } },
    async (req) => {
      const p = me(req);
      const { message, event } = req.query;
      if ((message === undefined) === (event === undefined)) {
        throw badRequest("missing_field", "give exactly one of message or event", "message");
      }
      const deps = {
        db: services.store.db,
        reader: services.decisions,
        clock: services.clock,
        // The scheduler may plug in its own reader; else its outbox table is read directly.
        pending: services.explainSources.pending ?? outboxPending(services.store.db),
        activity: services.explainSources.activity,
      };
      const requester = { userId: p.userId, role: p.role };
      const userId = req.query.user ?? p.userId;
      const result = message
        ? await explainMessage(deps, requester, message, userId)
        : await explainSupportEvent(deps, requester, event ?? "", userId);
      if (!result.ok) throw new AppError(result.status, result.code, result.message);
      return result.answer;
    },
  );
}
