// Banner/sound decision for one member (TRG-1, TRG-2, DSK-1, PRF-1, PRF-6, PRF-8, PRF-9, PRF-20, PRF-34,
// PRF-36, MEN-5, MEN-6, PRS-5, SUP-8 / PRF-42 … PRF-44, PRF-51). The gateway's own until @herald/core's
// `decide` lands; the fan-out only depends on the `MemberDecision` shape below.
import type { MessageCreated } from "./events.ts";
import type { Level, MemberPrefs, Trigger, UserSnapshot } from "./ports.ts";
import { dndActive } from "./presence-rules.ts";
import type { RoomState } from "./rooms.ts";

export interface PreparedMessage {
  ev: MessageCreated;
  mention: Map<string, "mention" | "keyword">;
  here: Set<string> | null;
  followers: Set<string>;
  threadOnly: boolean;
}

export function prepare(ev: MessageCreated): PreparedMessage {
  return {
    ev,
    mention: new Map(ev.mentions.map((m) => [m.userId, m.kind])),
    here: ev.group === "here" ? new Set(ev.hereUserIds ?? []) : null,
    followers: new Set(ev.threadFollowerIds ?? []),
    threadOnly: !!ev.message.threadRootId && !ev.message.alsoInRoom,
  };
}

/** TRG-1: the first trigger that applies, in this order — the order is the rule. */
export function triggerFor(
  p: PreparedMessage,
  room: RoomState,
  userId: string,
  prefs: MemberPrefs,
): Trigger | null {
  const m = p.ev.message;
  if (m.kind === "system" || m.senderId === userId) return null; // TRG-3, MEN-5
  if (room.kind === "dm" || room.kind === "gdm") return "dm";
  const personal = p.mention.get(userId);
  if (personal) return personal;
  if (m.threadRootId && p.followers.has(userId)) return "thread";
  const group = p.ev.group === "all" || (p.ev.group === "here" && p.here?.has(userId));
  if (group && !prefs.muteGroup) return "group"; // PRF-37
  if (p.threadOnly) return null; // TRG-2
  return "all";
}

/** Whether the trigger counts as a mention for the badge (BDG-1; muted group mentions do not, PRF-37). */
export function countsAsMention(trigger: Trigger | null): boolean {
  return trigger === "mention" || trigger === "keyword" || trigger === "group";
}

function levelAllows(level: Level, trigger: Trigger, threads: boolean): boolean {
  if (level === "nothing") return false;
  if (level === "all") return true;
  return trigger !== "all" && (trigger !== "thread" || threads);
}

export interface MemberDecision {
  trigger: Trigger | null;
  /** Banner on desktop/web devices. */
  banner: boolean;
  /** Banner (in-app) on mobile devices, by the push level (PRF-20). */
  mobileBanner: boolean;
  sound: string | null;
  volume: number;
  /** Support alerts may show while the console has focus (PRF-44). */
  alsoWhenFocused: boolean;
  rules: string[];
  /** An in-app notify item (GEN-1) even without banner; when absent: any trigger but `all`. */
  inbox?: boolean;
}

const NOTHING = (trigger: Trigger | null, rule: string): MemberDecision => ({
  trigger,
  banner: false,
  mobileBanner: false,
  sound: null,
  volume: 0,
  alsoWhenFocused: false,
  rules: [rule],
});

export function decideMember(
  p: PreparedMessage,
  room: RoomState,
  user: UserSnapshot,
  prefs: MemberPrefs,
  now: number,
): MemberDecision {
  const trigger = triggerFor(p, room, user.userId, prefs);
  if (trigger === null) return NOTHING(null, p.ev.message.senderId === user.userId ? "MEN-5" : "TRG-1");
  if (user.ignores.includes(p.ev.message.senderId)) return NOTHING(trigger, "MEN-6");
  if (!prefs.alerts || (prefs.snoozeUntil !== null && prefs.snoozeUntil > now))
    return NOTHING(trigger, "PRF-36");
  if (dndActive(user, now)) return NOTHING(trigger, "PRS-5");
  if (user.quietAt?.(now)) return NOTHING(trigger, "PRF-16");
  if (room.kind === "conversation" && user.agent) return decideSupport(trigger, room, user);
  const desktopLevel = prefs.desktop === "default" ? user.desktop : prefs.desktop;
  const banner = levelAllows(desktopLevel, trigger, user.desktopThreads);
  const mobileBanner = levelAllows(user.mobile, trigger, user.desktopThreads);
  const tone = prefs.sound === "default" ? user.sound : prefs.sound;
  const sound = banner && tone && user.volume > 0 ? tone : null;
  const rules = banner ? ["TRG-1", "DSK-1", prefs.desktop === "default" ? "PRF-1" : "PRF-33"] : ["PRF-1"];
  if (sound) rules.push(prefs.sound === "default" ? "PRF-8" : "PRF-34");
  return { trigger, banner, mobileBanner, sound, volume: user.volume, alsoWhenFocused: false, rules };
}

/** SUP-8, PRF-42 … PRF-44, PRF-49, PRF-51: incoming messages in a support conversation. */
function decideSupport(trigger: Trigger, room: RoomState, user: UserSnapshot): MemberDecision {
  const a = user.agent!;
  const selected = a.audio === "all" || (a.audio === "assigned" && room.assigneeId === user.userId);
  const banner = a.desktopMaster && a.messageDesktop && selected;
  const audio = a.audioMaster && a.messageAudio && selected;
  return {
    trigger,
    banner,
    mobileBanner: banner,
    sound: audio ? a.tone : null,
    volume: user.volume,
    alsoWhenFocused: a.alsoWhenFocused,
    rules: ["SUP-8", "PRF-42", "PRF-51"],
  };
}
