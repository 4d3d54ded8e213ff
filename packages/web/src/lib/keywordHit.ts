import { compileKeywords, matchKeywords, parseMessage } from "@herald/core";
import { useMemo } from "react";
import { useLive } from "./live.tsx";

/**
 * Which of my keywords (PRF-7) a message contains, by core's own matching (MEN-4) over the parser's search
 * text — so code, links, addresses and emoji shortcodes never count, and `番茄` matches inside a Chinese
 * sentence. `skip` for my own messages, which never notify me (MEN-5).
 */
export function useKeywordHit(text: string, skip: boolean): string | null {
  const { prefs } = useLive();
  const list = Array.isArray(prefs.keywords) ? (prefs.keywords as string[]) : [];
  const key = list.join("\n");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the list is compared by its contents (`key`)
  const matcher = useMemo(() => compileKeywords(list), [key]);
  return useMemo(
    () => (skip || matcher.regex === null ? null : matchKeywords(parseMessage(text).searchText, matcher)),
    [text, matcher, skip],
  );
}
