import { api } from "./api.ts";

// Account preferences (SPEC §3.1) and agent preferences (§3.3) as the app reads them.
// The server answers {saved, effective}; the app edits saved values and shows effective ones.
export type Prefs = Record<string, unknown>;

export interface PrefsPayload {
  saved: Prefs;
  effective: Prefs;
  defaults?: Prefs;
}

// Every settings document answers {saved, effective, defaults} (its OpenAPI schema says so): no guessing.
export function loadPrefs(path: string): Promise<PrefsPayload> {
  return api.get<PrefsPayload>(path);
}

export function savePrefs(path: string, patch: Prefs): Promise<PrefsPayload> {
  return api.put<PrefsPayload>(path, patch);
}

/** A settings document's key: its API path's segments ("/me/preferences" → ["me", "preferences"]). */
export const prefsKey = (path: string) => path.split("/").filter(Boolean);

export const ACCOUNT_PREFS = "/me/preferences";
export const AGENT_PREFS = "/me/agent-preferences";

/** Read a dotted path ("threads.desktop") from a prefs object. */
export function getPath(p: Prefs, path: string): unknown {
  let cur: unknown = p;
  for (const k of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Build the partial object {a: {b: v}} for a dotted path, merged into the nested value already there. */
export function patchFor(effective: Prefs, path: string, value: unknown): Prefs {
  const keys = path.split(".");
  if (keys.length === 1) return { [path]: value };
  const top = keys[0];
  const base = { ...((effective[top] as Record<string, unknown>) ?? {}) };
  let cur = base;
  for (let i = 1; i < keys.length - 1; i++) {
    cur[keys[i]] = { ...((cur[keys[i]] as Record<string, unknown>) ?? {}) };
    cur = cur[keys[i]] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
  return { [top]: base };
}

export function bool(v: unknown, fallback: boolean): boolean {
  return typeof v === "boolean" ? v : fallback;
}

export function num(v: unknown, fallback: number): number {
  return typeof v === "number" ? v : fallback;
}

export function str(v: unknown, fallback: string): string {
  return typeof v === "string" ? v : fallback;
}
