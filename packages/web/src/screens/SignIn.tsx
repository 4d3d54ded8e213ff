import { type FormEvent, useState } from "react";
import { PasswordField } from "../components/PasswordField.tsx";
import { ApiError, errorText } from "../lib/api.ts";
import { navigate } from "../lib/router.ts";
import { useSession } from "../lib/session.tsx";

export function SignIn({ expired }: { expired: boolean }) {
  const { signIn } = useSession();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  // Signing in with a one-time password an admin gave: the server asks for a new password first.
  const [mustChange, setMustChange] = useState(false);
  const [newPassword, setNewPassword] = useState("");

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      await signIn(login.trim(), password, mustChange ? newPassword : undefined);
      const next = new URLSearchParams(window.location.search).get("next");
      navigate(next?.startsWith("/") && !next.startsWith("/signin") ? next : "/chat", true);
    } catch (err) {
      if (err instanceof ApiError && err.code === "password_change_required") {
        setMustChange(true);
        setError("");
      } else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to Herald</h1>
        {expired && (
          <p className="notice" aria-live="polite">
            Your session has expired. Sign in again to keep receiving notifications.
          </p>
        )}
        <label>
          Username or email
          <input
            name="login"
            autoComplete="username"
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            required
          />
        </label>
        <PasswordField
          label="Password"
          autoComplete="current-password"
          name="password"
          value={password}
          onChange={setPassword}
        />
        {mustChange && (
          <>
            <p className="notice" aria-live="polite">
              This password was for one sign-in only. Choose your own password to continue.
            </p>
            <PasswordField
              label="New password"
              name="new-password"
              value={newPassword}
              onChange={setNewPassword}
            />
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
