// Sign in / out (password + session cookie with CSRF token), session info, email verification link.
import { Type } from "typebox";
import { publicUrlOf } from "../../config.ts";
import { sessionsRevoked } from "../../events.ts";
import { sha256 } from "../../ids.ts";
import type { Services } from "../../services.ts";
import { createSession, userById, userByLogin } from "../../store/accounts.ts";
import { AppError, badRequest } from "../errors.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";
import { userView } from "../users/view.ts";
import { SESSION_COOKIE } from "./hook.ts";
import { recordSignIn } from "./login-detection.ts";
import { DUMMY_HASH, verifyPassword } from "./passwords.ts";
import { signOutLinkRoutes } from "./sign-out-link.ts";
import { verifiedPage, wantsHtml } from "./verify-page.ts";

const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export function authRoutes(app: App, services: Services): void {
  const { store, clock, config } = services;
  const secure = config.cookieSecure ?? publicUrlOf(config).startsWith("https:");
  const ttlMs = config.sessionTtlDays * 86_400_000;

  app.post(
    "/auth/login",
    { schema: { tags: ["auth"], body: LoginBody }, config: { auth: "none", rate: "login" } },
    async (req, reply) => {
      services.limiter.hit(
        [`login:addr:${req.ip}`, `login:name:${req.body.login.toLowerCase()}`],
        config.rateLoginPerMin,
      );
      const user = await userByLogin(store.db, req.body.login);
      const ok = await verifyPassword(req.body.password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok) throw new AppError(401, "invalid_credentials", "wrong username or password");
      if (!user.active) throw new AppError(403, "account_disabled", "this account is deactivated");
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

  app.get("/auth/session", { schema: { tags: ["auth"] } }, async (req) => {
    const p = me(req);
    const user = await userById(store.db, p.userId);
    if (!user) throw new AppError(401, "unauthorized", "sign in first");
    return { user: userView(user, true), csrfToken: p.csrfToken };
  });

  app.post("/auth/logout", { schema: { tags: ["auth"] } }, async (req, reply) => {
    const p = me(req);
    if (p.sessionId) {
      await store.db.deleteFrom("sessions").where("id", "=", p.sessionId).execute();
      // PRM-4: this session's open sockets close at once (4401), on every gateway node.
      await services.hooks.afterCommit(sessionsRevoked(clock.now(), p.userId, { sessionIds: [p.sessionId] }));
    }
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ok: true };
  });

  app.post("/auth/logout-all", { schema: { tags: ["auth"] } }, async (req, reply) => {
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
  });

  app.get(
    "/auth/verify-email",
    {
      schema: {
        tags: ["auth"],
        querystring: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
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
          ? await store.db.transaction().execute(async (trx) => {
              // Only the address the link was made for: a later change of email needs a new link.
              const r = await trx
                .updateTable("users")
                .set({ email_verified: 1 })
                .where("id", "=", row.user_id)
                .where("email", "=", row.email)
                .executeTakeFirst();
              await trx.deleteFrom("email_verifications").where("token_hash", "=", row.token_hash).execute();
              return Number(r.numUpdatedRows) > 0;
            })
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
