import { type FormEvent, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { useApiMutation } from "../../lib/query.ts";
import type { Role } from "../../lib/types.ts";
import { UserList, userListKey } from "./UserList.tsx";

/** Users: create; find, change role, deactivate or reactivate, reset a password (UserList). */
export function AdminUsers() {
  // A created user shows in the list: it loads again.
  const add = useApiMutation((body: Record<string, unknown>) => api.post("/users", body), [userListKey]);
  const [form, setForm] = useState({
    username: "",
    displayName: "",
    email: "",
    password: "",
    role: "member" as Role,
  });
  const [status, setStatus] = useState("");
  const [failed, setFailed] = useState(false);
  const field = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  async function create(e: FormEvent) {
    e.preventDefault();
    try {
      await add.mutateAsync({
        ...form,
        email: form.email || undefined,
        displayName: form.displayName || undefined,
      });
      setForm({ username: "", displayName: "", email: "", password: "", role: "member" });
      setStatus(`Created ${form.username}.`);
      setFailed(false);
    } catch (err) {
      setStatus(errorText(err));
      setFailed(true);
    }
  }

  return (
    <div className="admin-grid">
      {/* Finding someone is the common task: the list comes first, on a phone too. */}
      <UserList />
      <form className="card form" onSubmit={create}>
        <h2 className="small">New user</h2>
        <div className="row">
          <label className="grow">
            Username
            <input value={form.username} onChange={field("username")} required />
          </label>
          <label className="grow">
            Display name
            <input value={form.displayName} onChange={field("displayName")} />
          </label>
        </div>
        <div className="row">
          <label className="grow">
            Email
            <input type="email" value={form.email} onChange={field("email")} />
          </label>
          <label className="grow">
            Password
            <input
              type="password"
              value={form.password}
              onChange={field("password")}
              required
              autoComplete="new-password"
            />
          </label>
          <label>
            Role
            <select value={form.role} onChange={field("role")}>
              <option value="member">member</option>
              <option value="agent">agent</option>
              <option value="admin">admin</option>
            </select>
          </label>
        </div>
        <button type="submit" className="primary">
          Create user
        </button>
        <output aria-live="polite" className={failed ? "error" : "ok"} role={failed ? "alert" : undefined}>
          {status}
        </output>
      </form>
    </div>
  );
}
