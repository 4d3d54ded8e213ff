// ActivitySource for explain from the gateway's Presence port: merges every node's facts about the user into
// core's ActivityFacts (PRS-2, PRS-3, PRS-7), the same way the gateway judges a user connected to two nodes.
import type { ActivityFacts } from "@herald/core";
import type { NodeFacts, PresenceStore } from "../cluster/presence.ts";
import type { ActivitySource } from "./state.ts";

export function mergeNodeFacts(
  nodes: readonly NodeFacts[],
  prefs: { autoAway: boolean; idleSeconds: number },
  manual: ActivityFacts["manual"],
): ActivityFacts | null {
  if (nodes.length === 0) return null;
  const desktop = nodes.filter((n) => n.desktopConnections > 0);
  const last = Math.max(...nodes.map((n) => n.lastDesktopActivity));
  const maxOf = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? Math.max(...v) : null;
  };
  const connected = nodes.some((n) => n.connections > 0);
  return {
    hasDesktopConnection: desktop.length > 0,
    lastActivityAt: last > 0 ? last : Number.NEGATIVE_INFINITY,
    desktopGoneAt: desktop.length > 0 ? null : maxOf(nodes.map((n) => n.desktopGoneAt)),
    // PRS-3: away from when the LAST open desktop connection reported locked — all must be locked.
    lockedSince:
      desktop.length > 0 && desktop.every((n) => n.lockedSince !== null)
        ? maxOf(desktop.map((n) => n.lockedSince))
        : null,
    hasAnyConnection: connected,
    anyGoneAt: connected ? null : maxOf(nodes.map((n) => n.goneAt)),
    autoAway: prefs.autoAway,
    idleSeconds: Math.max(60, prefs.idleSeconds),
    manual,
  };
}

/** Wire with `services.explainSources.activity = presenceActivity(presenceStore)` where the gateway starts. */
export function presenceActivity(store: PresenceStore): ActivitySource {
  return async (userId, prefs, manual = "auto") => mergeNodeFacts(await store.facts(userId), prefs, manual);
}
