import { useEffect, useRef } from "react";
import { useLocation } from "./router.ts";

/**
 * `?message=<id>` (email links, push and banner clicks): once that message is in the list, scroll it into
 * view and highlight it — once per id, so new messages arriving later scroll as usual. Returns whether the
 * message was found, so a caller can load older history when it was not.
 */
export function useHighlightMessage(listRef: { current: HTMLElement | null }, ready: boolean, count: number) {
  const { query } = useLocation();
  const id = query.get("message");
  const done = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `count` re-runs the lookup when messages arrive
  useEffect(() => {
    if (!id || !ready || done.current === id) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`);
    if (!el) return;
    done.current = id;
    el.classList.add("highlight");
    el.scrollIntoView({ block: "center" });
    el.setAttribute("aria-current", "true");
  }, [id, ready, count, listRef]);
  return { id, found: () => done.current === id };
}
