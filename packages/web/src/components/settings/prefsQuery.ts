import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import { errorText } from "../../lib/api.ts";
import { loadPrefs, type Prefs, type PrefsPayload, prefsKey, savePrefs } from "../../lib/prefs.ts";
import { useApiMutation } from "../../lib/query.ts";

/**
 * A settings document (GET `path`: saved, effective, defaults) in the query cache, and the partial PUT that
 * saves a change. `show` puts a value on screen before the server answers (each change saves at once, and
 * the switch should not wait for the round trip); once no other save is in flight, the answer replaces it.
 */
export function usePrefsQuery(path: string) {
  const client = useQueryClient();
  const key = prefsKey(path);
  const query = useQuery({ queryKey: key, queryFn: () => loadPrefs(path) });
  const save = useApiMutation((patch: Prefs) => savePrefs(path, patch));
  const show = useCallback(
    (effective: Prefs) => {
      // A reload already on its way was read before this change: it must not land on top of it.
      void client.cancelQueries({ queryKey: prefsKey(path) });
      client.setQueryData<PrefsPayload>(prefsKey(path), (old) => (old ? { ...old, effective } : old));
    },
    [client, path],
  );
  const { mutateAsync } = save;
  // Saves in flight, and the number of the last one sent: its answer holds every change made so far.
  const inFlight = useRef(0);
  const lastSent = useRef(0);
  const put = useCallback(
    async (patch: Prefs) => {
      const mine = ++lastSent.current;
      inFlight.current++;
      try {
        const p = await mutateAsync(patch);
        // An earlier save's answer does not know the later change and would switch it back on screen.
        // When the last to come back is not the last sent, the server's document is read again instead.
        if (inFlight.current === 1) {
          if (mine === lastSent.current) client.setQueryData<PrefsPayload>(prefsKey(path), p);
          else void client.invalidateQueries({ queryKey: prefsKey(path) });
        }
        return p;
      } catch (e) {
        // What is on screen may include the change that was not saved: show what the server holds.
        if (inFlight.current === 1) void client.invalidateQueries({ queryKey: prefsKey(path) });
        throw e;
      } finally {
        inFlight.current--;
      }
    },
    [client, path, mutateAsync],
  );
  return {
    data: query.data ?? null,
    loadError: query.error ? errorText(query.error) : "",
    show,
    put,
  };
}
