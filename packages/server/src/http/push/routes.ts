// Push: the VAPID public key (PSH-7), the caller's subscriptions per device (Web Push or webhook, each with its
// deviceKind), and the id-only content fetch (PSH-4: the device asks with its own credentials).
import { randomBytes } from "node:crypto";
import { Type } from "typebox";
import { checkDestination, checkDestinationText } from "../../channels/destinations.ts";
import { loadOrCreateVapidKeys } from "../../channels/vapid.ts";
import { newId } from "../../ids.ts";
import { settingsKv } from "../../jobs/channels.ts";
import type { Services } from "../../services.ts";
import { messageById } from "../../store/messages.ts";
import { visibleRoom } from "../../store/rooms.ts";
import { badRequest, notFound } from "../errors.ts";
import { Ok } from "../named-schemas.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";
import { PushContentSchema, PushSubscriptionSchema, SubscribedSchema } from "./schemas.ts";

const strict = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1, maxLength: 64 });
const B64 = Type.String({ minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9_=-]+$" });
const Device = {
  deviceId: Id,
  deviceKind: Type.Union([Type.Literal("desktop"), Type.Literal("mobile"), Type.Literal("web")]),
};
const SubscribeBody = Type.Union([
  Type.Object(
    {
      ...Device,
      type: Type.Optional(Type.Literal("webpush")),
      endpoint: Type.String({ format: "uri", maxLength: 2000 }),
      keys: Type.Object({ p256dh: B64, auth: B64 }, strict),
      // PushSubscription.toJSON() carries it (null in Chromium and Firefox). Accepted and not stored: an
      // expired endpoint answers 404/410 and is removed then (PSH-7).
      expirationTime: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    },
    strict,
  ),
  Type.Object(
    { ...Device, type: Type.Literal("webhook"), url: Type.String({ format: "uri", maxLength: 2000 }) },
    strict,
  ),
]);

function httpUrl(raw: string, field: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw badRequest("invalid_url", "not a URL", field);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    throw badRequest("invalid_url", "must be http(s)", field);
  return raw;
}

export function pushRoutes(app: App, services: Services): void {
  const { db } = services.store;
  const vapid = { 200: Type.Object({ publicKey: Type.String({ description: "applicationServerKey" }) }) };
  app.get("/push/vapid-public-key", { schema: { tags: ["push"], response: vapid } }, async () => {
    const keys = await loadOrCreateVapidKeys(settingsKv(db, services.clock));
    return { publicKey: keys.publicKey };
  });

  const list = { 200: Type.Object({ subscriptions: Type.Array(PushSubscriptionSchema) }) };
  app.get("/push/subscriptions", { schema: { tags: ["push"], response: list } }, async (req) => {
    const rows = await db
      .selectFrom("push_subscriptions")
      .selectAll()
      .where("user_id", "=", me(req).userId)
      .execute();
    return {
      subscriptions: rows.map((r) => ({
        id: r.id,
        type: r.type,
        deviceId: r.device_id,
        deviceKind: r.device_kind,
        endpoint: r.endpoint,
        createdAt: Number(r.created_at),
      })),
    };
  });

  const subscribe = { tags: ["push"], body: SubscribeBody, response: { 201: SubscribedSchema } };
  app.post("/push/subscriptions", { schema: subscribe }, async (req, reply) => {
    const p = me(req);
    const b = req.body;
    const webhook = "url" in b;
    const endpoint = httpUrl(webhook ? b.url : b.endpoint, webhook ? "url" : "endpoint");
    // The worker will POST there (message text to a webhook, encrypted pushes to a push service): public
    // addresses only, unless the operator allows a host. A webhook's name must resolve now; a push endpoint
    // comes from a browser's push service and its name is judged when the worker connects.
    const verdict = webhook
      ? await checkDestination(endpoint, services.config.webhookAllowHosts)
      : checkDestinationText(endpoint, services.config.pushAllowHosts);
    if (!verdict.ok) {
      const what = webhook ? "webhook URL" : "push endpoint";
      throw badRequest(
        "destination_not_allowed",
        `this ${what} is not allowed: ${verdict.why}`,
        webhook ? "url" : "endpoint",
      );
    }
    const secret = webhook ? randomBytes(32).toString("base64url") : null;
    const row = {
      id: newId(),
      user_id: p.userId,
      device_id: b.deviceId,
      device_kind: b.deviceKind,
      type: webhook ? ("webhook" as const) : ("webpush" as const),
      endpoint,
      p256dh: webhook ? null : b.keys.p256dh,
      auth: webhook ? null : b.keys.auth,
      secret,
      created_at: services.clock.now(),
    };
    // One row per (user, endpoint): re-subscribing updates device and keys instead of pushing twice.
    await db
      .insertInto("push_subscriptions")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["user_id", "endpoint"]).doUpdateSet({
          device_id: row.device_id,
          device_kind: row.device_kind,
          p256dh: row.p256dh,
          auth: row.auth,
        }),
      )
      .execute();
    const saved = await db
      .selectFrom("push_subscriptions")
      .select(["id", "secret"])
      .where("user_id", "=", p.userId)
      .where("endpoint", "=", endpoint)
      .executeTakeFirstOrThrow();
    reply.code(201);
    // The webhook secret is shown once, so the receiver can check signatures (PSH-8).
    return { id: saved.id, ...(webhook ? { secret: saved.secret } : {}) };
  });

  app.delete(
    "/push/subscriptions/:id",
    { schema: { tags: ["push"], params: Type.Object({ id: Id }, strict), response: { 200: Ok } } },
    async (req) => {
      const r = await db
        .deleteFrom("push_subscriptions")
        .where("id", "=", req.params.id)
        .where("user_id", "=", me(req).userId)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw notFound("subscription_not_found", "no such subscription");
      return { ok: true };
    },
  );

  // PSH-4 id only: the text never left the server in the push; the device fetches it here, as a member.
  app.get(
    "/push/messages/:id",
    {
      schema: {
        tags: ["push"],
        params: Type.Object({ id: Id }, strict),
        response: { 200: PushContentSchema },
      },
    },
    async (req) => {
      const p = me(req);
      const m = await messageById(db, req.params.id);
      const access = m ? await visibleRoom(db, m.room_id, p.userId) : null;
      if (!m || m.deleted_at || !access || access.lastReadSeq === null)
        throw notFound("message_not_found", "no such message");
      const sender = m.sender_id
        ? await db
            .selectFrom("users")
            .select(["id", "display_name"])
            .where("id", "=", m.sender_id)
            .executeTakeFirst()
        : undefined;
      const room = access.room;
      const direct = room.kind === "dm" || room.kind === "gdm";
      const name = sender?.display_name ?? "Someone";
      return {
        id: m.id,
        roomId: room.id,
        ...(m.thread_root_id ? { threadId: m.thread_root_id } : {}),
        title: direct ? name : `${name} in #${room.name}`,
        body:
          m.text
            .split(/\r?\n/)
            .find((l) => l.trim())
            ?.trim()
            .slice(0, 200) ?? "",
        sender: { id: sender?.id ?? "", name },
        room: { id: room.id, name: room.name },
        ts: Number(m.created_at),
      };
    },
  );
}
