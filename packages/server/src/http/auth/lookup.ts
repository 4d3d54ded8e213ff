// The session lookup the auth cache needs: like store/accounts.ts sessionByToken, plus the session's expiry so
// a cached principal never outlives its session.
import { sha256 } from "../../ids.ts";
import type { Db } from "../../store/db.ts";

export function sessionForCache(db: Db, token: string, now: number) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id",
      "sessions.csrf_token",
      "sessions.expires_at",
      "users.id as user_id",
      "users.username",
      "users.role",
      "users.active",
    ])
    .where("sessions.token_hash", "=", sha256(token))
    .where("sessions.expires_at", ">", now)
    .executeTakeFirst();
}
