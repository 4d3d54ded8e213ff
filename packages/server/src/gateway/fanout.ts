// Fan-out of one new message (ARCHITECTURE "path of a message", step 2): the shared frame is serialized ONCE;
// each locally connected member gets one write = shared frame + its personal part (notify with banner/sound
// on one tab per device, badge). Core decides for the whole room at once; only members of the room's index
// are visited (GEN-5). Decisions are recorded compactly for explain (EXP-3): one entry per notified user,
// one aggregate per "nothing" reason.

import { bannerNotice, type ResolvedMentions, type Trigger } from "@herald/core";
import type { NotifyBanner } from "@herald/core/realtime";
import { assignedRoom } from "./assigned.ts";
import type { MessageFacts } from "./badges.ts";
import type { Connection } from "./connection.ts";
import type { MemberDecision } from "./core-room.ts";
import type { MessageCreated } from "./events.ts";
import type { LocalUser } from "./local.ts";
import type { DecisionRecord, MessageView } from "./ports.ts";
import { frameJson } from "./protocol.ts";
import type { RoomState } from "./rooms.ts";
import { markBanner, type NotifyEntry, notifyJson } from "./user-log.ts";

export interface FanoutResult {
  writes: number;
  record: DecisionRecord;
}

/** DSK-4: title = sender (+ " in #room" outside DMs); body = first line, plain text, ≤ 200 characters;
 *  content per PRV-10 (generic: who and why, from the trigger). The words are core's (notice.ts). */
export function bannerOf(m: MessageView, room: RoomState, trigger: Trigger | null = null): NotifyBanner {
  const content = room.core?.snap.admin.bannerContent ?? "full";
  const files = m.files?.map((f) => f.name);
  const input = {
    senderName: m.senderName,
    roomName: room.name,
    roomKind: room.kind,
    text: m.text,
    trigger,
    files,
  };
  const { title, body } = bannerNotice(input, content);
  return { title, body, senderId: m.senderId };
}

/** The rows the post transaction stored for the message, per member: the badge applies them (BDG-1). */
class StoredFacts {
  readonly #personal = new Set<string>();
  readonly #here: Set<string>;
  readonly #followers: Set<string>;
  readonly #all: boolean;

  constructor(resolved: ResolvedMentions, hereOnline: readonly string[], followers: readonly string[]) {
    for (const u of resolved.users) this.#personal.add(u);
    for (const [u] of resolved.keywords) this.#personal.add(u);
    this.#here = new Set(resolved.here ? hereOnline : []);
    this.#followers = new Set(followers);
    this.#all = resolved.all;
  }

  of(userId: string): MessageFacts {
    return {
      personal: this.#personal.has(userId),
      here: this.#here.has(userId),
      all: this.#all,
      follows: this.#followers.has(userId),
    };
  }
}

/** DSK-2 / DSK-3: per device, no banner if a tab shows the message; else the most recently seen tab. */
function bannerTabs(conns: Set<Connection>, d: MemberDecision, m: MessageView): Map<string, Connection> {
  const byDevice = new Map<string, Connection[]>();
  for (const c of conns) {
    if (!c.ready && !c.buffer) continue;
    const list = byDevice.get(c.deviceId);
    if (list) list.push(c);
    else byDevice.set(c.deviceId, [c]);
  }
  const chosen = new Map<string, Connection>();
  for (const [deviceId, list] of byDevice) {
    // DSK-1: banners are for desktop/web devices; a phone is told by push.
    if (!d.banner || list[0].deviceKind === "mobile") continue;
    if (list.some((c) => c.shows(m.roomId, m.threadRootId, m.alsoInRoom))) continue;
    let best = list[0];
    for (const c of list) {
      const rank = (x: Connection) => (x.focused ? 2 : 0) + (x.visible ? 1 : 0);
      if (rank(c) > rank(best) || (rank(c) === rank(best) && c.lastSeenAt > best.lastSeenAt)) best = c;
    }
    chosen.set(deviceId, best);
  }
  return chosen;
}

/** JSON pieces shared by every recipient of one message: built once, concatenated per recipient. */
export class MessagePieces {
  readonly shared: string;
  /** Room seq live writes are queued under during a resume (0: none, e.g. an edit). */
  readonly seq: number;
  readonly roomKey: string;
  readonly message: MessageView;
  readonly #m: MessageView;
  readonly #room: RoomState;
  readonly #tails = new Map<string, string>();
  readonly #sounds = new Map<string, string>();
  readonly #banners = new Map<string, string>();

  /** `t` = "message.updated" for an edit (TRG-3), whose notify says `edited: true`. */
  constructor(
    m: MessageView,
    room: RoomState,
    t: "message" | "message.updated" | "message.deleted" = "message",
  ) {
    this.#m = m;
    this.message = m;
    this.#room = room;
    this.shared = frameJson({ t, roomId: m.roomId, seq: m.seq, message: m });
    this.seq = t === "message" ? m.seq : 0;
    this.#edited = t === "message.updated" ? ',"edited":true' : "";
    this.roomKey = JSON.stringify(m.roomId);
  }

  readonly #edited: string;

  tail(trigger: string): string {
    let t = this.#tails.get(trigger);
    if (t === undefined) {
      const m = this.#m;
      const thread = m.threadRootId ? `,"threadId":${JSON.stringify(m.threadRootId)}` : "";
      t = `,"messageId":${JSON.stringify(m.id)},"roomId":${this.roomKey}${thread},"trigger":"${trigger}"${this.#edited}`;
      this.#tails.set(trigger, t);
    }
    return t;
  }

  /** Built once per message — per trigger only when PRV-10 generic banners say why. */
  banner(trigger: Trigger | null): string {
    const full = (this.#room.core?.snap.admin.bannerContent ?? "full") === "full";
    const key = full ? "" : String(trigger);
    let b = this.#banners.get(key);
    if (b === undefined) {
      b = `,"banner":${JSON.stringify(bannerOf(this.#m, this.#room, trigger))}`;
      this.#banners.set(key, b);
    }
    return b;
  }

  sound(name: string, volume: number): string {
    const key = `${name}|${volume}`;
    let s = this.#sounds.get(key);
    if (s === undefined) {
      s = `,"sound":${JSON.stringify({ name, volume, loop: false })}`;
      this.#sounds.set(key, s);
    }
    return s;
  }
}

export function fanoutMessage(
  ev: MessageCreated,
  room: RoomState,
  locals: ReadonlyMap<string, LocalUser>,
  now: number,
): FanoutResult {
  const m = ev.message;
  const followers = ev.threadFollowerIds ?? [];
  const stored = new StoredFacts(ev.resolved, ev.hereOnline, followers);
  const pieces = new MessagePieces(m, room);
  const record: DecisionRecord = { messageId: m.id, roomId: m.roomId, at: now, notified: [], nothing: [] };
  const nothing = new Map<string, DecisionRecord["nothing"][number]>();
  let writes = 0;
  room.lastSeq = Math.max(room.lastSeq, m.seq);
  room.seqKnown = true;
  // Core decides for the whole room at once (compact result); the loop reads local members' bits.
  const core = room.core;
  const decisions = core.decide(
    { message: m, mentions: ev.resolved, hereOnline: ev.hereOnline, threadFollowers: followers },
    now,
  );
  // Visit whichever is smaller: the room's members or this node's users.
  const candidates = locals.size < room.size ? locals.keys() : room.userIds.values();
  for (const userId of candidates) {
    const lu = locals.get(userId);
    // Users within their reconnect grace (no connection right now) are still decided and logged, so a
    // short reconnect resumes with everything (GEN-7).
    if (!lu?.snapshot || !lu.badge || !room.has(userId)) continue;
    const d = core.member(decisions, userId);
    const badgeMoved = lu.badge.applyMessage(userId, m, stored.of(userId));
    let personal = badgeMoved ? badgeJson(lu, m.roomId, pieces.roomKey) : "";
    const assigned = room.kind === "conversation" ? assignedRoom(room, lu) : "";
    if (assigned) personal = personal ? `${personal},${assigned}` : assigned;
    const notify = d.banner || d.inbox;
    const tabs = writeMember(lu, notify ? d : null, pieces, personal, now);
    writes += lu.conns.size;
    if (tabs && tabs.size > 0) {
      record.notified.push({
        userId,
        trigger: d.trigger!,
        devices: [...tabs.keys()],
        sound: !!d.sound,
        rules: d.rules,
      });
    } else {
      // Typed (rule, trigger) groups: the recorder reads them as they are, never parses a string back.
      const rule = d.rules[d.rules.length - 1];
      const key = `${rule}|${d.trigger}`;
      const group = nothing.get(key);
      if (group) group.userIds.push(userId);
      else nothing.set(key, { rule, trigger: d.trigger, userIds: [userId] });
    }
  }
  record.nothing.push(...nothing.values());
  return { writes, record };
}

/** One write per connection of one member: the shared frame + its notify (banner on one tab per device,
 *  logged for resume) + its personal frames (badge, assigned.unread). Returns the tabs that got a banner. */
export function writeMember(
  lu: LocalUser,
  d: MemberDecision | null,
  pieces: MessagePieces,
  personal: string,
  now: number,
): Map<string, Connection> | null {
  const m = pieces.message;
  const tabs = d && lu.conns.size > 0 ? bannerTabs(lu.conns, d, m) : null;
  const entry = d ? logNotify(lu, d, pieces, now) : null;
  let plain: string | null = null;
  for (const c of lu.conns) {
    // A resume that read this message from the store sent it already: its notify and badge still go.
    const shared = pieces.seq && c.wasReplayed(m.roomId, pieces.seq) ? "" : pieces.shared;
    let data: string;
    if (entry !== null && tabs?.get(c.deviceId) === c) {
      markBanner(entry, c.deviceId);
      data = multiJson(shared, notifyJson(entry, true, false), personal);
    } else if (shared) {
      plain ??= multiJson(shared, entry ? notifyJson(entry, false, false) : "", personal);
      data = plain;
    } else data = multiJson(shared, entry ? notifyJson(entry, false, false) : "", personal);
    if (data) c.deliver(data, pieces.seq ? m.roomId : null, pieces.seq);
  }
  return tabs;
}

/** One frame of the events given (empty ones left out): a `multi` when more than one. */
function multiJson(shared: string, notify: string, badge: string): string {
  if (!notify && !badge) return shared;
  if (!shared) return notify && badge ? `{"t":"multi","events":[${notify},${badge}]}` : notify || badge;
  return `{"t":"multi","events":[${shared}${notify ? `,${notify}` : ""}${badge ? `,${badge}` : ""}]}`;
}

function logNotify(lu: LocalUser, d: MemberDecision, pieces: MessagePieces, now: number): NotifyEntry {
  const m = pieces.message;
  const entry: NotifyEntry = {
    kind: "notify",
    cursor: lu.log.next(),
    at: now,
    roomId: m.roomId,
    seq: m.seq,
    messageId: m.id,
    tail: pieces.tail(d.notifyTrigger!),
    banner: d.banner ? pieces.banner(d.notifyTrigger) : "",
    sound: d.sound ? pieces.sound(d.sound, d.volume) : "",
    bannerDevices: null,
  };
  lu.log.add(entry, now);
  return entry;
}

/** A badge frame with only one room (`roomKey` = its JSON-quoted id), built by concatenation. */
function badgeJson(lu: LocalUser, roomId: string, roomKey: string): string {
  const b = lu.badge!;
  return `{"t":"badge","cursor":${lu.log.next()},"total":${b.total},"dot":${b.dot},"rooms":{${roomKey}:${b.roomJson(roomId)}}}`;
}

/** A badge frame with one room, or every room when `roomId` is omitted. */
export function badgeFrame(lu: LocalUser, roomId?: string): string {
  if (roomId !== undefined) return badgeJson(lu, roomId, JSON.stringify(roomId));
  return frameJson({ t: "badge", cursor: lu.log.next(), ...lu.badge!.view() });
}
