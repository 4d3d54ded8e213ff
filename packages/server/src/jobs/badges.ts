// PSH-5 badge counts for a whole claimed batch: the one badge loader (store/reads.ts) in set queries per batch
// of users — never ~4 queries per recipient — so the push badge equals GET /me/badge (BDG-2 assigned
// conversations and BDG-1 deleted messages included).
import { type AdminSettings, computeBadge } from "@herald/core";
import type { Db } from "../store/db.ts";
import { loadReadStatesFor } from "../store/reads.ts";

export async function badgesFor(
  db: Db,
  userIds: readonly string[],
  settings: AdminSettings,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const [u, rooms] of await loadReadStatesFor(db, userIds, settings))
    out.set(u, computeBadge(rooms).total);
  return out;
}
