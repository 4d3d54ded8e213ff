import { MESSAGE_TONES } from "@herald/sdk";
import { Section, Select, Toggle } from "./fields.tsx";
import type { PrefsEditor } from "./usePrefsEditor.ts";

const OVERRIDES: [string, string][] = [
  ["default", "Follow the account setting"],
  ["all", "All messages"],
  ["mentions", "Mentions and direct messages"],
  ["nothing", "Nothing"],
];

/**
 * Room notification defaults PRF-30 … PRF-34 (PRV-7): what a member's room menu › Notification Preferences
 * starts from. Snooze (PRF-35) is a moment in one member's room, so it has no default.
 */
export function RoomDefaultsForm({ ed }: { ed: PrefsEditor }) {
  return (
    <Section title="Rooms" id="d-room">
      <Toggle ed={ed} k="alerts" rule="PRF-30" label="Receive alerts" />
      <Toggle ed={ed} k="muteGroupMentions" rule="PRF-31" label="Mute @here and @all" />
      <Toggle
        ed={ed}
        k="markUnread"
        rule="PRF-32"
        label="Mark rooms as unread when they have unread messages"
      />
      <Select ed={ed} k="desktop" rule="PRF-33" label="Desktop in a room" options={OVERRIDES} />
      <Select ed={ed} k="push" rule="PRF-33" label="Mobile / web push in a room" options={OVERRIDES} />
      <Select ed={ed} k="email" rule="PRF-33" label="Email in a room" options={OVERRIDES} />
      <Select
        ed={ed}
        k="sound"
        rule="PRF-34"
        label="Room sound"
        options={[
          ["default", "The account's message sound"],
          ["none", "None"],
          ...MESSAGE_TONES.map((t): [string, string] => [t, t]),
        ]}
      />
    </Section>
  );
}
