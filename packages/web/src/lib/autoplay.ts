import { useSyncExternalStore } from "react";

// Chromium blocks audio until the user has interacted with the page. The SDK reports it (onAutoplayBlocked)
// and unlocks on the next click or key; the app shows a one-time hint meanwhile.
let blocked = false;
let shown = false; // once per page load: after the first unlock the hint never comes back
const listeners = new Set<() => void>();

function emit(): void {
  for (const fn of listeners) fn();
}

export function autoplayBlocked(): void {
  if (shown) return;
  blocked = true;
  emit();
}

export function autoplayUnblocked(): void {
  if (blocked) shown = true;
  blocked = false;
  emit();
}

export function useAutoplayBlocked(): boolean {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => {
        listeners.delete(fn);
      };
    },
    () => blocked,
  );
}
