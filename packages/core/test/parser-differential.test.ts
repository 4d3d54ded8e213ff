// parseMessage's walk is tuned for speed (per-message run cache, no per-run objects, text built only
// until the first line is found). This file checks it against a plain reference written from SPEC over
// the same tokens, text runs joined by markdown-it's own rule as the renderer's are (the walk joins them
// itself; parser-fast-paths.test.ts checks those equal the web app's, token for token, but for hrefs and
// autolink text, which core keeps as written): same names, group mentions, e-mails, keyword text and first
// line, on ported vectors, the benchmark messages, escape/entity edges and random Markdown.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { Token } from "markdown-it";
import { markdownMessage, proseMessage } from "../../../bench/lib/message-fixture.ts";
import { type ParsedMessage, parseMessage } from "../src/markdown.ts";
import { groupMentionOf, nameCandidates } from "../src/names.ts";
import { joinedReadingTokens } from "./joined-tokens.ts";
import { vectors as gfm } from "./vectors/gfm-autolinks.ts";
import { vectors as mattermostParser } from "./vectors/mattermost-mention-parser.ts";
import { vectors as mattermostNotification } from "./vectors/mattermost-notification.ts";
import { vectors as rocketChatMentions } from "./vectors/rocketchat-mentions.ts";
import { vectors as rocketChatParser } from "./vectors/rocketchat-message-parser.ts";

const GAP = "\uFFFC";
const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{Nd}]$/u;
const RUN = /^[\p{L}\p{M}\p{Nd}._-]+/u;

/** MEN-1 read literally: every `@` not after a letter/digit, the whole run after it, not followed by `@`. */
function referenceRuns(s: string): string[] {
  const runs: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === "@" && !LETTER_OR_DIGIT.test(s.slice(0, i))) {
      const run = RUN.exec(s.slice(i + 1))?.[0];
      if (run !== undefined) {
        // Followed by `@`, the run is an address's local part, and that `@` belongs to the address.
        if (s[i + 1 + run.length] === "@") i += 2 + run.length;
        else {
          runs.push(run);
          i += 1 + run.length;
        }
        continue;
      }
    }
    i++;
  }
  return runs;
}

function inlinePlain(children: Token[]): string {
  return children
    .map((c) => {
      if (c.type === "text" || c.type === "code_inline") return c.content;
      if (c.type === "image") return inlinePlain(c.children ?? []);
      if (c.type === "softbreak" || c.type === "hardbreak") return " ";
      return "";
    })
    .join("");
}

/** The facts of a message from its tokens, one rule at a time, nothing cached or skipped. */
function reference(text: string): ParsedMessage {
  const tokens = joinedReadingTokens(text);
  const out: ParsedMessage = {
    names: [],
    all: false,
    here: false,
    emails: [],
    searchText: "",
    firstLine: "",
  };
  const lines: string[] = [];
  let line = "";
  const cells: string[] = [];
  let inRow = false;
  const endLine = () => {
    lines.push(line.trim());
    line = "";
  };
  for (const t of tokens) {
    if (t.type === "inline") {
      const kids = t.children ?? [];
      let link: Token | null = null;
      kids.forEach((c, i) => {
        if (c.type === "text") {
          line += c.content;
          if (link === null) {
            for (const run of referenceRuns(c.content)) {
              const candidates = nameCandidates(run);
              const group = groupMentionOf(candidates);
              if (group === "all") out.all = true;
              else if (group === "here") out.here = true;
              else if (candidates.length > 0 && !out.names.includes(candidates[0]))
                out.names.push(candidates[0]);
            }
            out.searchText += c.content.replace(/:[a-z0-9_+-]+:/g, GAP);
          } else if (/^mailto:/i.test(link.attrGet("href") ?? "")) {
            const before = kids[i - 2];
            const mentionAt =
              before?.type === "text" &&
              before.content.endsWith("@") &&
              !LETTER_OR_DIGIT.test(before.content.slice(0, -1));
            const email = c.content.toLowerCase();
            if (mentionAt && !out.emails.includes(email)) out.emails.push(email);
          }
        } else if (c.type === "code_inline") {
          line += c.content;
          out.searchText += GAP;
        } else if (c.type === "softbreak" || c.type === "hardbreak") {
          endLine();
          out.searchText += "\n";
        } else if (c.type === "image") {
          line += inlinePlain(c.children ?? []);
          out.searchText += GAP;
        } else if (c.type === "link_open" && (c.markup === "linkify" || c.markup === "autolink")) {
          link = c;
          out.searchText += GAP;
        } else if (c.type === "link_close") link = null;
      });
      if (inRow) {
        cells.push(line.trim());
        line = "";
      } else endLine();
      out.searchText += GAP;
    } else if (t.type === "fence" || t.type === "code_block") {
      for (const l of t.content.split("\n")) {
        line += l;
        endLine();
      }
      out.searchText += GAP;
    } else if (t.type === "tr_open") {
      inRow = true;
      cells.length = 0;
    } else if (t.type === "tr_close") {
      inRow = false;
      line = cells.join(" | ");
      endLine();
    }
  }
  out.firstLine = lines.find((l) => l !== "") ?? "";
  return out;
}

const ported = [
  ...gfm,
  ...rocketChatParser,
  ...rocketChatMentions,
  ...mattermostNotification,
  ...mattermostParser,
].map((v) => v.text);

test("[MEN-1][MEN-3][MEN-4][DSK-4] parseMessage gives the reference's facts on every ported vector and both 16 KiB benchmark messages", () => {
  // Escaped characters and entities are separate tokens until joined: runs across them, an `@` before an
  // address, a shortcode cut by an escape.
  const joins = [
    "\\@bob",
    "a\\@bob x\\_@bob",
    "x\\*@carol@example.com and \\@dave@example.com and &#64;erin@example.com",
    ":smile\\_face: :smile&#95;face: &amp;@bob @bob&amp;x",
    "# \\# title @bob\n\n| \\| @carol |\n|---|\n| x |",
  ];
  for (const text of [...ported, ...joins, proseMessage(), markdownMessage()]) {
    assert.deepEqual(parseMessage(text), reference(text), JSON.stringify(text));
  }
});

// Pieces that open and close Markdown constructs, mentions in many shapes, autolink starts, entities,
// escapes and non-ASCII letters, so random joins hit the boundaries where a shortcut could go wrong.
const piece = fc.constantFrom(
  "@",
  "@bob",
  "@Bob.",
  "@bob@x.org",
  "@all",
  "@here_",
  "@channel",
  "@José",
  "@李祖阳",
  "é",
  "\u0301",
  "番茄",
  "word",
  " ",
  "\n",
  "\n\n",
  "  \n",
  "\r\n",
  "\t",
  "`",
  "```",
  "~~~",
  "*",
  "**",
  "_",
  "~~",
  "[",
  "](",
  ")",
  "(",
  "![",
  "<",
  ">",
  "> ",
  "- ",
  "1. ",
  "    ",
  "# ",
  "---",
  "|",
  "| a |",
  "|---|",
  ":smile:",
  ":",
  "\\",
  "\\@",
  "&amp;",
  "&#64;",
  "http://x.org/p",
  "https://a.b",
  "www.x.org",
  "mailto:a@b.co",
  "a.b@c.org",
  "ops@example.com.",
  ".",
  "-",
  "!",
);

test("[MEN-1][MEN-3][MEN-4][DSK-4] parseMessage gives the reference's facts on random Markdown", () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
      const text = parts.join("");
      assert.deepEqual(parseMessage(text), reference(text), JSON.stringify(text));
    }),
    { numRuns: 4000 },
  );
});
