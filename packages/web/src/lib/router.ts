import { useSyncExternalStore } from "react";

// A tiny History-API router: the app has a handful of screens, so a library would be more code than this.
const listeners = new Set<() => void>();

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  window.addEventListener("popstate", fn);
  return () => {
    listeners.delete(fn);
    window.removeEventListener("popstate", fn);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export function navigate(to: string, replace = false): void {
  if (to === snapshot()) return;
  if (replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  for (const fn of listeners) fn();
}

export interface Location {
  path: string;
  query: URLSearchParams;
  parts: string[];
}

export function useLocation(): Location {
  const full = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(full, window.location.origin);
  return { path: url.pathname, query: url.searchParams, parts: url.pathname.split("/").filter(Boolean) };
}

/** Click handler for in-app links: plain clicks route in-page, modified clicks open a new tab as usual. */
export function linkClick(to: string) {
  return (e: { preventDefault(): void; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean }) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(to);
  };
}
