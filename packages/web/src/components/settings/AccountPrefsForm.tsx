import { BANNER_OPTIONS, LEVEL_OPTIONS, Section, Select, Toggle } from "./fields.tsx";
import { KeywordsEditor } from "./KeywordsEditor.tsx";
import { PermissionPanel } from "./PermissionPanel.tsx";
import { PushPanel } from "./PushPanel.tsx";
import { QuietHoursEditor } from "./QuietHoursEditor.tsx";
import { SoundSettings } from "./SoundSettings.tsx";
import type { PrefsEditor } from "./usePrefsEditor.ts";

// PRF-17: "even while I'm active" still spares a message already in view in a focused window (DSK-2);
// "only when I'm offline" waits until no desktop/web connection has been open for 30 s (PRS-7).
const PUSH_WHEN_OPTIONS: [string, string][] = [
  ["inactive", "When I'm inactive"],
  ["always", "Even while I'm active"],
  ["offline", "Only when I'm offline"],
];

/**
 * The account notification settings PRF-1 … PRF-17 (+ PRF-49 masters when given), shared by the user's own
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
        <Select
          ed={ed}
          k="desktop"
          rule="PRF-1"
          label="Desktop notifications for"
          options={LEVEL_OPTIONS}
          hint="Which messages show a banner on this computer."
        />
        <Select
          ed={ed}
          k="bannerSeconds"
          rule="PRF-14"
          label="A banner stays"
          options={BANNER_OPTIONS}
          hint="How long a banner stays on screen before it closes by itself."
        />
        <Toggle
          ed={ed}
          k="showBadge"
          rule="PRF-15"
          label="Show the unread badge on the tab icon and title"
          hint="Counts your unread mentions and direct messages in the browser tab."
        />
        {masters?.effective && (
          <>
            <Toggle
              ed={masters}
              k="desktopMaster"
              rule="PRF-49"
              label="All desktop banners (master switch)"
              hint="Turning this off stops every banner, chat and support alike."
            />
            <Toggle
              ed={masters}
              k="audioMaster"
              rule="PRF-49"
              label="All sounds (master switch)"
              hint="Turning this off silences every notification sound and ring."
            />
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
          hint="Off: push notifications follow your desktop setting."
        />
        <Select
          ed={ed}
          k={mobileDifferent ? "push" : "desktop"}
          rule={mobileDifferent ? "PRF-3" : "PRF-20"}
          label={mobileDifferent ? "Push notifications for" : "Push follows the desktop setting"}
          options={LEVEL_OPTIONS}
          disabled={!mobileDifferent}
          hint="Which messages reach your phone and other devices by push."
        />
        <Select
          ed={ed}
          k="pushWhen"
          rule="PRF-17"
          label="Send push notifications"
          options={PUSH_WHEN_OPTIONS}
          hint="Whether a push waits until you are away from the app."
        />
      </Section>
      <Section title="Email" id="s-email">
        <Select
          ed={ed}
          k="email"
          rule="PRF-4"
          label="Email me when I am away about"
          options={LEVEL_OPTIONS}
          hint="Which unread messages are emailed to you while you are away."
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
          hint="Whether emails come one by one or gathered into one."
        />
        <Toggle
          ed={ed}
          k="loginEmails"
          rule="PRF-11"
          label="Email me when my account signs in from a new device"
          hint="A warning in case someone else signs in as you."
        />
      </Section>
      <Section title="Threads" id="s-threads">
        <p className="muted small" data-rule="PRF-6">
          Notify me about replies to threads I follow
        </p>
        <Toggle ed={ed} k="threadReplies.desktop" label="on desktop" hint="A banner for each new reply." />
        <Toggle
          ed={ed}
          k="threadReplies.push"
          label="by push"
          hint="A push for each new reply while you are away."
        />
        <Toggle
          ed={ed}
          k="threadReplies.email"
          label="by email"
          hint="An email about unread replies while you are away."
        />
      </Section>
      <Section title="Keywords" id="s-keywords">
        <KeywordsEditor ed={ed} />
      </Section>
      <Section title="Sounds" id="s-sounds">
        <SoundSettings ed={ed} />
      </Section>
      <Section title="Away status" id="s-away">
        <Toggle
          ed={ed}
          k="autoAway"
          rule="PRF-12"
          label="Set me away when I am idle"
          hint="Away, pushes and emails can start once you stop using the app."
        />
        <Select
          ed={ed}
          k="idleSeconds"
          rule="PRF-13"
          label="Idle time before away"
          disabled={ed.get("autoAway") === false}
          hint="How long without using the app before you count as away."
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
