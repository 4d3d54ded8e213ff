// Users: search (any signed-in user), create and deactivate/role change (admins).
import { Type } from "typebox";
import { sessionsRevoked } from "../../events.ts";
import type { Services } from "../../services.ts";
import { deleteSessions, userById } from "../../store/accounts.ts";
import { badRequest, notFound } from "../errors.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";
import { createUser } from "./create.ts";
import { userView } from "./view.ts";

const strict = { additionalProperties: false } as const;
const Role = Type.Union([Type.Literal("admin"), Type.Literal("agent"), Type.Literal("member")]);

export function userRoutes(app: App, services: Services): void {
  const { db } = services.store;

  app.get(
    "/users",
    {
      schema: {
        tags: ["users"],
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 64 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          strict,
        ),
      },
    },
    async (req) => {
      const p = me(req);
      let q = db.selectFrom("users").selectAll().where("active", "=", 1);
      if (req.query.q) {
        const like = `${req.query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) => eb.or([eb("username_lower", "like", like), eb("display_name", "like", like)]));
      }
      const rows = await q
        .orderBy("username_lower")
        .limit(req.query.limit ?? 50)
        .execute();
      return { users: rows.map((u) => userView(u, p.role === "admin")) };
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
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
            email: Type.Optional(Type.String({ maxLength: 320 })),
            timezone: Type.Optional(Type.String({ maxLength: 64 })),
          },
          strict,
        ),
      },
      config: { auth: "admin" },
    },
    async (req, reply) =>
      reply.status(201).send({ user: userView(await createUser(services, req.body), true) }),
  );

  app.get(
    "/users/:id",
    { schema: { tags: ["users"], params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } },
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
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
          },
          strict,
        ),
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
