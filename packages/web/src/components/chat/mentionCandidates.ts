import { useEffect, useState } from "react";
import { api } from "../../lib/api.ts";
import { asList } from "../../lib/data.ts";
import type { User } from "../../lib/types.ts";
import { rememberUsers } from "../../lib/users.ts";

export interface Candidate {
  handle: string;
  label: string;
}

const GROUP: Candidate[] = [
  { handle: "all", label: "everyone in this room" },
  { handle: "here", label: "everyone online in this room" },
];

/** Members of the room matching the typed prefix, plus @all / @here (MEN-2). */
export function useMentionCandidates(roomId: string, query: string | null): Candidate[] {
  const [members, setMembers] = useState<User[]>([]);
  useEffect(() => {
    let live = true;
    api.get<unknown>(`/rooms/${roomId}/members`).then(
      (raw) => {
        // Members may come as users or as {user} membership rows.
        const list = asList<User & { user?: User }>(raw, "members").map((m) => m.user ?? m);
        rememberUsers(list);
        if (live) setMembers(list);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [roomId]);
  if (query === null) return [];
  const users = members
    .filter((m) => m.username.toLowerCase().startsWith(query) || m.displayName.toLowerCase().includes(query))
    .slice(0, 8)
    .map((m) => ({ handle: m.username, label: m.displayName }));
  return [...users, ...GROUP.filter((g) => g.handle.startsWith(query))];
}
