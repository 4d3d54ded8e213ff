// Per-event facts: mentions, keywords, thread followers, group mentions (MEN-1 … MEN-7), and each member's
// set of triggers (TRG-1 … TRG-3).
import { recipientTrigger, TS } from "./allow.ts";
import { onlineAt } from "./kernel.ts";
import { parseMessage } from "./markdown.ts";
import { resolveMentions } from "./mention-resolve.ts";
import type { Message, ResolvedMentions, Role } from "./model.ts";
import { nameCandidates } from "./names.ts";
import { F, keywordMembers, type RoomSnapshot } from "./snapshot.ts";

export interface MessageEvent {
  kind: "message";
  message: Message;
  senderRole?: Role;
  /**
   * The message's mentions, resolved once at post time. When given, decide never parses the text; when
   * absent (tests, benchmarks) they are derived from `message.text` against the snapshot's members.
   */
  mentions?: ResolvedMentions;
  /** An edit (TRG-3): the mentions of the text before it. */
  previousMentions?: ResolvedMentions;
  /** An edit (TRG-3): the text before it, when its mentions are not given. */
  previousText?: string | null;
  /** For a thread reply: user ids following the thread (root author, repliers, mentioned, explicit). */
  threadFollowers?: readonly string[];
  /** MEN-2: the members whose presence was `online` when the message was sent, as the post path read it —
   *  `@here` is judged at send time; when absent, the snapshot's presence columns are asked at `now`. */
  hereOnline?: readonly string[];
}

export interface EventContext {
  senderIndex: number;
  mentions: ResolvedMentions;
  /** member index → the trigger-set bits of TRG-1 items 2–4 (mention, keyword, thread) it has. */
  special: Map<number, number>;
  groupAll: boolean;
  groupHere: boolean;
  /** `@here` with the send-time list (MEN-2): the indices of the members online then. */
  hereOnline: Set<number> | null;
  groupRestricted: boolean;
  /** Set bits every member but the sender has: `dm` in a dm/gdm, `all` for a room message; 0 for a
   * system message or an edit (TRG-3) and no `all` for a thread-only reply (TRG-2). */
  baseSet: number;
  /** A dm or gdm: `dm` joins the set of anyone an edit notifies. */
  dmRoom: boolean;
  inRoom: boolean;
  threadRootId: string | null;
  ignorers: Set<number> | undefined;
  /** MEN-1: names after `@` that are no member here (only when derived from text; else the post path's). */
  unknownMentions: string[];
  keywordHits: Map<number, string>;
  isEdit: boolean;
  /** TRG-3: a system message (join, topic change) notifies nobody, in any room kind. */
  system: boolean;
}

const NO_MENTIONS: ResolvedMentions = { users: [], keywords: [], all: false, here: false };

/**
 * A message's mentions from its text — parsed once by the one parser (MEN-3) and resolved against the
 * snapshot's members (usernames, keyword matchers) — what the post path carries in the event, for callers
 * that have only the text. `hints` = names that resolve to no member of the room (MEN-1).
 */
export function mentionsFromSnapshot(
  text: string,
  snap: RoomSnapshot,
  senderId: string,
): { mentions: ResolvedMentions; hints: string[] } {
  const parsed = parseMessage(text);
  const userByName = new Map<string, { id: string; member: boolean }>();
  const hints: string[] = [];
  for (const raw of parsed.names) {
    const candidates = nameCandidates(raw);
    let found = false;
    for (const c of candidates) {
      const i = snap.indexByUsername.get(c);
      if (i === undefined) continue;
      userByName.set(c, { id: snap.userIds[i], member: true });
      found = true;
    }
    if (!found && candidates.length > 0) hints.push(candidates[candidates.length - 1]);
  }
  const resolved = resolveMentions(parsed, { senderId, userByName, keywordMembers: keywordMembers(snap) });
  return { mentions: resolved.mentions, hints };
}

export function eventContext(ev: MessageEvent, snap: RoomSnapshot): EventContext {
  const msg = ev.message;
  const threadRootId = msg.threadRootId ?? null;
  const inRoom = threadRootId === null || msg.alsoInRoom === true;
  const senderIndex = snap.indexByUserId.get(msg.senderId) ?? -1;
  const isEdit = ev.previousMentions != null || ev.previousText != null;
  const dmRoom = snap.kind === "dm" || snap.kind === "gdm";
  const ctx: EventContext = {
    senderIndex,
    mentions: NO_MENTIONS,
    special: new Map(),
    groupAll: false,
    groupHere: false,
    hereOnline: null,
    groupRestricted: false,
    baseSet: 0,
    dmRoom,
    inRoom,
    threadRootId,
    ignorers: snap.ignoredBy.get(msg.senderId),
    unknownMentions: [],
    keywordHits: new Map(),
    isEdit,
    // SUP-7: a support conversation's messages notify through support events (support.ts), never by chat
    // triggers — like a system message, they give nobody a trigger.
    system: msg.kind === "system" || snap.kind === "conversation",
  };
  if (ctx.system) return ctx; // TRG-3: system messages notify nobody (nor, SUP-7, conversation messages)
  let mentions = ev.mentions;
  if (!mentions) {
    const derived = mentionsFromSnapshot(msg.text, snap, msg.senderId);
    mentions = derived.mentions;
    ctx.unknownMentions = derived.hints;
  }
  ctx.mentions = mentions;
  // TRG-3: an edit notifies only users with a personal trigger now and none before (by name or keyword).
  let before: Set<string> | null = null;
  if (isEdit) {
    const prev =
      ev.previousMentions ?? mentionsFromSnapshot(ev.previousText ?? "", snap, msg.senderId).mentions;
    before = new Set(prev.users);
    for (const [u] of prev.keywords) before.add(u);
  }
  for (const u of mentions.users) {
    const i = snap.indexByUserId.get(u);
    if (i === undefined || i === senderIndex || before?.has(u)) continue;
    ctx.special.set(i, TS.mention);
  }
  for (const [u, keyword] of mentions.keywords) {
    const i = snap.indexByUserId.get(u);
    if (i === undefined || i === senderIndex || before?.has(u)) continue;
    ctx.special.set(i, (ctx.special.get(i) ?? 0) | TS.keyword);
    if (!ctx.keywordHits.has(i)) ctx.keywordHits.set(i, keyword);
  }
  if (isEdit) return ctx; // TRG-3: nothing but the new personal triggers
  if (threadRootId !== null) {
    for (const u of ev.threadFollowers ?? []) {
      const i = snap.indexByUserId.get(u);
      if (i !== undefined && i !== senderIndex) ctx.special.set(i, (ctx.special.get(i) ?? 0) | TS.thread);
    }
  }
  const limit = snap.admin.restrictGroupMentionsAbove;
  const restricted = limit !== null && (snap.memberCount ?? snap.size) > limit && ev.senderRole !== "admin";
  if ((mentions.all || mentions.here) && restricted) ctx.groupRestricted = true;
  else {
    ctx.groupAll = mentions.all;
    ctx.groupHere = mentions.here && !mentions.all;
  }
  if (ctx.groupHere && ev.hereOnline) {
    ctx.hereOnline = new Set();
    for (const u of ev.hereOnline) {
      const i = snap.indexByUserId.get(u);
      if (i !== undefined) ctx.hereOnline.add(i);
    }
  }
  // TRG-2: a thread-only reply reaches non-followers only by mention; a dm/gdm is `dm` for everyone.
  ctx.baseSet = (dmRoom ? TS.dm : 0) | (inRoom ? TS.all : 0);
  return ctx;
}

/** MEN-2: member i counts as online for `@here` — at send time when the event says, else at `now`. */
export function hereOnlineAt(snap: RoomSnapshot, ctx: EventContext, i: number, now: number): boolean {
  return ctx.hereOnline ? ctx.hereOnline.has(i) : onlineAt(snap, i, now);
}

/** TRG-1 for one member: every trigger that applies, as set bits (TS). `online` is only asked for `@here`. */
export function triggerSetFor(
  snap: RoomSnapshot,
  ctx: EventContext,
  i: number,
  online: (i: number) => boolean,
): number {
  if (i === ctx.senderIndex || ctx.system) return 0; // MEN-5, TRG-3
  const sp = ctx.special.get(i) ?? 0;
  if (ctx.isEdit) return sp === 0 ? 0 : sp | (ctx.dmRoom ? TS.dm : 0);
  let set = sp | ctx.baseSet;
  // PRF-37: a member who muted group mentions has no `group`; the next trigger of the set applies.
  if ((ctx.groupAll || (ctx.groupHere && online(i))) && !(snap.flags[i] & F.muteGroup)) set |= TS.group;
  return set;
}

/** TRG-1: the recipient's trigger (code) — the first of the set that applies. */
export function triggerFor(
  snap: RoomSnapshot,
  ctx: EventContext,
  i: number,
  online: (i: number) => boolean,
): number {
  return recipientTrigger(triggerSetFor(snap, ctx, i, online), snap.levelBits[i]);
}
