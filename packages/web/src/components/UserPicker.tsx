import { useEffect, useState } from "react";
import { api } from "../lib/api.ts";
import { asList } from "../lib/data.ts";
import { useMe } from "../lib/session.tsx";
import type { User } from "../lib/types.ts";

/** Search users by name (GET /users?q=) and collect a list. */
export function UserPicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: User[];
  onChange(v: User[]): void;
}) {
  const me = useMe();
  const [q, setQ] = useState("");
  const [found, setFound] = useState<User[]>([]);
  useEffect(() => {
    if (!q.trim()) {
      setFound([]);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      api.get<unknown>(`/users?q=${encodeURIComponent(q.trim())}`).then(
        (raw) => live && setFound(asList<User>(raw, "users")),
        () => undefined,
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q]);
  const options = found.filter((u) => u.id !== me.id && !value.some((v) => v.id === u.id));
  return (
    <div className="picker">
      <label>
        {label}
        <input value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search by name" />
      </label>
      {options.length > 0 && (
        <ul className="picker-results" aria-label="Matching people">
          {options.slice(0, 6).map((u) => (
            <li key={u.id}>
              <button
                type="button"
                onClick={() => {
                  onChange([...value, u]);
                  setQ("");
                }}
              >
                {u.displayName} <span className="muted">@{u.username}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {value.length > 0 && (
        <ul className="chips" aria-label="Selected people">
          {value.map((u) => (
            <li key={u.id} className="chip">
              {u.displayName}
              <button
                type="button"
                className="icon"
                aria-label={`Remove ${u.displayName}`}
                onClick={() => onChange(value.filter((v) => v.id !== u.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
