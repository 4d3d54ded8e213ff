import { AccountPrefsForm } from "../../components/settings/AccountPrefsForm.tsx";
import { usePrefsEditor } from "../../components/settings/usePrefsEditor.ts";
import { useLive } from "../../lib/live.tsx";
import { ACCOUNT_PREFS, AGENT_PREFS } from "../../lib/prefs.ts";
import { useMe } from "../../lib/session.tsx";

/** My Account › Preferences › Notifications: PRF-1 … PRF-16, PRF-49, PRM-1 … PRM-4. */
export function NotificationSettings() {
  const me = useMe();
  const { reloadPrefs } = useLive();
  const ed = usePrefsEditor(ACCOUNT_PREFS, reloadPrefs);
  const masters = usePrefsEditor(AGENT_PREFS, reloadPrefs);
  if (!ed.effective) return <p className="empty">{ed.status || "Loading…"}</p>;
  return (
    <div className="settings">
      <output className="save-status" aria-live="polite">
        {ed.status || masters.status}
      </output>
      <AccountPrefsForm ed={ed} masters={masters} device timezone={me.timezone ?? "UTC"} />
    </div>
  );
}
