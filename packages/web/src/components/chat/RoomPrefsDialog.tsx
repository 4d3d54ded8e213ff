import { isToneName, MESSAGE_TONES } from "@herald/sdk";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { useLive } from "../../lib/live.tsx";
import { keys, queryErrorText } from "../../lib/query.ts";
import { roomPrefsQuery } from "../../lib/rooms.ts";
import { clockText } from "../../lib/when.ts";
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
const LEVELS: [string, string][] = [
  ["default", "Default (my account setting)"],
  ["all", "All messages"],
  ["mentions", "Mentions and direct messages"],
  ["nothing", "Nothing"],
];
const LEVEL_HINT: Record<string, string> = {
  desktop: "Which messages in this room show a banner.",
  push: "Which messages in this room reach your devices by push.",
  email: "Which unread messages in this room are emailed to you while you are away.",
};

/** One line under a control: what it does and its default (GEN-9: words, never the stored value). */
function Hint({ children }: { children: string }) {
  return <small className="setting-hint">{children}</small>;
}
const onOff = (v: unknown) => (v ? "on" : "off");
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
  const client = useQueryClient();
  const stored = useQuery(roomPrefsQuery(roomId));
  // The form shows once the saved values are in: a change made before they arrived would be overwritten
  // by them, and Save would write defaults over settings the user never saw. Edits are kept apart, so a
  // reload of the stored values (the room list refreshing) does not undo them.
  const loaded = stored.isSuccess;
  const [edited, setEdited] = useState<RoomPrefs | null>(null);
  const p: RoomPrefs = edited ?? { ...DEFAULTS, ...(stored.data?.effective as Partial<RoomPrefs>) };
  // The room's defaults as the workspace sets them (the server says; SPEC's own until it answers).
  const d: RoomPrefs = { ...DEFAULTS, ...(stored.data?.defaults as Partial<RoomPrefs>) };
  const preview = () => {
    const tone = p.sound === "default" ? prefs.sound : p.sound;
    if (isToneName(tone)) herald.testSound(tone);
  };
  const [saveError, setError] = useState("");
  const error = saveError || queryErrorText(stored);
  const set = <K extends keyof RoomPrefs>(k: K, v: RoomPrefs[K]) => setEdited({ ...p, [k]: v });

  async function save() {
    try {
      await api.put(`/rooms/${roomId}/preferences`, p);
      await client.invalidateQueries({ queryKey: keys.roomPreferences(roomId) });
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
          <div>
            <label>
              <input type="checkbox" checked={p.alerts} onChange={(e) => set("alerts", e.target.checked)} />
              Receive alerts
            </label>
            <Hint>{`Off mutes this room: no banner, sound, push or email. Default: ${onOff(d.alerts)}.`}</Hint>
          </div>
          <div>
            <label>
              <input
                type="checkbox"
                checked={p.muteGroupMentions}
                onChange={(e) => set("muteGroupMentions", e.target.checked)}
              />
              Mute @here and @all
            </label>
            <Hint>{`Messages to the whole room stop notifying you. Default: ${onOff(d.muteGroupMentions)}.`}</Hint>
          </div>
          <div>
            <label>
              <input
                type="checkbox"
                checked={p.markUnread}
                onChange={(e) => set("markUnread", e.target.checked)}
              />
              Mark room as unread when it has unread messages
            </label>
            <Hint>{`Off: the room stays plain in the list until you are mentioned. Default: ${onOff(d.markUnread)}.`}</Hint>
          </div>
          {(["desktop", "push", "email"] as const).map((k) => (
            <div key={k}>
              <label>
                {k === "desktop" ? "Desktop" : k === "push" ? "Mobile / web push" : "Email"}
                <select value={p[k]} onChange={(e) => set(k, e.target.value)}>
                  {LEVELS.map(([l, words]) => (
                    <option key={l} value={l}>
                      {words}
                    </option>
                  ))}
                </select>
              </label>
              <Hint>{`${LEVEL_HINT[k]} Default: ${d[k] === "default" ? "your account setting" : (LEVELS.find(([l]) => l === d[k])?.[1] ?? "your account setting").toLowerCase()}.`}</Hint>
            </div>
          ))}
          <div>
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
            <Hint>{`Played for this room's notifications. Default: ${d.sound === "default" ? "your account's sound" : d.sound}.`}</Hint>
          </div>
          <div>
            <label>
              Snooze this room
              <select
                value={snoozeValue === "until" ? "current" : snoozeValue}
                onChange={(e) => {
                  const hit = SNOOZE.find(([label, v]) => optionValue(label, v) === e.target.value);
                  if (!hit) return;
                  const v = hit[1];
                  set(
                    "snooze",
                    v === "off" ? null : { until: v === null ? null : Date.now() + v * 3_600_000 },
                  );
                }}
              >
                {snoozeValue === "until" && p.snooze?.until && (
                  <option value="current">Snoozed until {clockText(p.snooze.until, Date.now())}</option>
                )}
                {SNOOZE.map(([label, v]) => (
                  <option key={label} value={optionValue(label, v)}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <Hint>Silences this room for a while, or until you unsnooze it. Default: not snoozed.</Hint>
          </div>
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
