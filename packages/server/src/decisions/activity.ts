// ActivitySource for explain and the scheduler from the gateway's Presence port: every node's connection facts
// plus the user's last input (PRS-8), merged by core (mergeNodeFacts) exactly as the gateway judges them.
import { mergeNodeFacts, type WindowView } from "@herald/core";
import type { PresenceStore } from "../cluster/presence.ts";
import type { ActivitySource } from "./state.ts";

/** Wire with `services.explainSources.activity = presenceActivity(presenceStore)` where the gateway starts. */
export function presenceActivity(store: PresenceStore): ActivitySource {
  return async (userId, prefs, manual = "auto") => {
    const [nodes, last] = await Promise.all([store.facts(userId), store.lastActivity(userId)]);
    return mergeNodeFacts(nodes, last, prefs, manual);
  };
}

/** DSK-2 facts for the scheduler (PRF-17 "always"): what the user's focused desktop/web windows show now. */
export type ViewSource = (userId: string) => Promise<WindowView[]>;

/** The focused windows' views every node reported with its connection facts. */
export function presenceViews(store: PresenceStore): ViewSource {
  return async (userId) => (await store.facts(userId)).flatMap((n) => n.focusedViews ?? []);
}
