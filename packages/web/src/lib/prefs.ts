import { api } from "./api.ts";

// Account preferences (SPEC §3.1) and agent preferences (§3.3) as the app reads them.
// The server answers {saved, effective}; the app edits saved values and shows effective ones.
export type Prefs = Record<string, unknown>;

export interface PrefsPayload {
  saved: Prefs;
  effective: Prefs;
  defaults?: Prefs;
}

function normalise(p: unknown): PrefsPayload {
  const o = (p ?? {}) as Record<string, unknown>;
  if (o.effective && typeof o.effective === "object") {
    return {
      saved: (o.saved as Prefs) ?? {},
      effective: o.effective as Prefs,
      defaults: o.defaults as Prefs | undefined,
    };
  }
  const flat = (o.preferences as Prefs | undefined) ?? (o as Prefs);
  return { saved: flat, effective: flat };
}

export async function loadPrefs(path: string): Promise<PrefsPayload> {
  return normalise(await api.get(path));
}

export async function savePrefs(path: string, patch: Prefs): Promise<PrefsPayload> {
  return normalise(await api.put(path, patch));
}

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
