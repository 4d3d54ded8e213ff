import { foldName } from "@herald/core";
import { useQuery } from "@tanstack/react-query";
import { membersQuery } from "../../lib/rooms.ts";

export interface Candidate {
  handle: string;
  label: string;
}

const GROUP: Candidate[] = [
  { handle: "all", label: "everyone in this room" },
  { handle: "here", label: "everyone online in this room" },
];

/**
 * Members of the room matching the typed prefix, plus @all / @here (MEN-2). Names compare the way the server
 * compares them (core's `foldName`: NFC + simple case folding), so `@jos` offers José and `@ВЛА` Владимир.
 */
export function useMentionCandidates(roomId: string, query: string | null): Candidate[] {
  const members = useQuery(membersQuery(roomId)).data ?? [];
  if (query === null) return [];
  const q = foldName(query);
  const users = members
    .filter((m) => foldName(m.username).startsWith(q) || foldName(m.displayName).includes(q))
    .slice(0, 8)
    .map((m) => ({ handle: m.username, label: m.displayName }));
  return [...users, ...GROUP.filter((g) => g.handle.startsWith(q))];
}
