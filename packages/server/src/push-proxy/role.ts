// `herald serve --roles=push-proxy`: this Herald holds the Apple/Google credentials and sends, for other
// self-hosted Heralds that have none, the pushes they forward (like Mattermost's and Rocket.Chat's push
// gateways). Each hop is checked: HMAC-SHA256 with the shared HERALD_PUSH_PROXY_SECRET over the timestamp and
// the message as sent, 5 minutes of clock skew at most, then every field (proxy-hop.ts). The answer is this
// proxy's SendResult, so the sender deletes dead tokens and retries like a direct send.
import { Type } from "typebox";
import { createNativePush } from "../channels/native/index.ts";
import { fromHop, PROXY_PATH } from "../channels/native/proxy-hop.ts";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from "../channels/webhook.ts";
import { AppError, badRequest } from "../http/errors.ts";
import type { RoleModule } from "../roles.ts";

const Body = Type.Object(
  { message: Type.String({ minLength: 2, maxLength: 20_000 }) },
  { additionalProperties: false },
);

export const pushProxyRole: RoleModule = {
  role: "push-proxy",
  name: "push proxy",
  register(app, services) {
    const { config, clock } = services;
    const secret = config.pushProxySecret;
    if (!secret)
      throw new Error("the push-proxy role needs HERALD_PUSH_PROXY_SECRET (the secret its clients share)");
    if (!config.apnsKeyPath && !config.fcmServiceAccountPath)
      throw new Error(
        "the push-proxy role needs APNs (HERALD_APNS_*) or FCM (HERALD_FCM_SERVICE_ACCOUNT) credentials",
      );
    // A proxy sends with its own credentials only: forwarding again could loop.
    const native = createNativePush({ ...config, pushProxyUrl: null }, clock);
    app.addHook("onClose", async () => native.close());
    app.post(PROXY_PATH, { schema: { hide: true, body: Body }, config: { auth: "none" } }, async (req) => {
      const header = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const ok = verifyWebhook({
        secret,
        body: req.body.message,
        signature: header(SIGNATURE_HEADER),
        timestamp: header(TIMESTAMP_HEADER),
        nowMs: clock.now(),
      });
      if (!ok.ok) throw new AppError(401, "invalid_signature", `push proxy: ${ok.reason}`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(req.body.message);
      } catch {
        throw badRequest("invalid_field", "message is not JSON", "message");
      }
      const hop = fromHop(parsed);
      if (typeof hop === "string")
        throw badRequest("invalid_field", `message.${hop} is missing or invalid`, `message.${hop}`);
      if (hop.hop.platform === "apns" && config.apnsKeyPath && !config.apnsBundleIds.includes(hop.hop.appId))
        throw badRequest("unknown_app_id", "this push proxy does not push to that app", "message.appId");
      const r = await native.send(hop.hop, hop.push);
      const now = clock.now();
      return {
        result:
          r.kind === "retry"
            ? {
                kind: "retry",
                reason: r.reason,
                ...(r.at !== undefined ? { retryInMs: Math.max(0, r.at - now) } : {}),
              }
            : r.kind === "sent"
              ? { kind: "sent" }
              : { kind: r.kind, reason: r.reason },
      };
    });
  },
};
