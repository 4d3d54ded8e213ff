// Account queries: users, sessions, tokens, devices, ignores.
import { foldName } from "@herald/core";
import { newId, newSecret, sha256 } from "../ids.ts";
import type { Db } from "./db.ts";
import type { UsersTable } from "./schema/accounts.ts";

export type UserRow = UsersTable;

export interface NewUser {
  username: string;
  passwordHash: string;
  role: UserRow["role"];
  displayName?: string;
  email?: string | null;
  timezone?: string;
  /** False when the zone was chosen (the column's default, true, lets the browser's zone apply). */
  timezoneAuto?: boolean;
}

export async function insertUser(db: Db, u: NewUser, now: number): Promise<UserRow> {
  const row: UserRow = {
    id: newId(),
    // §1: stored NFC; the unique key is the folded name, so `José` and `JOSÉ` are one name.
    username: u.username.normalize("NFC"),
    username_lower: foldName(u.username),
    display_name: u.displayName ?? u.username,
    email: u.email ?? null,
    email_verified: 0,
    role: u.role,
    timezone: u.timezone ?? "UTC",
    password_hash: u.passwordHash,
    active: 1,
    prefs: "{}",
    agent_prefs: "{}",
    keywords: null,
    presence_choice: "auto",
    dnd_on: 0,
    dnd_until: null,
    created_at: now,
    timezone_auto: u.timezoneAuto === false ? 0 : 1,
  };
  await db.insertInto("users").values(row).execute();
  return row;
}

export function userById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The user whose name folds like `username` (NFC + simple case folding, §1). */
export function userByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("username_lower", "=", foldName(username))
    .executeTakeFirst();
}

/** Sign in by username or email (case-insensitive). */
export async function userByLogin(db: Db, login: string): Promise<UserRow | undefined> {
  if (login.includes("@")) {
    return db.selectFrom("users").selectAll().where("email", "=", login.toLowerCase()).executeTakeFirst();
  }
  return userByUsername(db, login);
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db
    .selectFrom("users")
    .select((e) => e.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface NewSession {
  id: string;
  token: string;
  csrfToken: string;
}

export async function createSession(
  db: Db,
  userId: string,
  meta: { userAgent: string; ip: string },
  now: number,
  ttlMs: number,
): Promise<NewSession> {
  const s = { id: newId(), token: newSecret(), csrfToken: newSecret() };
  await db
    .insertInto("sessions")
    .values({
      id: s.id,
      user_id: userId,
      token_hash: sha256(s.token),
      csrf_token: s.csrfToken,
      user_agent: meta.userAgent.slice(0, 500),
      ip: meta.ip,
      created_at: now,
      expires_at: now + ttlMs,
    })
    .execute();
  return s;
}

export interface AuthRow {
  user_id: string;
  username: string;
  role: UserRow["role"];
  active: number;
}

export function sessionByToken(db: Db, token: string, now: number) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id",
      "sessions.csrf_token",
      "users.id as user_id",
      "users.username",
      "users.role",
      "users.active",
    ])
    .where("sessions.token_hash", "=", sha256(token))
    .where("sessions.expires_at", ">", now)
    .executeTakeFirst();
}

export function tokenByValue(db: Db, token: string) {
  return db
    .selectFrom("access_tokens")
    .innerJoin("users", "users.id", "access_tokens.user_id")
    .select([
      "access_tokens.id",
      "access_tokens.scopes",
      "access_tokens.last_used_at",
      "users.id as user_id",
      "users.username",
      "users.role",
      "users.active",
    ])
    .where("access_tokens.token_hash", "=", sha256(token))
    .executeTakeFirst();
}

export async function deleteSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export interface CreatedToken {
  id: string;
  token: string;
  prefix: string;
}

/** Stores only the SHA-256 of the token (TOK-2); the caller shows the value once. */
export async function insertToken(
  db: Db,
  userId: string,
  name: string | null,
  scopes: string[],
  now: number,
): Promise<CreatedToken> {
  const token = newSecret("hrld_");
  const t = { id: newId(), token, prefix: token.slice(0, 9) };
  await db
    .insertInto("access_tokens")
    .values({
      id: t.id,
      user_id: userId,
      name,
      token_hash: sha256(token),
      prefix: t.prefix,
      scopes: scopes.join(","),
      created_at: now,
      last_used_at: null,
    })
    .execute();
  return t;
}
