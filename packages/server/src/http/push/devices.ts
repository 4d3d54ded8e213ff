// Native app push devices (APNs, FCM): register / replace a token, remove it, and the list Settings shows of
// every push device of the caller (native, Web Push, webhook) with its name and when it last took a push.
import { Type } from "typebox";
import type { Config } from "../../config.ts";
import type { Services } from "../../services.ts";
import {
  devicesOf,
  type NativePlatform,
  registerNativeDevice,
  removeDevice,
} from "../../store/push-devices.ts";
import { badRequest, notFound } from "../errors.ts";
import { Ok } from "../named-schemas.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";
import { PushDeviceSchema } from "./schemas.ts";

const strict = { additionalProperties: false } as const;
const RegisterBody = Type.Object(
  {
    platform: Type.Union([Type.Literal("apns"), Type.Literal("fcm")]),
    token: Type.String({ minLength: 1, maxLength: 4096 }),
    appId: Type.String({ minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9._:-]+$" }),
    deviceId: Type.String({ minLength: 1, maxLength: 64 }),
    environment: Type.Optional(Type.Union([Type.Literal("production"), Type.Literal("sandbox")])),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  strict,
);

/** APNs tokens are hex (32 bytes today; Apple says not to rely on the length); FCM's are URL-safe text. */
const TOKEN_SHAPE: Record<NativePlatform, RegExp> = {
  apns: /^[0-9a-fA-F]{64,200}$/,
  fcm: /^[A-Za-z0-9_:.-]{32,4096}$/,
};

/** A platform is usable with its own credentials or through a push proxy that holds them. */
export function platformReady(config: Config, platform: NativePlatform): boolean {
  if (config.pushProxyUrl) return true;
  return platform === "apns" ? config.apnsKeyPath !== null : config.fcmServiceAccountPath !== null;
}

export function pushDeviceRoutes(app: App, services: Services): void {
  const { db } = services.store;
  const config = services.config;

  const list = { 200: Type.Object({ devices: Type.Array(PushDeviceSchema) }) };
  app.get("/push/devices", { schema: { tags: ["push"], response: list } }, async (req) => {
    const rows = await devicesOf(db, me(req).userId);
    return {
      devices: rows.map((r) => ({
        id: r.id,
        platform: r.type,
        deviceId: r.device_id,
        deviceKind: r.device_kind,
        name: r.device_name ?? null,
        ...(r.app_id ? { appId: r.app_id } : {}),
        ...(r.environment ? { environment: r.environment } : {}),
        createdAt: Number(r.created_at),
        lastUsedAt: r.last_used_at == null ? null : Number(r.last_used_at),
      })),
    };
  });

  const registered = Type.Object({ id: Type.String() });
  const register = { tags: ["push"], body: RegisterBody, response: { 200: registered, 201: registered } };
  app.post("/push/devices", { schema: register }, async (req, reply) => {
    const b = req.body;
    if (!TOKEN_SHAPE[b.platform].test(b.token))
      throw badRequest(
        "invalid_device_token",
        b.platform === "apns" ? "an APNs device token is hexadecimal" : "not an FCM registration token",
        "token",
      );
    if (!platformReady(config, b.platform))
      throw badRequest(
        "platform_not_configured",
        `this server has no ${b.platform === "apns" ? "APNs" : "FCM"} credentials and no push proxy`,
        "platform",
      );
    // APNs pushes name the app (apns-topic): only apps this server holds a key for. Through a proxy, the proxy
    // checks; FCM's project decides which apps it serves.
    if (b.platform === "apns" && !config.pushProxyUrl && !config.apnsBundleIds.includes(b.appId))
      throw badRequest(
        "unknown_app_id",
        "this server does not push to that app (HERALD_APNS_BUNDLE_IDS)",
        "appId",
      );
    const saved = await registerNativeDevice(
      db,
      me(req).userId,
      {
        platform: b.platform,
        token: b.token,
        appId: b.appId,
        deviceId: b.deviceId,
        environment: b.environment ?? "production",
        name: b.name ?? null,
      },
      services.clock.now(),
    );
    reply.code(saved.created ? 201 : 200);
    return { id: saved.id };
  });

  app.delete(
    "/push/devices/:id",
    {
      schema: {
        tags: ["push"],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, strict),
        response: { 200: Ok },
      },
    },
    async (req) => {
      if (!(await removeDevice(db, me(req).userId, req.params.id)))
        throw notFound("device_not_found", "no such push device");
      return { ok: true };
    },
  );
}
