import { useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { useLive } from "../../lib/live.tsx";
import { queryErrorText, useApiMutation, useApiQuery } from "../../lib/query.ts";
import { agoWords } from "../../lib/when.ts";

/** One push device of mine as GET /push/devices lists it: phone apps (APNs, FCM), browsers, webhooks. */
export interface PushDevice {
  id: string;
  platform: "apns" | "fcm" | "webpush" | "webhook";
  deviceId: string;
  deviceKind: "desktop" | "mobile" | "web";
  name: string | null;
  lastUsedAt: number | null;
}

const KIND: Record<PushDevice["platform"], string> = {
  apns: "Apple push",
  fcm: "Android push",
  webpush: "Web push",
  webhook: "Webhook",
};

/** The words a person recognises a device by: the name the app gave, else what kind of device it is. */
export function deviceLabel(d: PushDevice, thisDeviceId: string): string {
  if (d.platform === "webpush" && d.deviceId === thisDeviceId) return "This browser";
  if (d.name) return d.name;
  if (d.platform === "apns") return "iPhone or iPad app";
  if (d.platform === "fcm") return "Android app";
  if (d.platform === "webhook") return "Webhook";
  return d.deviceKind === "desktop" ? "Desktop app" : "Another browser";
}

export const pushDevicesKey = ["push", "devices"] as const;

/** Every device that gets my pushes (PSH-5), when each last took one, and a way to stop one. */
export function PushDevices() {
  const { herald } = useLive();
  const list = useApiQuery<{ devices: PushDevice[] }>(pushDevicesKey, "/push/devices");
  const devices = list.data?.devices ?? null;
  const remove = useApiMutation((d: PushDevice) => api.del(`/push/devices/${d.id}`), [pushDevicesKey]);
  const [status, setStatus] = useState("");
  // "last push 5 minutes ago" is read against when the list arrived.
  const now = list.dataUpdatedAt || Date.now();

  function stop(d: PushDevice) {
    setStatus("");
    remove.mutateAsync(d).catch((e) => setStatus(errorText(e)));
  }

  const error = status || queryErrorText(list);
  if (devices === null) return error ? <p className="error small">{error}</p> : null;
  if (devices.length === 0) return <p className="muted small">No device gets push notifications yet.</p>;
  return (
    <div className="push-devices">
      <p className="small">Devices that get your push notifications:</p>
      <ul>
        {devices.map((d) => (
          <li key={d.id} className="row">
            <span className="grow">
              <strong>{deviceLabel(d, herald.deviceId)}</strong>{" "}
              <span className="muted small">
                · {KIND[d.platform]} ·{" "}
                {d.lastUsedAt === null ? "no push yet" : `last push ${agoWords(d.lastUsedAt, now)}`}
              </span>
            </span>
            <button type="button" onClick={() => stop(d)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      {status && <p className="error small">{status}</p>}
    </div>
  );
}
