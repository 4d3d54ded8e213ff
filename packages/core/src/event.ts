// Per-event facts: mentions, keywords, thread followers, group mentions (MEN-1 … MEN-7, TRG-1 … TRG-3).
import {
  type KeywordMatcher,
  matchCompiled,
  type ParsedMentions,
  parseMentions,
  stripCode,
} from "./mentions.ts";
import { type Message, type Role, TRIGGER_CODES as T } from "./model.ts";
import { F, type RoomSnapshot } from "./snapshot.ts";

export interface MessageEvent {
  kind: "message";
  message: Message;
  senderRole?: Role;
  /** An edit (TRG-3): the text before it. Only users newly mentioned by the edit are notified. */
  previousText?: string | null;
  /** For a thread reply: user ids following the thread (root author, repliers, mentioned, explicit). */
  threadFollowers?: readonly string[];
}

export interface EventContext {
  senderIndex: number;
  parsed: ParsedMentions;
  /** member index → personal trigger (mention / keyword / thread); TRG-1 items 2–4. */
  special: Map<number, number>;
  groupAll: boolean;
  groupHere: boolean;
  groupRestricted: boolean;
  /** Trigger of a member with nothing special: `all`, or none (system, edit, thread-only reply). */
  base: number;
  inRoom: boolean;
  threadRootId: string | null;
  ignorers: Set<number> | undefined;
  unknownMentions: string[];
  keywordHits: Map<number, string>;
  isEdit: boolean;
  /** TRG-3: a system message (join, topic change) notifies nobody, in any room kind. */
  system: boolean;
}

export function eventContext(ev: MessageEvent, snap: RoomSnapshot): EventContext {
  const msg = ev.message;
  const threadRootId = msg.threadRootId ?? null;
  const inRoom = threadRootId === null || msg.alsoInRoom === true;
  const senderIndex = snap.indexByUserId.get(msg.senderId) ?? -1;
  const isEdit = ev.previousText != null;
  const ctx: EventContext = {
    senderIndex,
    parsed: { usernames: [], all: false, here: false, emails: [] },
    special: new Map(),
    groupAll: false,
    groupHere: false,
    groupRestricted: false,
    base: T.none,
    inRoom,
    threadRootId,
    ignorers: snap.ignoredBy.get(msg.senderId),
    unknownMentions: [],
    keywordHits: new Map(),
    isEdit,
    system: msg.kind === "system",
  };
  if (msg.kind === "system") return ctx; // TRG-3: system messages notify nobody
  const parsed = parseMentions(msg.text);
  ctx.parsed = parsed;
  const old = isEdit ? parseMentions(ev.previousText ?? "") : null;
  for (const name of parsed.usernames) {
    const i = snap.indexByUsername.get(name);
    if (i === undefined) ctx.unknownMentions.push(name);
    else if (!old?.usernames.includes(name)) ctx.special.set(i, T.mention);
  }
  const stripped = snap.keywords.size > 0 ? stripCode(msg.text) : "";
  const oldStripped = isEdit && snap.keywords.size > 0 ? stripCode(ev.previousText ?? "") : "";
  // Members with the same keyword list share a matcher: run each matcher once per message.
  const memo = new Map<KeywordMatcher, string | null>();
  const hitOf = (matcher: KeywordMatcher): string | null => {
    let hit = memo.get(matcher);
    if (hit === undefined) {
      hit = matchCompiled(stripped, matcher);
      if (hit !== null && isEdit && matchCompiled(oldStripped, matcher) !== null) hit = null;
      memo.set(matcher, hit);
    }
    return hit;
  };
  for (const [i, matcher] of snap.keywords) {
    if (ctx.special.has(i)) continue;
    const hit = hitOf(matcher);
    if (hit === null) continue;
    ctx.special.set(i, T.keyword);
    ctx.keywordHits.set(i, hit);
  }
  if (isEdit) return ctx; // TRG-3: an edit notifies only users it newly mentions
  if (threadRootId !== null) {
    for (const u of ev.threadFollowers ?? []) {
      const i = snap.indexByUserId.get(u);
      if (i !== undefined && !ctx.special.has(i)) ctx.special.set(i, T.thread);
    }
  }
  const limit = snap.admin.restrictGroupMentionsAbove;
  const restricted = limit !== null && (snap.memberCount ?? snap.size) > limit && ev.senderRole !== "admin";
  if ((parsed.all || parsed.here) && restricted) ctx.groupRestricted = true;
  else {
    ctx.groupAll = parsed.all;
    ctx.groupHere = parsed.here && !parsed.all;
  }
  ctx.base = inRoom ? T.all : T.none; // TRG-2: a thread-only reply reaches non-followers only by mention
  return ctx;
}

/** TRG-1 for one member. `online` is only consulted for `@here`. */
export function triggerFor(
  snap: RoomSnapshot,
  ctx: EventContext,
  i: number,
  online: (i: number) => boolean,
): number {
  if (i === ctx.senderIndex || ctx.system) return T.none; // MEN-5, TRG-3
  const sp = ctx.special.get(i);
  const dmRoom = snap.kind === "dm" || snap.kind === "gdm";
  if (dmRoom && (sp !== undefined || !ctx.isEdit)) return T.dm;
  if (sp !== undefined) return sp;
  if ((ctx.groupAll || (ctx.groupHere && online(i))) && !(snap.flags[i] & F.muteGroup)) return T.group;
  return ctx.base;
}

// ALLOW[((channel * 3 + level) * 8 + trigger) * 2 + threadOn]; channel 0 desktop, 1 push, 2 email.
