// EML-6 one-click unsubscribe (RFC 8058): POST with the signed token turns that kind of email off (room or
// account) without signing in; GET shows a confirmation page with the same button, so link scanners that
// follow GETs never unsubscribe anyone.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { escapeHtml, verifyUnsubscribe } from "../../channels/email/index.ts";
import type { DomainEvent } from "../../events.ts";
import { settingsKv, unsubscribeSecret } from "../../jobs/channels.ts";
import type { Services } from "../../services.ts";
import { badRequest } from "../errors.ts";
import type { App } from "../types.ts";

const Query = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 2000 }) },
  { additionalProperties: false },
);
type Json = Record<string, unknown>;

export function emailRoutes(app: App, services: Services): void {
  const { db } = services.store;
  const claims = async (token: string) => {
    const c = verifyUnsubscribe(token, await unsubscribeSecret(settingsKv(db, services.clock)));
    if (!c) throw badRequest("invalid_token", "this unsubscribe link is not valid", "token");
    return c;
  };

  app.get(
    "/email/unsubscribe",
    {
      schema: {
        tags: ["email"],
        querystring: Query,
        response: {
          200: {
            description: "a page asking to confirm, with the Unsubscribe button",
            content: { "text/html": { schema: Type.String() } },
          },
        },
      },
      config: { auth: "none" },
    },
    async (req, reply) => {
      const c = await claims(req.query.token);
      const what =
        c.kind === "contact"
          ? "emails with replies to your chat"
          : c.scope === "account"
            ? "these emails"
            : "emails from this room";
      reply.type("text/html; charset=utf-8");
      return `<!doctype html><html><head><meta charset="utf-8"><title>Unsubscribe</title></head><body style="font-family:system-ui,sans-serif;max-width:480px;margin:40px auto">
<h1>Unsubscribe</h1><p>Stop ${escapeHtml(what)}${c.kind === "contact" ? "" : ` (${escapeHtml(c.kind)})`}?</p>
<form method="post" action="?token=${encodeURIComponent(req.query.token)}"><button type="submit">Unsubscribe</button></form></body></html>`;
    },
  );

  // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" as a form; the token in the URL is all we read.
  // An encapsulated scope, so the form parser applies to this route only.
  app.register(async (inner) => {
    const scope = inner.withTypeProvider<TypeBoxTypeProvider>();
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string" },
      (_req, body, done) => done(null, { form: String(body).slice(0, 200) }),
    );
    scope.post(
      "/email/unsubscribe",
      {
        schema: {
          tags: ["email"],
          querystring: Query,
          body: Type.Optional(
            Type.Object(
              { form: Type.Optional(Type.String({ maxLength: 200 })) },
              { additionalProperties: false },
            ),
          ),
          response: {
            200: Type.Object(
              {
                ok: Type.Boolean({ description: "always true" }),
                kind: Type.String({ description: "the kind of email turned off" }),
                scope: Type.String({ description: "where: the account, or room:<id>" }),
              },
              { $id: "Unsubscribed" },
            ),
          },
        },
        config: { auth: "none" },
      },
      async (req) => {
        const c = await claims(req.query.token);
        const now = services.clock.now();
        // A website widget contact (no account): their offline replies email stops, nothing else changes.
        if (c.kind === "contact") {
          await db.updateTable("contacts").set({ email_off: 1 }).where("id", "=", c.userId).execute();
          return { ok: true, kind: c.kind, scope: c.scope };
        }
        const scope = await applyUnsubscribe(services, c.userId, c.scope, c.kind);
        const ev: DomainEvent = {
          type: "preferences.changed",
          at: now,
          userId: c.userId,
          scope: scope.type,
          ...(scope.roomId ? { roomId: scope.roomId } : {}),
        };
        await services.hooks.afterCommit([ev]);
        return { ok: true, kind: c.kind, scope: c.scope };
      },
    );
  });
}

/** Saves the "off" choice where the email came from: a room's email level, the account's, or a PRF-40/PRF-11 switch. */
async function applyUnsubscribe(services: Services, userId: string, scope: string, kind: string) {
  const { db } = services.store;
  if (scope.startsWith("room:") && kind === "messages") {
    const roomId = scope.slice(5);
    const mb = await db
      .selectFrom("memberships")
      .select("prefs")
      .where("room_id", "=", roomId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (mb) {
      const prefs = { ...(JSON.parse(mb.prefs) as Json), email: "nothing" };
      await db
        .updateTable("memberships")
        .set({ prefs: JSON.stringify(prefs) })
        .where("room_id", "=", roomId)
        .where("user_id", "=", userId)
        .execute();
    }
    return { type: "room" as const, roomId };
  }
  const u = await db
    .selectFrom("users")
    .select(["prefs", "agent_prefs"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!u) return { type: "account" as const };
  if (kind.startsWith("support")) {
    const agent = JSON.parse(u.agent_prefs) as Json;
    const email = { ...((agent.email as Json | undefined) ?? {}) };
    const event = kind.split(":")[1];
    for (const t of event
      ? [event]
      : [
          "pending_contact",
          "conversation_created",
          "conversation_assigned",
          "conversation_mention",
          "assigned_conversation_message",
          "participating_conversation_message",
        ])
      email[t] = false;
    await db
      .updateTable("users")
      .set({ agent_prefs: JSON.stringify({ ...agent, email }) })
      .where("id", "=", userId)
      .execute();
    return { type: "agent" as const };
  }
  const prefs = JSON.parse(u.prefs) as Json;
  const next = kind === "login" ? { ...prefs, loginEmails: false } : { ...prefs, email: "nothing" };
  await db
    .updateTable("users")
    .set({ prefs: JSON.stringify(next) })
    .where("id", "=", userId)
    .execute();
  return { type: "account" as const };
}
