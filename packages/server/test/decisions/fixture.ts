// Rooms, members and messages written straight to the store, for explain tests: explain reads stored state,
// so the fixture does not depend on the posting route. A message's mentions are resolved and stored the way
// posting does it (the server's own resolution functions), since explain reads them, not the text.
import { randomBytes } from "node:crypto";
import { loadMentionFacts, mentionRows, parseText, resolveText } from "../../src/http/messages/mentions.ts";
import type { Db } from "../../src/store/db.ts";
import { insertMentionRows } from "../../src/store/messages.ts";

const id = () => randomBytes(9).toString("base64url");

export async function makeRoom(
  db: Db,
  kind: "channel" | "group" | "dm" | "gdm",
  memberIds: readonly string[],
  roomPrefs: Record<string, object> = {},
  now = 1_700_000_000_000,
): Promise<string> {
  const roomId = id();
  await db
    .insertInto("rooms")
    .values({
      id: roomId,
      kind,
      name: `r-${roomId}`,
      topic: "",
      dm_key: null,
      created_by: memberIds[0] ?? null,
      last_seq: 0,
      member_count: memberIds.length,
      created_at: now,
    })
    .execute();
  for (let i = 0; i < memberIds.length; i += 500) {
    const rows = memberIds.slice(i, i + 500).map((u) => ({
      room_id: roomId,
      user_id: u,
      last_read_seq: 0,
      prefs: JSON.stringify(roomPrefs[u] ?? {}),
      joined_at: now,
    }));
    await db.insertInto("memberships").values(rows).execute();
  }
  return roomId;
}

export async function makeMessage(
  db: Db,
  roomId: string,
  senderId: string,
  text: string,
  now: number,
): Promise<string> {
  const room = await db
    .selectFrom("rooms")
    .select("last_seq")
    .where("id", "=", roomId)
    .executeTakeFirstOrThrow();
  const seq = room.last_seq + 1;
  const messageId = id();
  await db.updateTable("rooms").set({ last_seq: seq }).where("id", "=", roomId).execute();
  const parsed = parseText(text);
  const mentions = resolveText(parsed, await loadMentionFacts(db, senderId, roomId, [parsed]));
  const row = {
    id: messageId,
    room_id: roomId,
    seq,
    sender_id: senderId,
    text,
    kind: "user" as const,
    thread_root_id: null,
    thread_seq: null,
    in_room: 1,
    created_at: now,
    edited_at: null,
    deleted_at: null,
    mention_view: JSON.stringify(mentions.view),
  };
  await db.insertInto("messages").values(row).execute();
  // `@here`'s send-time list is left to the test (nobody online here); the group mention row is written.
  const set = await mentionRows(db, senderId, mentions.resolved, []);
  await db.transaction().execute((trx) => insertMentionRows(trx, row, set));
  return messageId;
}

/** Many plain users at once (big-room tests): rows in batches, no password hashing. */
export async function makeUsers(db: Db, n: number, now: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 500) {
    const rows = [];
    for (let k = i; k < Math.min(n, i + 500); k++) {
      const uid = id();
      ids.push(uid);
      const name = `bulk${k}_${uid.slice(0, 5)}`.replace(/[^A-Za-z0-9._-]/g, "x");
      rows.push({
        id: uid,
        username: name,
        username_lower: name.toLowerCase(),
        display_name: name,
        email: null,
        email_verified: 0,
        role: "member" as const,
        timezone: "UTC",
        password_hash: "x",
        active: 1,
        prefs: "{}",
        agent_prefs: "{}",
        keywords: null,
        presence_choice: "auto" as const,
        dnd_on: 0,
        dnd_until: null,
        created_at: now,
      });
    }
    await db.insertInto("users").values(rows).execute();
  }
  return ids;
}
