import { type ReactNode, useEffect, useId, useRef } from "react";
import type { PrefsEditor } from "./usePrefsEditor.ts";

/**
 * The one line under a setting: what it does, and what it is when never changed (the workspace default,
 * as the server states it) — "Default: Mentions and direct messages."
 */
export function SettingHint({ id, hint, byDefault }: { id: string; hint?: string; byDefault?: string }) {
  const line = [hint, byDefault ? `Default: ${byDefault}.` : ""].filter(Boolean).join(" ");
  return line ? (
    <small id={id} className="setting-hint">
      {line}
    </small>
  ) : null;
}

// Small controls bound to one preference key. The rule ID rides along as `data-rule` for people (and tests)
// cross-checking the SPEC; users read only words (GEN-9).
export function Select({
  ed,
  k,
  label,
  options,
  rule,
  disabled,
  hint,
}: {
  ed: PrefsEditor;
  k: string;
  label: string;
  options: [string | number | boolean, string][];
  rule?: string;
  disabled?: boolean;
  /** What the setting does, in one line. */
  hint?: string;
}) {
  const v = ed.get(k);
  const hintId = useId();
  const d = ed.byDefault?.(k);
  const byDefault = d === undefined ? undefined : options.find(([o]) => o === d)?.[1];
  return (
    <div className="setting" data-rule={rule}>
      <label>
        <span>{label}</span>
        <select
          value={String(v ?? "")}
          disabled={disabled}
          aria-describedby={hint || byDefault ? hintId : undefined}
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
      <SettingHint id={hintId} hint={hint} byDefault={byDefault} />
    </div>
  );
}

export function Toggle({
  ed,
  k,
  label,
  rule,
  disabled,
  hint,
}: {
  ed: PrefsEditor;
  k: string;
  label: string;
  rule?: string;
  disabled?: boolean;
  /** What the setting does, in one line. */
  hint?: string;
}) {
  const hintId = useId();
  const d = ed.byDefault?.(k);
  const byDefault = typeof d === "boolean" ? (d ? "on" : "off") : undefined;
  return (
    <div className="setting toggle" data-rule={rule}>
      <label>
        <input
          type="checkbox"
          checked={ed.get(k) === true}
          disabled={disabled}
          aria-describedby={hint || byDefault ? hintId : undefined}
          onChange={(e) => ed.set(k, e.target.checked)}
        />
        <span>{label}</span>
      </label>
      <SettingHint id={hintId} hint={hint} byDefault={byDefault} />
    </div>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const ref = useRef<HTMLElement>(null);
  // A link to "#s-email" (the explain page's "Change this setting") lands on its section.
  useEffect(() => {
    if (id && window.location.hash === `#${id}`) ref.current?.scrollIntoView({ block: "start" });
  }, [id]);
  return (
    <section ref={ref} className="settings-section card" aria-labelledby={id}>
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
