import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorText } from "../lib/api.ts";
import { useLive } from "../lib/live.tsx";
import { AGENT_PREFS, bool, savePrefs } from "../lib/prefs.ts";
import { navigate } from "../lib/router.ts";
import { useMe, useSession } from "../lib/session.tsx";
import { clockText } from "../lib/when.ts";
import type { DndChoice } from "./dnd.ts";
import { type PresenceChoice, useSaveStatus } from "./userStatus.ts";

export interface UserMenuPanelProps {
  id: string;
  panel: React.RefObject<HTMLDivElement | null>;
  presence: PresenceChoice;
  /** "off", or on until this moment (ms), or on until I change it (null). */
  dnd: number | null | "off";
  /** Closes the panel with focus back on the avatar, then does `then`. */
  pick(then: () => void): void;
}

// The user menu's panel: status (PRS-1), timed do-not-disturb (PRS-5, GEN-2), audio/desktop master toggles
// (PRF-49) and the ways to settings. It loads when the menu first opens: the first screen shows only the avatar.
export function UserMenuPanel({ id, panel, presence, dnd, pick }: UserMenuPanelProps) {
  const me = useMe();
  const { signOut } = useSession();
  const { agentPrefs, reloadPrefs, herald } = useLive();
  // Optimistic: the switch moves at once; the saved value comes back through reloadPrefs.
  const [local, setLocal] = useState<Record<string, boolean>>({});
  const master = (k: "audioMaster" | "desktopMaster") => local[k] ?? bool(agentPrefs[k], true);
  const [error, setError] = useState("");
  const save = useSaveStatus();

  function status(p: PresenceChoice, d: DndChoice | "keep") {
    setError("");
    save.mutateAsync({ presence: p, dnd: d }).catch((e) => setError(errorText(e)));
  }

  type Master = { key: "audioMaster" | "desktopMaster"; on: boolean };
  const saving = useMutation({
    mutationFn: ({ key, on }: Master) => savePrefs(AGENT_PREFS, { [key]: on }),
    onMutate: ({ key, on }: Master) => {
      setError("");
      setLocal((l) => ({ ...l, [key]: on }));
      // PRF-49 acts at once in this tab: the next sound or banner follows the switch, not the save's round trip.
      herald.setPreferences({ agent: { [key]: on } });
    },
    onSuccess: () => reloadPrefs(),
    onError: (e, { key, on }) => {
      setLocal((l) => ({ ...l, [key]: !on }));
      herald.setPreferences({ agent: { [key]: !on } });
      setError(errorText(e));
    },
  });
  const toggle = (key: Master["key"], on: boolean) => saving.mutate({ key, on });

  const go = (to: string) => pick(() => navigate(to));

  return (
    // A panel of status fields and links (not a role="menu": it holds radios, a select and checkboxes).
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of controls, not a form that submits
    <div className="menu" role="group" aria-label="User menu" id={id} ref={panel}>
      <div className="menu-head">
        <strong>{me.displayName}</strong>
        <span className="muted">@{me.username}</span>
      </div>
      <fieldset>
        <legend>Status</legend>
        {(["auto", "away", "invisible"] as const).map((p) => (
          <label key={p}>
            <input type="radio" name="presence" checked={presence === p} onChange={() => status(p, "keep")} />
            {p === "auto" ? "Online" : p === "away" ? "Away" : "Invisible"}
          </label>
        ))}
      </fieldset>
      <label className="field">
        Do not disturb
        <select
          aria-label="Do not disturb"
          value={dnd === "off" ? "off" : "set"}
          onChange={(e) => status(presence, e.target.value as DndChoice)}
        >
          <option value="off">Off</option>
          {dnd !== "off" && (
            <option value="set">
              {dnd === null ? "On until I change it" : `On until ${clockText(dnd, Date.now())}`}
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
  );
}
