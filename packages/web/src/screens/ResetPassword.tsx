import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { PasswordField } from "../components/PasswordField.tsx";

/** The token of an admin's reset link travels in the address's fragment (never sent in a request or a log). */
function tokenOf(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, "")).get("token") ?? "";
}

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Sets the password a reset link allows; the failure comes back in words for the page. */
async function resetPassword(body: { token: string; password: string }): Promise<void> {
  let res: Response;
  try {
    // No session and no cookie: the link's token is the credential.
    res = await fetch("/api/v1/auth/password-reset", {
      method: "POST",
      credentials: "omit",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error("The server could not be reached. Try again in a moment.");
  }
  if (res.ok) return;
  const answer = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  throw new Error(sentence(answer.error?.message ?? "That did not work. Try again in a moment."));
}

/** The page a reset link opens: choose a new password, once; then sign in with it. */
export function ResetPassword() {
  const [token] = useState(() => tokenOf(window.location.hash));
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const reset = useMutation({ mutationFn: resetPassword });
  const done = reset.isSuccess;
  const busy = reset.isPending;
  const error = mismatch ? "The two passwords are not the same." : (reset.error?.message ?? "");

  function submit(e: FormEvent) {
    e.preventDefault();
    setMismatch(password !== again);
    if (password !== again) return;
    reset.mutate({ token, password });
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
