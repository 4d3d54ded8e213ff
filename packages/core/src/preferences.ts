// Preference resolution: room override → account → admin default (PRF-21), PRF-20 push-follows-desktop.
import type {
  AccountPreferences,
  AgentPreferences,
  Level,
  MessageTone,
  RoomPreferences,
  SavedAccountPreferences,
  SavedAgentPreferences,
  SavedRoomPreferences,
} from "./settings.ts";

/** PRF-21: every key the user did not save follows the admin default as it is *now*. */
export function resolvePreferences(
  saved: SavedAccountPreferences | null | undefined,
  defaults: AccountPreferences,
): AccountPreferences {
  const s = saved ?? {};
  const merged: AccountPreferences = {
    ...defaults,
    ...stripUndefined(s),
    threadReplies: { ...defaults.threadReplies, ...stripUndefined(s.threadReplies ?? {}) },
  };
  // PRF-13: the idle limit is at least 60 s whatever was stored.
  merged.idleSeconds = Math.max(60, merged.idleSeconds);
  merged.volume = Math.min(100, Math.max(0, merged.volume));
  return merged;
}

export function resolveRoomPreferences(
  saved: SavedRoomPreferences | null | undefined,
  defaults: RoomPreferences,
): RoomPreferences {
  return { ...defaults, ...stripUndefined(saved ?? {}) };
}

export function resolveAgentPreferences(
  saved: SavedAgentPreferences | null | undefined,
  defaults: AgentPreferences,
): AgentPreferences {
  const s = saved ?? {};
  return {
    ...defaults,
    ...stripUndefined(s),
    email: { ...defaults.email, ...stripUndefined(s.email ?? {}) },
    push: { ...defaults.push, ...stripUndefined(s.push ?? {}) },
    pending: { ...defaults.pending, ...stripUndefined(s.pending ?? {}) },
    messages: { ...defaults.messages, ...stripUndefined(s.messages ?? {}) },
  };
}

/** Where an effective level came from, for explain. */
export type LevelSource = "room" | "account" | "desktop";

export interface EffectiveRoomPreferences {
  levels: { desktop: Level; push: Level; email: Level };
  sources: { desktop: LevelSource; push: LevelSource; email: LevelSource };
  /** PRF-6 per channel, push following desktop when PRF-2 is off (PRF-20). */
  threads: { desktop: boolean; push: boolean; email: boolean };
  /** PRF-34, else PRF-8. */
  sound: MessageTone | "none";
  muteGroupMentions: boolean;
  markUnread: boolean;
}

/** Combines resolved account and room preferences into the values the rules read. */
export function effectiveRoomPreferences(
  account: AccountPreferences,
  room: RoomPreferences,
): EffectiveRoomPreferences {
  const desktop = room.desktop === "default" ? account.desktop : room.desktop;
  const desktopSource: LevelSource = room.desktop === "default" ? "account" : "room";
  const email = room.email === "default" ? account.email : room.email;
  const emailSource: LevelSource = room.email === "default" ? "account" : "room";
  let push: Level;
  let pushSource: LevelSource;
  let pushThreads: boolean;
  if (!account.mobileDifferent) {
    // PRF-20: push follows desktop at every level — account, room override and thread toggle.
    push = desktop;
    pushSource = "desktop";
    pushThreads = account.threadReplies.desktop;
  } else {
    push = room.push === "default" ? account.push : room.push;
    pushSource = room.push === "default" ? "account" : "room";
    pushThreads = account.threadReplies.push;
  }
  return {
    levels: { desktop, push, email },
    sources: { desktop: desktopSource, push: pushSource, email: emailSource },
    threads: {
      desktop: account.threadReplies.desktop,
      push: pushThreads,
      email: account.threadReplies.email,
    },
    sound: room.sound === "default" ? account.sound : room.sound,
    muteGroupMentions: room.muteGroupMentions,
    markUnread: room.markUnread,
  };
}

/** PRF-36: alerts off or an unexpired snooze silence the room. Returns the end (null = open-ended) or false. */
export function silencedUntil(room: RoomPreferences, now: number): number | null | false {
  if (!room.alerts) return null;
  if (room.snooze === null) return false;
  if (room.snooze.until === null) return null;
  return room.snooze.until > now ? room.snooze.until : false;
}

/** PRF-36 in words, for explain and for the reasons recorded when a channel is left out. */
export function silencedFact(room: RoomPreferences): string {
  if (!room.alerts) return "alerts are off for this room";
  if (room.snooze?.until == null) return "room snoozed until you unsnooze it";
  return `room snoozed until ${new Date(room.snooze.until).toISOString()}`;
}

export type LevelChannel = "desktop" | "push" | "email";

/**
 * Is a trigger allowed by a level (PRF-1/3/4 table notes)? "mentions" = dm, mention, keyword, group
 * (not for email), and thread when PRF-6 is on for that channel; "all" = every trigger.
 */
export function levelAllows(
  level: Level,
  trigger: string,
  channel: LevelChannel,
  threadOn: boolean,
): boolean {
  if (level === "nothing") return false;
  if (level === "all") return true;
  switch (trigger) {
    case "dm":
    case "mention":
    case "keyword":
      return true;
    case "group":
      return channel !== "email";
    case "thread":
      return threadOn;
    default:
      return false;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
