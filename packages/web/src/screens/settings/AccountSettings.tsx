import { type FormEvent, useState } from "react";
import { meKey } from "../../components/userStatus.ts";
import { api, errorText } from "../../lib/api.ts";
import { useApiMutation } from "../../lib/query.ts";
import { useMe, useSession } from "../../lib/session.tsx";
import { browserZone, zoneChoices } from "../../lib/timezones.ts";
import type { User } from "../../lib/types.ts";

/** Profile: display name, email (+ verification), time zone (used by quiet hours and DND), sign out everywhere. */
export function AccountSettings() {
  const me = useMe();
  const { setUser, signOut } = useSession();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [email, setEmail] = useState(me.email ?? "");
  // "auto": follow this browser (the default until a zone is chosen).
  const [timezone, setTimezone] = useState(me.timezoneAuto !== false ? "auto" : (me.timezone ?? "UTC"));
  const [status, setStatus] = useState("");
  const zones = zoneChoices(me.timezone);
  // PATCH /me answers {user, emailPending?}; the user menu's copy of /me loads again.
  const patch = useApiMutation(
    (body: Record<string, unknown>) => api.patch<{ user: User; emailPending?: string }>("/me", body),
    [meKey],
  );
  const sendVerification = useApiMutation(() => api.post("/me/email/verification"));

  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      const res = await patch.mutateAsync({
        displayName,
        email: email || null,
        ...(timezone === "auto" ? { timezone: browserZone(), timezoneAuto: true } : { timezone }),
      });
      setUser({ ...me, ...res.user });
      // A new address takes effect once the link mailed to it is opened.
      setStatus(
        res.emailPending
          ? `Saved. Open the link we sent to ${res.emailPending} to use that address.`
          : "Saved",
      );
    } catch (err) {
      setStatus(errorText(err));
    }
  }

  async function verify() {
    try {
      await sendVerification.mutateAsync(undefined);
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
          <option value="auto">Automatic — {browserZone()} (this browser)</option>
          {zones.map((z) => (
            <option key={z}>{z}</option>
          ))}
        </select>
      </label>
      <p className="muted small">
        Quiet hours, “until tomorrow” and the times in e-mails use it. Automatic (the default) follows the
        browser you use.
      </p>
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
