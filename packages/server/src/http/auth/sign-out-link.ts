// LGN-1's "sign out everywhere" link in the new-sign-in email: it must work without signing in (the person
// may not have a session, or suspects someone else has one). The link carries an HMAC-signed {user, issued
// at} token, valid 7 days. GET shows a confirm page (mail scanners fetch links: a GET must change nothing);
// POST ends every session of the user.
import { createHmac, timingSafeEqual } from "node:crypto";
import { Type } from "typebox";
import { publicUrlOf } from "../../config.ts";
import { sessionsRevoked } from "../../events.ts";
import { newSecret } from "../../ids.ts";
import type { Services } from "../../services.ts";
import { badRequest, ErrorSchema } from "../errors.ts";
import { OkAnswer } from "../schemas/ref.ts";
import type { App } from "../types.ts";
import { escapeHtml, htmlOr, wantsHtml } from "./verify-page.ts";

const SECRET_KEY = "auth.sign_out_secret";
const VALID_MS = 7 * 86_400_000;

/** The server's signing secret, made once and kept in workspace_settings (never shown by /admin/settings). */
async function secretOf(services: Services): Promise<string> {
  const { db } = services.store;
  const read = async () =>
    (
      await db
        .selectFrom("workspace_settings")
        .select("value")
        .where("key", "=", SECRET_KEY)
        .executeTakeFirst()
    )?.value;
  const have = await read();
  if (have) return JSON.parse(have) as string;
  await db
    .insertInto("workspace_settings")
    .values({ key: SECRET_KEY, value: JSON.stringify(newSecret()), updated_at: services.clock.now() })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  return JSON.parse((await read()) as string) as string;
}

const mac = (body: string, secret: string) =>
  createHmac("sha256", secret).update(`sign-out.${body}`).digest("base64url");

export async function signOutEverywhereUrl(services: Services, userId: string): Promise<string> {
  const body = Buffer.from(JSON.stringify({ u: userId, t: services.clock.now() })).toString("base64url");
  const token = `${body}.${mac(body, await secretOf(services))}`;
  return `${publicUrlOf(services.config)}/api/v1/auth/sign-out-everywhere?token=${token}`;
}

async function userOfToken(services: Services, token: string): Promise<string | null> {
  const [body, sig] = token.split(".");
  if (!body || !sig) return null;
  const given = Buffer.from(sig, "base64url");
  const expected = Buffer.from(mac(body, await secretOf(services)), "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const c = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { u?: unknown; t?: unknown };
    if (typeof c.u !== "string" || typeof c.t !== "number") return null;
    return c.t + VALID_MS > services.clock.now() ? c.u : null;
  } catch {
    return null;
  }
}

const page = (
  inner: string,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Herald</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">${inner}</body></html>`;

export function signOutLinkRoutes(app: App, services: Services): void {
  const Query = Type.Object(
    { token: Type.String({ minLength: 1, maxLength: 600 }) },
    { additionalProperties: false },
  );
  const invalid = () => badRequest("invalid_token", "the link is invalid or expired", "token");

  app.get(
    "/auth/sign-out-everywhere",
    {
      schema: {
        tags: ["auth"],
        querystring: Query,
        response: { 200: htmlOr(Type.Object({ valid: Type.Boolean() })), 400: htmlOr(ErrorSchema) },
      },
      config: { auth: "none" },
    },
    async (req, reply) => {
      const ok = (await userOfToken(services, req.query.token)) !== null;
      if (!wantsHtml(req.headers.accept)) {
        if (!ok) throw invalid();
        return { valid: true };
      }
      const action = `?token=${escapeHtml(req.query.token)}`;
      return reply
        .status(ok ? 200 : 400)
        .type("text/html; charset=utf-8")
        .send(
          page(
            ok
              ? `<p>Sign out of Herald on every device and browser?</p><form method="post" enctype="text/plain" action="${action}"><button type="submit">Sign out everywhere</button></form>`
              : "<p>This link is invalid or has expired.</p>",
          ),
        );
    },
  );

  app.post(
    "/auth/sign-out-everywhere",
    {
      // Any body or none, ignored: the confirm page's form posts an empty text/plain one (there is no
      // urlencoded parser), API clients send nothing.
      schema: {
        tags: ["auth"],
        querystring: Query,
        body: Type.Unknown(),
        response: { 200: htmlOr(OkAnswer) },
      },
      config: { auth: "none" },
    },
    async (req, reply) => {
      const userId = await userOfToken(services, req.query.token);
      if (!userId) throw invalid();
      const gone = await services.store.db
        .deleteFrom("sessions")
        .where("user_id", "=", userId)
        .returning("id")
        .execute();
      // PRM-4: the sockets of those sessions close at once, on every gateway node.
      const sessionIds = gone.map((s) => s.id);
      await services.hooks.afterCommit(sessionsRevoked(services.clock.now(), userId, { sessionIds }));
      if (wantsHtml(req.headers.accept)) {
        return reply
          .type("text/html; charset=utf-8")
          .send(page("<p>Done: every session is signed out. Sign in again and change your password.</p>"));
      }
      return { ok: true };
    },
  );
}
