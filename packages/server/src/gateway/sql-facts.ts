// Stored rows → the gateway's views: a member's room prefs, a user's snapshot (PRF-20, PRF-21 through core),
// and core's MemberFacts for the room snapshot, resolved like decisions/state.ts does.
import {
  type AccountPreferences,
  type AdminSettings,
  type AgentPreferences,
  activityFacts,
  type MemberFacts,
  quietUntil,
  type RoomPreferences,
  resolveAgentPreferences,
  resolvePreferences,
} from "@herald/core";
import { roomPrefsOf } from "../http/preferences/resolve.ts";
import type { MemberPrefs, UserSnapshot } from "./ports.ts";

export function memberPrefsOf(p: RoomPreferences): MemberPrefs {
  return {
    alerts: p.alerts,
    muteGroup: p.muteGroupMentions,
    desktop: p.desktop,
    sound: p.sound === "none" ? null : p.sound,
    // PRF-35: "until I unsnooze" never ends on its own.
    snoozeUntil: p.snooze ? (p.snooze.until ?? Number.MAX_SAFE_INTEGER) : null,
  };
}

function agentOf(a: AgentPreferences) {
  return {
    audio: a.audioScope,
    messageAudio: a.messages.audio,
    messageDesktop: a.messages.desktop,
    alsoWhenFocused: a.messages.alsoWhenFocused,
    tone: a.messages.tone,
    audioMaster: a.audioMaster,
    desktopMaster: a.desktopMaster,
  };
}

interface UserRowLite {
  id: string;
  role: string;
  timezone: string;
  prefs: string;
  agent_prefs: string;
  presence_choice: "auto" | "away" | "invisible";
  dnd_on: number;
  dnd_until: number | null;
}

export function snapshotOf(row: UserRowLite, settings: AdminSettings, ignores: string[]): UserSnapshot {
  const p: AccountPreferences = resolvePreferences(JSON.parse(row.prefs || "{}"), settings.defaults.account);
  return {
    userId: row.id,
    desktop: p.desktop,
    desktopThreads: p.threadReplies.desktop,
    // PRF-20: with PRF-2 off, mobile follows the desktop level.
    mobile: p.mobileDifferent ? p.push : p.desktop,
    sound: p.sound === "none" ? null : p.sound,
    volume: p.volume,
    autoAway: p.autoAway,
    idleLimitMs: p.idleSeconds * 1000,
    manual: row.presence_choice,
    dndUntil: row.dnd_on ? row.dnd_until : undefined,
    ignores,
    quietAt: p.quietHours.length ? (now) => quietUntil(p.quietHours, row.timezone, now) !== null : undefined,
    agent:
      row.role === "member"
        ? undefined
        : agentOf(resolveAgentPreferences(JSON.parse(row.agent_prefs || "{}"), settings.defaults.agent)),
  };
}

export interface MemberRow {
  id: string;
  username: string;
  role: "admin" | "agent" | "member";
  prefs: string;
  presence_choice: "auto" | "away" | "invisible";
  dnd_on: number;
  dnd_until: number | null;
  timezone: string;
  email: string | null;
  email_verified: number;
  room_prefs: string;
}

/** Core's MemberFacts from stored rows, resolved like decisions/state.ts does for explain. */
export function factsOf(r: MemberRow, admin: AdminSettings, ignores: string[]): MemberFacts {
  const account = resolvePreferences(JSON.parse(r.prefs || "{}"), admin.defaults.account);
  return {
    userId: r.id,
    username: r.username,
    role: r.role,
    account,
    room: roomPrefsOf(r.room_prefs, admin),
    activity: activityFacts([], {}, account, r.presence_choice),
    status: { manual: r.presence_choice, busy: r.dnd_on ? { until: r.dnd_until } : null },
    timezone: r.timezone,
    hasEmail: !!r.email,
    emailVerified: r.email_verified === 1,
    ignores,
  };
}
