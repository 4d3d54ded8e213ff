// Core's room snapshot (compact arrays of every member's notification facts) kept current for one room, and
// the banner/sound decision read from core's `decide` (DSK-1, DSK-2 at member level is left to the gateway,
// which knows each device; TRG-1 … TRG-3, MEN-5 … MEN-7, PRF-1, PRF-6, PRF-16, PRF-20, PRF-33 … PRF-37,
// PRS-5 come from core). The gateway only reads the banner / sound / inbox bits of its local members, so the
// activity it keeps in the snapshot is synthetic: "connected on desktop/web or not" (F.desktopConn gates
// banners), and for `@here` the post path's own "online at send time" list is written in before deciding.
import {
  type ActivityFacts,
  BIT,
  buildRoomSnapshot,
  channelsOf,
  type Decisions,
  decide,
  type MemberFacts,
  type MessageEvent,
  onlineAt,
  type RoomSnapshot,
  removeMember,
  TRIGGERS,
  triggerOf,
  upsertMember,
} from "@herald/core";
import type { MemberDecision, PreparedMessage } from "./decide-local.ts";
import type { CoreRoomFacts, MessageView, RoomInfo } from "./ports.ts";

function activity(m: MemberFacts, connected: "desktop" | "mobile" | null, now: number): ActivityFacts {
  return {
    hasDesktopConnection: connected === "desktop",
    // Connected = active for `@here` unless the post path says otherwise (see decide()).
    lastActivityAt: connected ? now : Number.NEGATIVE_INFINITY,
    desktopGoneAt: connected === "desktop" ? null : 0,
    lockedSince: null,
    hasAnyConnection: connected !== null,
    anyGoneAt: connected ? null : 0,
    autoAway: false,
    idleSeconds: m.account.idleSeconds,
    manual: m.status.manual,
  };
}

function messageEvent(m: MessageView, threadFollowers: readonly string[]): MessageEvent {
  const threadOnly = !!m.threadRootId && !m.alsoInRoom;
  return {
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
    threadFollowers,
  };
}

export class CoreRoom {
  readonly snap: RoomSnapshot;
  /** Last connectivity written per local member, so unchanged states cost nothing. */
  readonly #connected = new Map<string, "desktop" | "mobile" | null>();

  constructor(info: RoomInfo, facts: CoreRoomFacts, now: number) {
    const members = facts.members.map((m) => ({ ...m, activity: activity(m, null, now), view: undefined }));
    this.snap = buildRoomSnapshot(
      { id: info.roomId, kind: info.kind, memberCount: facts.memberCount },
      members,
      facts.admin,
      now,
    );
  }

  setConnected(userId: string, connected: "desktop" | "mobile" | null, now: number): void {
    if ((this.#connected.get(userId) ?? null) === connected) return;
    const i = this.snap.indexByUserId.get(userId);
    if (i === undefined) return;
    const m = this.snap.members[i];
    upsertMember(this.snap, { ...m, activity: activity(m, connected, now) }, now);
    if (connected) this.#connected.set(userId, connected);
    else this.#connected.delete(userId);
  }

  upsert(m: MemberFacts, now: number): void {
    const connected = this.#connected.get(m.userId) ?? null;
    upsertMember(this.snap, { ...m, activity: activity(m, connected, now), view: undefined }, now);
  }

  remove(userId: string, now: number): void {
    removeMember(this.snap, userId, now);
    this.#connected.delete(userId);
  }

  /** Runs core's decide once for the message. For `@here`, local members' "online" is first aligned with
   *  the post path's list (MEN-2 is judged at send time, on the node that posted). */
  decide(p: PreparedMessage, now: number): Decisions {
    const m = p.ev.message;
    if (p.here) {
      for (const [userId, connected] of this.#connected) {
        const i = this.snap.indexByUserId.get(userId)!;
        const want = p.here.has(userId);
        if (onlineAt(this.snap, i, now) === want) continue;
        const f = this.snap.members[i];
        const a = activity(f, connected, now);
        upsertMember(
          this.snap,
          { ...f, activity: want ? a : { ...a, lastActivityAt: Number.NEGATIVE_INFINITY, autoAway: true } },
          now,
        );
      }
    }
    return decide(messageEvent(m, p.ev.threadFollowerIds ?? []), this.snap, now);
  }

  /** TRG-3: an edit. Core notifies only users the new text mentions and the old one did not; the caller
   *  passes no old text (the post path already knows who is new) and reads only those users' bits. */
  decideEdit(m: MessageView, now: number): Decisions {
    return decide({ ...messageEvent(m, []), previousText: "" }, this.snap, now);
  }

  /** One member's part of core's result, in the shape the fan-out uses. */
  member(d: Decisions, userId: string, senderId: string, now: number): MemberDecision {
    const i = this.snap.indexByUserId.get(userId);
    const none: MemberDecision = {
      trigger: null,
      banner: false,
      mobileBanner: false,
      sound: null,
      volume: 0,
      alsoWhenFocused: false,
      rules: ["TRG-1"],
    };
    if (i === undefined) return none;
    const trigger = TRIGGERS[triggerOf(d, i)];
    const ch = channelsOf(d, i);
    const f = this.snap.members[i];
    const banner = (ch & BIT.banner) !== 0;
    const sound = (ch & BIT.sound) !== 0 ? this.snap.effective[i].sound : null;
    let rules: string[];
    if (trigger === null) rules = [i === d.senderIndex ? "MEN-5" : "TRG-1"];
    else if (banner)
      rules = ["TRG-1", "DSK-1", this.snap.effective[i].sources.desktop === "room" ? "PRF-33" : "PRF-1"];
    else if (f.ignores?.includes(senderId)) rules = ["MEN-6"];
    else if (this.snap.silencedUntil[i] > now) rules = ["PRF-36"];
    else if (this.snap.busyUntil[i] > now) rules = ["PRS-5"];
    else rules = ["DSK-1"];
    if (sound) rules.push(this.snap.effective[i].sound === f.account.sound ? "PRF-8" : "PRF-34");
    return {
      trigger,
      banner,
      mobileBanner: false,
      sound: sound === "none" ? null : sound,
      volume: f.account.volume,
      alsoWhenFocused: false,
      rules,
      inbox: (ch & BIT.inbox) !== 0,
    };
  }
}
