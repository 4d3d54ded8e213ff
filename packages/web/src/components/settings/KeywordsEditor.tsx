import { useState } from "react";
import { composing } from "../../lib/enterKey.ts";
import type { PrefsEditor } from "./usePrefsEditor.ts";

/** PRF-7 / MEN-4: words or phrases that count like a personal mention. */
export function KeywordsEditor({ ed }: { ed: PrefsEditor }) {
  const words = (ed.get("keywords") as string[] | undefined) ?? [];
  const [draft, setDraft] = useState("");
  const add = () => {
    const w = draft.trim();
    if (w && !words.some((x) => x.toLowerCase() === w.toLowerCase())) ed.set("keywords", [...words, w]);
    setDraft("");
  };
  return (
    <div>
      <p className="setting-hint">
        A message containing one of these words notifies you like a mention of your name. Default: none.
      </p>
      <div className="row">
        <label className="grow" data-rule="PRF-7">
          Add a keyword
          <input
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              // The Enter that takes an IME's candidate (a keyword in Japanese or Chinese) is the IME's.
              if (e.key === "Enter" && !composing(e)) {
                e.preventDefault();
                add();
              }
            }}
            placeholder="e.g. deploy, on-call"
          />
        </label>
        <button type="button" onClick={add}>
          Add
        </button>
      </div>
      <ul className="chips" aria-label="Keywords">
        {words.length === 0 && <li className="muted small">No keywords.</li>}
        {words.map((w) => (
          <li key={w} className="chip">
            {w}
            <button
              type="button"
              className="icon"
              aria-label={`Remove keyword ${w}`}
              onClick={() =>
                ed.set(
                  "keywords",
                  words.filter((x) => x !== w),
                )
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
