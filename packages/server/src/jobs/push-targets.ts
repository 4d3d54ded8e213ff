// One push to one device of any kind — Web Push, webhook, APNs, FCM — and the pass's per-platform outcomes and
// "last used" times, stored once after the pass rather than a write per push.
import type { PushMessage } from "../channels/push-types.ts";
import type { SendResult } from "../channels/result.ts";
import { addPlatformStats, TOUCH_EVERY_MS, touchDevices } from "../store/push-devices.ts";
import type { PushSubscriptionsTable } from "../store/schema/deliveries.ts";
import type { JobContext } from "./context.ts";

export async function sendToDevice(
  ctx: JobContext,
  s: PushSubscriptionsTable,
  push: PushMessage,
  deliveryId: string,
): Promise<SendResult> {
  const { channels } = ctx;
  const r: SendResult =
    s.type === "webhook"
      ? await channels.webhook.send(
          { url: s.endpoint, secret: s.secret ?? "" },
          push.payload,
          `${deliveryId}:${s.id}`,
        )
      : s.type === "apns" || s.type === "fcm"
        ? await channels.native.send(
            {
              platform: s.type,
              token: s.endpoint,
              appId: s.app_id ?? "",
              environment: s.environment === "sandbox" ? "sandbox" : "production",
            },
            push,
          )
        : await channels.webpush.send(
            { endpoint: s.endpoint, keys: { p256dh: s.p256dh ?? "", auth: s.auth ?? "" } },
            push,
          );
  channels.tally.add(s.type, r.kind);
  if (r.kind === "sent" && ctx.clock.now() - Number(s.last_used_at ?? 0) >= TOUCH_EVERY_MS)
    channels.tally.touched.add(s.id);
  return r;
}

/** After a pass: a few statements whatever the number of pushes. A failure here never fails the pushes. */
export async function flushPushTally(ctx: JobContext): Promise<void> {
  const { counts, touched } = ctx.channels.tally.take();
  try {
    if (touched.length) await touchDevices(ctx.db, touched, ctx.clock.now());
    if (counts.size) await addPlatformStats(ctx.db, counts);
  } catch (err) {
    ctx.log.warn({ err }, "push device statistics not stored");
  }
}
