// Inboxes (SUP-1): admins create them, add agents, and see or rotate the key (public: it sits in the widget
// snippet; lookups go by its hash); agents see the inboxes they belong to. A new agent joins the rooms of the
// inbox's unresolved conversations.
import { badRequest, notFound } from "../http/errors.ts";
import type { Principal } from "../http/types.ts";
import { newId, sha256 } from "../ids.ts";
import type { Services } from "../services.ts";
import type { Exec } from "../store/db.ts";
import { addMembers, removeMember } from "../store/rooms.ts";
import { newInboxKey } from "./store.ts";

export interface Rejected {
  userId: string;
  /** The person's display name when the id is a user; null for an unknown id. */
  name: string | null;
  code: "user_not_found" | "not_an_agent";
  reason: string;
}

/** Splits ids into those who may be agents (active agents and admins) and the rest, named in words. */
async function sortAgents(
  services: Services,
  ids: string[],
): Promise<{ ok: string[]; rejected: Rejected[] }> {
  const rows = ids.length
    ? await services.store.db
        .selectFrom("users")
        .select(["id", "role", "active", "display_name"])
        .where("id", "in", ids)
        .execute()
    : [];
  const found = new Map(rows.map((r) => [r.id, r]));
  const ok: string[] = [];
  const rejected: Rejected[] = [];
  for (const id of ids) {
    const u = found.get(id);
    if (!u) rejected.push({ userId: id, name: null, code: "user_not_found", reason: "no such user" });
    else if (u.active !== 1)
      rejected.push({
        userId: id,
        name: u.display_name,
        code: "user_not_found",
        reason: `${u.display_name} is deactivated`,
      });
    else if (u.role === "member")
      rejected.push({
        userId: id,
        name: u.display_name,
        code: "not_an_agent",
        reason: `${u.display_name} is a member, not an agent or admin`,
      });
    else ok.push(id);
  }
  return { ok, rejected };
}

/** One sentence for the rejected people (an unknown id is counted, never echoed back). */
export function rejectionText(rejected: readonly Rejected[]): string {
  const named = rejected.filter((r) => r.name).map((r) => r.reason);
  const unknown = rejected.length - named.length;
  if (unknown)
    named.push(
      unknown === 1 ? "one of the chosen users no longer exists" : `${unknown} chosen users no longer exist`,
    );
  return `Not added: ${named.join("; ")}.`;
}

async function checkAgents(services: Services, ids: string[]): Promise<void> {
  const { rejected } = await sortAgents(services, ids);
  if (rejected.length) throw badRequest(rejected[0].code, rejectionText(rejected), "agentIds");
}

export async function createInbox(services: Services, body: { name: string; agentIds?: string[] }) {
  const agentIds = [...new Set(body.agentIds ?? [])];
  if (agentIds.length) await checkAgents(services, agentIds);
  const key = newInboxKey();
  const now = services.clock.now();
  const inbox = {
    id: newId(),
    name: body.name,
    key_hash: sha256(key),
    key_prefix: key.slice(0, 8),
    widget_key: key,
    created_at: now,
  };
  await services.store.db.transaction().execute(async (trx) => {
    await trx.insertInto("inboxes").values(inbox).execute();
    if (agentIds.length)
      await trx
        .insertInto("inbox_agents")
        .values(agentIds.map((user_id) => ({ inbox_id: inbox.id, user_id, created_at: now })))
        .execute();
  });
  return { inbox: { id: inbox.id, name: inbox.name, keyPrefix: inbox.key_prefix, key, agentIds }, key };
}

/** Adds every id that may be an agent; the rest come back in `rejected`, named in words (the route answers
 *  4xx when any was rejected, with what was added). */
export async function addInboxAgents(services: Services, inboxId: string, userIds: string[]) {
  const { db } = services.store;
  const inbox = await db.selectFrom("inboxes").select("id").where("id", "=", inboxId).executeTakeFirst();
  if (!inbox) throw notFound("inbox_not_found", "no such inbox");
  const { ok: ids, rejected } = await sortAgents(services, [...new Set(userIds)]);
  const before = new Set(await agentsOf(services, inboxId));
  const now = services.clock.now();
  if (ids.length)
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("inbox_agents")
        .values(ids.map((user_id) => ({ inbox_id: inboxId, user_id, created_at: now })))
        .onConflict((oc) => oc.doNothing())
        .execute();
      const rooms = await unresolvedRooms(trx, inboxId);
      for (const r of rooms) await addMembers(trx, r.room_id, ids, now);
    });
  return {
    inboxId,
    agentIds: await agentsOf(services, inboxId),
    added: ids.filter((id) => !before.has(id)),
    rejected,
  };
}

/** The rooms of an inbox's conversations that are not resolved: the ones its agents are members of. */
function unresolvedRooms(trx: Exec, inboxId: string) {
  return trx
    .selectFrom("conversations")
    .select("room_id")
    .where("inbox_id", "=", inboxId)
    .where("status", "!=", "resolved")
    .execute();
}

/** Takes an agent out of an inbox: they leave the rooms of its unresolved conversations (so no further alerts)
 *  and conversations of this inbox assigned to them go back to unassigned, for the remaining agents to pick
 *  up. 404 when the inbox or the agent is not there. */
export async function removeInboxAgent(services: Services, inboxId: string, userId: string) {
  const { db } = services.store;
  const inbox = await db.selectFrom("inboxes").select("id").where("id", "=", inboxId).executeTakeFirst();
  if (!inbox) throw notFound("inbox_not_found", "no such inbox");
  const removed = await db.transaction().execute(async (trx) => {
    const r = await trx
      .deleteFrom("inbox_agents")
      .where("inbox_id", "=", inboxId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) return false;
    const rooms = await unresolvedRooms(trx, inboxId);
    for (const c of rooms) await removeMember(trx, c.room_id, userId);
    await trx
      .updateTable("conversations")
      .set({ assignee_id: null })
      .where("inbox_id", "=", inboxId)
      .where("assignee_id", "=", userId)
      .where("status", "!=", "resolved")
      .execute();
    return true;
  });
  if (!removed) throw notFound("agent_not_found", "this person is not an agent of this inbox");
  return { inboxId, agentIds: await agentsOf(services, inboxId) };
}

async function agentsOf(services: Services, inboxId: string): Promise<string[]> {
  const rows = await services.store.db
    .selectFrom("inbox_agents")
    .select("user_id")
    .where("inbox_id", "=", inboxId)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => r.user_id);
}

/** Admins see each inbox's key (public, for the widget snippet); agents see name and agents only. */
export async function listInboxes(services: Services, p: Principal) {
  const { db } = services.store;
  let q = db.selectFrom("inboxes").select(["id", "name", "key_prefix", "widget_key", "created_at"]);
  if (p.role !== "admin")
    q = q.where("id", "in", db.selectFrom("inbox_agents").select("inbox_id").where("user_id", "=", p.userId));
  const rows = await q.orderBy("created_at").execute();
  const out = [];
  for (const r of rows)
    out.push({
      id: r.id,
      name: r.name,
      keyPrefix: r.key_prefix,
      ...(p.role === "admin" ? { key: r.widget_key } : {}),
      agentIds: await agentsOf(services, r.id),
    });
  return { inboxes: out };
}

/** A new key for the inbox; the old one stops working at once (widgets embedding it must be updated). */
export async function rotateInboxKey(services: Services, inboxId: string) {
  const key = newInboxKey();
  const r = await services.store.db
    .updateTable("inboxes")
    .set({ key_hash: sha256(key), key_prefix: key.slice(0, 8), widget_key: key })
    .where("id", "=", inboxId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notFound("inbox_not_found", "no such inbox");
  return { inboxId, key, keyPrefix: key.slice(0, 8) };
}
