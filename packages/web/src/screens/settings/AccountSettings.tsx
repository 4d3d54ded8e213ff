import { type FormEvent, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { asItem } from "../../lib/data.ts";
import { useMe, useSession } from "../../lib/session.tsx";
import type { User } from "../../lib/types.ts";

/** Profile: display name, email (+ verification), time zone (used by quiet hours and DND), sign out everywhere. */
export function AccountSettings() {
  const me = useMe();
  const { setUser, signOut } = useSession();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [email, setEmail] = useState(me.email ?? "");
  const [timezone, setTimezone] = useState(me.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [status, setStatus] = useState("");
  const zones = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone") ?? [
    timezone,
  ];

  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      const u = asItem<User>(await api.patch("/me", { displayName, email: email || null, timezone }), "user");
      setUser({ ...me, ...u });
      setStatus("Saved");
    } catch (err) {
      setStatus(errorText(err));
    }
  }

  async function verify() {
    try {
      await api.post("/me/email/verification");
      setStatus("Verification email sent.");
    } catch (err) {
      setStatus(errorText(err));
    }
  }

  return (
    <form className="card form settings-section" onSubmit={save}>
      <h2>Profile</h2>
      <p className="muted">
        @{me.username} · {me.role}
      </p>
      <label>
        Display name
        <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
      </label>
      <label>
        Email
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      {me.email && !me.emailVerified && (
        <p className="small">
          Not verified yet.{" "}
          <button type="button" className="link" onClick={verify}>
            Send a verification link
          </button>
        </p>
      )}
      <label>
        Time zone
        <select value={timezone} onChange={(e) => setTimezone(e.target.value)}>
          {zones.map((z) => (
            <option key={z}>{z}</option>
          ))}
        </select>
      </label>
      <output aria-live="polite">{status}</output>
      <div className="actions">
        <button type="submit" className="primary">
          Save
        </button>
        <button type="button" onClick={() => signOut(true)}>
          Sign out everywhere
        </button>
      </div>
    </form>
  );
}
