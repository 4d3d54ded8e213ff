// Mention and keyword parser (MEN-1 … MEN-4). Pure string work, no lookups: callers map usernames to users.

export interface ParsedMentions {
  /** Lower-cased, unique, in order of appearance. */
  usernames: string[];
  /** `@all` or `@channel` (MEN-2). */
  all: boolean;
  here: boolean;
  /** `@bob@example.com` style mentions (SUP-6 notes); only when `emails` was asked for. Lower-cased. */
  emails: string[];
}

export const GROUP_MENTION_NAMES: readonly string[] = ["all", "channel", "here"];
const NAME_CHAR = /[A-Za-z0-9._-]/;
const URL_RE = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"]*/gi;
const EMAIL_AFTER_AT = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;

/** Blanks out fenced blocks and inline code (MEN-3), keeping offsets so the rest stays in place. */
export function stripCode(text: string): string {
  // Fenced blocks: ``` or ~~~ at line start up to the closing fence (or the end of the text).
  let out = text.replace(/^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?(?:^[ \t]*\1[^\n]*$|(?![\s\S]))/gm, blank);
  // Inline code: a run of N backticks up to the next run of exactly N backticks.
  out = out.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, blank);
  return out;
}

function blank(s: string): string {
  return s.replace(/[^\n]/g, " ");
}

/** MEN-1 … MEN-3: finds `@username`, `@all`/`@channel`, `@here` outside code, URLs and e-mail addresses. */
export function parseMentions(text: string, options: { emails?: boolean } = {}): ParsedMentions {
  const clean = stripCode(text);
  const withoutUrls = clean.replace(URL_RE, blank);
  const result: ParsedMentions = { usernames: [], all: false, here: false, emails: [] };
  const seen = new Set<string>();
  for (let i = withoutUrls.indexOf("@"); i !== -1; i = withoutUrls.indexOf("@", i + 1)) {
    // An @ glued to a preceding name character is part of an e-mail address (bob@example.com).
    if (i > 0 && NAME_CHAR.test(withoutUrls[i - 1])) continue;
    const rest = withoutUrls.slice(i + 1, i + 1 + 300);
    if (options.emails) {
      const email = EMAIL_AFTER_AT.exec(rest);
      if (email) {
        const e = email[0].toLowerCase();
        if (!result.emails.includes(e)) result.emails.push(e);
        i += email[0].length;
        continue;
      }
    }
    let end = 0;
    while (end < rest.length && NAME_CHAR.test(rest[end])) end++;
    let name = rest.slice(0, end);
    // A trailing "." is punctuation, not part of the name (MEN-3).
    name = name.replace(/\.+$/, "");
    // Followed by "@…" means this is the local part of an e-mail address, not a mention.
    if (rest[end] === "@") continue;
    if (name.length === 0 || name.length > 32) continue;
    const lower = name.toLowerCase();
    if (lower === "all" || lower === "channel") result.all = true;
    else if (lower === "here") result.here = true;
    else if (!seen.has(lower)) {
      seen.add(lower);
      result.usernames.push(lower);
    }
  }
  return result;
}

export interface KeywordMatcher {
  keywords: string[];
  regex: RegExp | null;
}

/** Compiles a user's keyword list (PRF-7) once; reuse it for every message. */
export function compileKeywords(keywords: readonly string[]): KeywordMatcher {
  const words = keywords.map((k) => k.trim()).filter((k) => k.length > 0);
  if (words.length === 0) return { keywords: [], regex: null };
  const alternatives = words.map((w) => w.split(/\s+/).map(escapeRegExp).join("\\s+"));
  // Whole word: no letter, digit or underscore right before or after (MEN-4).
  const regex = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}_])`, "iu");
  return { keywords: words, regex };
}

/** MEN-4: the first keyword that matches as a whole word, case-insensitively, outside code; else null. */
export function matchKeywords(text: string, keywords: readonly string[] | KeywordMatcher): string | null {
  const m = Array.isArray(keywords) ? compileKeywords(keywords) : (keywords as KeywordMatcher);
  return matchCompiled(stripCode(text), m);
}

/** Like matchKeywords on text already passed through stripCode (the hot path does that once). */
export function matchCompiled(strippedText: string, m: KeywordMatcher): string | null {
  if (m.regex === null) return null;
  const hit = m.regex.exec(strippedText);
  if (!hit) return null;
  const found = hit[0].toLowerCase().replace(/\s+/g, " ");
  return m.keywords.find((k) => k.toLowerCase().replace(/\s+/g, " ") === found) ?? hit[0];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
