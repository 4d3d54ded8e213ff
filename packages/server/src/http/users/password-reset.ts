// Password resets an admin starts for a user who cannot sign in.
// - With SMTP configured and an address on the account: a link by email. Its token is stored as SHA-256 only,
//   expires after an hour, and the row is deleted by the request that uses it, so the link works once. The
//   old password keeps working until the link is used (the admin may have been asked by someone else).
// - Otherwise (no SMTP, no address, or asked for): a one-time password, answered once to the admin. It
//   replaces the password at once and sign-in with it is refused until the user chooses a new one.
// Either way, the password set at the end ends every session of the user and closes their sockets (PRM-4).
import { randomInt } from "node:crypto";
import { Type } from "typebox";
import { publicUrlOf } from "../../config.ts";
import { sessionsRevoked } from "../../events.ts";
import { newSecret, sha256 } from "../../ids.ts";
import type { Services } from "../../services.ts";
import { userById } from "../../store/accounts.ts";
import type { Tx } from "../../store/db.ts";
import { hashPassword } from "../auth/passwords.ts";
import { AppError, badRequest, notFound } from "../errors.ts";
import { OkAnswer } from "../schemas/ref.ts";
import type { App } from "../types.ts";

export const RESET_LINK_TTL_MS = 3_600_000;
// No 0/O, 1/l/I: the admin may read it out over the phone.
const OTP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A one-time password in four groups of four (about 79 bits), easy to read out and type. */
function oneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = "";
    for (let i = 0; i < 4; i++) s += OTP_ALPHABET[randomInt(OTP_ALPHABET.length)];
    groups.push(s);
  }
  return groups.join("-");
}

export function checkNewPassword(services: Services, password: string, field: string): void {
  if (password.length < services.config.passwordMinLength) {
    throw badRequest(
      "weak_password",
      `password needs at least ${services.config.passwordMinLength} characters`,
      field,
    );
  }
}

/** Sets a new password and ends every session of the user, sockets included (after commit). */
export async function replacePassword(
  services: Services,
  userId: string,
  hash: string,
  mustChange: boolean,
  extra?: (trx: Tx) => Promise<void>,
): Promise<void> {
  const gone = await services.store.db.transaction().execute(async (trx) => {
    await extra?.(trx);
    await trx
      .updateTable("users")
      .set({ password_hash: hash, must_change_password: mustChange ? 1 : 0 })
      .where("id", "=", userId)
      .execute();
    return trx.deleteFrom("sessions").where("user_id", "=", userId).returning("id").execute();
  });
  const sessionIds = gone.map((s) => s.id);
  await services.hooks.afterCommit(sessionsRevoked(services.clock.now(), userId, { sessionIds }));
}

const StartBody = Type.Object(
  { via: Type.Optional(Type.Union([Type.Literal("email"), Type.Literal("password")])) },
  { additionalProperties: false },
);
const FinishBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ maxLength: 1024 }),
  },
  { additionalProperties: false },
);

const ResetStarted = Type.Union([
  Type.Object({
    via: Type.Literal("password"),
    oneTimePassword: Type.String({ description: "shown once; the user replaces it at sign-in" }),
  }),
  Type.Object({
    via: Type.Literal("email"),
    email: Type.Union([Type.String(), Type.Null()], { description: "where the link went" }),
  }),
]);

export function passwordResetRoutes(app: App, services: Services): void {
  const { db } = services.store;

  app.post(
    "/users/:id/password-reset",
    {
      schema: {
        tags: ["users"],
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: Type.Optional(StartBody),
        response: { 200: ResetStarted },
      },
      config: { auth: "admin" },
    },
    async (req, reply) => {
      const u = await userById(db, req.params.id);
      if (!u) throw notFound("user_not_found", "no such user");
      const canEmail = Boolean(services.config.smtpUrl && u.email);
      const via = req.body?.via ?? (canEmail ? "email" : "password");
      if (via === "email" && !canEmail) {
        throw badRequest(
          "email_unavailable",
          u.email
            ? "no mail server is set up, so a link cannot be sent: use a one-time password"
            : "this user has no email address: use a one-time password",
          "via",
        );
      }
      // The answer carries a secret (a one-time password) or says where one went: never cached.
      reply.header("cache-control", "no-store");
      if (via === "password") {
        const otp = oneTimePassword();
        await replacePassword(services, u.id, await hashPassword(otp), true, async (trx) => {
          await trx.deleteFrom("password_resets").where("user_id", "=", u.id).execute();
        });
        return { via, oneTimePassword: otp };
      }
      const now = services.clock.now();
      const token = newSecret();
      await db.transaction().execute(async (trx) => {
        // One link at a time: an earlier one stops working.
        await trx.deleteFrom("password_resets").where("user_id", "=", u.id).execute();
        await trx
          .insertInto("password_resets")
          .values({
            token_hash: sha256(token),
            user_id: u.id,
            created_at: now,
            expires_at: now + RESET_LINK_TTL_MS,
          })
          .execute();
      });
      const link = `${publicUrlOf(services.config).replace(/\/$/, "")}/reset-password#token=${token}`;
      await services.mailer.send({
        to: u.email as string,
        subject: "Choose a new password",
        text:
          `An administrator asked for a new password for your account ${u.username}.\n` +
          `Open this link to choose it: ${link}\n` +
          "The link works once and expires in an hour. Your current password keeps working until you use it.",
        kind: "password_reset",
        userId: u.id,
      });
      return { via, email: u.email };
    },
  );

  app.post(
    "/auth/password-reset",
    {
      schema: { tags: ["auth"], body: FinishBody, response: { 200: OkAnswer } },
      config: { auth: "none", rate: "login" },
    },
    async (req) => {
      // Counted like sign-ins (GEN-6): guessing tokens is guessing credentials.
      await services.limiter.hit([`login:addr:${req.ip}`], services.config.rateLoginPerMin);
      const hashOfToken = sha256(req.body.token);
      const row = await db
        .selectFrom("password_resets")
        .selectAll()
        .where("token_hash", "=", hashOfToken)
        .executeTakeFirst();
      const now = services.clock.now();
      if (!row || Number(row.expires_at) < now) throw usedOrExpired();
      checkNewPassword(services, req.body.password, "password");
      const hash = await hashPassword(req.body.password);
      await replacePassword(services, row.user_id, hash, false, async (trx) => {
        // The delete decides: of two requests with one link, only the one that removed the row sets a password.
        const del = await trx
          .deleteFrom("password_resets")
          .where("token_hash", "=", hashOfToken)
          .executeTakeFirst();
        if (Number(del.numDeletedRows) !== 1) throw usedOrExpired();
      });
      return { ok: true };
    },
  );
}

function usedOrExpired(): AppError {
  return new AppError(
    400,
    "invalid_reset_link",
    "this link was used already or has expired: ask an administrator for a new one",
    "token",
  );
}
