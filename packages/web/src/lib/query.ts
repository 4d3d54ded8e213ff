import {
  QueryClient,
  type QueryKey,
  type UseQueryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, errorText } from "./api.ts";

// Server state lives in one TanStack Query cache: screens read it through keys below, writes invalidate the
// keys they change, and realtime frames (live.tsx) refresh or patch the same keys.
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A failed load shows its message at once (the app's error texts are about the request, not the network
      // weather); a retry loop would hold the screen on "Loading…".
      retry: false,
      // Realtime frames keep the cache current; a refetch on every focus change would only add requests.
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

/**
 * Query keys, one place. Each key starts with the API path's segments, so invalidating a prefix
 * (`["rooms"]`) reaches everything below it.
 */
export const keys = {
  rooms: () => ["rooms"] as const,
  room: (roomId: string) => ["rooms", roomId] as const,
  publicChannels: () => ["rooms", "public"] as const,
  roomMembers: (roomId: string) => ["rooms", roomId, "members"] as const,
  roomPreferences: (roomId: string) => ["rooms", roomId, "preferences"] as const,
  // Outside ["rooms"]: reloading the room list must not reload every page of history held.
  history: (roomId: string) => ["history", roomId] as const,
  followedThreads: () => ["threads", "followed"] as const,
  thread: (rootId: string) => ["threads", "root", rootId] as const,
  notifications: (filter: string) => ["notifications", "list", filter] as const,
  inboxCount: () => ["notifications", "unread-count"] as const,
  message: (id: string) => ["messages", id] as const,
  user: (id: string) => ["users", "byId", id] as const,
  userSearch: (q: string) => ["users", "search", q] as const,
  ignores: () => ["me", "ignores"] as const,
  search: (kind: string, q: string) => ["search", kind, q] as const,
  explain: (query: string) => ["explain", query] as const,
};

type Options<T> = Omit<UseQueryOptions<T, Error, T, QueryKey>, "queryKey" | "queryFn">;

/**
 * `load` under `key`: a path to GET (the caller names its answer's type), or a typed call
 * (`() => ok(http.GET(...))`); null = nothing to load yet.
 */
export function useApiQuery<T>(
  key: QueryKey,
  load: string | (() => Promise<T>) | null,
  options: Options<T> = {},
) {
  return useQuery<T, Error, T, QueryKey>({
    queryKey: key,
    queryFn: typeof load === "function" ? load : () => api.get<T>(load as string),
    ...options,
    enabled: load !== null && (options.enabled ?? true),
  });
}

/** A write that, once it succeeds, marks these keys stale so every screen showing them loads them again. */
export function useApiMutation<V, R>(run: (vars: V) => Promise<R>, invalidates: QueryKey[] = []) {
  const client = useQueryClient();
  return useMutation<R, Error, V>({
    mutationFn: run,
    onSuccess: () => Promise.all(invalidates.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

/** `value` once it has stopped changing for `ms` (a query per keystroke would be wasted). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** A query's failure in words for the screen, or "" when there is none. */
export function queryErrorText(q: { error: unknown }): string {
  return q.error ? errorText(q.error) : "";
}
