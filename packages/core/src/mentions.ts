// Revision-1 mention API, kept for callers not yet moved: thin wrappers over the one parser (markdown.ts).
import { type KeywordMatcher, matchKeywords } from "./keywords.ts";
import { parseMessage } from "./markdown.ts";
import { nameCandidates, RESERVED_NAMES } from "./names.ts";

export { compileKeywords, type KeywordMatcher, matchKeywords } from "./keywords.ts";

/** @deprecated use `parseMessage` (ParsedMessage) and `resolveMentions`. */
export interface ParsedMentions {
  /** Folded names, each followed by its MEN-3 fallbacks (`bob.` then `bob`): look them all up. */
  usernames: string[];
  /** `@all` or `@channel` (MEN-2). */
  all: boolean;
  here: boolean;
  /** `@bob@example.com` style mentions (SUP-6 notes); only when `emails` was asked for. Lower-cased. */
  emails: string[];
}

/** @deprecated use `RESERVED_NAMES`. */
export const GROUP_MENTION_NAMES: readonly string[] = [...RESERVED_NAMES];

/**
 * @deprecated use `parseMessage(text).searchText`. Returns the text keywords may match in (MEN-4);
 * unlike revision 1 it does not keep offsets.
 */
export function stripCode(text: string): string {
  return parseMessage(text).searchText;
}

/**
 * @deprecated use `parseMessage` + `resolveMentions`. Every candidate of every run is listed, so a
 * caller that looks names up gets MEN-3's fallback (when both `bob.` and `bob` exist, both match).
 */
export function parseMentions(text: string, options: { emails?: boolean } = {}): ParsedMentions {
  const p = parseMessage(text);
  const usernames: string[] = [];
  for (const name of p.names)
    for (const c of nameCandidates(name)) if (!usernames.includes(c)) usernames.push(c);
  return { usernames, all: p.all, here: p.here, emails: options.emails ? p.emails : [] };
}

/** @deprecated use `matchKeywords(parseMessage(text).searchText, matcher)`. */
export function matchCompiled(searchText: string, m: KeywordMatcher): string | null {
  return matchKeywords(searchText, m);
}
