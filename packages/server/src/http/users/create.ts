// Creating a user, shared by POST /users, `herald user create` and the first-admin bootstrap.

import { randomBytes } from "node:crypto";
import { foldName, isValidUsername, RESERVED_NAMES } from "@herald/core";
import { Type } from "typebox";
import type { Services } from "../../services.ts";
import type { UserRow } from "../../store/accounts.ts";
import { countUsers, insertUser, userByLogin, userByUsername } from "../../store/accounts.ts";
import { hashPassword } from "../auth/passwords.ts";
import { badRequest, conflict } from "../errors.ts";

export interface CreateUserInput {
  username: string;
  password: string;
  role: UserRow["role"];
  displayName?: string;
  email?: string | null;
  timezone?: string;
}

/** The canonical spelling of a time zone Intl knows ("europe/paris" → "Europe/Paris"), else null. */
export function canonicalTimezone(tz: string): string | null {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** A display name: at least one visible character (a blank one would show as nothing next to messages). */
export const DisplayName = Type.String({ minLength: 1, maxLength: 80, pattern: "\\S" });

export const EMAIL_RE = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/;

export async function createUser(services: Services, input: CreateUserInput): Promise<UserRow> {
  const { db } = services.store;
  // §1: Unicode letters, marks, digits and `. _ -`; the group mention names are taken.
  if (RESERVED_NAMES.has(foldName(input.username))) {
    throw badRequest("invalid_username", "that username is reserved for group mentions", "username");
  }
  if (!isValidUsername(input.username)) {
    throw badRequest(
      "invalid_username",
      "a username is 1 to 32 letters, digits, or . _ - (all, here and channel are taken)",
      "username",
    );
  }
  if (input.password.length < services.config.passwordMinLength) {
    throw badRequest(
      "weak_password",
      `password needs at least ${services.config.passwordMinLength} characters`,
      "password",
    );
  }
  if (!["admin", "agent", "member"].includes(input.role))
    throw badRequest("invalid_field", "unknown role", "role");
  const email = input.email ? input.email.toLowerCase() : null;
  if (email && !EMAIL_RE.test(email)) throw badRequest("invalid_email", "not an email address", "email");
  const timezone = input.timezone ? canonicalTimezone(input.timezone) : "UTC";
  if (!timezone) throw badRequest("invalid_timezone", "unknown IANA time zone", "timezone");
  if (await userByUsername(db, input.username))
    throw conflict("username_taken", "that username is taken", "username");
  if (email && (await userByLogin(db, email))) throw conflict("email_taken", "that email is in use", "email");
  const passwordHash = await hashPassword(input.password);
  try {
    const chosen = { timezoneAuto: !input.timezone };
    return await insertUser(db, { ...input, email, timezone, passwordHash, ...chosen }, services.clock.now());
  } catch (err) {
    // Two creations racing for one name: the unique index decides.
    if (await userByUsername(db, input.username))
      throw conflict("username_taken", "that username is taken", "username");
    throw err;
  }
}

/** On an empty database, creates the first admin; returns the password when it was generated (print it once). */
export async function ensureFirstAdmin(
  services: Services,
): Promise<{ username: string; password: string | null } | null> {
  if ((await countUsers(services.store.db)) > 0) return null;
  const username = services.config.adminUsername;
  const generated = services.config.adminPassword ? null : randomBytes(12).toString("base64url");
  await createUser(services, {
    username,
    password: services.config.adminPassword ?? (generated as string),
    role: "admin",
  });
  return { username, password: generated };
}
