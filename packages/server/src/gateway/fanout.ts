// Fan-out of one new message (ARCHITECTURE "path of a message", step 2): the shared frame is serialized ONCE;
// each locally connected member gets one write = shared frame + its personal part (notify with banner/sound
// on one tab per device, badge). Only members of the room's index are visited (GEN-5). Decisions are
// recorded compactly for explain (EXP-3): one entry per notified user, one aggregate per "nothing" reason.

import { assignedRoom } from "./assigned.ts";
import type { Connection } from "./connection.ts";
import { type MemberDecision, type PreparedMessage, prepare } from "./decide-local.ts";
import type { MessageCreated } from "./events.ts";
import type { LocalUser } from "./local.ts";
import type { DecisionRecord, MemberPrefs, MessageView } from "./ports.ts";
import type { RoomState } from "./rooms.ts";
import { markBanner, type NotifyEntry, notifyJson } from "./user-log.ts";

export type DecideFn = (
  p: PreparedMessage,
  room: RoomState,
  lu: LocalUser,
  prefs: MemberPrefs,
  now: number,
) => MemberDecision;

export interface FanoutResult {
  writes: number;
  record: DecisionRecord;
}

/** DSK-4: title = sender (+ " in #room" outside DMs); body = first line, plain text, ≤ 200 characters. */
export function bannerOf(m: MessageView, room: RoomState): Record<string, unknown> {
  const firstLine = m.text.split("\n", 1)[0].trim();
  const body = firstLine.length > 200 ? `${firstLine.slice(0, 199)}…` : firstLine;
  const dm = room.kind === "dm" || room.kind === "gdm";
  return { title: dm ? m.senderName : `${m.senderName} in #${room.name}`, body, senderId: m.senderId };
}

/** BDG-1: personal, keyword and (unless muted) group mentions count, whatever the trigger. */
function mentions(p: PreparedMessage, userId: string, prefs: MemberPrefs): boolean {
  if (p.ev.message.senderId === userId) return false;
  if (p.mention.has(userId)) return true;
  const group = p.ev.group === "all" || (p.ev.group === "here" && !!p.here?.has(userId));
  return group && !prefs.muteGroup;
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
    const allowed = list[0].deviceKind === "mobile" ? d.mobileBanner : d.banner;
    if (!allowed) continue;
    if (list.some((c) => c.shows(m.roomId, m.threadRootId, m.alsoInRoom))) continue;
    if (d.rules[0] === "SUP-8" && !d.alsoWhenFocused && list.some((c) => c.focused)) continue;
    let best = list[0];
    for (const c of list) {
      const rank = (x: Connection) => (x.focused ? 2 : 0) + (x.visible ? 1 : 0);
      if (rank(c) > rank(best) || (rank(c) === rank(best) && c.lastSeenAt > best.lastSeenAt)) best = c;
    }
    chosen.set(deviceId, best);
  }
  return chosen;
}

/** A member of a conversation room: no chat trigger; support events alert (SUP-7, SUP-8). */
const SUPPORT_ONLY: MemberDecision = {
  trigger: null,
  banner: false,
  mobileBanner: false,
  sound: null,
  volume: 0,
  alsoWhenFocused: false,
  rules: ["SUP-7"],
};

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
  #banner: string | null = null;

  /** `t` = "message.updated" for an edit (TRG-3), whose notify says `edited: true`. */
  constructor(
    m: MessageView,
    room: RoomState,
    t: "message" | "message.updated" | "message.deleted" = "message",
  ) {
    this.#m = m;
    this.message = m;
    this.#room = room;
    this.shared = JSON.stringify({ t, roomId: m.roomId, seq: m.seq, message: m });
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

  banner(): string {
    this.#banner ??= `,"banner":${JSON.stringify(bannerOf(this.#m, this.#room))}`;
    return this.#banner;
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
  decide: DecideFn,
  now: number,
): FanoutResult {
  const m = ev.message;
  const p = prepare(ev);
  const pieces = new MessagePieces(m, room);
  const record: DecisionRecord = { messageId: m.id, roomId: m.roomId, at: now, notified: [], nothing: [] };
  const nothing = new Map<string, string[]>();
  let writes = 0;
  room.lastSeq = Math.max(room.lastSeq, m.seq);
  // Core decides for the whole room at once (compact result); the loop reads local members' bits.
  const coreDecisions = room.core ? room.core.decide(p, now) : null;
  // Visit whichever is smaller: the room's members or this node's users.
  const candidates = locals.size < room.size ? locals.keys() : room.userIds.values();
  for (const userId of candidates) {
    const lu = locals.get(userId);
    // Users within their reconnect grace (no connection right now) are still decided and logged, so a
    // short reconnect resumes with everything (GEN-7).
    if (!lu?.snapshot || !lu.badge || !room.has(userId)) continue;
    const prefs = room.prefs(userId)!;
    // SUP-7 / SUP-8: conversation messages alert through support events (src/support), never chat-style.
    const d =
      room.kind === "conversation"
        ? SUPPORT_ONLY
        : coreDecisions
          ? room.core!.member(coreDecisions, userId, m.senderId, now)
          : decide(p, room, lu, prefs, now);
    const badgeMoved = lu.badge.applyMessage(userId, m, mentions(p, userId, prefs), p.followers.has(userId));
    let personal = badgeMoved ? badgeJson(lu, m.roomId, pieces.roomKey) : "";
    const assigned = room.kind === "conversation" ? assignedRoom(room, lu) : "";
    if (assigned) personal = personal ? `${personal},${assigned}` : assigned;
    const notify = d.banner || d.mobileBanner || (d.trigger !== null && (d.inbox ?? d.trigger !== "all"));
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
      const reason = d.rules[d.rules.length - 1] + (d.trigger ? ` (${d.trigger})` : "");
      const list = nothing.get(reason);
      if (list) list.push(userId);
      else nothing.set(reason, [userId]);
    }
  }
  for (const [reason, userIds] of nothing) record.nothing.push({ reason, userIds });
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
    let data: string;
    if (entry !== null && tabs?.get(c.deviceId) === c) {
      markBanner(entry, c.deviceId);
      data = multiJson(pieces.shared, notifyJson(entry, true, false), personal);
    } else {
      plain ??= multiJson(pieces.shared, entry ? notifyJson(entry, false, false) : "", personal);
      data = plain;
    }
    c.deliver(data, pieces.seq ? m.roomId : null, pieces.seq);
  }
  return tabs;
}

function multiJson(shared: string, notify: string, badge: string): string {
  if (!notify && !badge) return shared;
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
    tail: pieces.tail(d.trigger!),
    banner: d.banner || d.mobileBanner ? pieces.banner() : "",
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
  return JSON.stringify({ t: "badge", cursor: lu.log.next(), ...lu.badge!.view() });
}
