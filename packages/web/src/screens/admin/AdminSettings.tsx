import { useState } from "react";
import { AccountPrefsForm } from "../../components/settings/AccountPrefsForm.tsx";
import { AgentPrefsForm } from "../../components/settings/AgentPrefsForm.tsx";
import { Section, Select, Toggle } from "../../components/settings/fields.tsx";
import { RoomDefaultsForm } from "../../components/settings/RoomDefaultsForm.tsx";
import {
  type NestedEditor,
  scopedEditor,
  useNestedEditor,
} from "../../components/settings/useNestedEditor.ts";
import { useLive } from "../../lib/live.tsx";

/** Workspace settings PRV-1 … PRV-10; PRV-7 = defaults for users who never saved a choice (PRF-21). */
export function AdminSettings() {
  const { reloadPrefs } = useLive();
  const ed = useNestedEditor("/admin/settings", reloadPrefs);
  if (!ed.effective) return <p className="empty">{ed.status || "Loading…"}</p>;
  const restrict = ed.get("restrictGroupMentionsAbove");
  return (
    <div className="settings">
      <output className="save-status" aria-live="polite">
        {ed.status}
      </output>
      <Section title="Content and identity" id="w-content">
        <Select
          ed={ed}
          k="pushContent"
          rule="PRV-1"
          label="Push content"
          options={[
            ["full", "Full (sender, room, first line)"],
            ["generic", "Generic (sender, room and why: “mentioned you”)"],
            ["generic_no_room", "Generic without the room"],
            ["id_only", "Id only (devices fetch the content)"],
          ]}
        />
        <Select
          ed={ed}
          k="bannerContent"
          rule="PRV-10"
          label="Desktop banner content (for shared or projected screens)"
          options={[
            ["full", "Full (sender, room, first line)"],
            ["generic", "Generic (sender, room and why: “mentioned you”)"],
            ["generic_no_room", "Generic without the room"],
          ]}
        />
        <Select
          ed={ed}
          k="emailContent"
          rule="PRV-2"
          label="Email content"
          options={[
            ["full", "Full"],
            ["generic", "Generic"],
          ]}
        />
        <label className="setting" data-rule="PRV-3">
          <span>Site name</span>
          <input
            defaultValue={String(ed.get("siteName") ?? "Herald")}
            aria-invalid={Boolean(ed.errors.siteName)}
            aria-describedby="prv3-error"
            onBlur={(e) => e.target.value.trim() && ed.set("siteName", e.target.value.trim())}
          />
          <FieldError id="prv3-error" text={ed.errors.siteName} />
        </label>
      </Section>
      <Section title="Delivery" id="w-delivery">
        <Toggle ed={ed} k="callRinging" rule="PRV-4" label="Ring for calls" />
        <Toggle ed={ed} k="loginEmails" rule="PRV-5" label="Send login detection emails" />
        <Select
          ed={ed}
          k="roomInactivitySeconds"
          rule="PRV-6"
          label="Inactivity before room messages go to push / email"
          options={[
            [60, "1 minute"],
            [300, "5 minutes"],
            [900, "15 minutes"],
            [3600, "1 hour"],
          ]}
        />
        <Toggle
          ed={ed}
          k="requireVerifiedEmail"
          rule="PRV-8"
          label="Require a verified email address for email notifications"
        />
        <label className="setting" data-rule="PRV-9">
          <span>Restrict @all / @here to admins in rooms above N members</span>
          <input
            type="number"
            min={1}
            placeholder="no restriction"
            defaultValue={typeof restrict === "number" ? restrict : ""}
            aria-invalid={Boolean(ed.errors.restrictGroupMentionsAbove)}
            aria-describedby="prv9-error"
            onBlur={(e) =>
              ed.set("restrictGroupMentionsAbove", e.target.value ? Number(e.target.value) : null)
            }
          />
          <FieldError id="prv9-error" text={ed.errors.restrictGroupMentionsAbove} />
        </label>
      </Section>
      <UserDefaults ed={ed} />
    </div>
  );
}

function FieldError({ id, text }: { id: string; text?: string }) {
  return (
    <span id={id} className="field-error" role={text ? "alert" : undefined}>
      {text ?? ""}
    </span>
  );
}

const DEFAULT_TABS: [string, string][] = [
  ["account", "Account notifications"],
  ["room", "Rooms"],
  ["agent", "Support agents"],
];

/**
 * PRV-7: defaults for every setting of §3 — the very forms users see on their own settings pages, bound to
 * `defaults.account` / `defaults.room` / `defaults.agent` of the workspace settings.
 */
function UserDefaults({ ed }: { ed: NestedEditor }) {
  const [tab, setTab] = useState("account");
  return (
    <section className="settings-section card defaults" aria-labelledby="w-defaults">
      <h2 id="w-defaults">Defaults for users</h2>
      <p className="muted small" data-rule="PRV-7 PRF-21">
        Users who never saved a setting follow these, even when you change them later
      </p>
      <div className="tabs" role="tablist" aria-label="Defaults for">
        {DEFAULT_TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === id}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="settings" role="tabpanel">
        {tab === "account" && (
          <AccountPrefsForm
            ed={scopedEditor(ed, "defaults.account")}
            device={false}
            timezone="each user's own time zone"
          />
        )}
        {tab === "room" && <RoomDefaultsForm ed={scopedEditor(ed, "defaults.room")} />}
        {tab === "agent" && <AgentPrefsForm ed={scopedEditor(ed, "defaults.agent")} />}
      </div>
      {Object.entries(ed.errors)
        .filter(([k]) => k.startsWith("defaults."))
        .map(([k, text]) => (
          <p key={k} className="error" role="alert" data-field={k}>
            {/* The tab's name, not the key path (GEN-9); the field itself is named in data-field. */}
            {DEFAULT_TABS.find(([id]) => k.startsWith(`defaults.${id}.`))?.[1] ?? "Defaults for users"}:{" "}
            {text}
          </p>
        ))}
    </section>
  );
}
