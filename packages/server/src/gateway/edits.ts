// Edits and deletes (TRG-3). Every local member gets `message.updated` / `message.deleted` (one shared frame);
// on an edit, core's `decide` — given the mentions of the new and of the earlier text — names the members to
// notify (a personal trigger now and none before); they also get a `notify` with banner and sound per core.
// Badges (BDG-4, BDG-6): members whose counts the change can move — newly mentioned, reached by a newly added
// `@all` / `@here`, or (delete) with unread or mentions in the room — are recounted from the store
// (recount.ts) and get a badge frame in the same write when it changed.
import { forEachRecipient } from "@herald/core";
import type { UserBadge } from "./badges.ts";
import type { MemberDecision } from "./core-room.ts";
import type { MessageChanged } from "./events.ts";
import { badgeFrame, MessagePieces, writeMember } from "./fanout.ts";
import type { LocalUser } from "./local.ts";
import type { DecisionRecord, GatewayStore } from "./ports.ts";
import { affectedMembers, recountBadges, sameBadge } from "./recount.ts";
import type { RoomState } from "./rooms.ts";

export async function fanoutChange(
  ev: MessageChanged,
  room: RoomState,
  locals: ReadonlyMap<string, LocalUser>,
  store: GatewayStore,
  now: number,
): Promise<DecisionRecord | null> {
  const m = ev.message;
  const decisions = ev.type === "message.updated" ? decideEdit(ev, room, locals, now) : new Map();
  // Recount first (async), then write every member in one synchronous pass, so nothing interleaves.
  const badges = await recountBadges(store, affectedMembers(ev, room, locals, decisions.keys()));
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
    else if (d)
      record.nothing.push({ rule: d.rules[d.rules.length - 1], trigger: d.trigger, userIds: [userId] });
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

/** TRG-3 by core: the local members the edit notifies (an in-app item at least), with banner and sound. */
function decideEdit(
  ev: MessageChanged,
  room: RoomState,
  locals: ReadonlyMap<string, LocalUser>,
  now: number,
): Map<string, MemberDecision> {
  const out = new Map<string, MemberDecision>();
  const m = ev.message;
  if (!ev.resolved || !ev.previousResolved) return out;
  const d = room.core.decide({ message: m, mentions: ev.resolved, previous: ev.previousResolved }, now);
  forEachRecipient(d, (i) => {
    const userId = room.core.snap.userIds[i];
    if (!locals.get(userId)?.snapshot) return;
    const x = room.core.member(d, userId);
    out.set(userId, { ...x, rules: ["TRG-3", ...x.rules] });
  });
  return out;
}
