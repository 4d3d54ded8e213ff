// Edits and deletes (TRG-3). Every local member gets `message.updated` / `message.deleted` (one shared frame);
// on an edit, only members newly mentioned by it (personally or by keyword, as the edit transaction wrote them)
// also get a `notify` — banner and sound per their preferences, from core's decide (or decide-local.ts).
// Badges (BDG-4, BDG-6): members whose counts the change can move — newly mentioned, reached by a newly added
// `@all` / `@here`, or (delete) with mentions counted in the room — are recounted from the store (recount.ts)
// and get a badge frame in the same write when it changed. Conversation rooms never notify here (SUP-7).
import type { UserBadge } from "./badges.ts";
import type { MemberDecision } from "./decide-local.ts";
import { prepare } from "./decide-local.ts";
import type { MessageChanged } from "./events.ts";
import { badgeFrame, type DecideFn, MessagePieces, writeMember } from "./fanout.ts";
import type { LocalUser } from "./local.ts";
import type { DecisionRecord, GatewayStore } from "./ports.ts";
import { affectedMembers, recountBadges, sameBadge } from "./recount.ts";
import type { RoomState } from "./rooms.ts";

export async function fanoutChange(
  ev: MessageChanged,
  room: RoomState,
  locals: ReadonlyMap<string, LocalUser>,
  decide: DecideFn,
  store: GatewayStore,
  now: number,
): Promise<DecisionRecord | null> {
  const m = ev.message;
  const fresh = new Map<string, "mention" | "keyword">();
  if (ev.type === "message.updated" && room.kind !== "conversation" && m.kind === "user")
    for (const x of ev.newMentions ?? [])
      if (x.userId !== m.senderId && room.has(x.userId)) fresh.set(x.userId, x.kind);
  const local = [...fresh.keys()].filter((u) => locals.get(u)?.snapshot);
  // Recount first (async), then write every member in one synchronous pass, so nothing interleaves.
  const badges = await recountBadges(store, affectedMembers(ev, room, locals, local));
  const decisions = local.length ? decideEdit(ev, room, locals, fresh, decide, now) : new Map();
  const t = ev.type === "message.updated" ? "message.updated" : "message.deleted";
  const pieces = new MessagePieces(m, room, t);
  const record: DecisionRecord = { messageId: m.id, roomId: m.roomId, at: now, notified: [], nothing: [] };
  for (const userId of room.userIds) {
    const lu = locals.get(userId);
    if (!lu) continue;
    const d = decisions.get(userId) ?? null;
    const personal = applyBadge(lu, badges.get(userId), d !== null);
    if (lu.conns.size === 0 && !d) continue;
    const tabs = writeMember(lu, d, pieces, personal, now);
    if (d && tabs && tabs.size > 0)
      record.notified.push({
        userId,
        trigger: d.trigger!,
        devices: [...tabs.keys()],
        sound: !!d.sound,
        rules: d.rules,
      });
    else if (d) record.nothing.push({ reason: `${d.rules.at(-1)} (${d.trigger})`, userIds: [userId] });
  }
  return decisions.size ? record : null;
}

/** Installs a recount (users within the reconnect grace too: a resume serves it); the badge frame when it
 *  changed, or always for a notified member (the notify and its badge travel together). */
function applyBadge(lu: LocalUser, badge: UserBadge | undefined, notified: boolean): string {
  if (!badge) return "";
  const changed = !sameBadge(lu.badge, badge);
  lu.badge = badge;
  return changed || notified ? badgeFrame(lu) : "";
}

/** Banner/sound of each newly mentioned local member; one who core gives no trigger still gets the in-app
 *  notify (the edit wrote their mention row, so the inbox has the item: GEN-1). */
function decideEdit(
  ev: MessageChanged,
  room: RoomState,
  locals: ReadonlyMap<string, LocalUser>,
  fresh: Map<string, "mention" | "keyword">,
  decide: DecideFn,
  now: number,
): Map<string, MemberDecision> {
  const m = ev.message;
  const out = new Map<string, MemberDecision>();
  const core = room.core ? room.core.decideEdit(m, now) : null;
  const p = prepare({
    type: "message.created",
    message: m,
    mentions: [...fresh].map(([userId, kind]) => ({ userId, kind })),
    group: null,
  });
  for (const [userId, kind] of fresh) {
    const lu = locals.get(userId);
    if (!lu?.snapshot) continue;
    let d = core
      ? room.core!.member(core, userId, m.senderId, now)
      : decide(p, room, lu, room.prefs(userId)!, now);
    if (d.trigger === null) d = { ...d, trigger: kind, rules: ["TRG-3", ...d.rules], inbox: true };
    out.set(userId, { ...d, rules: d.rules.includes("TRG-3") ? d.rules : ["TRG-3", ...d.rules] });
  }
  return out;
}
