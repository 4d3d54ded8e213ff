// GEN-5 inside explain: an admin may ask why anyone was (not) notified (EXP-2), but an admin is not a reader of
// every room. When the asker cannot read the room, the answer keeps every decision, rule and time — what makes
// explain useful for support — and leaves out what the message says and who said it where: the first line, the
// sender, the room's name, and any quoted words a reason carries (a matched keyword is a word of the text).
// This is what Slack and Mattermost admins get: delivery diagnostics, not a way around private channels and DMs.
import type { Db } from "../store/db.ts";
import type { ExplainAnswer, ExplainSubject } from "./answer.ts";

export interface Reader {
  userId: string;
  role: "admin" | "agent" | "member";
}

/**
 * Whether the asker may read the room's messages: a member; anyone for a public channel (they may join it);
 * for a support conversation, an agent of its inbox or an admin (the support console shows them all).
 */
export async function mayReadRoom(db: Db, roomId: string, roomKind: string, who: Reader): Promise<boolean> {
  const member = await db
    .selectFrom("memberships")
    .select("user_id")
    .where("room_id", "=", roomId)
    .where("user_id", "=", who.userId)
    .executeTakeFirst();
  if (member || roomKind === "channel") return true;
  if (roomKind !== "conversation") return false;
  if (who.role === "admin") return true;
  const agent = await db
    .selectFrom("conversations as c")
    .innerJoin("inbox_agents as a", "a.inbox_id", "c.inbox_id")
    .select("a.user_id")
    .where("c.room_id", "=", roomId)
    .where("a.user_id", "=", who.userId)
    .executeTakeFirst();
  return !!agent;
}

const QUOTED = /"[^"]*"|“[^”]*”/g;
const hideQuoted = (s: string) => s.replace(QUOTED, "(hidden)");

function hiddenSubject(s: ExplainSubject): ExplainSubject {
  return { ...s, roomName: null, senderId: null, senderName: null, firstLine: "", hidden: true };
}

/** The answer without the room's content (see the file comment); decisions and times are untouched. */
export function withoutContent(answer: ExplainAnswer): ExplainAnswer {
  const reasons = <R extends { fact: string }>(rs: R[]): R[] =>
    rs.map((r) => ({ ...r, fact: hideQuoted(r.fact) }));
  const channels = { ...answer.channels };
  for (const [ch, c] of Object.entries(channels) as [
    keyof typeof channels,
    (typeof channels)[keyof typeof channels],
  ][])
    channels[ch] = {
      ...c,
      reasons: reasons(c.reasons),
      ...(c.aggregate ? { aggregate: { ...c.aggregate, reasons: reasons(c.aggregate.reasons) } } : {}),
    };
  return {
    ...answer,
    channels,
    text: answer.text.map(hideQuoted),
    subject: answer.subject ? hiddenSubject(answer.subject) : null,
  };
}

/** The answer as this asker may see it. */
export async function forReader(db: Db, answer: ExplainAnswer, who: Reader): Promise<ExplainAnswer> {
  const s = answer.subject;
  if (!s?.roomId || (await mayReadRoom(db, s.roomId, s.roomKind ?? "", who))) return answer;
  return withoutContent(answer);
}
