// Effective settings: core's defaults, the admin's saved settings and defaults (PRV-7) and the user's saved
// choices (PRF-21: only saved keys are stored, so a later admin default still reaches users who never chose).
import type { AccountPreferences, AdminSettings, RoomPreferences } from "@herald/core";
import { DEFAULT_ADMIN_SETTINGS, effectiveRoomPreferences, resolveRoomPreferences } from "@herald/core";
import type { Db } from "../../store/db.ts";
import { savedSettings } from "../../store/settings.ts";
import { WriteWatch } from "../../store/write-watch.ts";

type SavedDefaults = { account?: object; room?: object; agent?: object };

/** PRV-1 … PRV-9 keys. workspace_settings also holds other parts' keys (VAPID keys, secrets): never these. */
export const ADMIN_KEYS: ReadonlySet<string> = new Set(Object.keys(DEFAULT_ADMIN_SETTINGS));

/** The admin's saved PRV choices only, without the other parts' keys of workspace_settings. */
export function adminSaved(all: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(all).filter(([k]) => ADMIN_KEYS.has(k)));
}

export function effectiveAdminSettings(all: Record<string, unknown>): AdminSettings {
  const saved = adminSaved(all);
  const d = (saved.defaults ?? {}) as SavedDefaults;
  const base = DEFAULT_ADMIN_SETTINGS;
  const agentSaved = (d.agent ?? {}) as Partial<AdminSettings["defaults"]["agent"]>;
  const accountSaved = (d.account ?? {}) as Partial<AdminSettings["defaults"]["account"]>;
  return {
    ...base,
    ...(saved as Partial<AdminSettings>),
    defaults: {
      account: {
        ...base.defaults.account,
        ...accountSaved,
        threadReplies: { ...base.defaults.account.threadReplies, ...(accountSaved.threadReplies ?? {}) },
      },
      room: { ...base.defaults.room, ...((d.room ?? {}) as Partial<RoomPreferences>) },
      agent: {
        ...base.defaults.agent,
        ...agentSaved,
        email: { ...base.defaults.agent.email, ...(agentSaved.email ?? {}) },
        push: { ...base.defaults.agent.push, ...(agentSaved.push ?? {}) },
        pending: { ...base.defaults.agent.pending, ...(agentSaved.pending ?? {}) },
        messages: { ...base.defaults.agent.messages, ...(agentSaved.messages ?? {}) },
      },
    },
  };
}

export async function loadAdminSettings(db: Db): Promise<AdminSettings> {
  return effectiveAdminSettings(await savedSettings(db));
}

/** How long the post path keeps the admin settings: it bounds how late another node's change is seen here. */
export const ADMIN_SETTINGS_TTL_MS = 1_000;

const kept = new WeakMap<WriteWatch, { gen: number; until: number; value: Promise<AdminSettings> }>();

/**
 * loadAdminSettings for the post path, which reads them for every post that names someone: kept until a write
 * of workspace_settings through this store (write-watch.ts: any statement, any part of the code) or for
 * ADMIN_SETTINGS_TTL_MS at most. A read that raced a write is not kept. Without a write watch: read each time.
 */
export function keptAdminSettings(db: Db): Promise<AdminSettings> {
  const watch = WriteWatch.of(db);
  if (!watch) return loadAdminSettings(db);
  const now = performance.now();
  const e = kept.get(watch);
  const gen = watch.generation("workspace_settings");
  if (e && e.gen === gen && e.until > now) return e.value;
  const value = loadAdminSettings(db);
  kept.set(watch, { gen, until: now + ADMIN_SETTINGS_TTL_MS, value });
  value.then(
    () => {
      if (watch.generation("workspace_settings") !== gen) kept.delete(watch);
    },
    () => kept.delete(watch),
  );
  return value;
}

export function roomPrefsOf(savedJson: string | null, settings: AdminSettings): RoomPreferences {
  return resolveRoomPreferences(JSON.parse(savedJson ?? "{}"), settings.defaults.room);
}

/**
 * Values that are one choice, not a set of partial choices: replaced whole. `snooze: {until: null}` means
 * "until I unsnooze" (PRF-35); merged key by key, its null would delete `until` and end the snooze instead.
 */
const ATOMIC = new Set(["snooze"]);

/** Deep-merges a partial update into saved values; null at a key removes the saved choice (back to default). */
export function mergeSaved(
  saved: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...saved };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) delete out[k];
    else if (
      !ATOMIC.has(k) &&
      typeof v === "object" &&
      !Array.isArray(v) &&
      typeof out[k] === "object" &&
      out[k] !== null
    ) {
      out[k] = mergeSaved(out[k] as Record<string, unknown>, v as Record<string, unknown>);
    } else out[k] = v;
  }
  return out;
}

/**
 * PRF-20 as users see it: with PRF-2 off, push follows desktop — the effective push level and thread toggle
 * shown are desktop's (core's effectiveRoomPreferences decides, the same function the rules use).
 */
export function accountEffective(account: AccountPreferences, room: RoomPreferences): AccountPreferences {
  const e = effectiveRoomPreferences(account, {
    ...room,
    desktop: "default",
    push: "default",
    email: "default",
  });
  return {
    ...account,
    push: e.levels.push,
    threadReplies: { ...account.threadReplies, push: e.threads.push },
  };
}

/**
 * One member's settings for one room as the API answers them (GET /rooms/:id/preferences, and each room of
 * GET /rooms): what they saved, what applies, and what applies when nothing is saved.
 */
export function roomPreferencesAnswer(
  account: AccountPreferences,
  savedJson: string | null,
  settings: AdminSettings,
): { saved: Record<string, unknown>; effective: RoomPreferences; defaults: RoomPreferences } {
  return {
    saved: JSON.parse(savedJson ?? "{}"),
    effective: roomEffective(account, roomPrefsOf(savedJson, settings)),
    defaults: roomEffective(account, roomPrefsOf(null, settings)),
  };
}

/** PRF-20 for a room: with PRF-2 off, the room's push override shown is its desktop override. */
export function roomEffective(account: AccountPreferences, room: RoomPreferences): RoomPreferences {
  return account.mobileDifferent ? room : { ...room, push: room.desktop };
}
