import { useEffect, useState } from "react";
import { api } from "./api.ts";
import { asItem } from "./data.ts";
import type { User } from "./types.ts";

// A small cache of users by id, so message lists show names without a request per message.
const cache = new Map<string, User>();
const inflight = new Map<string, Promise<User | null>>();
const listeners = new Set<() => void>();

export function rememberUsers(users: User[]): void {
  for (const u of users) cache.set(u.id, u);
  for (const fn of listeners) fn();
}

export function cachedUser(id: string | null | undefined): User | undefined {
  return id ? cache.get(id) : undefined;
}

function fetchUser(id: string): Promise<User | null> {
  let p = inflight.get(id);
  if (!p) {
    p = api.get<unknown>(`/users/${id}`).then(
      (raw) => {
        const u = asItem<User>(raw, "user");
        rememberUsers([u]);
        return u;
      },
      () => null,
    );
    inflight.set(id, p);
  }
  return p;
}

/** The user with this id, fetched once and shared. */
export function useUser(id: string | null | undefined): User | undefined {
  const [, force] = useState(0);
  useEffect(() => {
    const fn = () => force((n) => n + 1);
    listeners.add(fn);
    if (id && !cache.has(id)) fetchUser(id);
    return () => {
      listeners.delete(fn);
    };
  }, [id]);
  return cachedUser(id);
}

export function displayName(
  u: Pick<User, "displayName" | "username"> | undefined | null,
  fallback = "Someone",
): string {
  return u?.displayName || u?.username || fallback;
}
