import type { ReactNode } from "react";
import type { PrefsEditor } from "./usePrefsEditor.ts";

// Small controls bound to one preference key; each shows its rule ID for people cross-checking the SPEC.
export function Select({
  ed,
  k,
  label,
  options,
  rule,
  disabled,
}: {
  ed: PrefsEditor;
  k: string;
  label: string;
  options: [string | number | boolean, string][];
  rule?: string;
  disabled?: boolean;
}) {
  const v = ed.get(k);
  return (
    <label className="setting">
      <span>
        {label} {rule && <span className="rule">{rule}</span>}
      </span>
      <select
        value={String(v ?? "")}
        disabled={disabled}
        onChange={(e) => {
          const hit = options.find(([o]) => String(o) === e.target.value);
          ed.set(k, hit ? hit[0] : e.target.value);
        }}
      >
        {options.map(([o, text]) => (
          <option key={String(o)} value={String(o)}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Toggle({
  ed,
  k,
  label,
  rule,
  disabled,
}: {
  ed: PrefsEditor;
  k: string;
  label: string;
  rule?: string;
  disabled?: boolean;
}) {
  return (
    <label className="setting toggle">
      <input
        type="checkbox"
        checked={ed.get(k) === true}
        disabled={disabled}
        onChange={(e) => ed.set(k, e.target.checked)}
      />
      <span>
        {label} {rule && <span className="rule">{rule}</span>}
      </span>
    </label>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="settings-section card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export const LEVEL_OPTIONS: [string, string][] = [
  ["all", "All messages"],
  ["mentions", "Mentions and direct messages"],
  ["nothing", "Nothing"],
];

export const BANNER_OPTIONS: [string | number, string][] = [
  [5, "5 seconds"],
  [10, "10 seconds"],
  [20, "20 seconds"],
  [30, "30 seconds"],
  ["until_closed", "Until I close it"],
];
