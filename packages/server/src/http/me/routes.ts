// My account: profile + email verification link, status/DND (status.ts), tokens (TOK-1, TOK-2),
// ignores (MEN-6), badge (BDG-1 … BDG-3), read-all.
import { Type } from "typebox";
import { publicUrlOf } from "../../config.ts";
import { sessionsRevoked } from "../../events.ts";
import { newSecret, sha256 } from "../../ids.ts";
import type { Services } from "../../services.ts";
import { insertToken, userById } from "../../store/accounts.ts";
import { markAllRead } from "../../store/reads.ts";
import { requestEmailChange } from "../auth/email-change.ts";
import { badRequest, forbidden, notFound } from "../errors.ts";
import { badgeFor } from "../rooms/badge.ts";
import { BadgeSchema } from "../rooms/schemas.ts";
import { Nullable, ref, Time } from "../schemas/ref.ts";
import type { App, Scope } from "../types.ts";
import { me } from "../types.ts";
import { canonicalTimezone, DisplayName, EMAIL_RE } from "../users/create.ts";
import { UserSchema, userView } from "../users/view.ts";
import { passwordRoutes } from "./password.ts";
import { StatusSchema, statusRoutes, statusView } from "./status.ts";

const strict = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Badge = ref(BadgeSchema);
const ScopeSchema = Type.Union([Type.Literal("read"), Type.Literal("write"), Type.Literal("admin")]);
const TokenSchema = Type.Object(
  {
    id: Type.String(),
    name: Nullable(Type.String({ description: "null for the personal token" })),
    prefix: Type.String({ description: "the token's first characters, to tell tokens apart" }),
    scopes: Type.Array(Type.String({ description: "read, write or admin" })),
    createdAt: Time,
    lastUsedAt: Nullable(Time),
  },
  { description: "an access token, without its secret" },
);
const NewTokenSchema = Type.Object({
  id: Type.String(),
  token: Type.String({ description: "the secret: shown this once" }),
  prefix: Type.String(),
  scopes: Type.Array(ScopeSchema),
  name: Type.Optional(Type.String()),
});

export function meRoutes(app: App, services: Services): void {
  const { db } = services.store;
  const now = () => services.clock.now();

  const MeAnswer = Type.Object({ user: ref(UserSchema), status: ref(StatusSchema) });
  app.get("/me", { schema: { tags: ["me"], response: { 200: MeAnswer } } }, async (req) => {
    const u = await userById(db, me(req).userId);
    if (!u) throw notFound("user_not_found", "no such user");
    return { user: userView(u, true), status: statusView(u, now()) };
  });

  app.patch(
    "/me",
    {
      schema: {
        tags: ["me"],
        body: Type.Object(
          {
            displayName: Type.Optional(DisplayName),
            email: Type.Optional(Type.Union([Type.String({ maxLength: 320 }), Type.Null()])),
            timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            timezoneAuto: Type.Optional(
              Type.Boolean({
                description: "the zone follows the browser; a timezone sent alone is a choice",
              }),
            ),
          },
          strict,
        ),
        response: {
          200: Type.Object({
            user: ref(UserSchema),
            emailPending: Type.Optional(
              Type.String({
                description: "a confirmation link went to this address; it applies once opened",
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const p = me(req);
      const set: {
        display_name?: string;
        email?: string | null;
        email_verified?: number;
        timezone?: string;
        timezone_auto?: number;
      } = {};
      if (req.body.displayName !== undefined) set.display_name = req.body.displayName;
      if (req.body.timezone !== undefined) {
        const tz = canonicalTimezone(req.body.timezone);
        if (!tz) throw badRequest("invalid_timezone", "unknown IANA time zone", "timezone");
        set.timezone = tz;
        set.timezone_auto = req.body.timezoneAuto === true ? 1 : 0;
      }
      if (req.body.timezoneAuto !== undefined) set.timezone_auto = req.body.timezoneAuto ? 1 : 0;
      let emailPending: string | null = null;
      if (req.body.email !== undefined) {
        const email = req.body.email ? req.body.email.toLowerCase() : null;
        if (email && !EMAIL_RE.test(email))
          throw badRequest("invalid_email", "not an email address", "email");
        const current = await userById(db, p.userId);
        if (current && email === null && current.email !== null)
          Object.assign(set, { email: null, email_verified: 0 });
        else if (current && email !== null && current.email !== email) {
          // The address changes only once a link mailed to it is opened (PRV-8), and the answer is the same
          // whether or not another account has it: no one learns others' addresses from this route.
          await requestEmailChange(services, current, email);
          emailPending = email;
        }
      }
      if (Object.keys(set).length)
        await db.updateTable("users").set(set).where("id", "=", p.userId).execute();
      const u = await userById(db, p.userId);
      return { user: userView(u as NonNullable<typeof u>, true), ...(emailPending ? { emailPending } : {}) };
    },
  );

  const VerificationAnswer = Type.Object({
    sent: Type.Boolean({ description: "a link went to the address" }),
    verified: Type.Boolean({ description: "the address is confirmed already (nothing sent)" }),
  });
  const verificationSchema = { tags: ["me"], response: { 200: VerificationAnswer } };
  app.post("/me/email/verification", { schema: verificationSchema }, async (req) => {
    const u = await userById(db, me(req).userId);
    if (!u?.email) throw badRequest("no_email", "set an email address first", "email");
    if (u.email_verified) return { sent: false, verified: true };
    const token = newSecret();
    await db
      .insertInto("email_verifications")
      .values({ token_hash: sha256(token), user_id: u.id, email: u.email, expires_at: now() + 86_400_000 })
      .execute();
    const link = `${publicUrlOf(services.config)}/api/v1/auth/verify-email?token=${token}`;
    await services.mailer.send({
      to: u.email,
      subject: "Confirm your email address",
      text: `Open this link to confirm ${u.email}: ${link}\nIt expires in 24 hours.`,
      kind: "verify_email",
      userId: u.id,
    });
    return { sent: true, verified: false };
  });

  statusRoutes(app, services);
  passwordRoutes(app, services);
  tokenRoutes(app, services);

  for (const method of ["put", "delete"] as const) {
    app[method](
      "/me/ignores/:userId",
      {
        schema: {
          tags: ["me"],
          params: Type.Object({ userId: Id }),
          response: { 200: Type.Object({ ignored: Type.Boolean() }) },
        },
      },
      async (req) => {
        const p = me(req);
        if (req.params.userId === p.userId)
          throw badRequest("invalid_field", "you cannot ignore yourself", "userId");
        if (!(await userById(db, req.params.userId))) throw notFound("user_not_found", "no such user");
        if (method === "put") {
          await db
            .insertInto("ignores")
            .values({ user_id: p.userId, ignored_id: req.params.userId, created_at: now() })
            .onConflict((oc) => oc.columns(["user_id", "ignored_id"]).doNothing())
            .execute();
        } else {
          await db
            .deleteFrom("ignores")
            .where("user_id", "=", p.userId)
            .where("ignored_id", "=", req.params.userId)
            .execute();
        }
        return { ignored: method === "put" };
      },
    );
  }

  const ignoresSchema = {
    tags: ["me"],
    response: { 200: Type.Object({ userIds: Type.Array(Type.String()) }) },
  };
  app.get("/me/ignores", { schema: ignoresSchema }, async (req) => {
    const rows = await db
      .selectFrom("ignores")
      .select("ignored_id")
      .where("user_id", "=", me(req).userId)
      .execute();
    return { userIds: rows.map((r) => r.ignored_id) };
  });

  app.get("/me/badge", { schema: { tags: ["me"], response: { 200: Badge } } }, async (req) =>
    badgeFor(services, me(req).userId),
  );

  app.post("/me/read-all", { schema: { tags: ["read"], response: { 200: Badge } } }, async (req) => {
    const p = me(req);
    await markAllRead(db, p.userId);
    return badgeFor(services, p.userId);
  });
}

function tokenRoutes(app: App, services: Services): void {
  const { db } = services.store;
  const view = (t: {
    id: string;
    name: string | null;
    prefix: string;
    scopes: string;
    created_at: number;
    last_used_at: number | null;
  }) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes.split(","),
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
  });

  // TOK-1: create or regenerate the personal token; the old one stops working at once. Shown once.
  const personalSchema = { tags: ["tokens"], response: { 200: NewTokenSchema } };
  app.post("/me/personal-token", { schema: personalSchema }, async (req) => {
    const p = me(req);
    if (p.via === "token") throw forbidden("session_required", "sign in with a password to manage tokens");
    const scopes: Scope[] = p.role === "admin" ? ["read", "write", "admin"] : ["read", "write"];
    const { t, old } = await db.transaction().execute(async (trx) => {
      const old = await trx
        .deleteFrom("access_tokens")
        .where("user_id", "=", p.userId)
        .where("name", "is", null)
        .returning("id")
        .execute();
      return { t: await insertToken(trx, p.userId, null, scopes, services.clock.now()), old };
    });
    // TOK-1: the old token stops working at once — its open sockets too.
    const tokenIds = old.map((o) => o.id);
    await services.hooks.afterCommit(sessionsRevoked(services.clock.now(), p.userId, { tokenIds }));
    return { id: t.id, token: t.token, prefix: t.prefix, scopes };
  });

  const TokensAnswer = Type.Object({
    personal: Nullable(TokenSchema),
    tokens: Type.Array(TokenSchema, { description: "named tokens, oldest first" }),
  });
  app.get("/me/tokens", { schema: { tags: ["tokens"], response: { 200: TokensAnswer } } }, async (req) => {
    const rows = await db
      .selectFrom("access_tokens")
      .selectAll()
      .where("user_id", "=", me(req).userId)
      .orderBy("created_at")
      .execute();
    return {
      personal: rows.filter((r) => r.name === null).map(view)[0] ?? null,
      tokens: rows.filter((r) => r.name !== null).map(view),
    };
  });

  app.post(
    "/me/tokens",
    {
      schema: {
        tags: ["tokens"],
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 80 }),
            scopes: Type.Array(
              Type.Union([Type.Literal("read"), Type.Literal("write"), Type.Literal("admin")]),
              {
                minItems: 1,
                maxItems: 3,
                uniqueItems: true,
              },
            ),
          },
          strict,
        ),
        response: { 201: NewTokenSchema },
      },
    },
    async (req, reply) => {
      const p = me(req);
      if (p.via === "token") throw forbidden("session_required", "sign in with a password to manage tokens");
      // Scopes never exceed the user's own rights (TOK-1).
      if (req.body.scopes.includes("admin") && p.role !== "admin") {
        throw forbidden("scope_exceeds_rights", "only admins may create admin tokens");
      }
      const t = await insertToken(db, p.userId, req.body.name, req.body.scopes, services.clock.now());
      return reply
        .status(201)
        .send({ id: t.id, token: t.token, prefix: t.prefix, scopes: req.body.scopes, name: req.body.name });
    },
  );

  app.delete(
    "/me/tokens/:id",
    {
      schema: {
        tags: ["tokens"],
        params: Type.Object({ id: Id }),
        response: { 200: Type.Object({ deleted: Type.Boolean() }) },
      },
    },
    async (req) => {
      const userId = me(req).userId;
      const r = await db
        .deleteFrom("access_tokens")
        .where("id", "=", req.params.id)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw notFound("token_not_found", "no such token");
      await services.hooks.afterCommit(
        sessionsRevoked(services.clock.now(), userId, { tokenIds: [req.params.id] }),
      );
      return { deleted: true };
    },
  );
}
