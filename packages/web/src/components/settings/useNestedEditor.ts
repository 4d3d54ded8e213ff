import { useCallback, useState } from "react";
import { errorText, fieldErrorText } from "../../lib/api.ts";
import { getPath, type Prefs } from "../../lib/prefs.ts";
import { usePrefsQuery } from "./prefsQuery.ts";
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
  const doc = usePrefsQuery(path);
  const effective = doc.data?.effective ?? null;
  const [saving, setStatus] = useState("");
  const status = saving || doc.loadError;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { show, put } = doc;
  const set = useCallback(
    async (key: string, value: unknown) => {
      if (!effective) return;
      const before = effective;
      show(withValue(effective, key, value));
      setStatus("Saving…");
      try {
        await put(nestedPatch(key, value));
        setErrors(({ [key]: _, ...rest }) => rest);
        setStatus("Saved");
        onSaved?.();
      } catch (e) {
        show(before);
        setErrors((cur) => ({ ...cur, [key]: fieldErrorText(e) }));
        setStatus(`Not saved: ${errorText(e)}`);
      }
    },
    [effective, show, put, onSaved],
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
