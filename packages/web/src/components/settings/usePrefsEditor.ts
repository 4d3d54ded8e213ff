import { useCallback, useEffect, useState } from "react";
import { errorText } from "../../lib/api.ts";
import { getPath, loadPrefs, type Prefs, patchFor, savePrefs } from "../../lib/prefs.ts";

/** Load prefs from `path`, save each change at once (partial PUT), expose status for a live region. */
export function usePrefsEditor(path: string, onSaved?: () => void) {
  const [effective, setEffective] = useState<Prefs | null>(null);
  const [status, setStatus] = useState("");
  useEffect(() => {
    loadPrefs(path).then(
      (p) => setEffective(p.effective),
      (e) => setStatus(errorText(e)),
    );
  }, [path]);
  const set = useCallback(
    async (key: string, value: unknown) => {
      if (!effective) return;
      const patch = patchFor(effective, key, value);
      setEffective({ ...effective, ...patch });
      setStatus("Saving…");
      try {
        const p = await savePrefs(path, patch);
        setEffective(p.effective);
        setStatus("Saved");
        onSaved?.();
      } catch (e) {
        setStatus(`Not saved: ${errorText(e)}`);
      }
    },
    [effective, path, onSaved],
  );
  const get = useCallback((key: string) => (effective ? getPath(effective, key) : undefined), [effective]);
  return { effective, get, set, status };
}

export type PrefsEditor = ReturnType<typeof usePrefsEditor>;
