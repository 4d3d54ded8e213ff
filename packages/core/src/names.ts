// Usernames (§1) and how a mention run becomes a name (MEN-1, MEN-3). Pure string work, no lookups.

/** Group mention names (MEN-2); no user may take them (§1). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(["all", "channel", "here"]);
export const MAX_USERNAME_LENGTH = 32;

/**
 * Where simple Unicode case folding (CaseFolding.txt, status C + S) differs from
 * per-character `toLowerCase()`. Everything else folds to its lower case.
 * - `İ` has no simple folding (only the full one, `i` + combining dot), so it stays `İ`;
 * - characters that are already lower case but fold to another letter: final sigma `ς` → `σ`,
 *   micro sign, long s, Greek symbol variants, `ẛ`, Greek prosgegrammeni/ypogegrammeni.
 * Cherokee is handled in code: it folds to the upper-case letters.
 * `ẞ` → `ß` and `K` (Kelvin) → `k` come from `toLowerCase` already; `ß` stays `ß` (never `ss`).
 */
const FOLD_EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ["\u0130", "\u0130"], // İ
  ["\u00B5", "\u03BC"], // µ → μ
  ["\u017F", "s"], // ſ → s
  ["\u0345", "\u03B9"], // combining ypogegrammeni → ι
  ["\u03C2", "\u03C3"], // ς → σ
  ["\u03D0", "\u03B2"], // ϐ → β
  ["\u03D1", "\u03B8"], // ϑ → θ
  ["\u03D5", "\u03C6"], // ϕ → φ
  ["\u03D6", "\u03C0"], // ϖ → π
  ["\u03F0", "\u03BA"], // ϰ → κ
  ["\u03F1", "\u03C1"], // ϱ → ρ
  ["\u03F5", "\u03B5"], // ϵ → ε
  ["\u1E9B", "\u1E61"], // ẛ → ṡ
  ["\u1FBE", "\u03B9"], // ι → ι
  ["\u1C80", "\u0432"], // Cyrillic small rounded ve → в
  ["\u1C81", "\u0434"], // ᲁ → д
  ["\u1C82", "\u043E"], // ᲂ → о
  ["\u1C83", "\u0441"], // ᲃ → с
  ["\u1C84", "\u0442"], // ᲄ → т
  ["\u1C85", "\u0442"], // ᲅ → т
  ["\u1C86", "\u044A"], // ᲆ → ъ
  ["\u1C87", "\u0463"], // ᲇ → ѣ
  ["\u1C88", "\uA64B"], // ᲈ → ꙋ
]);

function foldChar(ch: string): string {
  const exception = FOLD_EXCEPTIONS.get(ch);
  if (exception !== undefined) return exception;
  const cp = ch.codePointAt(0) ?? 0;
  // Cherokee folds to upper case (the lower-case letters were added to Unicode later).
  if (cp >= 0xab70 && cp <= 0xabbf) return String.fromCodePoint(cp - 0xab70 + 0x13a0);
  if (cp >= 0x13f8 && cp <= 0x13fd) return String.fromCodePoint(cp - 8);
  if (cp >= 0x13a0 && cp <= 0x13f5) return ch;
  // One character at a time: a whole-string toLowerCase would turn a word-final Σ into ς.
  return ch.toLowerCase();
}

// Characters where `toLowerCase` is not simple case folding: the table above, Cherokee, and `Σ` (a
// whole-string toLowerCase turns a word-final Σ into ς).
const NEEDS_TABLE =
  /[\u0130\u03a3\u00b5\u017f\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u1e9b\u1fbe\u1c80-\u1c88\u13a0-\u13fd\uab70-\uabbf]|\u0345/;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** NFC + simple Unicode case folding: `José`/`JOSÉ` → `josé`, `ẞ` → `ß` (never `ss`), `ς`/`Σ` → `σ`. */
export function foldName(s: string): string {
  // ASCII is NFC and folds by toLowerCase alone (no table entry is ASCII): most names, no ICU calls.
  if (isAscii(s)) return s.toLowerCase();
  const nfc = s.normalize("NFC");
  if (!NEEDS_TABLE.test(nfc)) return nfc.toLowerCase().normalize("NFC");
  let out = "";
  for (const ch of nfc) out += foldChar(ch);
  return out.normalize("NFC");
}

const USERNAME_CHARS = /^[\p{L}\p{M}\p{Nd}._-]+$/u;
const TRAILING = new Set([".", "-", "_"]);

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * §1: 1–32 Unicode letters, marks, digits and `. _ -` (counted in NFC), not a group mention name.
 * A name that only differs from a reserved one by trailing `. - _` (`all.`) is refused too:
 * `@all.` must stay a group mention (MEN-3 drops trailing punctuation).
 */
export function isValidUsername(s: string): boolean {
  const nfc = s.normalize("NFC");
  if (!USERNAME_CHARS.test(nfc)) return false;
  if (codePointLength(nfc) > MAX_USERNAME_LENGTH) return false;
  let base = foldName(nfc);
  while (base.length > 1 && TRAILING.has(base[base.length - 1])) base = base.slice(0, -1);
  return !RESERVED_NAMES.has(base);
}

/**
 * MEN-3: the folded run, then the run with trailing `.`, `-`, `_` dropped one at a time.
 * Candidates longer than a username can be are left out, so a 16 KiB run costs nothing.
 */
export function nameCandidates(raw: string): string[] {
  const folded = foldName(raw);
  let end = folded.length;
  let base = end;
  while (base > 0 && TRAILING.has(folded[base - 1])) base--;
  const out: string[] = [];
  if (base === 0 && end === 0) return out;
  const stem = folded.slice(0, base);
  const stemLength = codePointLength(stem);
  if (stemLength > MAX_USERNAME_LENGTH) return out;
  // Only the last (32 - stemLength) trailing characters can still fit.
  end = Math.min(end, base + (MAX_USERNAME_LENGTH - stemLength));
  for (let e = end; e >= Math.max(base, 1); e--) out.push(folded.slice(0, e));
  return out;
}

/** MEN-3: the first candidate of the run that `exists`, or null. */
export function resolveMentionName(raw: string, exists: (foldedName: string) => boolean): string | null {
  for (const c of nameCandidates(raw)) if (exists(c)) return c;
  return null;
}

/** The group mention a run's candidates stand for (MEN-2), looking through trailing punctuation; else null. */
export function groupMentionOf(candidates: readonly string[]): "all" | "here" | null {
  for (const c of candidates) {
    if (c === "all" || c === "channel") return "all";
    if (c === "here") return "here";
  }
  return null;
}
