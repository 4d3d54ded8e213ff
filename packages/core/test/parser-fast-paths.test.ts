// The parser's speed paths must not change what is a link, and so what is a mention or a keyword
// (MEN-3): core's reading skips link normalising and the rules that do nothing without HTML or
// typography, leaves merging text runs to its walk, stops its text rule only where one of its rules can
// start and there calls only the rules that can start at that character, skips the delimiter-pairing
// passes when no emphasis or strikethrough rule ran, skips NFC normalising for text that is NFC by
// construction, and a quick check stands before linkify-it. Token levels are compared too, since the
// skipped `fragments_join` pass is the one that would otherwise set them.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import LinkifyIt from "linkify-it";
import MarkdownIt, { type Token } from "markdown-it";
import { markdownMessage, proseMessage } from "../../../bench/lib/message-fixture.ts";
import { configureAutolinks, mayHoldAutolink } from "../src/autolink.ts";
import { markdownTokens, nfc } from "../src/markdown.ts";
import { joinedReadingTokens } from "./joined-tokens.ts";
import { vectors as gfm } from "./vectors/gfm-autolinks.ts";
import { vectors as mattermostParser } from "./vectors/mattermost-mention-parser.ts";
import { vectors as mattermostNotification } from "./vectors/mattermost-notification.ts";
import { vectors as rocketChatMentions } from "./vectors/rocketchat-mentions.ts";
import { vectors as rocketChatParser } from "./vectors/rocketchat-message-parser.ts";

/**
 * A token stream without link addresses. `linkText` maps the text of an autolink (a URL or an address
 * linked by linkify or written in `<…>`), which core's reading keeps as written and the web app's
 * instance shows decoded (percent-escapes, punycode, user-info).
 */
function shape(tokens: Token[], linkText: (text: string) => string = (text) => text): unknown[] {
  let inAutolink = false;
  return tokens.map((t) => {
    if (t.type === "link_open") inAutolink = t.markup === "linkify" || t.markup === "autolink";
    else if (t.type === "link_close") inAutolink = false;
    return {
      type: t.type,
      tag: t.tag,
      nesting: t.nesting,
      level: t.level,
      markup: t.markup,
      content: t.children === null && t.type !== "text" ? t.content : undefined,
      text: t.type === "text" ? (inAutolink ? linkText(t.content) : t.content) : undefined,
      children: t.children === null ? null : shape(t.children, linkText),
    };
  });
}

// markdown-it decodes every autolink's text for display with its `normalizeLinkText` (core's reading
// skips it); the web app's instance keeps markdown-it's own.
const displayLinkText = new MarkdownIt().normalizeLinkText;

/** Core's reading of `text`, in the shape the web app's tokens are compared in. */
function reading(text: string): unknown[] {
  return shape(joinedReadingTokens(text), displayLinkText);
}

const texts = [
  ...[...gfm, ...rocketChatParser, ...rocketChatMentions, ...mattermostNotification, ...mattermostParser].map(
    (v) => v.text,
  ),
  proseMessage(),
  markdownMessage(),
  "[x](javascript:alert(1)) @bob [y](data:text/html,hi) ![i](data:image/png;base64,AA) <javascript:x>",
  "see https://bücher.example/straße?q=ä and www.exämple.org/ü and mail ops@example.com",
  // Line endings and NUL (core's reading skips the rewrite when there are none), raw HTML and quotes.
  "first @bob\r\nsecond\rthird\r\n\r\n```\r\n@all\r\n```\r\nnul\0@carol \0",
  '<div>\n@bob in a block\n</div>\n\n<!-- @all --> <b>@carol</b> "quoted" -- (c) ...',
];

test("[MEN-3] core reads the same tokens the web app renders: same links, same text (hrefs aside)", () => {
  for (const text of texts) {
    assert.deepEqual(reading(text), shape(markdownTokens(text)), JSON.stringify(text));
  }
});

test("[MEN-3] the quick autolink check never hides a link linkify-it would find", () => {
  // linkify-it configured as core's is; calling its prototype's test skips the quick check in front.
  const probe = new MarkdownIt("default", { html: false, linkify: true, typographer: false });
  configureAutolinks(probe);
  const originalTest = LinkifyIt.prototype.test;
  const piece = fc.constantFrom(
    "@",
    ".",
    ":",
    "/",
    "//",
    "www",
    "WWW.",
    "http",
    "HTTPS",
    "ftp",
    "mailto",
    "a",
    "b-c",
    "_",
    "+",
    " ",
    "x.org",
    "é",
    "(",
    ")",
    "*",
    "~",
    "1",
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
      const text = parts.join("");
      if (originalTest.call(probe.linkify, text)) assert.ok(mayHoldAutolink(text), JSON.stringify(text));
    }),
    { numRuns: 5000 },
  );
  for (const text of texts) {
    if (originalTest.call(probe.linkify, text)) assert.ok(mayHoldAutolink(text), JSON.stringify(text));
  }
});

// Every printable ASCII punctuation character (each is a stop of some markdown-it rule, a plugin's or
// none), runs of them, and the constructs they open, so a character core's text rule reads through that
// some rule could have started at would show as a different token stream.
const punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const markdownPiece = fc.oneof(
  fc.constantFrom(...punctuation),
  fc.constantFrom(
    "@bob",
    "a",
    "word",
    " ",
    "  ",
    "\n",
    "\n\n",
    "```",
    "**",
    "~~",
    "](",
    "![x](y)",
    "[a]: /u",
    "<https://x.org>",
    "https://x.org/p",
    "www.x.org",
    "a.b@c.org",
    "&amp;",
    "&#64;",
    "\\@",
    "| a |",
    "|---|",
    "- ",
    "1. ",
    "> ",
    "# ",
    "é",
    "e\u0301",
  ),
);

test("[MEN-3] core's reading gives the web app's tokens on random Markdown with every ASCII punctuation", () => {
  fc.assert(
    fc.property(fc.array(markdownPiece, { maxLength: 40 }), (parts) => {
      const text = parts.join("");
      assert.deepEqual(reading(text), shape(markdownTokens(text)), JSON.stringify(text));
    }),
    { numRuns: 5000 },
  );
});

test("[MEN-3] core's reading pairs emphasis and strikethrough as the web app's does, whatever ASCII is around", () => {
  // Core's reading classifies ASCII neighbours of a delimiter run itself; every pair of them, around
  // an opening and a closing run of each marker, must give the web app's tokens.
  const around = [9, 10, 11, 12, 13, ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i)].map((c) =>
    String.fromCharCode(c),
  );
  for (const marker of ["*", "_", "~~"]) {
    for (const a of around) {
      for (const b of around) {
        const text = `${a}${marker}${b}z${a}${marker}${b}`;
        assert.deepEqual(reading(text), shape(markdownTokens(text)), JSON.stringify(text));
      }
    }
  }
});

test("[MEN-3] text without a character from U+0300 on is already NFC, so core leaves it as it is", () => {
  // Every character below U+0300 alone and before every other one (composition joins neighbours).
  for (let a = 0; a < 0x300; a++) {
    const one = String.fromCharCode(a);
    assert.equal(one.normalize("NFC"), one);
    for (let b = 0; b < 0x300; b++) {
      const two = one + String.fromCharCode(b);
      if (two.normalize("NFC") !== two) assert.fail(`U+${a.toString(16)} U+${b.toString(16)} is not NFC`);
    }
  }
  for (const text of ["e\u0301", "Jose\u0301", "\u1100\u1161", "番茄", "A\u030a", "plain"]) {
    assert.equal(nfc(text), text.normalize("NFC"), JSON.stringify(text));
  }
});
