// BDG-1 … BDG-3 through core's badge math over the user's read state.
import { computeBadge } from "@herald/core";
import type { Services } from "../../services.ts";
import { loadReadStates } from "../../store/reads.ts";
import { loadAdminSettings } from "../preferences/resolve.ts";

export async function badgeFor(services: Services, userId: string) {
  const settings = await loadAdminSettings(services.store.db);
  return computeBadge(await loadReadStates(services.store.db, userId, settings));
}
