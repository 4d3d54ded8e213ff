import { BANNER_OPTIONS, LEVEL_OPTIONS, Section, Select, Toggle } from "./fields.tsx";
import { KeywordsEditor } from "./KeywordsEditor.tsx";
import { PermissionPanel } from "./PermissionPanel.tsx";
import { PushPanel } from "./PushPanel.tsx";
import { QuietHoursEditor } from "./QuietHoursEditor.tsx";
import { SoundSettings } from "./SoundSettings.tsx";
import type { PrefsEditor } from "./usePrefsEditor.ts";

/**
 * The account notification settings PRF-1 … PRF-16 (+ PRF-49 masters when given), shared by the user's own
 * Settings › Notifications and the admin's "Defaults for users" (PRV-7), which edits the same keys under
 * `defaults.account`. `device` adds this browser's permission and push panels (not for defaults).
 */
export function AccountPrefsForm({
  ed,
  masters,
  device,
  timezone,
}: {
  ed: PrefsEditor;
  masters?: PrefsEditor;
  device: boolean;
  timezone: string;
}) {
  const mobileDifferent = ed.get("mobileDifferent") === true;
  return (
    <>
      <Section title="Desktop notifications" id="s-desktop">
        {device && <PermissionPanel />}
        <Select ed={ed} k="desktop" rule="PRF-1" label="Desktop notifications for" options={LEVEL_OPTIONS} />
        <Select ed={ed} k="bannerSeconds" rule="PRF-14" label="A banner stays" options={BANNER_OPTIONS} />
        <Toggle ed={ed} k="showBadge" rule="PRF-15" label="Show the unread badge on the tab icon and title" />
        {masters?.effective && (
          <>
            <Toggle
              ed={masters}
              k="desktopMaster"
              rule="PRF-49"
              label="All desktop banners (master switch)"
            />
            <Toggle ed={masters} k="audioMaster" rule="PRF-49" label="All sounds (master switch)" />
          </>
        )}
      </Section>
      <Section title="Mobile and web push" id="s-push">
        {device && <PushPanel />}
        <Toggle
          ed={ed}
          k="mobileDifferent"
          rule="PRF-2"
          label="Use different settings for my mobile devices"
        />
        <Select
          ed={ed}
          k={mobileDifferent ? "push" : "desktop"}
          rule={mobileDifferent ? "PRF-3" : "PRF-20"}
          label={mobileDifferent ? "Push notifications for" : "Push follows the desktop setting"}
          options={LEVEL_OPTIONS}
          disabled={!mobileDifferent}
        />
      </Section>
      <Section title="Email" id="s-email">
        <Select
          ed={ed}
          k="email"
          rule="PRF-4"
          label="Email me when I am away about"
          options={LEVEL_OPTIONS}
        />
        <Select
          ed={ed}
          k="emailDelivery"
          rule="PRF-5"
          label="Email delivery"
          options={[
            ["immediately", "Immediately"],
            ["batched_2m", "Batched every 2 minutes"],
            ["batched_15m", "Batched every 15 minutes"],
            ["batched_1h", "Batched every hour"],
          ]}
        />
        <Toggle
          ed={ed}
          k="loginEmails"
          rule="PRF-11"
          label="Email me when my account signs in from a new device"
        />
      </Section>
      <Section title="Threads" id="s-threads">
        <p className="muted small">
          Notify me about replies to threads I follow <span className="rule">PRF-6</span>
        </p>
        <Toggle ed={ed} k="threadReplies.desktop" label="on desktop" />
        <Toggle ed={ed} k="threadReplies.push" label="by push" />
        <Toggle ed={ed} k="threadReplies.email" label="by email" />
      </Section>
      <Section title="Keywords" id="s-keywords">
        <KeywordsEditor ed={ed} />
      </Section>
      <Section title="Sounds" id="s-sounds">
        <SoundSettings ed={ed} />
      </Section>
      <Section title="Away status" id="s-away">
        <Toggle ed={ed} k="autoAway" rule="PRF-12" label="Set me away when I am idle" />
        <Select
          ed={ed}
          k="idleSeconds"
          rule="PRF-13"
          label="Idle time before away"
          disabled={ed.get("autoAway") === false}
          options={[
            [60, "1 minute"],
            [300, "5 minutes"],
            [600, "10 minutes"],
            [1800, "30 minutes"],
            [3600, "1 hour"],
          ]}
        />
      </Section>
      <Section title="Quiet hours" id="s-quiet">
        <QuietHoursEditor ed={ed} timezone={timezone} />
      </Section>
    </>
  );
}
