import { OFFER_TEXT } from "@herald/sdk";
import { useLive } from "../lib/live.tsx";

// PRM-1 / PRM-2 through the SDK's permission flow: shown while the phase is "offered" (each app start with
// browser permission "default"); Allow opens the browser's own prompt from this click.
export function PermissionPrompt() {
  const { permission, herald } = useLive();
  if (permission !== "offered") return null;
  return (
    <section className="permission-prompt" aria-label="Desktop notifications">
      <p>
        <strong>{OFFER_TEXT}</strong> Herald can tell you about mentions and direct messages while this tab is
        in the background.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => herald.permission.allowFromClick()}>
          Allow
        </button>
        <button type="button" onClick={() => herald.permission.dismiss()}>
          Not now
        </button>
      </div>
    </section>
  );
}
