// Sign in / out (password + session cookie with CSRF token), session info, email verification link.
import { foldName } from "@herald/core";
import { Type } from "typebox";
import { publicUrlOf } from "../../config.ts";
import { sessionsRevoked } from "../../events.ts";
import { sha256 } from "../../ids.ts";
import type { Services } from "../../services.ts";
import { createSession, userById, userByLogin } from "../../store/accounts.ts";
import { AppError, badRequest, ErrorSchema } from "../errors.ts";
import { Nullable, OkAnswer, ref } from "../schemas/ref.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";
import { checkNewPassword } from "../users/password-reset.ts";
import { UserSchema, userView } from "../users/view.ts";
import { confirmEmail } from "./email-change.ts";
import { SESSION_COOKIE } from "./hook.ts";
import { recordSignIn } from "./login-detection.ts";
import { LoginGuard } from "./login-guard.ts";
import { dummyHash, hashPassword, needsRehash, verifyPassword } from "./passwords.ts";
import { signOutLinkRoutes } from "./sign-out-link.ts";
import { htmlOr, verifiedPage, wantsHtml } from "./verify-page.ts";

const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    /** Required when the password is a one-time password an admin was shown: it replaces it. */
    newPassword: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);

const SessionAnswer = Type.Object({
  user: ref(UserSchema),
  csrfToken: Nullable(
    Type.String({ description: "send as x-csrf-token with every write; null when signed in with a token" }),
  ),
});
const VerifiedAnswer = Type.Object({ ok: Type.Boolean(), email: Type.String() });

export function authRoutes(app: App, services: Services): void {
  const { store, clock, config } = services;
  const secure = config.cookieSecure ?? publicUrlOf(config).startsWith("https:");
  const ttlMs = config.sessionTtlDays * 86_400_000;
  const guard = new LoginGuard(services);

  app.post(
    "/auth/login",
    {
      schema: { tags: ["auth"], body: LoginBody, response: { 200: SessionAnswer } },
      config: { auth: "none", rate: "login" },
    },
    async (req, reply) => {
      // Requests per address per minute; wrong passwords are counted apart, per (user, address) (guard).
      await services.limiter.hit([`login:addr:${req.ip}`], config.rateLoginPerMin);
      const user = await userByLogin(store.db, req.body.login);
      const who = user ? `u:${user.id}` : `n:${foldName(req.body.login)}`;
      await guard.check(who, req.ip);
      const ok = await verifyPassword(req.body.password, user?.password_hash ?? (await dummyHash()));
      if (!user || !ok) {
        await guard.failed(who, req.ip);
        throw new AppError(401, "invalid_credentials", "wrong username or password");
      }
      await guard.succeeded(who, req.ip);
      if (needsRehash(user.password_hash)) await rehash(services, user.id, req.body.password);
      if (!user.active) throw new AppError(403, "account_disabled", "this account is deactivated");
      if (user.must_change_password === 1) {
        // A one-time password an admin was shown opens no session: the user replaces it in the same request.
        if (req.body.newPassword === undefined)
          throw new AppError(403, "password_change_required", "choose a new password to sign in");
        checkNewPassword(services, req.body.newPassword, "newPassword");
        if (req.body.newPassword === req.body.password)
          throw badRequest(
            "same_password",
            "choose a password other than the one-time password",
            "newPassword",
          );
        const hash = await hashPassword(req.body.newPassword);
        await store.db
          .updateTable("users")
          .set({ password_hash: hash, must_change_password: 0 })
          .where("id", "=", user.id)
          .execute();
      }
      const ua = req.headers["user-agent"] ?? "";
      const session = await createSession(
        store.db,
        user.id,
        { userAgent: ua, ip: req.ip },
        clock.now(),
        ttlMs,
      );
      await recordSignIn(services, user.id, ua, req.ip);
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: "lax",
        secure,
        path: "/",
        maxAge: Math.floor(ttlMs / 1000),
      });
      return { user: userView(user, true), csrfToken: session.csrfToken };
    },
  );

  app.get("/auth/session", { schema: { tags: ["auth"], response: { 200: SessionAnswer } } }, async (req) => {
    const p = me(req);
    const user = await userById(store.db, p.userId);
    if (!user) throw new AppError(401, "unauthorized", "sign in first");
    return { user: userView(user, true), csrfToken: p.csrfToken };
  });

  app.post(
    "/auth/logout",
    { schema: { tags: ["auth"], response: { 200: OkAnswer } } },
    async (req, reply) => {
      const p = me(req);
      if (p.sessionId) {
        await store.db.deleteFrom("sessions").where("id", "=", p.sessionId).execute();
        // PRM-4: this session's open sockets close at once (4401), on every gateway node.
        await services.hooks.afterCommit(
          sessionsRevoked(clock.now(), p.userId, { sessionIds: [p.sessionId] }),
        );
      }
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true };
    },
  );

  app.post(
    "/auth/logout-all",
    { schema: { tags: ["auth"], response: { 200: OkAnswer } } },
    async (req, reply) => {
      const userId = me(req).userId;
      const gone = await store.db
        .deleteFrom("sessions")
        .where("user_id", "=", userId)
        .returning("id")
        .execute();
      // Sockets opened with any of these sessions close at once; token sockets stay (tokens are not sessions).
      const sessionIds = gone.map((s) => s.id);
      await services.hooks.afterCommit(sessionsRevoked(clock.now(), userId, { sessionIds }));
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true };
    },
  );

  app.get(
    "/auth/verify-email",
    {
      schema: {
        tags: ["auth"],
        querystring: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: htmlOr(VerifiedAnswer), 400: htmlOr(ErrorSchema) },
      },
      config: { auth: "none" },
    },
    async (req, reply) => {
      const row = await store.db
        .selectFrom("email_verifications")
        .selectAll()
        .where("token_hash", "=", sha256(req.query.token))
        .executeTakeFirst();
      const verified =
        row && row.expires_at >= clock.now()
          ? await store.db.transaction().execute((trx) => confirmEmail(trx, row.user_id, row.email))
          : false;
      // The link is opened from an email: a browser gets a page, API clients JSON.
      if (wantsHtml(req.headers.accept)) {
        return reply
          .status(verified ? 200 : 400)
          .type("text/html; charset=utf-8")
          .send(verifiedPage(verified ? row?.email : null, publicUrlOf(config)));
      }
      if (!verified || !row) throw badRequest("invalid_token", "the link is invalid or expired", "token");
      return { ok: true, email: row.email };
    },
  );

  signOutLinkRoutes(app, services);
}

/** Replaces an older hash while the plain password is at hand (sign-in is the only time it is). */
async function rehash(services: Services, userId: string, password: string): Promise<void> {
  const hashed = await hashPassword(password);
  await services.store.db
    .updateTable("users")
    .set({ password_hash: hashed })
    .where("id", "=", userId)
    .execute();
}
