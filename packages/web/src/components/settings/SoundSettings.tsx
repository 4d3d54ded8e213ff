import { isToneName, MESSAGE_TONES, RING_TONES, type SoundHandle } from "@herald/sdk";
import { useEffect, useId, useRef, useState } from "react";
import { useLive } from "../../lib/live.tsx";
import { Select, SettingHint } from "./fields.tsx";
import type { PrefsEditor } from "./usePrefsEditor.ts";

/** PRF-8, PRF-9, PRF-10 with preview / test buttons (DSK-7), a loop with a stop for the ring tone. */
export function SoundSettings({ ed }: { ed: PrefsEditor }) {
  const { herald } = useLive();
  const [ringing, setRinging] = useState<SoundHandle | null>(null);
  const ringRef = useRef<SoundHandle | null>(null);
  ringRef.current = ringing;
  useEffect(() => () => ringRef.current?.stop(), []);
  const play = (tone: unknown, loop = false) => (isToneName(tone) ? herald.testSound(tone, loop) : null);
  const volume = Number(ed.get("volume") ?? 100);
  const volumeDefault = ed.byDefault?.("volume");
  const volumeHint = useId();
  return (
    <>
      <div className="row">
        <Select
          ed={ed}
          k="sound"
          rule="PRF-8"
          label="Message sound"
          hint="Played with a notification."
          options={[["none", "None"], ...MESSAGE_TONES.map((t): [string, string] => [t, t])]}
        />
        <button type="button" onClick={() => play(ed.get("sound"))} disabled={ed.get("sound") === "none"}>
          ▶ Test sound
        </button>
      </div>
      <div className="setting" data-rule="PRF-9">
        <label>
          <span>Volume: {volume}</span>
          <input
            type="range"
            min={0}
            max={100}
            step={5}
            value={volume}
            aria-label="Notification volume"
            aria-describedby={volumeHint}
            onChange={(e) => ed.set("volume", Number(e.target.value))}
          />
        </label>
        <SettingHint
          id={volumeHint}
          hint="How loud notification sounds and rings play."
          byDefault={typeof volumeDefault === "number" ? String(volumeDefault) : undefined}
        />
      </div>
      <div className="row">
        <Select
          ed={ed}
          k="callSound"
          rule="PRF-10"
          label="Incoming call sound"
          hint="Rings, repeating, while someone calls you."
          options={[["none", "None"], ...RING_TONES.map((t): [string, string] => [t, t])]}
        />
        {ringing ? (
          <button
            type="button"
            onClick={() => {
              ringing.stop();
              setRinging(null);
            }}
          >
            ■ Stop
          </button>
        ) : (
          <button
            type="button"
            onClick={() => setRinging(play(ed.get("callSound"), true))}
            disabled={ed.get("callSound") === "none"}
          >
            ▶ Test ring (loops)
          </button>
        )}
      </div>
    </>
  );
}
