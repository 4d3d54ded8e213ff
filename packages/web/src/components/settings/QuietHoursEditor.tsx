import { useState } from "react";
import type { PrefsEditor } from "./usePrefsEditor.ts";

interface QuietWindow {
  day: number;
  start: string;
  end: string;
}
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** PRF-16: quiet windows per weekday, in the user's time zone; an end before the start runs past midnight. */
export function QuietHoursEditor({ ed, timezone }: { ed: PrefsEditor; timezone: string }) {
  const windows = (ed.get("quietHours") as QuietWindow[] | undefined) ?? [];
  const [day, setDay] = useState(1);
  const [start, setStart] = useState("22:00");
  const [end, setEnd] = useState("07:00");
  const add = (days: number[]) =>
    ed.set(
      "quietHours",
      [...windows, ...days.map((d) => ({ day: d, start, end }))].sort((a, b) => a.day - b.day),
    );
  return (
    <div>
      <p className="setting-hint">
        During quiet hours no banner shows, and pushes wait until they end (then one summary per room).
        Default: none.
      </p>
      <p className="muted small" data-rule="PRF-16">
        Times are in your time zone: <strong>{timezone}</strong> (change it under Profile).
      </p>
      <ul className="quiet-list" aria-label="Quiet hours">
        {windows.length === 0 && <li className="muted small">No quiet hours.</li>}
        {windows.map((w, i) => (
          <li key={`${w.day}-${w.start}-${w.end}`}>
            {DAYS[w.day]} {w.start} – {w.end}
            {w.end <= w.start ? " (next day)" : ""}
            <button
              type="button"
              className="link"
              onClick={() =>
                ed.set(
                  "quietHours",
                  windows.filter((_, j) => j !== i),
                )
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <label>
          Day
          <select value={day} onChange={(e) => setDay(Number(e.target.value))}>
            {DAYS.map((d, i) => (
              <option key={d} value={i}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="time" value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label>
          To
          <input type="time" value={end} onChange={(e) => setEnd(e.target.value)} />
        </label>
        <button type="button" onClick={() => add([day])}>
          Add
        </button>
        <button type="button" onClick={() => add([1, 2, 3, 4, 5])}>
          Add Mon–Fri
        </button>
      </div>
    </div>
  );
}
