import { AgentPrefsForm } from "../../components/settings/AgentPrefsForm.tsx";
import { usePrefsEditor } from "../../components/settings/usePrefsEditor.ts";
import { useLive } from "../../lib/live.tsx";
import { AGENT_PREFS } from "../../lib/prefs.ts";

/** Agent notification settings: PRF-40 … PRF-50, with test buttons (DSK-7). */
export function AgentSettings() {
  const { reloadPrefs } = useLive();
  const ed = usePrefsEditor(AGENT_PREFS, reloadPrefs);
  if (!ed.effective) return <p className="empty">{ed.status || "Loading…"}</p>;
  return (
    <div className="settings">
      <output className="save-status" aria-live="polite">
        {ed.status}
      </output>
      <AgentPrefsForm ed={ed} />
    </div>
  );
}
