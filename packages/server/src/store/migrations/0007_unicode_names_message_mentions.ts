// Unicode usernames (§1): `username_lower` becomes the folded key (NFC + simple case folding, core's foldName),
// recomputed for every existing user; no name is changed or dropped. And `messages.mention_view`: what a
// message notified by name and group (the users it mentioned, `@all`, `@here`) as JSON, so history shows
// exactly that without parsing again; existing messages get it from their mention rows. Never edit once
// committed.
import { foldName } from "@herald/core";
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await refoldUsernames(db);
  await db.schema.alterTable("messages").addColumn("mention_view", "text").execute();
  await backfillMentionViews(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("messages").dropColumn("mention_view").execute();
}

interface UserKeyRow {
  id: string;
  username: string;
  username_lower: string;
}

/** New keys for the users whose key changes. A clash (two stored names that fold alike, which the old key
 *  allowed only for names written outside the API) keeps the later user's old key: the name stays, unchanged. */
export function refoldedKeys(users: readonly UserKeyRow[]): Map<string, string> {
  const taken = new Set(users.map((u) => u.username_lower));
  const changes = new Map<string, string>();
  for (const u of users) {
    const key = foldName(u.username);
    if (key === u.username_lower || taken.has(key)) continue;
    taken.add(key);
    changes.set(u.id, key);
  }
  return changes;
}

async function refoldUsernames(db: AnyDb): Promise<void> {
  const users = (await db
    .selectFrom("users")
    .select(["id", "username", "username_lower"])
    .orderBy("created_at")
    .orderBy("id")
    .execute()) as UserKeyRow[];
  const changes = refoldedKeys(users);
  for (const [id, key] of changes) {
    await db.updateTable("users").set({ username_lower: key }).where("id", "=", id).execute();
  }
}

interface MentionRow {
  message_id: string;
  user_id: string;
  username: string;
}

async function backfillMentionViews(db: AnyDb): Promise<void> {
  const named = (await db
    .selectFrom("mentions as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.message_id", "m.user_id", "u.username"])
    .where("m.kind", "=", "mention")
    .execute()) as MentionRow[];
  const groups = (await db.selectFrom("group_mentions").select(["message_id", "kind"]).execute()) as {
    message_id: string;
    kind: string;
  }[];
  const views = new Map<string, { users: { id: string; username: string }[]; all: boolean; here: boolean }>();
  const viewOf = (id: string) => {
    let v = views.get(id);
    if (!v) {
      v = { users: [], all: false, here: false };
      views.set(id, v);
    }
    return v;
  };
  for (const r of named) viewOf(r.message_id).users.push({ id: r.user_id, username: r.username });
  for (const g of groups) {
    if (g.kind === "all") viewOf(g.message_id).all = true;
    else if (g.kind === "here") viewOf(g.message_id).here = true;
  }
  for (const [id, view] of views) {
    await db
      .updateTable("messages")
      .set({ mention_view: JSON.stringify(view) })
      .where("id", "=", id)
      .execute();
  }
}
