import { lazy, Suspense, useState } from "react";
import "../styles/search.css";

// The dialog loads when first opened: the first load carries only this button (docs/BENCHMARKS.md, "Web app").
const SearchDialog = lazy(() => import("./SearchDialog.tsx").then((m) => ({ default: m.SearchDialog })));

/** The top bar's way in: a field-like button (a magnifier on a phone) that opens the search dialog. */
export function SearchButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="search-open"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-label="Search messages, people and channels"
      >
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
          <path
            fill="currentColor"
            d="M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3Zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10Z"
          />
        </svg>
        <span className="label-wide">Search</span>
      </button>
      {open && (
        <Suspense fallback={null}>
          <SearchDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
