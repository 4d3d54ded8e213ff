// Users: search (any signed-in user; admins also by email, deactivated ones, paged), create, deactivate or
// reactivate, change role, and reset a password (password-reset.ts) — admins.
import { foldName } from "@herald/core";
import { type RawBuilder, sql } from "kysely";
import { Type } from "typebox";
import { sessionsRevoked } from "../../events.ts";
import type { Services } from "../../services.ts";
import { deleteSessions, userById } from "../../store/accounts.ts";
import { badRequest, notFound } from "../errors.ts";
import { ref } from "../schemas/ref.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";
import { createUser, DisplayName } from "./create.ts";
import { passwordResetRoutes } from "./password-reset.ts";
import { UserSchema, userView } from "./view.ts";

const strict = { additionalProperties: false } as const;
const Role = Type.Union([Type.Literal("admin"), Type.Literal("agent"), Type.Literal("member")]);
const UserAnswer = Type.Object({ user: ref(UserSchema) });
const UserPage = Type.Object({
  users: Type.Array(ref(UserSchema), { description: "names that start with the words first, then by name" }),
  nextOffset: Type.Union([Type.Integer(), Type.Null()], {
    description: "pass as `offset` for the next page; null on the last page",
  }),
});

export function userRoutes(app: App, services: Services): void {
  const { db } = services.store;
  passwordResetRoutes(app, services);

  app.get(
    "/users",
    {
      schema: {
        tags: ["users"],
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 64 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
            status: Type.Optional(
              Type.Union([Type.Literal("active"), Type.Literal("inactive"), Type.Literal("all")]),
            ),
          },
          strict,
        ),
        response: { 200: UserPage },
      },
    },
    async (req) => {
      const p = me(req);
      const admin = p.role === "admin";
      // Deactivated accounts and email addresses are for admins only (GEN-5): members find active people.
      const status = admin ? (req.query.status ?? "active") : "active";
      let q = db.selectFrom("users").selectAll();
      if (status !== "all") q = q.where("active", "=", status === "active" ? 1 : 0);
      let startsFirst: RawBuilder<number> | null = null;
      if (req.query.q) {
        const like = (t: string) => t.replace(/[\\%_]/g, (c) => `\\${c}`);
        // Names match on their folded key (§1: `jos` finds `José`), display names as typed.
        const name = `${like(foldName(req.query.q))}%`;
        const display = `${like(req.query.q.toLowerCase())}%`;
        if (admin) {
          // Admins look people up by any part of the username, display name or email address.
          const any = `%${like(req.query.q.toLowerCase())}%`;
          const anyName = `%${like(foldName(req.query.q))}%`;
          // ESCAPE named: SQLite has no default escape character, so "john_doe" would not find itself.
          q = q.where(
            sql<boolean>`(username_lower like ${anyName} escape '\\' or lower(display_name) like ${any} escape '\\' or email like ${any} escape '\\')`,
          );
          // Names that start with the words come first, as in everyone's search (a picker shows the top few).
          startsFirst = sql<number>`case when username_lower like ${name} escape '\\' or lower(display_name) like ${display} escape '\\' then 0 else 1 end`;
        } else {
          q = q.where((eb) =>
            eb.or([eb("username_lower", "like", name), eb("display_name", "like", display)]),
          );
        }
      }
      const limit = req.query.limit ?? 50;
      const offset = req.query.offset ?? 0;
      if (startsFirst) q = q.orderBy(startsFirst);
      const rows = await q
        .orderBy("username_lower")
        .limit(limit + 1)
        .offset(offset)
        .execute();
      return {
        users: rows.slice(0, limit).map((u) => userView(u, admin)),
        nextOffset: rows.length > limit ? offset + limit : null,
      };
    },
  );

  app.post(
    "/users",
    {
      schema: {
        tags: ["users"],
        body: Type.Object(
          {
            username: Type.String({ maxLength: 64 }),
            password: Type.String({ maxLength: 1024 }),
            role: Role,
            displayName: Type.Optional(DisplayName),
            email: Type.Optional(Type.String({ maxLength: 320 })),
            timezone: Type.Optional(Type.String({ maxLength: 64 })),
          },
          strict,
        ),
        response: { 201: UserAnswer },
      },
      config: { auth: "admin" },
    },
    async (req, reply) =>
      reply.status(201).send({ user: userView(await createUser(services, req.body), true) }),
  );

  app.get(
    "/users/:id",
    {
      schema: {
        tags: ["users"],
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: UserAnswer },
      },
    },
    async (req) => {
      const p = me(req);
      const u = await userById(db, req.params.id);
      if (!u) throw notFound("user_not_found", "no such user");
      return { user: userView(u, p.role === "admin" || p.userId === u.id) };
    },
  );

  app.patch(
    "/users/:id",
    {
      schema: {
        tags: ["users"],
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: Type.Object(
          {
            role: Type.Optional(Role),
            active: Type.Optional(Type.Boolean()),
            displayName: Type.Optional(DisplayName),
          },
          strict,
        ),
        response: { 200: UserAnswer },
      },
      config: { auth: "admin" },
    },
    async (req) => {
      const p = me(req);
      const u = await userById(db, req.params.id);
      if (!u) throw notFound("user_not_found", "no such user");
      if (u.id === p.userId && (req.body.active === false || (req.body.role && req.body.role !== "admin"))) {
        throw badRequest("cannot_demote_self", "admins cannot deactivate or demote themselves", "id");
      }
      const set: { role?: "admin" | "agent" | "member"; active?: number; display_name?: string } = {};
      if (req.body.role) set.role = req.body.role;
      if (req.body.active !== undefined) set.active = req.body.active ? 1 : 0;
      if (req.body.displayName) set.display_name = req.body.displayName;
      if (Object.keys(set).length) await db.updateTable("users").set(set).where("id", "=", u.id).execute();
      // Deactivation signs the user out everywhere at once; tokens stop working (auth checks `active`).
      if (req.body.active === false) {
        await deleteSessions(db, u.id);
        // GEN-5 / PRM-4: every open socket of the user closes at once (4401), on every gateway node.
        await services.hooks.afterCommit(sessionsRevoked(services.clock.now(), u.id));
      }
      return { user: userView({ ...u, ...set, display_name: set.display_name ?? u.display_name }, true) };
    },
  );
}
