// Core's room snapshot (compact arrays of every member's notification facts) kept current for one room, and
// each message's banner / sound / inbox answer read from core's `decide` — for every room kind. The gateway
// decides nothing itself: it loads facts (preferences from the store, activity from the presence service,
// the mentions the post path resolved), calls core, and per device applies DSK-2 / DSK-3 (which tab shows
// the banner), which only it can see.
import {
  type ActivityFacts,
  BIT,
  buildRoomSnapshot,
  channelsOf,
  channelTrigger,
  type Decisions,
  decide,
  type MemberFacts,
  type MessageEvent,
  type ResolvedMentions,
  type RoomSnapshot,
  removeMember,
  TRIGGERS,
  triggerOf,
  triggerSetOf,
  updateMemberPresence,
  upsertMember,
} from "@herald/core";
import type { CoreRoomFacts, MessageView, RoomKind, Trigger } from "./ports.ts";

/** One member's part of core's answer, in the shape the fan-out writes. */
export interface MemberDecision {
  /** The recipient's trigger (TRG-1); null = none. */
  trigger: Trigger | null;
  /** What the notify names (its banner's words, PRV-10): the first trigger the desktop level allows (TRG-1) —
   *  `group` for `@all` in a thread followed with thread notifications off, though the recipient's is
   *  `thread`; without a banner, the recipient's trigger. */
  notifyTrigger: Trigger | null;
  /** Banner on desktop/web devices (DSK-1). */
  banner: boolean;
  sound: string | null;
  volume: number;
  /** An in-app notify item (GEN-1). */
  inbox: boolean;
  /** The rule the outcome rests on, for the decision record (EXP-3). */
  rules: string[];
}

/** The facts of one message core decides on; `previous` only for an edit (TRG-3). */
export interface MessageInput {
  message: MessageView;
  mentions: ResolvedMentions;
  /** MEN-2: members online at send time, as the post path read them. */
  hereOnline?: readonly string[];
  previous?: ResolvedMentions;
  threadFollowers?: readonly string[];
}

function messageEvent(x: MessageInput): MessageEvent {
  const m = x.message;
  const threadOnly = !!m.threadRootId && !m.alsoInRoom;
  const ev: MessageEvent = {
    kind: "message",
    message: {
      id: m.id,
      roomId: m.roomId,
      seq: threadOnly ? 0 : m.seq,
      senderId: m.senderId,
      text: m.text,
      threadRootId: m.threadRootId ?? null,
      alsoInRoom: m.alsoInRoom === true,
      createdAt: m.createdAt,
      kind: m.kind,
    },
    senderRole: m.senderRole,
    mentions: x.mentions,
    threadFollowers: x.threadFollowers ?? [],
  };
  if (x.previous) ev.previousMentions = x.previous;
  if (x.hereOnline) ev.hereOnline = x.hereOnline;
  return ev;
}

export class CoreRoom {
  readonly snap: RoomSnapshot;

  /** `activity` gives the presence service's facts of members it knows (the rest: the store's). */
  constructor(
    room: { roomId: string; kind: RoomKind },
    facts: CoreRoomFacts,
    activity: (userId: string) => ActivityFacts | undefined,
    now: number,
  ) {
    const members = facts.members.map((m) => withActivity(m, activity(m.userId)));
    this.snap = buildRoomSnapshot(
      { id: room.roomId, kind: room.kind, memberCount: facts.memberCount },
      members,
      facts.admin,
      now,
    );
  }

  has(userId: string): boolean {
    return this.snap.indexByUserId.has(userId);
  }

  /** A member's presence facts changed (connect, input, lock, disconnect, on any node). */
  setActivity(userId: string, activity: ActivityFacts): void {
    updateMemberPresence(this.snap, userId, { activity });
  }

  /** A joined member or changed preferences; keeps the activity already known. */
  upsert(m: MemberFacts, activity: ActivityFacts | undefined, now: number): void {
    upsertMember(this.snap, withActivity(m, activity), now);
  }

  remove(userId: string, now: number): void {
    removeMember(this.snap, userId, now);
  }

  /** Core's answer for the whole room at once (compact); the fan-out reads its local members' part. For an
   *  edit, core notifies only users with a personal trigger now and none before (TRG-3). */
  decide(x: MessageInput, now: number): Decisions {
    return decide(messageEvent(x), this.snap, now);
  }

  /** One member's part of core's answer. */
  member(d: Decisions, userId: string): MemberDecision {
    const i = this.snap.indexByUserId.get(userId);
    if (i === undefined)
      return {
        trigger: null,
        notifyTrigger: null,
        banner: false,
        sound: null,
        volume: 0,
        inbox: false,
        rules: [],
      };
    const trigger = TRIGGERS[triggerOf(d, i)] as Trigger | null;
    const ch = channelsOf(d, i);
    const f = this.snap.members[i];
    const eff = this.snap.effective[i];
    const banner = (ch & BIT.banner) !== 0;
    const sound = (ch & BIT.sound) !== 0 && eff.sound !== "none" ? eff.sound : null;
    const named = banner ? channelTrigger(this.snap, i, triggerSetOf(d, i), "banner") : 0;
    return {
      trigger,
      notifyTrigger: named ? (TRIGGERS[named] as Trigger) : trigger,
      banner,
      sound,
      volume: f.account.volume,
      inbox: (ch & BIT.inbox) !== 0,
      rules: rulesOf(this.snap, i, d, trigger, sound !== null),
    };
  }
}

/** The rules a member's outcome rests on, for the record (EXP-3): what core answered, never re-derived — a
 *  member with a trigger and no banner is DSK-1's (level, PRF-36, busy, quiet hours, MEN-6); explain rebuilds
 *  which of those with core's `explain`. */
function rulesOf(
  snap: RoomSnapshot,
  i: number,
  d: Decisions,
  trigger: Trigger | null,
  sound: boolean,
): string[] {
  if (trigger === null) return [i === d.senderIndex ? "MEN-5" : "TRG-1"];
  const eff = snap.effective[i];
  const rules = ["TRG-1", "DSK-1"];
  if (!banner(d, i)) return rules;
  rules.push(eff.sources.desktop === "room" ? "PRF-33" : "PRF-1");
  if (sound) rules.push(snap.members[i].room.sound === "default" ? "PRF-8" : "PRF-34");
  return rules;
}

const banner = (d: Decisions, i: number) => (channelsOf(d, i) & BIT.banner) !== 0;

function withActivity(m: MemberFacts, activity: ActivityFacts | undefined): MemberFacts {
  return activity ? { ...m, activity, view: undefined } : { ...m, view: undefined };
}
