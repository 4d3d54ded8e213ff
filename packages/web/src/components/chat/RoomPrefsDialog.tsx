import { isToneName, MESSAGE_TONES } from "@herald/sdk";
import { useEffect, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { useLive } from "../../lib/live.tsx";
import { Dialog } from "../Dialog.tsx";

interface RoomPrefs {
  alerts: boolean;
  muteGroupMentions: boolean;
  markUnread: boolean;
  desktop: string;
  push: string;
  email: string;
  sound: string;
  snooze: { until: number | null } | null;
}

const DEFAULTS: RoomPrefs = {
  alerts: true,
  muteGroupMentions: false,
  markUnread: true,
  desktop: "default",
  push: "default",
  email: "default",
  sound: "default",
  snooze: null,
};
const LEVELS = ["default", "all", "mentions", "nothing"];
const SNOOZE: [string, number | null | "off"][] = [
  ["Not snoozed", "off"],
  ["1 hour", 1],
  ["8 hours", 8],
  ["24 hours", 24],
  ["Until I unsnooze", null],
];

function optionValue(label: string, v: number | null | "off"): string {
  return v === "off" ? "off" : v === null ? "forever" : label;
}

/** Room menu › Notification Preferences (PRF-30 … PRF-35). */
export function RoomPrefsDialog({
  roomId,
  onClose,
  onSaved,
}: {
  roomId: string;
  onClose(): void;
  onSaved(): void;
}) {
  const { herald, prefs } = useLive();
  const [p, setP] = useState<RoomPrefs>(DEFAULTS);
  // The form shows once the saved values are in: a change made before they arrived would be overwritten
  // by them, and Save would write defaults over settings the user never saw.
  const [loaded, setLoaded] = useState(false);
  const preview = () => {
    const tone = p.sound === "default" ? prefs.sound : p.sound;
    if (isToneName(tone)) herald.testSound(tone);
  };
  const [error, setError] = useState("");
  useEffect(() => {
    api.get<Record<string, unknown>>(`/rooms/${roomId}/preferences`).then(
      (raw) => {
        setP({ ...DEFAULTS, ...((raw.effective ?? raw.preferences ?? raw) as Partial<RoomPrefs>) });
        setLoaded(true);
      },
      (e) => setError(errorText(e)),
    );
  }, [roomId]);
  const set = <K extends keyof RoomPrefs>(k: K, v: RoomPrefs[K]) => setP((cur) => ({ ...cur, [k]: v }));

  async function save() {
    try {
      await api.put(`/rooms/${roomId}/preferences`, p);
      onSaved();
    } catch (e) {
      setError(errorText(e));
    }
  }

  const snoozeValue = p.snooze === null ? "off" : p.snooze.until === null ? "forever" : "until";
  return (
    <Dialog title="Notification Preferences" onClose={onClose}>
      {!loaded && (error ? <p className="error">{error}</p> : <p className="muted">Loading…</p>)}
      {loaded && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label>
            <input type="checkbox" checked={p.alerts} onChange={(e) => set("alerts", e.target.checked)} />
            Receive alerts
          </label>
          <label>
            <input
              type="checkbox"
              checked={p.muteGroupMentions}
              onChange={(e) => set("muteGroupMentions", e.target.checked)}
            />
            Mute @here and @all
          </label>
          <label>
            <input
              type="checkbox"
              checked={p.markUnread}
              onChange={(e) => set("markUnread", e.target.checked)}
            />
            Mark room as unread when it has unread messages
          </label>
          {(["desktop", "push", "email"] as const).map((k) => (
            <label key={k}>
              {k === "desktop" ? "Desktop" : k === "push" ? "Mobile / web push" : "Email"}
              <select value={p[k]} onChange={(e) => set(k, e.target.value)}>
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {l === "default" ? "Default (my account setting)" : l}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <div className="row">
            <label className="grow">
              Sound
              <select value={p.sound} onChange={(e) => set("sound", e.target.value)}>
                <option value="default">Default</option>
                <option value="none">None</option>
                {MESSAGE_TONES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </label>
            <button type="button" onClick={preview} disabled={p.sound === "none"}>
              ▶ Preview
            </button>
          </div>
          <label>
            Snooze this room
            <select
              value={snoozeValue === "until" ? "current" : snoozeValue}
              onChange={(e) => {
                const hit = SNOOZE.find(([label, v]) => optionValue(label, v) === e.target.value);
                if (!hit) return;
                const v = hit[1];
                set("snooze", v === "off" ? null : { until: v === null ? null : Date.now() + v * 3_600_000 });
              }}
            >
              {snoozeValue === "until" && p.snooze?.until && (
                <option value="current">Snoozed until {new Date(p.snooze.until).toLocaleString()}</option>
              )}
              {SNOOZE.map(([label, v]) => (
                <option key={label} value={optionValue(label, v)}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {error && <p className="error">{error}</p>}
          <div className="actions">
            <button type="submit" className="primary">
              Save
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
