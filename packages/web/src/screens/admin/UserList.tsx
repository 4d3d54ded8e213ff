import { keepPreviousData } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { queryErrorText, useApiMutation, useApiQuery } from "../../lib/query.ts";
import { useMe } from "../../lib/session.tsx";
import type { User } from "../../lib/types.ts";
import { PasswordReset } from "./PasswordReset.tsx";

const PAGE = 25;
type Status = "active" | "inactive" | "all";
interface Page {
  users: User[];
  nextOffset: number | null;
}

/** The admin's pages of people (GET /users with a query); a created or changed user makes them load again. */
export const userListKey = ["users", "list"] as const;

/** The server's sentence with a capital letter, as the page's other messages read. */
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Find people (name, username or email, asked of the server a page at a time), change their role,
 *  deactivate or reactivate them, and reset a password. */
export function UserList() {
  const me = useMe();
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<Status>("active");
  const [offset, setOffset] = useState(0);
  const [note, setNote] = useState({ text: "", failed: false });
  const [resetting, setResetting] = useState<User | null>(null);
  // Ask once typing pauses, not per key.
  useEffect(() => {
    const t = setTimeout(() => {
      setQ(typed.trim());
      setOffset(0);
    }, 250);
    return () => clearTimeout(t);
  }, [typed]);
  const params = new URLSearchParams({ limit: String(PAGE), offset: String(offset), status });
  if (q) params.set("q", q);
  // The page shown stays until the next one arrives (no blank list between pages or while typing).
  const page = useApiQuery<Page>([...userListKey, params.toString()], `/users?${params}`, {
    placeholderData: keepPreviousData,
  });
  // A changed user is also someone else's name or role on other screens: their cached copy loads again.
  const change = useApiMutation(
    ({ id, body }: { id: string; body: Record<string, unknown> }) => api.patch(`/users/${id}`, body),
    [["users"]],
  );

  async function patch(u: User, body: Record<string, unknown>, done: string) {
    try {
      await change.mutateAsync({ id: u.id, body });
      setNote({ text: done, failed: false });
    } catch (err) {
      setNote({ text: sentence(errorText(err)), failed: true });
    }
  }

  const users = page.data?.users ?? [];
  return (
    <section className="card user-list" aria-label="People">
      <div className="row user-search">
        <label className="grow">
          Find people
          <input
            type="search"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="Name, username or email"
          />
        </label>
        <label>
          Show
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as Status);
              setOffset(0);
            }}
          >
            <option value="active">Active</option>
            <option value="inactive">Deactivated</option>
            <option value="all">Everyone</option>
          </select>
        </label>
      </div>
      <output
        aria-live="polite"
        className={note.failed ? "error" : "ok"}
        role={note.failed ? "alert" : undefined}
      >
        {note.text}
      </output>
      {resetting && <PasswordReset user={resetting} onClose={() => setResetting(null)} />}
      {page.error && <p className="error">{queryErrorText(page)}</p>}
      {!page.isPending && users.length === 0 && !page.error && (
        <p className="muted">{q ? `Nobody matches “${q}”.` : "Nobody here."}</p>
      )}
      {users.length > 0 && (
        <div className="table-wrap">
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
              {users.map((u) => (
                <tr key={u.id} className={u.active ? undefined : "inactive"}>
                  <td data-label="User">
                    {u.displayName} <span className="muted">@{u.username}</span>
                    {!u.active && <span className="tag">Deactivated</span>}
                  </td>
                  <td data-label="Email" className="email-cell">
                    {u.email ?? ""}
                  </td>
                  <td data-label="Role">
                    <select
                      aria-label={`Role of ${u.username}`}
                      value={u.role}
                      disabled={u.id === me.id}
                      onChange={(e) =>
                        patch(
                          u,
                          { role: e.target.value },
                          `${u.displayName} is now ${e.target.value === "admin" ? "an admin" : `a ${e.target.value}`}.`,
                        )
                      }
                    >
                      <option value="member">member</option>
                      <option value="agent">agent</option>
                      <option value="admin">admin</option>
                    </select>
                  </td>
                  <td data-label="Actions" className="user-actions">
                    <div className="user-action-buttons">
                      {u.id !== me.id && (
                        <button type="button" onClick={() => setResetting(u)}>
                          Reset password
                        </button>
                      )}
                      {u.id !== me.id &&
                        (u.active ? (
                          <button
                            type="button"
                            className="danger"
                            onClick={() =>
                              window.confirm(
                                `Deactivate ${u.displayName}? They are signed out everywhere at once.`,
                              ) &&
                              patch(
                                u,
                                { active: false },
                                `${u.displayName} is deactivated and signed out everywhere.`,
                              )
                            }
                          >
                            Deactivate
                          </button>
                        ) : (
                          <button
                            type="button"
                            onClick={() => patch(u, { active: true }, `${u.displayName} can sign in again.`)}
                          >
                            Reactivate
                          </button>
                        ))}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(offset > 0 || page.data?.nextOffset != null) && (
        <nav className="row pager" aria-label="Pages of people">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <span className="muted small">
            {offset + 1}–{offset + users.length}
          </span>
          <button
            type="button"
            disabled={page.data?.nextOffset == null}
            onClick={() => setOffset(page.data?.nextOffset ?? offset)}
          >
            Next
          </button>
        </nav>
      )}
    </section>
  );
}
