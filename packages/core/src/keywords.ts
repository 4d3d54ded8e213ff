// Keyword matching (MEN-4): NFC + simple case folding, whole words except in scripts without spaces.
import { foldName } from "./names.ts";

export interface KeywordMatcher {
  /** The keywords as the user saved them (empty entries dropped), in order. */
  keywords: string[];
  /** All keywords as one expression, one capture group each; null when there is nothing to match. */
  regex: RegExp | null;
  /** Folded keywords that are one word (letters, marks, digits, `_`): index into `keywords`. */
  words: Map<string, number>;
  /**
   * Every other keyword (phrases, symbols, unspaced scripts), tried only when the whole words it must
   * contain are in the message (or, with none, every character it has).
   */
  others: { index: number; words: string[]; chars: string[]; regex: RegExp }[];
}

// A word character for MEN-4's boundary: letters (with their marks), digits and `_`.
const WORD = "[\\p{L}\\p{M}\\p{N}_]";
const ONE_WORD = /^[\p{L}\p{M}\p{N}_]+$/u;
const WORDS = /[\p{L}\p{M}\p{N}_]+/gu;
// Scripts that do not separate words by spaces or glue particles to them: a keyword whose edge is in
// one of these matches inside a run of text on that side (`番茄` in `我爱吃番茄炒饭`, `이메일` in `이메일을`).
const UNSPACED = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Thai}]$/u;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function alternative(keyword: string): string {
  const chars = [...keyword];
  const body = keyword.split(/\s+/).map(escapeRegExp).join("\\s+");
  const before = UNSPACED.test(chars[0]) ? "" : `(?<!${WORD})`;
  const after = UNSPACED.test(chars[chars.length - 1]) ? "" : `(?!${WORD})`;
  return `${before}(${body})${after}`;
}

/**
 * Compiles a user's keyword list (PRF-7) once; reuse it for every message. Comparison is under NFC and
 * simple Unicode case folding (`ß` is not `ss`, `ς` is `σ`): `foldName` for whole words, the `iu` flags
 * (which fold the same way) for the rest.
 */
export function compileKeywords(keywords: readonly string[]): KeywordMatcher {
  const kept: string[] = [];
  const alternatives: string[] = [];
  const words = new Map<string, number>();
  const others: KeywordMatcher["others"] = [];
  for (const k of keywords) {
    const word = k.normalize("NFC").trim();
    if (word.length === 0) continue;
    const index = kept.length;
    kept.push(k);
    alternatives.push(alternative(word));
    const folded = foldName(word);
    const chars = [...folded];
    const unspacedEdge = UNSPACED.test(chars[0]) || UNSPACED.test(chars[chars.length - 1]);
    if (ONE_WORD.test(folded) && !unspacedEdge) {
      if (!words.has(folded)) words.set(folded, index);
    } else {
      others.push({ index, ...prerequisites(folded), regex: new RegExp(alternative(word), "iu") });
    }
  }
  if (kept.length === 0) return { keywords: [], regex: null, words, others };
  return { keywords: kept, regex: new RegExp(alternatives.join("|"), "iu"), words, others };
}

/**
 * What a message must contain for a keyword to match: each maximal run of word characters in it is a
 * whole word of the message (the keyword's own separators or boundaries delimit it), except a run at an
 * edge in an unspaced script, which may sit inside a longer run. With no such word, its characters.
 */
function prerequisites(folded: string): { words: string[]; chars: string[] } {
  const chars = [...folded];
  const leftOpen = UNSPACED.test(chars[0]);
  const rightOpen = UNSPACED.test(chars[chars.length - 1]);
  const words: string[] = [];
  for (const m of folded.matchAll(WORDS)) {
    if (leftOpen && m.index === 0) continue;
    if (rightOpen && m.index + m[0].length === folded.length) continue;
    words.push(m[0]);
  }
  return { words, chars: words.length > 0 ? [] : [...new Set(chars.filter((c) => !/\s/u.test(c)))] };
}

/** A message's search text, folded, with where each whole word first occurs and which characters it has. */
interface TextIndex {
  text: string;
  folded: string;
  firstAt: Map<string, number>;
  chars: Set<string> | null;
}

// The members of a room are matched against the same message one after another: index it once. Two
// entries, because an edit (TRG-3) checks the new and the earlier text in turn.
let recent: TextIndex[] = [];

function indexOf(searchText: string): TextIndex {
  for (const idx of recent) if (idx.text === searchText) return idx;
  const folded = foldName(searchText);
  const firstAt = new Map<string, number>();
  for (const m of folded.matchAll(WORDS)) if (!firstAt.has(m[0])) firstAt.set(m[0], m.index);
  const idx: TextIndex = { text: searchText, folded, firstAt, chars: null };
  recent = [idx, recent[0]].filter((x) => x !== undefined);
  return idx;
}

function hasChars(idx: TextIndex, chars: readonly string[]): boolean {
  idx.chars ??= new Set(idx.folded);
  for (const c of chars) if (!idx.chars.has(c)) return false;
  return true;
}

/**
 * MEN-4: the keyword that matches first (leftmost in the text), as the user saved it; else null.
 * `searchText` is `parseMessage(text).searchText`: NFC, with code, URLs, e-mail addresses and emoji
 * shortcodes already taken out.
 */
export function matchKeywords(
  searchText: string,
  keywords: KeywordMatcher | readonly string[],
): string | null {
  const m = isMatcher(keywords) ? keywords : compileKeywords(keywords);
  if (m.keywords.length === 0) return null;
  const idx = indexOf(searchText);
  let best = -1;
  let bestAt = Number.POSITIVE_INFINITY;
  for (const [word, index] of m.words) {
    const at = idx.firstAt.get(word);
    if (at !== undefined && (at < bestAt || (at === bestAt && index < best))) {
      best = index;
      bestAt = at;
    }
  }
  for (const o of m.others) {
    if (o.words.length > 0 ? !o.words.every((w) => idx.firstAt.has(w)) : !hasChars(idx, o.chars)) continue;
    const hit = o.regex.exec(idx.folded);
    if (hit !== null && (hit.index < bestAt || (hit.index === bestAt && o.index < best))) {
      best = o.index;
      bestAt = hit.index;
    }
  }
  return best < 0 ? null : m.keywords[best];
}

function isMatcher(k: KeywordMatcher | readonly string[]): k is KeywordMatcher {
  return !Array.isArray(k);
}

/** ASCII, and U+FFFC, which parseMessage puts in a search text for each piece it left out (not a word
 *  character, folded to itself). */
function isAsciiText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 && c !== 0xfffc) return false;
  }
  return true;
}

/** `[A-Za-z0-9_]`: the ASCII characters of WORD (letters, digits, `_`). */
function isAsciiWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || (c >= 0x41 && c <= 0x5a);
}

/** One room's keyword members, indexed by their one-word keywords (built once per member list). */
interface MembersIndex {
  /** Members sharing one matcher form one group: their positions in the member list. */
  groups: { matcher: KeywordMatcher; positions: number[] }[];
  /** Folded one-word keyword → [group, keyword index in that group's list]. */
  byWord: Map<string, [number, number][]>;
  /** Groups with any other keyword (phrases, symbols, unspaced scripts): matched one by one. */
  withOthers: number[];
}

const membersIndexes = new WeakMap<readonly { matcher: KeywordMatcher }[], MembersIndex>();

function membersIndex(members: readonly { matcher: KeywordMatcher }[]): MembersIndex {
  let ix = membersIndexes.get(members);
  if (ix) return ix;
  ix = { groups: [], byWord: new Map(), withOthers: [] };
  const groupOf = new Map<KeywordMatcher, number>();
  for (let i = 0; i < members.length; i++) {
    const m = members[i].matcher;
    const g = groupOf.get(m);
    if (g !== undefined) {
      ix.groups[g].positions.push(i);
      continue;
    }
    const group = ix.groups.length;
    groupOf.set(m, group);
    ix.groups.push({ matcher: m, positions: [i] });
    for (const [word, index] of m.words) {
      const list = ix.byWord.get(word);
      if (list) list.push([group, index]);
      else ix.byWord.set(word, [[group, index]]);
    }
    if (m.others.length > 0) ix.withOthers.push(group);
  }
  membersIndexes.set(members, ix);
  return ix;
}

/**
 * MEN-4 for a room's keyword members at once: for each member (by position in `members`), the keyword
 * matchKeywords would answer, or nothing. The work follows the message's words, not the number of members:
 * one-word keywords are looked up by the text's words; only lists with other keywords are matched one by
 * one, each shared list once. Keep `members` the same array between messages (a server cache) so its index
 * is built once.
 */
export function matchMembersKeywords(
  searchText: string,
  members: readonly { matcher: KeywordMatcher }[],
): Map<number, string> {
  const out = new Map<number, string>();
  if (members.length === 0) return out;
  const ix = membersIndex(members);
  // Leftmost word first, then the earlier keyword of the list (matchKeywords' order).
  const best = new Map<number, { at: number; index: number }>();
  const consider = (list: [number, number][], at: number) => {
    for (const [g, index] of list) {
      const b = best.get(g);
      if (!b || at < b.at || (at === b.at && index < b.index)) best.set(g, { at, index });
    }
  };
  if (isAsciiText(searchText)) {
    // Most messages: ASCII folds by toLowerCase and its word characters are [A-Za-z0-9_], so one pass over
    // the text looks each word up, left to right — no folded copy indexed, no regex run, per message.
    const text = searchText.toLowerCase();
    const n = text.length;
    let i = 0;
    while (i < n) {
      while (i < n && !isAsciiWordChar(text.charCodeAt(i))) i++;
      const start = i;
      while (i < n && isAsciiWordChar(text.charCodeAt(i))) i++;
      if (i === start) break;
      const list = ix.byWord.get(text.slice(start, i));
      if (list) consider(list, start);
    }
  } else
    for (const [word, at] of indexOf(searchText).firstAt) {
      const list = ix.byWord.get(word);
      if (list) consider(list, at);
    }
  if (best.size === 0 && ix.withOthers.length === 0) return out;
  const hits = new Map<number, string>();
  for (const [g, b] of best) hits.set(g, ix.groups[g].matcher.keywords[b.index]);
  // Lists with phrases or unspaced keywords: the full matcher decides between all their keywords.
  for (const g of ix.withOthers) {
    const hit = matchKeywords(searchText, ix.groups[g].matcher);
    if (hit === null) hits.delete(g);
    else hits.set(g, hit);
  }
  for (const [g, hit] of hits) for (const i of ix.groups[g].positions) out.set(i, hit);
  return out;
}
