import { autoplayUnblocked, useAutoplayBlocked } from "../lib/autoplay.ts";
import { useLive } from "../lib/live.tsx";

/** Shown once while the browser blocks audio: any click unlocks it, this button says so. */
export function SoundHint() {
  const blocked = useAutoplayBlocked();
  const { herald } = useLive();
  if (!blocked) return null;
  return (
    <output className="sound-hint">
      <button
        type="button"
        onClick={() => {
          herald.sounds.unlock().finally(autoplayUnblocked);
        }}
      >
        Click to enable sound
      </button>
      <span className="muted small">
        Your browser blocked notification sounds until you interact with the page.
      </span>
    </output>
  );
}
