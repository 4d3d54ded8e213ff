import { useState } from "react";
import { ApiError, api, errorText } from "../../lib/api.ts";
import type { User } from "../../lib/types.ts";

type Answer = { via: "email"; email: string } | { via: "password"; oneTimePassword: string };

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Resetting one person's password: a link by email, or a one-time password shown here once. */
export function PasswordReset({ user, onClose }: { user: User; onClose(): void }) {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState("");

  async function reset(via: "email" | "password") {
    setBusy(true);
    setError("");
    try {
      setAnswer(await api.post<Answer>(`/users/${user.id}/password-reset`, { via }));
    } catch (err) {
      setError(sentence(err instanceof ApiError ? err.message : errorText(err)));
    } finally {
      setBusy(false);
    }
  }
  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("Copied.");
    } catch {
      setCopied("Copy did not work here: select the password and copy it by hand.");
    }
  }

  return (
    <section className="card reset-card" aria-label={`Reset the password of ${user.displayName}`}>
      <h3 className="small">Reset the password of {user.displayName}</h3>
      {!answer && (
        <>
          <p className="small">
            A link by email lets them choose a new password themselves; it works once, for an hour, and their
            current password keeps working until they use it. A one-time password replaces their password now:
            you pass it on, and they choose a new one when they sign in.
          </p>
          <div className="row">
            {user.email && (
              <button type="button" className="primary" disabled={busy} onClick={() => reset("email")}>
                Email a link to {user.email}
              </button>
            )}
            <button type="button" disabled={busy} onClick={() => reset("password")}>
              Make a one-time password
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {answer?.via === "email" && (
        <output className="ok">A link was sent to {answer.email}. It works once, for an hour.</output>
      )}
      {answer?.via === "password" && (
        <div>
          <p className="small">
            One-time password for {user.displayName} (shown only now; they are signed out everywhere):
          </p>
          <p>
            <input
              readOnly
              className="mono otp"
              aria-label="One-time password"
              value={answer.oneTimePassword}
              onFocus={(e) => e.target.select()}
            />{" "}
            <button type="button" onClick={() => copy(answer.oneTimePassword)}>
              Copy
            </button>
          </p>
          <output aria-live="polite" className="small">
            {copied}
          </output>
        </div>
      )}
      {answer && (
        <button type="button" onClick={onClose}>
          Done
        </button>
      )}
    </section>
  );
}
