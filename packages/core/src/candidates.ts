// Push, email and inbox candidacy (PSH-1, EML-1, GEN-1) for a list of members the server loaded: the same
// trigger and channel functions decide() runs (TRG-1 … TRG-3, PRF-36, PSH-1, EML-1, PRV-8, MEN-6), member by member, so
// the delivery jobs build their rows from this answer and never look at a level themselves. Outside the hot
// loop of decide(): the server calls it for a post's personal recipients and for one page of an expansion.
import { eventContext, type MessageEvent, triggerSetFor } from "./event.ts";
import { channelsFor, channelTrigger, recipientTrigger } from "./kernel.ts";
import { BIT, type Reason, type RoomKind, TRIGGER_CODES as T, TRIGGERS, type Trigger } from "./model.ts";
import { silencedFact } from "./preferences.ts";
import type { AdminSettings } from "./settings.ts";
import { buildRoomSnapshot, F, type MemberFacts, type RoomSnapshot } from "./snapshot.ts";

export interface MemberCandidacy {
  userId: string;
  /** TRG-1: the recipient's trigger; null when nothing applies (the sender, TRG-2, TRG-3). */
  trigger: Trigger | null;
  /** The trigger each channel names (TRG-1: its first allowed one) when the member is its candidate. */
  push: Trigger | null;
  email: Trigger | null;
  /** GEN-1: the inbox item's type (the recipient's trigger) when the member gets one — never for `all`, never
   *  for a member who ignores the sender (MEN-6); null otherwise. */
  inbox: Trigger | null;
  /** Why a member with a trigger is not a candidate of a channel (EXP-3: recorded, never silent). */
  skipped: { channel: "push" | "email"; reason: Reason }[];
}

export interface CandidacyRoom {
  id: string;
  kind: RoomKind;
  /** The room's size for MEN-7 (PRV-9) when `members` holds only some of them. */
  memberCount?: number;
}

/**
 * Candidacy of each member in `members` for the message event. `online` answers MEN-2's `@here` for the
 * members the caller knows were online at send time; everyone else counts as not online.
 */
export function decideForMembers(
  ev: MessageEvent,
  room: CandidacyRoom,
  members: readonly MemberFacts[],
  admin: AdminSettings,
  now: number,
  online: (userId: string) => boolean = () => false,
): MemberCandidacy[] {
  const snap = buildRoomSnapshot(room, members, admin, now);
  const ctx = eventContext(ev, snap);
  const isOnline = (k: number) => online(snap.userIds[k]);
  const out: MemberCandidacy[] = [];
  for (let i = 0; i < snap.size; i++) {
    const set = triggerSetFor(snap, ctx, i, isOnline);
    const t = set === 0 ? T.none : recipientTrigger(set, snap.levelBits[i]);
    const entry: MemberCandidacy = {
      userId: snap.userIds[i],
      trigger: TRIGGERS[t],
      push: null,
      email: null,
      inbox: null,
      skipped: [],
    };
    out.push(entry);
    if (set === 0) continue;
    const bits = channelsFor(snap, ctx, i, set, now);
    const ignored = ctx.ignorers?.has(i) === true;
    if (bits & BIT.inbox) entry.inbox = TRIGGERS[t];
    if (bits & (BIT.push | BIT.pushScheduled)) entry.push = TRIGGERS[channelTrigger(snap, i, set, "push")];
    else entry.skipped.push({ channel: "push", reason: whyNot(snap, i, set, t, 1, now, ignored) });
    if (bits & BIT.emailScheduled) entry.email = TRIGGERS[channelTrigger(snap, i, set, "email")];
    else entry.skipped.push({ channel: "email", reason: whyNot(snap, i, set, t, 2, now, ignored) });
  }
  return out;
}

const LEVEL_NAMES = ["nothing", "mentions", "all"];

/** The first check of channelsFor that left the channel out, in its order, as words (GEN-9). */
function whyNot(
  snap: RoomSnapshot,
  i: number,
  set: number,
  t: number,
  ch: 1 | 2,
  now: number,
  ignored: boolean,
): Reason {
  const channel = ch === 1 ? "push" : "email";
  const levelRule = ch === 1 ? "PSH-1" : "EML-1";
  if (ignored) return { rule: "MEN-6", fact: "recipient ignores the sender" };
  if (snap.silencedUntil[i] > now) return { rule: "PRF-36", fact: silencedFact(snap.members[i].room) };
  if (snap.busyUntil[i] > now) return { rule: levelRule, fact: "busy" };
  if (channelTrigger(snap, i, set, channel) === 0) {
    const level = LEVEL_NAMES[(ch === 1 ? snap.push : snap.email)[i]];
    return { rule: levelRule, fact: `${channel} level ${level} does not allow ${TRIGGERS[t]}` };
  }
  if (!(snap.flags[i] & F.hasEmail)) return { rule: "EML-1", fact: "no email address" };
  return { rule: "PRV-8", fact: "email not verified" };
}
