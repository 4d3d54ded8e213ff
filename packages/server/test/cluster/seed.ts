// A big room seeded in SQL on PostgreSQL (no password hashing, no API call per member): members
// m0000000, m0000001, … join the room, and the first few get a read token each to connect with.
import type pg from "pg";
import { newSecret, sha256 } from "../../src/ids.ts";

/** Adds `count` members (users and memberships) to the room in three statements. */
export async function seedMembers(
  client: pg.Client,
  roomId: string,
  count: number,
  now: number,
): Promise<void> {
  await client.query(
    `insert into users (id, username, username_lower, display_name, email, email_verified, role, timezone,
       password_hash, active, prefs, agent_prefs, keywords, presence_choice, dnd_on, dnd_until, created_at)
     select 'm' || lpad(g::text, 7, '0'), 'm' || g, 'm' || g, 'Member ' || g, null, 0, 'member', 'UTC',
       'x', 1, '{}', '{}', null, 'auto', 0, null, $1
     from generate_series(0, $2 - 1) g`,
    [now, count],
  );
  await client.query(
    `insert into memberships (room_id, user_id, last_read_seq, prefs, joined_at)
     select $1, 'm' || lpad(g::text, 7, '0'), 0, '{}', $2 from generate_series(0, $3 - 1) g`,
    [roomId, now, count],
  );
  await client.query("update rooms set member_count = member_count + $1 where id = $2", [count, roomId]);
}

/** A read token for each of the first `count` seeded members, in member order (one statement). */
export async function seedMemberTokens(
  client: pg.Client,
  count: number,
  name: string,
  now: number,
): Promise<string[]> {
  const tokens = Array.from({ length: count }, () => newSecret("hrld_"));
  await client.query(
    `insert into access_tokens (id, user_id, name, token_hash, prefix, scopes, created_at)
     select 't' || g, 'm' || lpad(g::text, 7, '0'), $3, h, left(tk, 9), 'read', $4
     from unnest($1::text[], $2::text[]) with ordinality as x(tk, h, n), lateral (select n - 1 as g) i`,
    [tokens, tokens.map(sha256), name, now],
  );
  return tokens;
}
