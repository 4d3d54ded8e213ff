import { type FormEvent, useState } from "react";
import { PasswordField } from "../components/PasswordField.tsx";

/** The token of an admin's reset link travels in the address's fragment (never sent in a request or a log). */
function tokenOf(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, "")).get("token") ?? "";
}

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The page a reset link opens: choose a new password, once; then sign in with it. */
export function ResetPassword() {
  const [token] = useState(() => tokenOf(window.location.hash));
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState("");
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== again) {
      setError("The two passwords are not the same.");
      return;
    }
    setBusy(true);
    setError("");
    try {
      // No session and no cookie: the link's token is the credential.
      const res = await fetch("/api/v1/auth/password-reset", {
        method: "POST",
        credentials: "omit",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token, password }),
      });
      if (res.ok) setDone(true);
      else {
        const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
        setError(sentence(body.error?.message ?? "That did not work. Try again in a moment."));
      }
    } catch {
      setError("The server could not be reached. Try again in a moment.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={submit} aria-labelledby="reset-title">
        <h1 id="reset-title">Choose a new password</h1>
        {done ? (
          <>
            <output className="ok">Your new password is set, and you are signed out on every device.</output>
            <a className="button primary" href="/signin">
              Sign in
            </a>
          </>
        ) : !token ? (
          <p className="error" role="alert">
            This link is incomplete. Open the link from the email again, or ask an administrator for a new
            one.
          </p>
        ) : (
          <>
            <PasswordField label="New password" value={password} onChange={setPassword} />
            <PasswordField label="New password again" value={again} onChange={setAgain} />
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="primary" disabled={busy}>
              {busy ? "Saving…" : "Set the new password"}
            </button>
          </>
        )}
      </form>
    </main>
  );
}
