import { type FormEvent, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { asList, useGet } from "../../lib/data.ts";
import { useMe } from "../../lib/session.tsx";
import type { Role, User } from "../../lib/types.ts";

/** Users: create, change role, deactivate. */
export function AdminUsers() {
  const me = useMe();
  const users = useGet<User[]>("/users?limit=200", (raw) => asList<User>(raw, "users"));
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
      await api.post("/users", {
        ...form,
        email: form.email || undefined,
        displayName: form.displayName || undefined,
      });
      setForm({ username: "", displayName: "", email: "", password: "", role: "member" });
      setStatus(`Created ${form.username}.`);
      setFailed(false);
      users.reload();
    } catch (err) {
      setStatus(errorText(err));
      setFailed(true);
    }
  }
  async function patch(u: User, body: Record<string, unknown>) {
    try {
      await api.patch(`/users/${u.id}`, body);
      users.reload();
    } catch (err) {
      setStatus(errorText(err));
      setFailed(true);
    }
  }

  return (
    <div className="admin-grid">
      <form className="card form" onSubmit={create}>
        <h2 className="small">New user</h2>
        <div className="row">
          <label className="grow">
            Username
            <input
              value={form.username}
              onChange={field("username")}
              required
              pattern="[A-Za-z0-9._\-]{1,32}"
            />
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
      <div className="table-wrap card">
        <table className="users-table">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) => (
              <tr key={u.id}>
                <td data-label="User">
                  {u.displayName} <span className="muted">@{u.username}</span>
                </td>
                <td data-label="Email">{u.email ?? ""}</td>
                <td data-label="Role">
                  <select
                    aria-label={`Role of ${u.username}`}
                    value={u.role}
                    disabled={u.id === me.id}
                    onChange={(e) => patch(u, { role: e.target.value })}
                  >
                    <option value="member">member</option>
                    <option value="agent">agent</option>
                    <option value="admin">admin</option>
                  </select>
                </td>
                <td data-label="Actions">
                  {u.id !== me.id && (
                    <button
                      type="button"
                      className="danger"
                      onClick={() =>
                        window.confirm(`Deactivate ${u.username}?`) && patch(u, { active: false })
                      }
                    >
                      Deactivate
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
