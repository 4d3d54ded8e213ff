import { keepPreviousData } from "@tanstack/react-query";
import { useState } from "react";
import { keys, useApiQuery, useDebounced } from "../lib/query.ts";
import { useMe } from "../lib/session.tsx";
import type { User } from "../lib/types.ts";

/** Search users by name (GET /users?q=) and collect a list. */
export function UserPicker({
  label,
  value,
  onChange,
  only,
  includeMe = false,
}: {
  label: string;
  value: User[];
  onChange(v: User[]): void;
  /** Offer only the people this accepts (e.g. agents and admins for an inbox). */
  only?: (u: User) => boolean;
  includeMe?: boolean;
}) {
  const me = useMe();
  const [q, setQ] = useState("");
  const typed = useDebounced(q.trim(), 150);
  const search = useApiQuery<{ users: User[] }>(
    keys.userSearch(typed),
    typed ? `/users?q=${encodeURIComponent(typed)}` : null,
    { placeholderData: keepPreviousData },
  );
  const found = (q.trim() && search.data?.users) || [];
  const options = found.filter(
    (u) => (includeMe || u.id !== me.id) && !value.some((v) => v.id === u.id) && (only ? only(u) : true),
  );
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
