// The contact's side beyond writing: what the open widget has shown (the offline email's "seen"), the address
// the contact leaves for replies, the "we usually reply in …" status, and each inbox's widget settings
// (the website origins that may frame it, the offline email delay).
import { replyStatus } from "@herald/core";
import { badRequest, notFound } from "../http/errors.ts";
import type { Services } from "../services.ts";
import type { InboxesTable } from "../store/schema/support.ts";
import { agentFacts } from "./agents.ts";
import { inboxAgentIds } from "./store.ts";
import { contactConversation } from "./widget.ts";

/** The open widget showed the conversation through `through` (a room sequence; default: all of it). */
export async function markSeen(
  services: Services,
  inbox: InboxesTable,
  id: string,
  token: string | undefined,
  through: number | undefined,
) {
  const { db } = services.store;
  const { c } = await contactConversation(services, inbox, id, token);
  const room = await db.selectFrom("rooms").select("last_seq").where("id", "=", c.room_id).executeTakeFirst();
  const last = Number(room?.last_seq ?? 0);
  const seq = Math.min(through ?? last, last);
  // Only forward: an older tab reporting late never makes seen replies unseen again.
  await db
    .updateTable("conversations")
    .set({ contact_seen_seq: seq })
    .where("id", "=", c.id)
    .where("contact_seen_seq", "<", seq)
    .execute();
  return { seenSeq: Math.max(seq, Number(c.contact_seen_seq ?? 0)) };
}

/** The address the contact leaves for replies (validated by the route); it also ends an unsubscribe. */
export async function setContactEmail(
  services: Services,
  inbox: InboxesTable,
  id: string,
  token: string | undefined,
  email: string,
) {
  const { c } = await contactConversation(services, inbox, id, token);
  await services.store.db
    .updateTable("contacts")
    .set({ email, email_off: 0 })
    .where("id", "=", c.contact_id)
    .execute();
  return { email };
}

/** Median first reply time of the inbox's last conversations that got one (null without history). */
async function typicalReplyMs(services: Services, inboxId: string): Promise<number | null> {
  const rows = await services.store.db
    .selectFrom("conversations as c")
    .innerJoin("conversation_messages as cm", "cm.conversation_id", "c.id")
    .innerJoin("messages as m", "m.id", "cm.message_id")
    .select(["c.id", "c.created_at", (e) => e.fn.min("m.created_at").as("first")])
    .where("c.inbox_id", "=", inboxId)
    .where("cm.author", "=", "agent")
    .where("cm.private", "=", 0)
    .groupBy(["c.id", "c.created_at"])
    .orderBy("c.created_at", "desc")
    .limit(50)
    .execute();
  const waits = rows.map((r) => Number(r.first) - Number(r.created_at)).sort((a, b) => a - b);
  if (!waits.length) return null;
  return waits[Math.floor(waits.length / 2)];
}

export async function widgetStatus(services: Services, inbox: InboxesTable) {
  const agents = await agentFacts(services, await inboxAgentIds(services.store.db, inbox.id), inbox.id);
  const s = replyStatus(agents, await typicalReplyMs(services, inbox.id), services.clock.now());
  return { online: s.online, text: s.text, inboxName: inbox.name };
}

export interface WidgetSettings {
  origins: string[];
  offlineEmailMinutes: number | null;
}

export function originsOf(inbox: Pick<InboxesTable, "frame_origins">): string[] {
  try {
    const v = JSON.parse(inbox.frame_origins ?? "[]") as unknown;
    return Array.isArray(v) ? v.filter((o): o is string => typeof o === "string") : [];
  } catch {
    return [];
  }
}

/** A website origin exactly (scheme, host, port): what CSP frame-ancestors compares. */
export function normalizeOrigin(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return null;
  if (u.username || u.password) return null;
  if (u.pathname !== "/" || u.search || u.hash) return null;
  return u.origin;
}

export async function inboxWidget(services: Services, inboxId: string) {
  const inbox = await services.store.db
    .selectFrom("inboxes")
    .selectAll()
    .where("id", "=", inboxId)
    .executeTakeFirst();
  if (!inbox) throw notFound("inbox_not_found", "no such inbox");
  return view(services, inbox);
}

function view(services: Services, inbox: InboxesTable) {
  return {
    inboxId: inbox.id,
    origins: originsOf(inbox),
    offlineEmailMinutes: inbox.offline_email_minutes ?? null,
    defaultOfflineEmailMinutes: services.config.widgetOfflineEmailMinutes,
    siteOrigins: services.config.widgetFrameOrigins,
  };
}

export async function updateInboxWidget(
  services: Services,
  inboxId: string,
  body: { origins?: string[]; offlineEmailMinutes?: number | null },
) {
  const set: { frame_origins?: string; offline_email_minutes?: number | null } = {};
  if (body.origins) {
    const out: string[] = [];
    for (const raw of body.origins) {
      const o = normalizeOrigin(raw);
      if (!o)
        throw badRequest(
          "invalid_origin",
          `${raw.slice(0, 100)} is not a website origin like https://shop.example (no path)`,
          "origins",
        );
      if (!out.includes(o)) out.push(o);
    }
    set.frame_origins = JSON.stringify(out);
  }
  if (body.offlineEmailMinutes !== undefined) set.offline_email_minutes = body.offlineEmailMinutes;
  const { db } = services.store;
  if (Object.keys(set).length) {
    const r = await db.updateTable("inboxes").set(set).where("id", "=", inboxId).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound("inbox_not_found", "no such inbox");
  }
  return inboxWidget(services, inboxId);
}
