import { useCallback, useEffect, useId, useState } from "react";
import { api, errorText } from "../lib/api.ts";
import { useLive } from "../lib/live.tsx";
import { AGENT_PREFS, bool, savePrefs } from "../lib/prefs.ts";
import { navigate } from "../lib/router.ts";
import { useMe, useSession } from "../lib/session.tsx";
import { Avatar } from "./Avatar.tsx";
import type { DndChoice } from "./dnd.ts";
import { usePopup } from "./popup.ts";

type PresenceChoice = "auto" | "away" | "invisible";
interface StatusView {
  presence: PresenceChoice;
  dnd: { on: boolean; until: number | null };
}

// User menu: status (PRS-1), timed do-not-disturb (PRS-5, GEN-2), audio/desktop master toggles (PRF-49).
export function UserMenu() {
  const me = useMe();
  const panelId = useId();
  const { signOut } = useSession();
  const { agentPrefs, reloadPrefs, herald } = useLive();
  // Optimistic: the switch moves at once; the saved value comes back through reloadPrefs.
  const [local, setLocal] = useState<Record<string, boolean>>({});
  const master = (k: "audioMaster" | "desktopMaster") => local[k] ?? bool(agentPrefs[k], true);
  const popup = usePopup();
  const [presence, setPresence] = useState<PresenceChoice>("auto");
  const [dnd, setDnd] = useState<number | null | "off">("off");
  const [error, setError] = useState("");

  // The server's own view of my status (PUT/GET answer {presence, dnd: {on, until}}).
  const applyStatus = useCallback((st: StatusView | undefined) => {
    if (!st) return;
    setPresence(st.presence);
    setDnd(st.dnd.on ? st.dnd.until : "off");
  }, []);
  useEffect(() => {
    api.get<{ status?: StatusView }>("/me").then(
      (r) => applyStatus(r.status),
      () => undefined,
    );
  }, [applyStatus]);

  async function setStatus(p: PresenceChoice, d: DndChoice | "keep") {
    setError("");
    // Presets let the server compute "tomorrow" in my time zone (PRS-5).
    const body: Record<string, unknown> = { presence: p };
    if (d !== "keep") body.dnd = d === "off" ? null : d;
    try {
      const st = await api.put<StatusView | { status?: StatusView }>("/me/status", body);
      applyStatus("dnd" in st ? st : st.status);
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function toggle(key: "audioMaster" | "desktopMaster", on: boolean) {
    setLocal((l) => ({ ...l, [key]: on }));
    // PRF-49 acts at once in this tab: the next sound or banner follows the switch, not the save's round trip.
    herald.setPreferences({ agent: { [key]: on } });
    try {
      await savePrefs(AGENT_PREFS, { [key]: on });
      reloadPrefs();
    } catch (e) {
      setLocal((l) => ({ ...l, [key]: !on }));
      herald.setPreferences({ agent: { [key]: !on } });
      setError(errorText(e));
    }
  }

  const go = (to: string) => popup.pick(() => navigate(to));

  return (
    <div className="usermenu">
      <button
        ref={popup.trigger}
        type="button"
        className="avatar-button"
        aria-expanded={popup.open}
        aria-controls={panelId}
        aria-label={`User menu for ${me.displayName}`}
        onClick={() => popup.setOpen(!popup.open)}
      >
        <Avatar
          name={me.displayName}
          status={
            dnd !== "off" ? "busy" : presence === "auto" ? "online" : presence === "away" ? "away" : "offline"
          }
        />
      </button>
      {/* A panel of status fields and links (not a role="menu": it holds radios, a select and checkboxes). */}
      {popup.open && (
        // biome-ignore lint/a11y/useSemanticElements: a labelled group of controls, not a form that submits
        <div className="menu" role="group" aria-label="User menu" id={panelId} ref={popup.panel}>
          <div className="menu-head">
            <strong>{me.displayName}</strong>
            <span className="muted">@{me.username}</span>
          </div>
          <fieldset>
            <legend>Status</legend>
            {(["auto", "away", "invisible"] as const).map((p) => (
              <label key={p}>
                <input
                  type="radio"
                  name="presence"
                  checked={presence === p}
                  onChange={() => setStatus(p, "keep")}
                />
                {p === "auto" ? "Online" : p === "away" ? "Away" : "Invisible"}
              </label>
            ))}
          </fieldset>
          <label className="field">
            Do not disturb
            <select
              aria-label="Do not disturb"
              value={dnd === "off" ? "off" : "set"}
              onChange={(e) => setStatus(presence, e.target.value as DndChoice)}
            >
              <option value="off">Off</option>
              {dnd !== "off" && (
                <option value="set">
                  {dnd === null ? "On until I change it" : `On until ${new Date(dnd).toLocaleString()}`}
                </option>
              )}
              <option value="1h">For 1 hour</option>
              <option value="tomorrow">Until tomorrow</option>
              <option value="forever">Until I change it</option>
            </select>
          </label>
          <fieldset>
            <legend>Quick toggles</legend>
            <label>
              <input
                type="checkbox"
                checked={master("audioMaster")}
                onChange={(e) => toggle("audioMaster", e.target.checked)}
              />
              All sounds
            </label>
            <label>
              <input
                type="checkbox"
                checked={master("desktopMaster")}
                onChange={(e) => toggle("desktopMaster", e.target.checked)}
              />
              Desktop notifications
            </label>
          </fieldset>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="button" onClick={() => go("/settings/notifications")}>
            Notifications
          </button>
          <button type="button" onClick={() => go("/settings/account")}>
            Profile
          </button>
          <button type="button" onClick={() => go("/settings/token")}>
            Access token
          </button>
          {me.role !== "member" && (
            <button type="button" onClick={() => go("/settings/agent")}>
              Agent notification settings
            </button>
          )}
          <button type="button" onClick={() => signOut().catch(() => undefined)}>
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
