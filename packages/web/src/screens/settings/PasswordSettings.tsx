import { type FormEvent, useState } from "react";
import { PasswordField } from "../../components/PasswordField.tsx";
import { ApiError, api, errorText } from "../../lib/api.ts";
import { useApiMutation } from "../../lib/query.ts";

/** What went wrong, as a sentence next to the form (never a code). */
function problem(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === "wrong_password") return "The current password is not right.";
    if (e.code === "rate_limited") return "Too many tries. Wait a few minutes, then try again.";
    // weak_password says how long a password must be, which is the server's setting.
    const text = errorText(e);
    return `${text[0]?.toUpperCase() ?? ""}${text.slice(1)}.`;
  }
  return errorText(e);
}

/** Change my password: the current one proves it is me; other devices are signed out, this one stays. */
export function PasswordSettings() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const change = useApiMutation((body: { currentPassword: string; newPassword: string }) =>
    api.put("/me/password", body),
  );
  const busy = change.isPending;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (next !== again) {
      setStatus({ ok: false, text: "The new passwords are not the same." });
      return;
    }
    try {
      await change.mutateAsync({ currentPassword: current, newPassword: next });
      setCurrent("");
      setNext("");
      setAgain("");
      setStatus({
        ok: true,
        text: "Password changed. Your other devices are signed out; this one stays signed in.",
      });
    } catch (err) {
      setStatus({ ok: false, text: problem(err) });
    }
  }

  return (
    <form className="card form settings-section" onSubmit={save} aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <p className="muted small">
        Changing it signs you out on your other devices. Access tokens keep working.
      </p>
      <PasswordField
        label="Current password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
      />
      <PasswordField label="New password" value={next} onChange={setNext} />
      <PasswordField label="New password again" value={again} onChange={setAgain} />
      <output aria-live="polite" className={status && !status.ok ? "error-text" : undefined}>
        {status?.text}
      </output>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Change password
        </button>
      </div>
    </form>
  );
}
