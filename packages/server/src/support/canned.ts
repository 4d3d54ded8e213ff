// Canned replies: admins keep them, agents (and admins) list them for the composer's `/shortcut`. Members have
// no console, so they get 403. Shortcuts are unique compared in lower case, as typed after "/".
import { badRequest, conflict, forbidden, notFound } from "../http/errors.ts";
import { checkText } from "../http/messages/post.ts";
import type { Principal } from "../http/types.ts";
import { newId } from "../ids.ts";
import type { Services } from "../services.ts";
import type { CannedRepliesTable } from "../store/schema/conversation-details.ts";

const SHORTCUT = /^[\p{L}\p{N}_-]{1,32}$/u;

const view = (r: CannedRepliesTable) => ({
  id: r.id,
  shortcut: r.shortcut,
  text: r.text,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

function shortcutOf(v: string): string {
  const s = v.trim().replace(/^\//, "").toLowerCase();
  if (!SHORTCUT.test(s))
    throw badRequest("invalid_shortcut", "a shortcut is 1 to 32 letters, digits, - or _", "shortcut");
  return s;
}

async function assertFree(services: Services, shortcut: string, except?: string): Promise<void> {
  const r = await services.store.db
    .selectFrom("canned_replies")
    .select("id")
    .where("shortcut", "=", shortcut)
    .executeTakeFirst();
  if (r && r.id !== except)
    throw conflict("shortcut_taken", `another canned reply already uses /${shortcut}`, "shortcut");
}

/** A unique-index race between two admins lands here: the same answer as the check before it. */
async function orTaken<T>(shortcut: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (/unique|duplicate/i.test((err as Error).message))
      throw conflict("shortcut_taken", `another canned reply already uses /${shortcut}`, "shortcut");
    throw err;
  }
}

export async function listCanned(services: Services, p: Principal) {
  if (p.role === "member") throw forbidden("not_an_agent", "canned replies are for agents");
  const rows = await services.store.db
    .selectFrom("canned_replies")
    .selectAll()
    .orderBy("shortcut")
    .limit(1000)
    .execute();
  return { cannedReplies: rows.map(view) };
}

export async function createCanned(services: Services, body: { shortcut: string; text: string }) {
  const shortcut = shortcutOf(body.shortcut);
  checkText(body.text);
  await assertFree(services, shortcut);
  const now = services.clock.now();
  const row = { id: newId(), shortcut, text: body.text, created_at: now, updated_at: now };
  await orTaken(shortcut, () => services.store.db.insertInto("canned_replies").values(row).execute());
  return { cannedReply: view(row) };
}

export async function updateCanned(
  services: Services,
  id: string,
  body: { shortcut?: string; text?: string },
) {
  const { db } = services.store;
  const have = await db.selectFrom("canned_replies").selectAll().where("id", "=", id).executeTakeFirst();
  if (!have) throw notFound("canned_reply_not_found", "no such canned reply");
  const shortcut = body.shortcut === undefined ? have.shortcut : shortcutOf(body.shortcut);
  if (body.text !== undefined) checkText(body.text);
  if (shortcut !== have.shortcut) await assertFree(services, shortcut, id);
  const next = { ...have, shortcut, text: body.text ?? have.text, updated_at: services.clock.now() };
  await orTaken(shortcut, () =>
    db
      .updateTable("canned_replies")
      .set({ shortcut: next.shortcut, text: next.text, updated_at: next.updated_at })
      .where("id", "=", id)
      .execute(),
  );
  return { cannedReply: view(next) };
}

export async function deleteCanned(services: Services, id: string): Promise<void> {
  const r = await services.store.db.deleteFrom("canned_replies").where("id", "=", id).executeTakeFirst();
  if (Number(r.numDeletedRows) !== 1) throw notFound("canned_reply_not_found", "no such canned reply");
}
