// The explain use case (EXP-1, EXP-2, GEN-5): who may ask, what exists, and the answer from recorded
// decisions + pending deliveries + the chain rebuilt from current state. Returns explicit results; the HTTP
// route maps them to status codes.
import type { Clock } from "../clock.ts";
import type { Db } from "../store/db.ts";
import { assemble, type ExplainAnswer, type PendingDelivery } from "./answer.ts";
import type { DecisionReader } from "./recorder.ts";
import { forReader } from "./redact.ts";
import { type ActivitySource, rebuild } from "./state.ts";
import { messageSubject, supportSubject } from "./subject.ts";

/** Pending push/email candidates of the scheduler for one member and message (its outbox). */
export type PendingSource = (messageId: string, roomId: string, userId: string) => Promise<PendingDelivery[]>;

export interface ExplainDeps {
  db: Db;
  reader: DecisionReader;
  clock: Clock;
  activity?: ActivitySource;
  pending?: PendingSource;
}

export interface Requester {
  userId: string;
  role: "admin" | "agent" | "member";
}

export type ExplainResult =
  | { ok: true; answer: ExplainAnswer }
  | { ok: false; status: 403 | 404; code: string; message: string };

const forbidden: ExplainResult = {
  ok: false,
  status: 403,
  code: "explain_forbidden",
  message: "you can only ask about your own notifications",
};

/** EXP-2: users about themselves, admins about anyone. Checked before any lookup so nothing leaks. */
function mayAsk(requester: Requester, userId: string): boolean {
  return requester.userId === userId || requester.role === "admin";
}

export async function explainMessage(
  deps: ExplainDeps,
  requester: Requester,
  messageId: string,
  userId: string,
): Promise<ExplainResult> {
  if (!mayAsk(requester, userId)) return forbidden;
  const { db } = deps;
  const message = await db.selectFrom("messages").selectAll().where("id", "=", messageId).executeTakeFirst();
  const room = message
    ? await db.selectFrom("rooms").selectAll().where("id", "=", message.room_id).executeTakeFirst()
    : undefined;
  // GEN-5: a message the requester cannot see does not exist for them. Admins may ask about any room (EXP-2)
  // but get its content only where they may read it (forReader).
  const visible =
    message &&
    room &&
    !message.deleted_at &&
    (requester.role === "admin" || (await isMember(db, room.id, requester.userId)));
  if (!message || !room || !visible) {
    return { ok: false, status: 404, code: "message_not_found", message: "no such message" };
  }
  if (!(await userExists(db, userId)))
    return { ok: false, status: 404, code: "user_not_found", message: "no such user" };
  const now = deps.clock.now();
  const [recorded, pending, rebuilt, subject] = await Promise.all([
    deps.reader.forEvent("message", messageId, userId),
    deps.pending ? deps.pending(messageId, room.id, userId) : Promise.resolve([]),
    rebuild({ db, message, room, userId, now, activity: deps.activity }),
    messageSubject(db, message, room),
  ]);
  const answer = assemble({
    eventKind: "message",
    messageId,
    userId,
    recorded,
    pending,
    rebuilt,
    rebuiltAt: now,
    subject,
  });
  if (!rebuilt && recorded.length === 0) {
    // Not a member (any more): say so rather than invent reasons.
    for (const ch of Object.values(answer.channels))
      ch.reasons = [{ rule: "GEN-5", fact: "not a member of the room" }];
    answer.text = ["trigger: none — not a member of the room [GEN-5]"];
  }
  return { ok: true, answer: await forReader(db, answer, requester) };
}

/** Support events (SUP-*) are explained from their recorded decisions (the support engineer records them). */
export async function explainSupportEvent(
  deps: ExplainDeps,
  requester: Requester,
  eventId: string,
  userId: string,
): Promise<ExplainResult> {
  if (!mayAsk(requester, userId)) return forbidden;
  const recorded = await deps.reader.forEvent("support", eventId, userId);
  // Without a record naming this user the event is not theirs to see (GEN-5); admins may see aggregates too.
  const own = recorded.some((d) => d.userId === userId);
  if (!own && !(requester.role === "admin" && recorded.length > 0)) {
    return { ok: false, status: 404, code: "event_not_found", message: "no such support event" };
  }
  // The trigger of a support event is its type: recorded since this was added, else from its inbox item.
  const { trigger, subject } = await supportSubject(deps.db, eventId, userId);
  const answer = assemble({
    eventKind: "support",
    messageId: eventId,
    userId,
    recorded,
    pending: [],
    rebuilt: null,
    rebuiltAt: null,
    trigger,
    subject,
  });
  return { ok: true, answer: await forReader(deps.db, answer, requester) };
}

async function isMember(db: Db, roomId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("memberships")
    .select("user_id")
    .where("room_id", "=", roomId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return !!row;
}

async function userExists(db: Db, userId: string): Promise<boolean> {
  return !!(await db.selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst());
}
