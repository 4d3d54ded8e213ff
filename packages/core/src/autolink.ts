// GFM autolink literals (MEN-3), as the GFM spec states them, on markdown-it's own linkify-it instance:
// through linkify-it's schema validators and compile hook, plus one guard before markdown-it's inline
// `linkify` rule. linkify-it's defaults differ from GFM (any punctuation may precede a link, a TLD list
// for e-mail addresses, its own path rules), so each schema below says what GFM asks for.
import type MarkdownIt from "markdown-it";
import type { StateInline } from "markdown-it";

// An extended autolink only starts at the start of a line, after whitespace or after `*`, `_`, `~`, `(`
// (so `see:https://x/@bob` is text).
const AUTOLINK_BEFORE = /[\s*_~(]/u;

// Extended e-mail autolink: the local part is the whole run of these characters before `@` (so
// `@carol@example.com` links `carol@example.com`); the domain is segments of letters, digits, `-`, `_`
// with at least one `.`, and does not end in `-` or `_`; a trailing `.` is not part of it.
export const GFM_EMAIL =
  "[a-zA-Z0-9._+\\-]+@[a-zA-Z0-9_\\-]+(?:\\.[a-zA-Z0-9_\\-]+)+(?<![\\-_])(?![a-zA-Z0-9_\\-]|\\.[a-zA-Z0-9_\\-])";

// A valid domain: segments of letters, digits, `_` and `-` separated by `.` (the period count and the
// underscore rule are checked in code). After it, a path of any non-space characters but `<`.
const DOMAIN = /[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*/uy;
const PATH = /[^\s<]*/uy;
const MAILTO = new RegExp(GFM_EMAIL, "iy");
const ENTITY_NAME = /[a-zA-Z0-9]/;

function mayStartAt(text: string, start: number): boolean {
  return start <= 0 || AUTOLINK_BEFORE.test(text[start - 1]);
}

/** Start of the scheme that ends just before `colon` (the schemes are letters only). */
export function schemeStart(text: string, colon: number): number {
  let s = colon;
  while (s > 0 && /[a-z]/i.test(text[s - 1])) s--;
  return s;
}

/** End of a valid domain starting at `pos`, or -1. `segmentsBefore` are segments already read (`www`). */
function domainEnd(text: string, pos: number, segmentsBefore: string[]): number {
  DOMAIN.lastIndex = pos;
  const m = DOMAIN.exec(text);
  if (m === null) return -1;
  // Trailing `_` cannot end a valid domain: it is the path's trailing punctuation (`_https://x.org_`).
  let domain = m[0];
  while (domain.endsWith("_")) domain = domain.slice(0, -1);
  const segments = [...segmentsBefore, ...domain.split(".")];
  if (segments.length < 2 || segments.some((s) => s === "")) return -1;
  if (segments.slice(-2).some((s) => s.includes("_"))) return -1;
  return pos + domain.length;
}

/**
 * Extended autolink path validation: trailing `? ! . , : * _ ~` are dropped; a trailing `)` only while
 * the link has more `)` than `(`; a trailing `&name;` (an entity reference look-alike) is dropped.
 */
function trimmedEnd(text: string, start: number, end: number): number {
  let open = 0;
  let close = 0;
  for (let i = start; i < end; i++) {
    if (text[i] === "(") open++;
    else if (text[i] === ")") close++;
  }
  let e = end;
  while (e > start) {
    const c = text[e - 1];
    if ("?!.,:*_~".includes(c)) e--;
    else if (c === ";") {
      let k = e - 2;
      while (k > start && ENTITY_NAME.test(text[k])) k--;
      e = k < e - 2 && text[k] === "&" ? k : e - 1;
    } else if (c === ")" && close > open) {
      close--;
      e--;
    } else break;
  }
  return e;
}

/** Length of the link after `pos` (the end of `scheme:` or `www.`), given where its domain ends. */
function linkLength(text: string, pos: number, afterDomain: number, domainStart: number): number {
  if (afterDomain < 0) return 0;
  PATH.lastIndex = afterDomain;
  const path = PATH.exec(text);
  const end = trimmedEnd(text, domainStart, afterDomain + (path?.[0].length ?? 0));
  return end > domainStart ? end - pos : 0;
}

// A scheme this file links (`http:`, `https:`, `ftp:`, `mailto:`), `www.`, an `@` between a local-part
// character and a domain character. Each needs a `:` or a `.` (an e-mail domain has one), which a plain
// character search finds faster than a case-insensitive pattern, so the patterns run only then.
const SCHEME = /(?:https?|ftp|mailto):/i;
const WWW = /www\./i;
const EMAIL_AT = /[a-zA-Z0-9._+-]@[a-zA-Z0-9_-]/;

/** False only when no autolink literal can be in `text`: a quick superset of what linkify-it finds. */
export function mayHoldAutolink(text: string): boolean {
  if (text.includes(":") && SCHEME.test(text)) return true;
  if (!text.includes(".")) return false;
  return WWW.test(text) || (text.includes("@") && EMAIL_AT.test(text));
}

export function configureAutolinks(md: MarkdownIt): void {
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: true, fuzzyIP: false });
  // linkify-it's hook for its regular expressions: e-mail addresses follow GFM, not a TLD list.
  md.linkify.onCompile = function onCompile(this: MarkdownIt["linkify"]) {
    const re = this.re as unknown as Record<string, string>;
    re.tpl_email_fuzzy = `(^|[^a-zA-Z0-9._+\\-])(${GFM_EMAIL})`;
  };
  md.linkify
    // Extended url autolink: `http://`, `https://` or `ftp://`, a valid domain, then the path.
    .add("http:", {
      validate(text, pos) {
        if (!mayStartAt(text, schemeStart(text, pos - 1))) return 0;
        if (text.charCodeAt(pos) !== 0x2f || text.charCodeAt(pos + 1) !== 0x2f) return 0;
        return linkLength(text, pos, domainEnd(text, pos + 2, []), pos + 2);
      },
    })
    .add("https:", "http:")
    .add("ftp:", "http:")
    // Protocol-relative `//host` is not a GFM autolink.
    .add("//", null as unknown as string)
    .add("mailto:", {
      validate(text, pos) {
        if (!mayStartAt(text, schemeStart(text, pos - 1))) return 0;
        MAILTO.lastIndex = pos;
        return MAILTO.exec(text)?.[0].length ?? 0;
      },
    })
    // Extended www autolink: `www.` and a valid domain; `http://` is put in front.
    .add("www.", {
      validate(text, pos) {
        if (!mayStartAt(text, pos - 4)) return 0;
        return linkLength(text, pos, domainEnd(text, pos, ["www"]), pos);
      },
      normalize(match) {
        match.url = `http://${match.url}`;
      },
    });
  // linkify-it's own pretest lets every text with an `@` through (so every mention), and its test then
  // runs its e-mail and scheme expressions over the whole text — a third of a chat message's parse.
  // Every link the schemas above or a GFM e-mail address can make needs one of these two shapes, so a
  // text without either is answered here; a text with one goes to linkify-it unchanged.
  const linkify = md.linkify;
  const linkifyTest = linkify.test.bind(linkify);
  linkify.pretest = mayHoldAutolink;
  linkify.test = (text: string) => mayHoldAutolink(text) && linkifyTest(text);
  // markdown-it also links `scheme://` while parsing inlines (so emphasis cannot cut a URL); that rule
  // only sees the text from the scheme on, so the GFM boundary is checked here: a `:` after a scheme
  // glued to the previous text is plain text, and linkify never sees it.
  md.inline.ruler.before("linkify", "gfm_autolink_boundary", (state: StateInline, silent: boolean) => {
    const pos = state.pos;
    const s = state.src;
    if (s.charCodeAt(pos) !== 0x3a || s.charCodeAt(pos + 1) !== 0x2f || s.charCodeAt(pos + 2) !== 0x2f) {
      return false;
    }
    // Inside a link's text markdown-it does not autolink at all (its state types omit the field).
    if ((state as StateInline & { linkLevel: number }).linkLevel > 0) return false;
    if (mayStartAt(s, schemeStart(s, pos))) return false;
    if (!silent) state.pending += ":";
    state.pos++;
    return true;
  });
}
