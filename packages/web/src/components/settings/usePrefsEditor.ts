import { useCallback, useState } from "react";
import { errorText } from "../../lib/api.ts";
import { getPath, patchFor } from "../../lib/prefs.ts";
import { usePrefsQuery } from "./prefsQuery.ts";

/** Load prefs from `path`, save each change at once (partial PUT), expose status for a live region. */
export function usePrefsEditor(path: string, onSaved?: () => void) {
  const doc = usePrefsQuery(path);
  const effective = doc.data?.effective ?? null;
  const defaults = doc.data?.defaults ?? null;
  const [saving, setStatus] = useState("");
  const status = saving || doc.loadError;
  const { show, put } = doc;
  const set = useCallback(
    async (key: string, value: unknown) => {
      if (!effective) return;
      const patch = patchFor(effective, key, value);
      show({ ...effective, ...patch });
      setStatus("Saving…");
      try {
        await put(patch);
        setStatus("Saved");
        onSaved?.();
      } catch (e) {
        setStatus(`Not saved: ${errorText(e)}`);
      }
    },
    [effective, show, put, onSaved],
  );
  const get = useCallback((key: string) => (effective ? getPath(effective, key) : undefined), [effective]);
  /** A setting's value when never saved (the workspace default); undefined when the server does not say. */
  const byDefault = useCallback(
    (key: string): unknown => (defaults ? getPath(defaults, key) : undefined),
    [defaults],
  );
  return { effective, get, set, status, byDefault };
}

/** The editor a settings form is given; `byDefault` is absent where the form edits the defaults themselves. */
export type PrefsEditor = Omit<ReturnType<typeof usePrefsEditor>, "byDefault"> & {
  byDefault?(key: string): unknown;
};
