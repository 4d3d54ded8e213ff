// Loads, for one message and one member, the current stored state core's `explain` needs, and rebuilds the
// member's chain from it (EXP-1). A snapshot of ONE member is enough: every rule but MEN-7 looks only at the
// member and the message, and MEN-7's room size is passed from rooms.member_count. The message's mentions are
// the ones posting resolved and stored (mention rows, the group mention, `@here`'s send-time list): the text
// is not parsed again for who was mentioned.
import {
  type AccountPreferences,
  type ActivityFacts,
  activityFacts,
  buildRoomSnapshot,
  effectiveRoomPreferences,
  explain,
  explainText,
  type MemberFacts,
  type MessageEvent,
  matchKeywords,
  parseMessage,
  type ResolvedMentions,
  type RoomPreferences,
  resolvePreferences,
  resolveRoomPreferences,
} from "@herald/core";
import { loadAdminSettings } from "../http/preferences/resolve.ts";
import type { Db } from "../store/db.ts";
import type { MessagesTable } from "../store/schema/messages.ts";
import type { RoomsTable } from "../store/schema/rooms.ts";
import type { Rebuilt } from "./answer.ts";

/** Activity of a user as the gateway's presence knows it now; null = no connection known. */
export type ActivitySource = (
  userId: string,
  prefs: { autoAway: boolean; idleSeconds: number },
  manual?: ActivityFacts["manual"],
) => Promise<ActivityFacts | null>;

export interface RebuildInput {
  db: Db;
  message: MessagesTable;
  room: RoomsTable;
  userId: string;
  now: number;
  activity?: ActivitySource;
}

/** The rebuilt chain, or null when the member's state is gone (not a member any more, or deleted). */
export async function rebuild(input: RebuildInput): Promise<Rebuilt | null> {
  const { db, message, room, userId, now } = input;
  const [user, membership, sender, admin] = await Promise.all([
    db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst(),
    db
      .selectFrom("memberships")
      .select("prefs")
      .where("room_id", "=", room.id)
      .where("user_id", "=", userId)
      .executeTakeFirst(),
    message.sender_id
      ? db.selectFrom("users").select("role").where("id", "=", message.sender_id).executeTakeFirst()
      : undefined,
    loadAdminSettings(db),
  ]);
  if (!user || !membership) return null;
  const account = resolvePreferences(parseJson(user.prefs), admin.defaults.account);
  const manual = user.presence_choice;
  const known = await input.activity?.(userId, account, manual);
  const facts: MemberFacts = {
    userId,
    username: user.username,
    role: user.role,
    account,
    room: resolveRoomPreferences(parseJson(membership.prefs), admin.defaults.room),
    activity: known ?? activityFacts([], {}, account, manual),
    status: { manual, busy: user.dnd_on ? { until: user.dnd_until } : null },
    timezone: user.timezone,
    hasEmail: !!user.email,
    emailVerified: user.email_verified === 1,
    ignores: await ignoresOf(db, userId),
  };
  const stored = await storedMentions(db, message, userId, account.keywords);
  const ev: MessageEvent = {
    kind: "message",
    message: {
      id: message.id,
      roomId: message.room_id,
      seq: message.seq,
      senderId: message.sender_id ?? "",
      text: message.text,
      threadRootId: message.thread_root_id,
      threadSeq: message.thread_seq ?? undefined,
      alsoInRoom: message.thread_root_id !== null && message.in_room === 1,
      createdAt: Number(message.created_at),
      editedAt: message.edited_at,
      kind: message.kind,
    },
    senderRole: sender?.role,
    mentions: stored.mentions,
    hereOnline: stored.hereOnline,
    threadFollowers: message.thread_root_id ? await followers(db, message.thread_root_id, userId) : [],
  };
  // MEN-7 compares the room's size (not the one-member snapshot's) with PRV-9.
  const snap = buildRoomSnapshot(
    { id: room.id, kind: room.kind, memberCount: room.member_count },
    [facts],
    admin,
    now,
  );
  const e = explain(ev, snap, 0, now);
  const triggerLine = e.triggerReasons;
  const channels: Rebuilt["channels"] = {};
  for (const [ch, d] of Object.entries(e.channels) as [
    keyof Rebuilt["channels"],
    (typeof e.channels)["push"],
  ][]) {
    // The trigger's own reasons lead every channel's chain, so a channel answer reads on its own.
    const sameAsTrigger =
      d.reasons.length === triggerLine.length && d.reasons.every((r, k) => r === triggerLine[k]);
    channels[ch] = { ...d, reasons: sameAsTrigger ? d.reasons : [...triggerLine, ...d.reasons] };
  }
  return {
    trigger: e.trigger,
    channels,
    text: explainText(e),
    triggerReasons: triggerLine,
    ruleFacts: prefFacts(facts.account, facts.room),
  };
}

/** The member's resolved settings behind the PRF rules a recorded chain may name without words (EXP-1). */
function prefFacts(account: AccountPreferences, room: RoomPreferences): Record<string, string> {
  const e = effectiveRoomPreferences(account, room);
  const pushFrom = e.sources.push === "desktop" ? " (follows desktop, PRF-20)" : "";
  return {
    "DSK-1": `desktop level ${e.levels.desktop}`,
    "PRF-1": `desktop level ${account.desktop}`,
    "PRF-2": account.mobileDifferent ? "separate mobile settings on" : "push follows desktop",
    "PRF-3": `push level ${e.levels.push}${pushFrom}`,
    "PRF-4": `email level ${e.levels.email}`,
    "PRF-6": `thread replies: desktop ${onOff(e.threads.desktop)}, push ${onOff(e.threads.push)}, email ${onOff(e.threads.email)}`,
    "PRF-8": `tone ${account.sound}, volume ${account.volume}`,
    "PRF-9": `volume ${account.volume}`,
    "PRF-20": `push level ${e.levels.push}${pushFrom}`,
    "PRF-33": `room override: desktop ${room.desktop}, push ${room.push}, email ${room.email}`,
    "PRF-34": `room sound ${room.sound} (plays ${e.sound})`,
  };
}

const onOff = (b: boolean) => (b ? "on" : "off");

/**
 * This member's part of the mentions posting resolved and stored (MEN-1, MEN-2, MEN-4): a mention row of kind
 * mention / keyword / here (one per user: the first trigger that applied) and the message's group mention.
 * `@here` reached the members online AT SEND TIME — its mention rows are that list. A keyword row does not
 * keep which keyword: core's matcher finds it in the parsed text, for the words of the fact only.
 */
async function storedMentions(
  db: Db,
  message: MessagesTable,
  userId: string,
  keywords: readonly string[],
): Promise<{ mentions: ResolvedMentions; hereOnline: string[] }> {
  const [own, group] = await Promise.all([
    db
      .selectFrom("mentions")
      .select("kind")
      .where("message_id", "=", message.id)
      .where("user_id", "=", userId)
      .executeTakeFirst(),
    db.selectFrom("group_mentions").select("kind").where("message_id", "=", message.id).executeTakeFirst(),
  ]);
  const mentions: ResolvedMentions = {
    users: own?.kind === "mention" ? [userId] : [],
    keywords: [],
    all: group?.kind === "all",
    here: group?.kind === "here",
  };
  if (own?.kind === "keyword")
    mentions.keywords.push([userId, matchKeywords(parseMessage(message.text).searchText, keywords) ?? "?"]);
  return { mentions, hereOnline: own?.kind === "here" ? [userId] : [] };
}

async function ignoresOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom("ignores").select("ignored_id").where("user_id", "=", userId).execute();
  return rows.map((r) => r.ignored_id);
}

async function followers(db: Db, rootId: string, userId: string): Promise<string[]> {
  const row = await db
    .selectFrom("thread_follows")
    .select("following")
    .where("root_id", "=", rootId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.following === 1 ? [userId] : [];
}

function parseJson<T>(text: string | null): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
