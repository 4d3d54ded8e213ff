// Creating a user, shared by POST /users, `herald user create` and the first-admin bootstrap.
import { randomBytes } from "node:crypto";
import type { Services } from "../../services.ts";
import type { UserRow } from "../../store/accounts.ts";
import { countUsers, insertUser, USERNAME_RE, userByLogin, userByUsername } from "../../store/accounts.ts";
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

export const EMAIL_RE = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]+$/;

export async function createUser(services: Services, input: CreateUserInput): Promise<UserRow> {
  const { db } = services.store;
  if (!USERNAME_RE.test(input.username)) {
    throw badRequest("invalid_username", "username must be 1–32 of A-Z a-z 0-9 . _ -", "username");
  }
  if (["all", "channel", "here"].includes(input.username.toLowerCase())) {
    throw badRequest("invalid_username", "that username is reserved for group mentions", "username");
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
    return await insertUser(db, { ...input, email, timezone, passwordHash }, services.clock.now());
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
