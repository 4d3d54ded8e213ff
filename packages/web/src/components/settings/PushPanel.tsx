import { pushSupported, registerServiceWorker, subscribePush, unsubscribePush } from "@herald/sdk";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorText } from "../../lib/api.ts";
import { useLive } from "../../lib/live.tsx";
import { PushDevices, pushDevicesKey } from "./PushDevices.tsx";

const KEY = "herald.pushSubscription"; // where the SDK remembers this device's subscription

/** Web Push on this device (PSH-7) through the SDK's service worker; needs the notification permission. */
export function PushPanel() {
  const { herald, permission } = useLive();
  const [on, setOn] = useState(() => herald.store.getItem(KEY) !== null);
  const [status, setStatus] = useState("");
  // When this browser's subscription changes, the device list loads again so it shows at once.
  const client = useQueryClient();
  const devicesChanged = () => client.invalidateQueries({ queryKey: pushDevicesKey });
  if (!pushSupported())
    return (
      <>
        <p className="muted small">This browser cannot receive web push.</p>
        <PushDevices />
      </>
    );
  const base = { api: herald.api, store: herald.store };

  async function enable() {
    setStatus("");
    try {
      const registration = await registerServiceWorker();
      await subscribePush({
        ...base,
        registration,
        deviceId: herald.deviceId,
        deviceKind: herald.deviceKind,
      });
      setOn(true);
      devicesChanged();
    } catch (e) {
      setStatus(errorText(e));
    }
  }
  async function disable() {
    try {
      await unsubscribePush({ ...base, registration: await registerServiceWorker() });
      setOn(false);
      devicesChanged();
    } catch (e) {
      setStatus(errorText(e));
    }
  }
  return (
    <>
      <div className="row">
        <span className="grow">
          Push on this device: <strong>{on ? "on" : "off"}</strong>
          {permission !== "granted" && (
            <span className="muted small"> (allow desktop notifications first)</span>
          )}
        </span>
        {on ? (
          <button type="button" onClick={disable}>
            Turn off on this device
          </button>
        ) : (
          <button type="button" onClick={enable} disabled={permission !== "granted"}>
            Enable push on this device
          </button>
        )}
        {status && <p className="error small">{status}</p>}
      </div>
      <PushDevices />
    </>
  );
}
