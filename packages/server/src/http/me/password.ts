// PUT /me/password: change my password. The current one is required (a stolen session alone cannot lock the
// owner out); every other session of the user ends, this one stays. Tokens are separate credentials and stay.
import { foldName } from "@herald/core";
import { Type } from "typebox";
import { sessionsRevoked } from "../../events.ts";
import type { Services } from "../../services.ts";
import { userById } from "../../store/accounts.ts";
import { hashPassword, verifyPassword } from "../auth/passwords.ts";
import { badRequest, notFound } from "../errors.ts";
import { OkAnswer } from "../schemas/ref.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";

const Body = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export function passwordRoutes(app: App, services: Services): void {
  const { db } = services.store;
  const schema = { tags: ["me"], body: Body, response: { 200: OkAnswer } };
  app.put("/me/password", { schema }, async (req) => {
    const p = me(req);
    // Counted like sign-ins (GEN-6): this route also tells whether a password is right.
    await services.limiter.hit(
      [`login:addr:${req.ip}`, `login:name:${foldName(p.username)}`],
      services.config.rateLoginPerMin,
    );
    const u = await userById(db, p.userId);
    if (!u) throw notFound("user_not_found", "no such user");
    if (!(await verifyPassword(req.body.currentPassword, u.password_hash)))
      throw badRequest("wrong_password", "the current password is not right", "currentPassword");
    if (req.body.newPassword.length < services.config.passwordMinLength) {
      throw badRequest(
        "weak_password",
        `password needs at least ${services.config.passwordMinLength} characters`,
        "newPassword",
      );
    }
    const hash = await hashPassword(req.body.newPassword);
    const gone = await db.transaction().execute(async (trx) => {
      await trx.updateTable("users").set({ password_hash: hash }).where("id", "=", p.userId).execute();
      let others = trx.deleteFrom("sessions").where("user_id", "=", p.userId);
      if (p.sessionId) others = others.where("id", "!=", p.sessionId);
      return others.returning("id").execute();
    });
    // The ended sessions' open sockets close at once (PRM-4).
    const sessionIds = gone.map((s) => s.id);
    await services.hooks.afterCommit(sessionsRevoked(services.clock.now(), p.userId, { sessionIds }));
    return { ok: true };
  });
}
