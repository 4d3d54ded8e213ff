// Loads what core's decideSupport needs per agent (AgentFacts) with set queries: one for the users, one for
// their inbox memberships; activity comes from the gateway's presence (services.explainSources.activity).
// Agent counts per inbox are small, so a lookup per agent for activity is acceptable here.
import type { ActivityFacts, AgentFacts, AgentPreferences, Busy } from "@herald/core";
import { isBusy, presenceOf, resolveAgentPreferences, resolvePreferences } from "@herald/core";
import { loadAdminSettings } from "../http/preferences/resolve.ts";
import type { Services } from "../services.ts";
import type { Db } from "../store/db.ts";

/** No known connection: offline since forever (PRS-4), so SUP-3/SUP-9 treat the agent as away from the console. */
export function offlineFacts(
  autoAway: boolean,
  idleSeconds: number,
  manual: ActivityFacts["manual"],
): ActivityFacts {
  return {
    hasDesktopConnection: false,
    lastActivityAt: Number.NEGATIVE_INFINITY,
    lastAnyActivityAt: Number.NEGATIVE_INFINITY,
    desktopGoneAt: Number.NEGATIVE_INFINITY,
    lockedSince: null,
    hasAnyConnection: false,
    anyGoneAt: Number.NEGATIVE_INFINITY,
    autoAway,
    idleSeconds: Math.max(60, idleSeconds),
    manual,
  };
}

export function busyOf(u: { dnd_on: number; dnd_until: number | null }): Busy | null {
  return u.dnd_on ? { until: u.dnd_until === null ? null : Number(u.dnd_until) } : null;
}

export async function agentFacts(
  services: Services,
  userIds: readonly string[],
  inboxId: string,
): Promise<AgentFacts[]> {
  const { db } = services.store;
  const ids = [...new Set(userIds)];
  if (!ids.length) return [];
  const admin = await loadAdminSettings(db);
  const users = await db
    .selectFrom("users")
    .select(["id", "prefs", "agent_prefs", "email", "presence_choice", "dnd_on", "dnd_until"])
    .where("id", "in", ids)
    .where("active", "=", 1)
    .execute();
  const inInbox = await inboxMembers(db, inboxId, ids);
  const out: AgentFacts[] = [];
  for (const u of users) {
    const account = resolvePreferences(JSON.parse(u.prefs), admin.defaults.account);
    const prefs: AgentPreferences = resolveAgentPreferences(JSON.parse(u.agent_prefs), admin.defaults.agent);
    const settings = { autoAway: account.autoAway, idleSeconds: account.idleSeconds };
    const source = services.explainSources.activity;
    const activity =
      (source ? await source(u.id, settings, u.presence_choice) : null) ??
      offlineFacts(account.autoAway, account.idleSeconds, u.presence_choice);
    out.push({
      userId: u.id,
      prefs,
      activity,
      status: { manual: u.presence_choice, busy: busyOf(u) },
      inboxIds: inInbox.has(u.id) ? [inboxId] : [],
      // Focus is known only to the clients: the SDK applies PRF-44 / the conversation in view (PRF-51).
      consoleFocused: false,
      focusedConversationId: null,
      hasEmail: !!u.email,
    });
  }
  return out;
}

async function inboxMembers(db: Db, inboxId: string, ids: string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom("inbox_agents")
    .select("user_id")
    .where("inbox_id", "=", inboxId)
    .where("user_id", "in", ids)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** SUP-3: available = online or away (not offline), and not busy. Invisible agents are at work: they count. */
export function isAvailable(a: AgentFacts, now: number): boolean {
  return !isBusy(a.status.busy, now) && presenceOf({ ...a.activity, manual: "auto" }, now) !== "offline";
}
