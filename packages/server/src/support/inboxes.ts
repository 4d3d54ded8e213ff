// Inboxes (SUP-1): admins create them (the API key is shown once, stored hashed) and add agents; agents see the
// inboxes they belong to. A new agent joins the rooms of the inbox's unresolved conversations.
import { badRequest, notFound } from "../http/errors.ts";
import type { Principal } from "../http/types.ts";
import { newId, sha256 } from "../ids.ts";
import type { Services } from "../services.ts";
import { addMembers } from "../store/rooms.ts";
import { newInboxKey } from "./store.ts";

async function checkAgents(services: Services, ids: string[]): Promise<void> {
  const rows = await services.store.db
    .selectFrom("users")
    .select(["id", "role"])
    .where("id", "in", ids)
    .where("active", "=", 1)
    .execute();
  const found = new Map(rows.map((r) => [r.id, r.role]));
  for (const id of ids) {
    if (!found.has(id)) throw badRequest("user_not_found", `no active user ${id}`, "userIds");
    if (found.get(id) === "member")
      throw badRequest("not_an_agent", `user ${id} is not an agent or admin`, "userIds");
  }
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
  return { inbox: { id: inbox.id, name: inbox.name, keyPrefix: inbox.key_prefix, agentIds }, key };
}

export async function addInboxAgents(services: Services, inboxId: string, userIds: string[]) {
  const { db } = services.store;
  const inbox = await db.selectFrom("inboxes").select("id").where("id", "=", inboxId).executeTakeFirst();
  if (!inbox) throw notFound("inbox_not_found", "no such inbox");
  const ids = [...new Set(userIds)];
  await checkAgents(services, ids);
  const now = services.clock.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("inbox_agents")
      .values(ids.map((user_id) => ({ inbox_id: inboxId, user_id, created_at: now })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    const rooms = await trx
      .selectFrom("conversations")
      .select("room_id")
      .where("inbox_id", "=", inboxId)
      .where("status", "!=", "resolved")
      .execute();
    for (const r of rooms) await addMembers(trx, r.room_id, ids, now);
  });
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

export async function listInboxes(services: Services, p: Principal) {
  const { db } = services.store;
  let q = db.selectFrom("inboxes").select(["id", "name", "key_prefix", "created_at"]);
  if (p.role !== "admin")
    q = q.where("id", "in", db.selectFrom("inbox_agents").select("inbox_id").where("user_id", "=", p.userId));
  const rows = await q.orderBy("created_at").execute();
  const out = [];
  for (const r of rows)
    out.push({ id: r.id, name: r.name, keyPrefix: r.key_prefix, agentIds: await agentsOf(services, r.id) });
  return { inboxes: out };
}
