import { isToneName, RING_TONES, type SoundHandle } from "@herald/sdk";
import { useState } from "react";
import { useLive } from "../../lib/live.tsx";
import { BANNER_OPTIONS, Section, Select, Toggle } from "./fields.tsx";
import type { PrefsEditor } from "./usePrefsEditor.ts";

const EVENTS: [string, string][] = [
  ["pending_contact", "A contact is waiting (pending)"],
  ["conversation_created", "A new conversation is created"],
  ["conversation_assigned", "A conversation is assigned to me"],
  ["conversation_mention", "I am mentioned in a private note"],
  ["assigned_conversation_message", "New message in a conversation assigned to me"],
  ["participating_conversation_message", "New message in a conversation I take part in"],
];

/**
 * Agent notification settings PRF-40 … PRF-50 with test buttons (DSK-7), shared by Settings › Agent
 * notifications and the admin's "Defaults for users" (PRV-7, keys under `defaults.agent`).
 */
export function AgentPrefsForm({ ed }: { ed: PrefsEditor }) {
  return (
    <>
      <Section title="Email and push per event" id="a-events">
        <p className="setting-hint">A ticked box emails you, or sends a push, when that happens.</p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col" data-rule="PRF-40">
                  Email
                </th>
                <th scope="col" data-rule="PRF-41">
                  Push
                </th>
              </tr>
            </thead>
            <tbody>
              {EVENTS.map(([id, label]) => (
                <tr key={id}>
                  <th scope="row">
                    {label}
                    <EventDefault ed={ed} event={id} />
                  </th>
                  {(["email", "push"] as const).map((ch) => (
                    <td key={ch}>
                      <input
                        type="checkbox"
                        aria-label={`${ch === "email" ? "Email" : "Push"}: ${label}`}
                        checked={ed.get(`${ch}.${id}`) === true}
                        onChange={(e) => ed.set(`${ch}.${id}`, e.target.checked)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <Section title="Audio alerts" id="a-audio">
        <Select
          ed={ed}
          k="audioScope"
          rule="PRF-42"
          label="Play a sound for incoming messages in"
          options={[
            ["none", "No conversations"],
            ["assigned", "Conversations assigned to me"],
            ["all", "All conversations of my inboxes"],
          ]}
          hint="Which support conversations make a sound when a message comes in."
        />
        <Toggle
          ed={ed}
          k="audioMaster"
          rule="PRF-49"
          label="All sounds (master switch)"
          hint="Turning this off silences every notification sound and ring."
        />
        <Toggle
          ed={ed}
          k="desktopMaster"
          rule="PRF-49"
          label="All desktop banners (master switch)"
          hint="Turning this off stops every banner, chat and support alike."
        />
        <Toggle
          ed={ed}
          k="remindUnread"
          rule="PRF-50"
          label="Remind me every 30 s while an assigned conversation has unread messages"
          hint="A short sound repeats until you read them."
        />
      </Section>
      <AlertKind ed={ed} kind="pending" title="Pending contacts" />
      <AlertKind ed={ed} kind="messages" title="Incoming chat messages" />
    </>
  );
}

/** An event row's default: "Default: email and push" (as the workspace sets it). */
function EventDefault({ ed, event }: { ed: PrefsEditor; event: string }) {
  if (!ed.byDefault) return null;
  const on = (["email", "push"] as const).filter((ch) => ed.byDefault?.(`${ch}.${event}`) === true);
  return <small className="setting-hint">Default: {on.length ? on.join(" and ") : "neither"}.</small>;
}

function AlertKind({ ed, kind, title }: { ed: PrefsEditor; kind: "pending" | "messages"; title: string }) {
  const { herald } = useLive();
  const [playing, setPlaying] = useState<SoundHandle | null>(null);
  const k = (f: string) => `${kind}.${f}`;
  const what = kind === "pending" ? "a contact waiting for an agent" : "an incoming message";
  const loop = kind === "pending" && ed.get(k("loop")) === true;
  const test = () => {
    const tone = ed.get(k("tone"));
    if (isToneName(tone)) setPlaying(herald.testSound(tone, loop));
  };
  return (
    <Section title={title} id={`a-${kind}`}>
      <Toggle ed={ed} k={k("audio")} rule="PRF-43" label="Play a sound" hint={`A sound for ${what}.`} />
      <Toggle
        ed={ed}
        k={k("desktop")}
        rule="PRF-43"
        label="Show a desktop banner"
        hint={`A banner on this computer for ${what}.`}
      />
      <Toggle
        ed={ed}
        k={k("alsoWhenFocused")}
        rule="PRF-44"
        label="Also when the console has focus"
        hint="Off: no sound or banner while you are looking at the support console."
      />
      {kind === "pending" && (
        <Select
          ed={ed}
          k={k("loop")}
          rule="PRF-45"
          label="Sound plays"
          options={[
            [false, "Once"],
            [true, "In a loop until someone picks up"],
          ]}
          hint="Whether the waiting contact's sound repeats."
        />
      )}
      <div className="row">
        <Select
          ed={ed}
          k={k("tone")}
          rule="PRF-46"
          label="Tone"
          options={RING_TONES.map((t): [string, string] => [t, t])}
          hint="The sound that plays."
        />
        {playing ? (
          <button
            type="button"
            onClick={() => {
              playing.stop();
              setPlaying(null);
            }}
          >
            ■ Stop
          </button>
        ) : (
          <button type="button" onClick={test}>
            ▶ Test sound{loop ? " (loops)" : ""}
          </button>
        )}
      </div>
      <div className="row">
        <Select
          ed={ed}
          k={k("bannerSeconds")}
          rule="PRF-47"
          label="Close the banner after"
          options={BANNER_OPTIONS}
          hint="How long the banner stays on screen."
        />
        <button type="button" onClick={() => herald.testBanner()}>
          Test banner
        </button>
      </div>
      <Select
        ed={ed}
        k={k("click")}
        rule="PRF-48"
        label="Clicking the banner"
        options={[
          ["open", "Opens the conversation"],
          ...(kind === "pending" ? ([["pickup", "Picks up the contact"]] as [string, string][]) : []),
          ["focus", "Just focuses the console"],
        ]}
        hint="What happens when you click the banner."
      />
    </Section>
  );
}
