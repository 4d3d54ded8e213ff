// The one message parser (MEN-3): CommonMark + GFM by markdown-it, shared by core (mentions, keywords,
// the plain-text first line of DSK-4) and the web app (rendering). Mentions and keywords are looked for
// only in the `text` tokens markdown-it produces, never by scanning the raw Markdown.
import MarkdownIt, { type ParserInline, type Ruler, type StateInline, type Token } from "markdown-it";
import { configureAutolinks } from "./autolink.ts";
import { groupMentionOf, nameCandidates } from "./names.ts";

export { compileKeywords, type KeywordMatcher, matchKeywords } from "./keywords.ts";
export { type MentionLookup, type MentionResolution, resolveMentions } from "./mention-resolve.ts";
export { foldName, isValidUsername, nameCandidates, RESERVED_NAMES, resolveMentionName } from "./names.ts";

// --- the configured markdown-it instance -----------------------------------------------------------

function configured(): MarkdownIt {
  const instance = new MarkdownIt("default", { html: false, linkify: true, typographer: false });
  configureAutolinks(instance);
  return instance;
}

const md = configured();

// The same parser for core's own reading of a message. Core never reads a link's href (only whether an
// autolink is an e-mail address, which the `mailto:` prefix tells before any normalising), so this one
// skips markdown-it's URL normalising (URL parsing, punycode, percent-encoding: a fifth of the parse
// time). `validateLink` still runs, so which spans are links — and so which text is a mention — is the
// same token for token as what the web app renders.
const reader = configured();
reader.normalizeLink = (url) => url;
reader.normalizeLinkText = (url) => url;
// Rules that do nothing with `html: false, typographer: false` but are still called (the HTML ones at
// every line and every `<`): off in core's reading, so the tokens stay those the web app renders.
reader.disable(["html_block", "html_inline", "replacements", "smartquotes"]);
// `text_join` rebuilds every inline token list to merge escaped characters into the text around them;
// parseMessage's walk reads such runs as one text instead (see `walkInline`), at no extra pass.
reader.disable("text_join");
// markdown-it's inline parser tries its rules in turn at every position its `text` rule stops at, and its
// `text` rule stops at every character some rule (its own, a plugin's, typography's) might start at. Each
// of core's rules starts only at one or two characters, and returns false at once anywhere else (its
// first test is that character): `\n` newline, `\` escape, `` ` `` code, `~` strike, `*` `_` emphasis,
// `[` link, `!` image, `<` autolink, `&` entity, `:` URL autolinks. Core's reading therefore runs ONE
// rule, which calls at a character only the rules that can start there, in markdown-it's order, and
// otherwise reads text up to the next such character or a link label's end (`]`). Skipping a rule that
// would return false, or a character no rule starts at (it joins the same pending text), leaves the
// tokens as they were; `@`, `-`, `#`, `>` … (mentions, lists of words) are then text at once.
type InlineRule = (state: StateInline, silent: boolean) => boolean;
interface NamedRule<F> {
  name: string;
  enabled: boolean;
  fn: F;
}
/** A ruler's enabled rules with their names (markdown-it keeps them in `__rules__`, in chain order). */
function enabledRules<F>(ruler: Ruler<F>): NamedRule<F>[] {
  return (ruler as unknown as { __rules__: NamedRule<F>[] }).__rules__.filter((r) => r.enabled);
}
// The chain this dispatch stands for, in order; a markdown-it version that changes it fails here, at load.
const INLINE_CHAIN = [
  "text",
  "gfm_autolink_boundary",
  "linkify",
  "newline",
  "escape",
  "backticks",
  "strikethrough",
  "emphasis",
  "link",
  "image",
  "autolink",
  "entity",
];
const chain = enabledRules(reader.inline.ruler);
if (chain.map((r) => r.name).join() !== INLINE_CHAIN.join()) {
  throw new Error(`markdown-it's inline rules changed: ${chain.map((r) => r.name).join(", ")}`);
}
const rule = (name: string): InlineRule => (chain.find((r) => r.name === name) as NamedRule<InlineRule>).fn;
const autolinkBoundary = rule("gfm_autolink_boundary");
const linkifyRule = rule("linkify");
const newline = rule("newline");
const escapeRule = rule("escape");
const backticks = rule("backticks");
const strikethrough = rule("strikethrough");
const emphasis = rule("emphasis");
const link = rule("link");
const image = rule("image");
const autolink = rule("autolink");
const entity = rule("entity");
const STOPS = new Uint8Array(128);
for (const c of "\n\\`~*_[]!<&:") STOPS[c.charCodeAt(0)] = 1;
/** How often the emphasis or strikethrough rule was called (see `parse` below). */
let delimiterRuns = 0;
reader.inline.ruler.at("text", (state, silent) => {
  const src = state.src;
  let pos = state.pos;
  const c = src.charCodeAt(pos);
  if (c < 128 && STOPS[c] === 1) {
    switch (c) {
      case 0x0a:
        return newline(state, silent);
      case 0x5c:
        return escapeRule(state, silent);
      case 0x60:
        return backticks(state, silent);
      case 0x7e:
        delimiterRuns++;
        return strikethrough(state, silent);
      case 0x2a:
      case 0x5f:
        delimiterRuns++;
        return emphasis(state, silent);
      case 0x5b:
        return link(state, silent);
      case 0x21:
        return image(state, silent);
      case 0x3c:
        return autolink(state, silent);
      case 0x26:
        return entity(state, silent);
      case 0x3a:
        return autolinkBoundary(state, silent) || linkifyRule(state, silent);
      default:
        return false;
    }
  }
  const max = state.posMax;
  for (pos++; pos < max; pos++) {
    const d = src.charCodeAt(pos);
    if (d < 128 && STOPS[d] === 1) break;
  }
  if (!silent) state.pending += src.slice(state.pos, pos);
  state.pos = pos;
  return true;
});
reader.inline.ruler.disable(INLINE_CHAIN.slice(1));
// A paragraph, heading, table cell or image description without any of those characters (one line, no
// code, no emphasis, no link, no escape: most chat lines, table cells, `@name` alone) is, by the same
// rules, ONE text token of its whole content; core's reading makes that token itself instead of running
// the inline parser (its state, its rule loop and its four post-passes). Linkify still runs on it
// afterwards, as on any text token.
function isPlainInline(content: string): boolean {
  if (content.length === 0) return false;
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if (c < 128 && STOPS[c] === 1) return false;
  }
  return true;
}
// markdown-it's four passes after an inline's rules (`balance_pairs`, the strikethrough and emphasis
// passes, `fragments_join`) pair and then merge the delimiter tokens that only the emphasis and
// strikethrough rules push; where neither rule was called (no `*`, `_` or `~`: most chat text, code
// spans, links), there is nothing to pair or merge, every token already has its level, and core's
// reading skips them. (An image description parsed inside an inline counts for it too: the passes then
// run where they would have found nothing, never the other way round.)
const POST_PASSES = ["balance_pairs", "strikethrough", "emphasis", "fragments_join"];
const postChain = enabledRules(reader.inline.ruler2);
if (postChain.map((r) => r.name).join() !== POST_PASSES.join()) {
  throw new Error(`markdown-it's inline post-passes changed: ${postChain.map((r) => r.name).join(", ")}`);
}
const postPasses = postChain.map((r) => r.fn);
// CommonMark's delimiter-run test (whether a run of `*`, `_` or `~` can open or close) classifies the
// characters on either side of the run as whitespace, punctuation or neither. markdown-it does so with
// two Unicode-category regular expressions per side even for an ASCII neighbour, where they amount to
// the 32 ASCII punctuation characters; core's reading answers a run with ASCII on both sides from that
// set, by the same formulas, and leaves every other run to markdown-it's own `scanDelims`.
const ASCII_PUNCT = new Uint8Array(128);
for (const c of "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") ASCII_PUNCT[c.charCodeAt(0)] = 1;
const asciiWhitespace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
class ReadingState extends reader.inline.State {
  override scanDelims(start: number, canSplitWord: boolean): ReturnType<StateInline["scanDelims"]> {
    const src = this.src;
    const max = this.posMax;
    const marker = src.charCodeAt(start);
    // The start of the text and its end count as whitespace.
    const last = start === 0 ? 0x20 : src.charCodeAt(start - 1);
    let pos = start;
    while (pos < max && src.charCodeAt(pos) === marker) pos++;
    const next = pos < max ? src.charCodeAt(pos) : 0x20;
    if (last >= 0x80 || next >= 0x80) return super.scanDelims(start, canSplitWord);
    const lastPunct = ASCII_PUNCT[last] === 1;
    const nextPunct = ASCII_PUNCT[next] === 1;
    const lastSpace = asciiWhitespace(last);
    const nextSpace = asciiWhitespace(next);
    const leftFlanking = !nextSpace && (!nextPunct || lastSpace || lastPunct);
    const rightFlanking = !lastSpace && (!lastPunct || nextSpace || nextPunct);
    return {
      can_open: leftFlanking && (canSplitWord || !rightFlanking || lastPunct),
      can_close: rightFlanking && (canSplitWord || !leftFlanking || nextPunct),
      length: pos - start,
    };
  }
}
reader.inline.State = ReadingState;
const TextToken = reader.inline.State.prototype.Token;
reader.inline.parse = function parse(this: ParserInline, src, md, env, outTokens) {
  if (isPlainInline(src)) {
    const text = new TextToken("text", "", 0);
    text.content = src;
    outTokens.push(text);
    return;
  }
  const state = new this.State(src, md, env, outTokens);
  const runsBefore = delimiterRuns;
  this.tokenize(state);
  if (delimiterRuns === runsBefore) return;
  for (let i = 0; i < postPasses.length; i++) postPasses[i](state);
};
// markdown-it rewrites every line ending (and NUL) through two regex replaces, copying the whole text even
// when there is nothing to change; most messages have no `\r` and no NUL, and are then used as they are.
const NEEDS_NORMALIZE = /[\r\0]/;
reader.core.ruler.at("normalize", (state) => {
  if (!NEEDS_NORMALIZE.test(state.src)) return;
  state.src = state.src.replace(/\r\n?/g, "\n").replace(/\0/g, "\uFFFD");
});

/**
 * The tokens of a message (NFC), from the one configured markdown-it instance: CommonMark, GFM tables,
 * strikethrough and autolink literals, raw HTML kept as text. The web app renders these.
 */
export function markdownTokens(text: string): Token[] {
  return md.parse(nfc(text), {});
}

// Every character below U+0300 is its own NFC form and composes with nothing before it (the first
// combining mark is U+0300), so a text without any character from U+0300 on is already NFC; most chat
// text is such, and checking is cheaper than ICU's normalising copy.
const MAY_NEED_NFC = /[\u0300-\uffff]/;

/** `text` in NFC (SPEC §1: names and keywords compare in NFC). */
export function nfc(text: string): string {
  return MAY_NEED_NFC.test(text) ? text.normalize("NFC") : text;
}

/**
 * The tokens `parseMessage` reads: `markdownTokens` without normalised link addresses, and with adjacent
 * text and escaped-character tokens not merged (see `reader`).
 */
export function readingTokens(text: string): Token[] {
  return reader.parse(nfc(text), {});
}

// --- mentions inside one text token ----------------------------------------------------------------

export interface MentionRun {
  /** The name as written, without the `@` (the whole run of username characters). */
  raw: string;
  /** Offset of the `@` in the token's content. */
  start: number;
  /** Offset just after the run. */
  end: number;
}

const NAME_RUN = /[\p{L}\p{M}\p{Nd}._-]+/uy;
const LETTER_OR_DIGIT = /^[\p{L}\p{M}\p{Nd}]$/u;

function codePointBefore(s: string, i: number): string {
  const low = s.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) return s.slice(i - 2, i);
  return s[i - 1];
}

/** ASCII letters and digits (ASCII has no marks): no string or regex needed for them. */
function asciiLetterOrDigit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** Whether the character before `i` is a letter, mark or digit (an `@` there starts no mention). */
function letterOrDigitBefore(s: string, i: number): boolean {
  const c = s.charCodeAt(i - 1);
  if (c < 0x80) return asciiLetterOrDigit(c);
  return LETTER_OR_DIGIT.test(codePointBefore(s, i));
}

/** End of the run of letters, marks, digits and `. _ -` from `i` (ASCII read here, the rest by regex). */
function nameRunEnd(s: string, i: number): number {
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (asciiLetterOrDigit(c) || c === 0x2e /* . */ || c === 0x5f /* _ */ || c === 0x2d /* - */) continue;
    if (c < 0x80) return i;
    NAME_RUN.lastIndex = i;
    const m = NAME_RUN.exec(s);
    return m === null ? i : i + m[0].length;
  }
  return i;
}

/**
 * MEN-1: the `@name` runs in ONE text token's content, each given to `onRun` with `context` (name
 * without the `@`, offset of the `@`, offset just after the run). An `@` starts a mention at the start
 * of the token or after a character that is not a letter or digit; the name is the whole run of
 * letters, marks, digits and `. _ -` (so a prefix never mentions). A run followed by `@` is the local
 * part of an address, not a mention. (`onRun` takes a context rather than closing over one, so the
 * parse allocates no function per text.)
 */
function eachMentionRun<C>(
  textValue: string,
  context: C,
  onRun: (context: C, raw: string, start: number, end: number) => void,
): void {
  for (let at = textValue.indexOf("@"); at !== -1; at = textValue.indexOf("@", at + 1)) {
    if (at > 0 && letterOrDigitBefore(textValue, at)) continue;
    const end = nameRunEnd(textValue, at + 1);
    if (end === at + 1) continue;
    if (textValue.charCodeAt(end) === 0x40 /* @ */) {
      at = end;
      continue;
    }
    onRun(context, textValue.slice(at + 1, end), at, end);
    at = end - 1;
  }
}

function pushRun(runs: MentionRun[], raw: string, start: number, end: number): void {
  runs.push({ raw, start, end });
}

/** MEN-1: the `@name` runs in ONE text token's content (see `eachMentionRun`). */
export function findMentionRuns(textValue: string): MentionRun[] {
  const runs: MentionRun[] = [];
  eachMentionRun(textValue, runs, pushRun);
  return runs;
}

// --- the whole message ------------------------------------------------------------------------------

export interface ParsedMessage {
  /** Folded name runs (MEN-1), unique, in order; resolve each with `resolveMentionName`. */
  names: string[];
  /** `@all` or `@channel` (MEN-2). */
  all: boolean;
  here: boolean;
  /** `@address` written as an e-mail autolink right after `@` (SUP-6 notes), lower-cased, unique. */
  emails: string[];
  /**
   * The text keywords may match in (MEN-4): NFC, without code, link destinations, autolinked URLs,
   * e-mail addresses, images and emoji shortcodes; each left-out piece is a separator character.
   */
  searchText: string;
  /** First line as plain text, Markdown syntax removed (DSK-4); callers cut it to length. */
  firstLine: string;
}

/** Stands for a left-out piece in `searchText`: not whitespace, not a word character. */
const GAP = "\uFFFC";
const SHORTCODE = /:[a-z0-9_+-]+:/g;

// What a mention run written one way stands for, kept per message: a run repeats often (`@bob` in
// every line) and folding it again each time was a tenth of a chat message's parse.
const ALL = 1;
const HERE = 2;
type RunMeaning = typeof ALL | typeof HERE | string | null;

interface Walk {
  parsed: ParsedMessage;
  names: Set<string>;
  runs: Map<string, RunMeaning>;
  /** `searchText` so far, built by appending (a rope, flattened once at the end). */
  search: string;
  /** The current line of plain text while the first line is not found yet (then always ""). */
  line: string;
  firstLineDone: boolean;
}

/** MEN-1 … MEN-4, DSK-4: everything core needs from a message, from one parse. */
export function parseMessage(text: string): ParsedMessage {
  const w: Walk = {
    parsed: { names: [], all: false, here: false, emails: [], searchText: "", firstLine: "" },
    names: new Set(),
    runs: new Map(),
    search: "",
    line: "",
    firstLineDone: false,
  };
  const tokens = readingTokens(text);
  const cells: string[] = [];
  let inRow = false;
  for (const t of tokens) {
    switch (t.type) {
      case "inline":
        walkInline(w, t.children ?? []);
        if (inRow) {
          if (!w.firstLineDone) cells.push(w.line.trim());
          w.line = "";
        } else endLine(w);
        w.search += GAP;
        break;
      case "fence":
      case "code_block":
        if (!w.firstLineDone) {
          for (const l of t.content.split("\n")) {
            w.line += l;
            endLine(w);
            if (w.firstLineDone) break;
          }
        }
        w.search += GAP;
        break;
      case "tr_open":
        inRow = true;
        cells.length = 0;
        break;
      case "tr_close":
        inRow = false;
        if (!w.firstLineDone) {
          w.line = cells.join(" | ");
          endLine(w);
        }
        break;
    }
  }
  // Appending and flattening once costs less than collecting the pieces and joining them; the flattening
  // is done here (reading one character does it) so the parse, not the first keyword match, pays for it.
  w.parsed.searchText = w.search;
  w.search.charCodeAt(0);
  return w.parsed;
}

function endLine(w: Walk): void {
  if (!w.firstLineDone) {
    const line = w.line.trim();
    if (line !== "") {
      w.parsed.firstLine = line;
      w.firstLineDone = true;
    }
    w.line = "";
  }
}

function walkInline(w: Walk, children: Token[]): void {
  let autolink: Token | null = null;
  // Adjacent `text` and `text_special` (an escaped character, an entity) are read as ONE text, as
  // markdown-it's `text_join` would have merged them (core's reading leaves that rule out).
  let run: string | null = null;
  // The text right before an autolink's opening, while inside that autolink (`@` + e-mail address).
  let beforeLink: string | null = null;
  for (let i = 0; i < children.length; i++) {
    const t = children[i];
    const type = t.type;
    if (type === "text" || type === "text_special") {
      run = run === null ? t.content : run + t.content;
      continue;
    }
    if (type === "link_open" && (t.markup === "linkify" || t.markup === "autolink")) {
      // An autolink's text is its URL or address: neither mentions nor keywords (MEN-3, MEN-4).
      beforeLink = run;
      if (run !== null) readText(w, run, null, null);
      run = null;
      autolink = t;
      w.search += GAP;
      continue;
    }
    if (run !== null) {
      readText(w, run, autolink, beforeLink);
      run = null;
    }
    switch (type) {
      case "code_inline":
        if (!w.firstLineDone) w.line += t.content;
        w.search += GAP;
        break;
      case "softbreak":
      case "hardbreak":
        endLine(w);
        w.search += "\n";
        break;
      case "image":
        if (!w.firstLineDone) w.line += plainText(t.children ?? []);
        w.search += GAP;
        break;
      case "link_close":
        autolink = null;
        beforeLink = null;
        break;
    }
  }
  if (run !== null) readText(w, run, autolink, beforeLink);
}

/** One text (a run of adjacent text tokens); `autolink` is the autolink it is the text of, if any. */
function readText(w: Walk, content: string, autolink: Token | null, beforeLink: string | null): void {
  if (!w.firstLineDone) w.line += content;
  if (autolink === null) {
    if (content.includes("@")) addMentions(w, content);
    // A shortcode needs a `:`; most text has none, and the scan for one is then all it costs.
    w.search += content.includes(":") ? content.replace(SHORTCODE, GAP) : content;
  } else if (beforeLink !== null && isMailto(autolink) && endsWithMentionAt(beforeLink)) {
    const email = content.toLowerCase();
    if (!w.parsed.emails.includes(email)) w.parsed.emails.push(email);
  }
}

const MAILTO = /^mailto:/i;

function isMailto(link: Token): boolean {
  return MAILTO.test(link.attrGet("href") ?? "");
}

// `@carol@example.com`: the text before the address ends with an `@` that could start a mention.
function endsWithMentionAt(text: string): boolean {
  if (!text.endsWith("@")) return false;
  const at = text.length - 1;
  return at === 0 || !letterOrDigitBefore(text, at);
}

function plainText(children: Token[]): string {
  let s = "";
  for (const c of children) {
    if (c.type === "text" || c.type === "code_inline") s += c.content;
    else if (c.type === "image") s += plainText(c.children ?? []);
    else if (c.type === "softbreak" || c.type === "hardbreak") s += " ";
  }
  return s;
}

function runMeaning(raw: string): RunMeaning {
  const candidates = nameCandidates(raw);
  const group = groupMentionOf(candidates);
  if (group === "all") return ALL;
  if (group === "here") return HERE;
  return candidates.length > 0 ? candidates[0] : null;
}

function addMentions(w: Walk, content: string): void {
  eachMentionRun(content, w, addRun);
}

function addRun(w: Walk, raw: string): void {
  let meaning = w.runs.get(raw);
  if (meaning === undefined) {
    meaning = runMeaning(raw);
    w.runs.set(raw, meaning);
  }
  if (meaning === ALL) w.parsed.all = true;
  else if (meaning === HERE) w.parsed.here = true;
  else if (meaning !== null && !w.names.has(meaning)) {
    w.names.add(meaning);
    w.parsed.names.push(meaning);
  }
}
