import { useQuery } from "@tanstack/react-query";
import { api } from "./api.ts";
import { keys, queryClient } from "./query.ts";
import type { User } from "./types.ts";

// Users by id, so message lists show names without a request per message: kept for the session (names are
// filled in from every list that carries users, and a user's name rarely changes while the app is open).
queryClient.setQueryDefaults(["users", "byId"], {
  staleTime: Number.POSITIVE_INFINITY,
  gcTime: Number.POSITIVE_INFINITY,
});

export function rememberUsers(users: User[]): void {
  for (const u of users) queryClient.setQueryData(keys.user(u.id), u);
}

export function cachedUser(id: string | null | undefined): User | undefined {
  return id ? queryClient.getQueryData<User>(keys.user(id)) : undefined;
}

/** The user with this id, fetched once and shared. */
export function useUser(id: string | null | undefined): User | undefined {
  return useQuery({
    queryKey: keys.user(id ?? ""),
    queryFn: () => api.get<{ user: User }>(`/users/${id}`).then((r) => r.user),
    enabled: Boolean(id),
  }).data;
}

export function displayName(
  u: Pick<User, "displayName" | "username"> | undefined | null,
  fallback = "Someone",
): string {
  return u?.displayName || u?.username || fallback;
}
