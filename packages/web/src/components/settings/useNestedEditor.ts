import { useCallback, useEffect, useState } from "react";
import { ApiError, errorText } from "../../lib/api.ts";
import { getPath, loadPrefs, type Prefs, savePrefs } from "../../lib/prefs.ts";
import type { PrefsEditor } from "./usePrefsEditor.ts";

/** {a: {b: v}} for "a.b": the server merges saved settings key by key, so a change sends only itself. */
export function nestedPatch(path: string, value: unknown): Prefs {
  return path
    .split(".")
    .reverse()
    .reduce<unknown>((inner, k) => ({ [k]: inner }), value) as Prefs;
}

function withValue(p: Prefs, path: string, value: unknown): Prefs {
  const [head, ...rest] = path.split(".");
  if (rest.length === 0) return { ...p, [head]: value };
  return { ...p, [head]: withValue((p[head] as Prefs | undefined) ?? {}, rest.join("."), value) };
}

export interface NestedEditor extends PrefsEditor {
  /** The server's complaint about a key that did not save (shown by that field), by dotted key. */
  errors: Record<string, string>;
}

/**
 * Like usePrefsEditor, but each change PUTs only the changed key (nested), and a refused change keeps its
 * error by key so the form can show it next to the field. Used for the admin's workspace settings, whose
 * "Defaults for users" are deep (defaults.account.threadReplies.desktop).
 */
export function useNestedEditor(path: string, onSaved?: () => void): NestedEditor {
  const [effective, setEffective] = useState<Prefs | null>(null);
  const [status, setStatus] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    loadPrefs(path).then(
      (p) => setEffective(p.effective),
      (e) => setStatus(errorText(e)),
    );
  }, [path]);
  const set = useCallback(
    async (key: string, value: unknown) => {
      if (!effective) return;
      const before = effective;
      setEffective(withValue(effective, key, value));
      setStatus("Saving…");
      try {
        const p = await savePrefs(path, nestedPatch(key, value));
        setEffective(p.effective);
        setErrors(({ [key]: _, ...rest }) => rest);
        setStatus("Saved");
        onSaved?.();
      } catch (e) {
        setEffective(before);
        const text = e instanceof ApiError ? e.message : errorText(e);
        setErrors((cur) => ({ ...cur, [key]: text }));
        setStatus(`Not saved: ${errorText(e)}`);
      }
    },
    [effective, path, onSaved],
  );
  const get = useCallback((key: string) => (effective ? getPath(effective, key) : undefined), [effective]);
  return { effective, get, set, status, errors };
}

/** The same editor seen from under `prefix` ("defaults.account"), so forms written for /me/… keys fit. */
export function scopedEditor(ed: PrefsEditor, prefix: string): PrefsEditor {
  return {
    effective: (ed.get(prefix) as Prefs | undefined) ?? null,
    get: (k: string) => ed.get(`${prefix}.${k}`),
    set: (k: string, v: unknown) => ed.set(`${prefix}.${k}`, v),
    status: ed.status,
  };
}
