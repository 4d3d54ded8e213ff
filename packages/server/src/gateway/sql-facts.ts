// Stored rows → the gateway's views: a user's presence settings (PRF-12, PRF-13 through core, PRF-21) and
// core's MemberFacts for the room snapshot, resolved like decisions/state.ts does.
import {
  type AccountPreferences,
  type AdminSettings,
  activityFacts,
  type MemberFacts,
  resolvePreferences,
} from "@herald/core";
import { roomPrefsOf } from "../http/preferences/resolve.ts";
import type { UserSnapshot } from "./ports.ts";

interface UserRowLite {
  id: string;
  prefs: string;
  presence_choice: "auto" | "away" | "invisible";
  dnd_on: number;
  dnd_until: number | null;
}

export function snapshotOf(row: UserRowLite, settings: AdminSettings): UserSnapshot {
  const p: AccountPreferences = resolvePreferences(JSON.parse(row.prefs || "{}"), settings.defaults.account);
  return {
    userId: row.id,
    autoAway: p.autoAway,
    idleLimitMs: p.idleSeconds * 1000,
    manual: row.presence_choice,
    dndUntil: row.dnd_on ? row.dnd_until : undefined,
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
