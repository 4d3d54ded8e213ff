import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { errorText } from "../../lib/api.ts";
import { loadPrefs, type Prefs, type PrefsPayload, prefsKey, savePrefs } from "../../lib/prefs.ts";
import { useApiMutation } from "../../lib/query.ts";

/**
 * A settings document (GET `path`: saved, effective, defaults) in the query cache, and the partial PUT that
 * saves a change. `show` puts a value on screen before the server answers (each change saves at once, and
 * the switch should not wait for the round trip); the answer then replaces it.
 */
export function usePrefsQuery(path: string) {
  const client = useQueryClient();
  const key = prefsKey(path);
  const query = useQuery({ queryKey: key, queryFn: () => loadPrefs(path) });
  const save = useApiMutation((patch: Prefs) => savePrefs(path, patch));
  const show = useCallback(
    (effective: Prefs) =>
      client.setQueryData<PrefsPayload>(prefsKey(path), (old) => (old ? { ...old, effective } : old)),
    [client, path],
  );
  const { mutateAsync } = save;
  const put = useCallback(
    async (patch: Prefs) => {
      const p = await mutateAsync(patch);
      client.setQueryData<PrefsPayload>(prefsKey(path), p);
      return p;
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
