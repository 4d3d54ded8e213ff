// What the console shows around conversations: a preview of each one's last message with the agent's unread
// count (BDG-1 through core's roomCounts, from the one read-state loader), and a contact panel — who the
// contact is, since when, the pages the widget said they wrote from, and their other conversations.
import { plainFirstLine, roomCounts } from "@herald/core";
import { badRequest } from "../http/errors.ts";
import { loadAdminSettings } from "../http/preferences/resolve.ts";
import type { Principal } from "../http/types.ts";
import { newId } from "../ids.ts";
import type { Services } from "../services.ts";
import type { Db, Tx } from "../store/db.ts";
import { loadReadStates } from "../store/reads.ts";
import { visibleConversation } from "./store.ts";

const PREVIEW_CHARS = 140;

export interface LastMessage {
  text: string;
  author: "contact" | "agent";
  senderName: string | null;
  private: boolean;
  createdAt: number;
}

/** The last (not deleted) message of each conversation, as a plain first line. Two queries for the list. */
export async function lastMessages(
  db: Db,
  conversationIds: readonly string[],
): Promise<Map<string, LastMessage>> {
  const out = new Map<string, LastMessage>();
  if (!conversationIds.length) return out;
  const tops = await db
    .selectFrom("conversation_messages as cm")
    .innerJoin("messages as m", "m.id", "cm.message_id")
    .select(["cm.conversation_id", (e) => e.fn.max("m.seq").as("seq")])
    .where("cm.conversation_id", "in", conversationIds)
    .where("m.deleted_at", "is", null)
    .groupBy("cm.conversation_id")
    .execute();
  if (!tops.length) return out;
  const wanted = new Map(tops.map((t) => [t.conversation_id, Number(t.seq)]));
  const rows = await db
    .selectFrom("conversation_messages as cm")
    .innerJoin("messages as m", "m.id", "cm.message_id")
    .leftJoin("users as u", "u.id", "m.sender_id")
    .select([
      "cm.conversation_id",
      "cm.author",
      "cm.private",
      "m.seq",
      "m.text",
      "m.created_at",
      "u.display_name",
    ])
    .where("cm.conversation_id", "in", [...wanted.keys()])
    .where("m.seq", "in", [...new Set(wanted.values())])
    .execute();
  for (const r of rows) {
    if (wanted.get(r.conversation_id) !== Number(r.seq)) continue;
    out.set(r.conversation_id, {
      text: plainFirstLine(r.text, PREVIEW_CHARS),
      author: r.author,
      senderName: r.author === "agent" ? r.display_name : null,
      private: r.private === 1,
      createdAt: Number(r.created_at),
    });
  }
  return out;
}

/** BDG-1 unread messages per conversation room for this user (0 where they are not a member). */
export async function unreadByRoom(services: Services, userId: string): Promise<Map<string, number>> {
  const { db } = services.store;
  const states = await loadReadStates(db, userId, await loadAdminSettings(db));
  const out = new Map<string, number>();
  for (const s of states) if (s.kind === "conversation") out.set(s.roomId, roomCounts(s).unread);
  return out;
}

/** Where the contact was when writing: sent by the widget with each message (page address and referrer). */
export interface PageFact {
  url: string;
  referrer?: string;
}

const MAX_URL = 2000;

/** An http(s) address of at most 2,000 characters, or a 400 naming the field. */
function webAddress(v: string, field: string): string {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw badRequest("invalid_page", "not a web address", field);
  }
  if ((u.protocol !== "http:" && u.protocol !== "https:") || v.length > MAX_URL)
    throw badRequest("invalid_page", "not an http or https address", field);
  return u.href;
}

/** Checks a page fact before anything is written (bad input never leaves half-written data). */
export function checkPage(page: PageFact | undefined): PageFact | undefined {
  if (!page) return undefined;
  return {
    url: webAddress(page.url, "page.url"),
    ...(page.referrer ? { referrer: webAddress(page.referrer, "page.referrer") } : {}),
  };
}

/** Records the page unless it is the one this conversation last recorded (one row per page change). */
export async function recordPage(
  trx: Tx,
  c: { id: string; contact_id: string },
  page: PageFact | undefined,
  now: number,
): Promise<void> {
  if (!page) return;
  const last = await trx
    .selectFrom("contact_pages")
    .select(["url", "referrer"])
    .where("conversation_id", "=", c.id)
    .orderBy("seen_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (last && last.url === page.url && (last.referrer ?? undefined) === page.referrer) return;
  await trx
    .insertInto("contact_pages")
    .values({
      id: newId(),
      contact_id: c.contact_id,
      conversation_id: c.id,
      url: page.url,
      referrer: page.referrer ?? null,
      seen_at: now,
    })
    .execute();
}

/** The contact panel of a conversation the caller may see (GEN-5: else 404). */
export async function contactDetails(services: Services, p: Principal, id: string) {
  const { db } = services.store;
  const c = await visibleConversation(db, p, id);
  const contact = await db
    .selectFrom("contacts")
    .select(["name", "email", "created_at"])
    .where("id", "=", c.contact_id)
    .executeTakeFirstOrThrow();
  const pages = await db
    .selectFrom("contact_pages")
    .select(["url", "referrer", "seen_at", "conversation_id"])
    .where("contact_id", "=", c.contact_id)
    .orderBy("seen_at", "desc")
    .orderBy("id", "desc")
    .limit(20)
    .execute();
  // Contacts belong to one inbox, so their other conversations are in this one too (visible to the caller).
  const others = await db
    .selectFrom("conversations")
    .select(["id", "status", "created_at", "updated_at"])
    .where("contact_id", "=", c.contact_id)
    .where("id", "!=", c.id)
    .orderBy("created_at", "desc")
    .limit(20)
    .execute();
  const last = await lastMessages(
    db,
    others.map((o) => o.id),
  );
  return {
    contact: { name: contact.name, email: contact.email, firstSeen: Number(contact.created_at) },
    pages: pages.map((r) => ({
      url: r.url,
      referrer: r.referrer,
      at: Number(r.seen_at),
      thisConversation: r.conversation_id === c.id,
    })),
    conversations: others.map((o) => ({
      id: o.id,
      status: o.status,
      createdAt: Number(o.created_at),
      updatedAt: Number(o.updated_at),
      lastMessage: last.get(o.id) ?? null,
    })),
  };
}
