// The message renderer without a browser (MEN-1, MEN-3): core's tokens → React elements, rendered to markup
// here only to look at them. Raw HTML stays text, links are safe, mentions are highlighted exactly when the
// message's resolved mentions say they notified.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { type MessageMentions, renderMarkdown, safeHref } from "../src/lib/markdown.ts";

const html = (text: string, mentions?: MessageMentions, me?: string) =>
  renderToStaticMarkup(createElement("div", null, ...renderMarkdown(text, { mentions, me })));
const none: MessageMentions = { users: [], all: false, here: false };
const LINK = 'target="_blank" rel="noopener noreferrer nofollow"';

test("[MEN-3] emphasis, strong, strike, code span, autolink", () => {
  assert.equal(
    html("**bold** _em_ ~~gone~~ `a<b>` see https://example.com/x."),
    `<div><p><strong>bold</strong> <em>em</em> <s>gone</s> <code>a&lt;b&gt;</code> see <a href="https://example.com/x" ${LINK}>https://example.com/x</a>.</p></div>`,
  );
});

test("[MEN-3][DSK-4] raw HTML is text, never an element", () => {
  const out = html('<img src=x onerror=alert(1)> <script>alert(1)</script>\n\n<div onclick="x">block</div>');
  assert.doesNotMatch(out, /<(img|script|div onclick)/);
  assert.match(out, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(out, /&lt;div onclick=&quot;x&quot;&gt;block&lt;\/div&gt;/);
});

test("[MEN-3] a ``` in the middle of a line is text; a real fence is a code block; line breaks are kept", () => {
  assert.equal(html("a ``` b"), "<div><p>a ``` b</p></div>");
  assert.equal(
    html("one\ntwo\n\n```js\nlet x = 1;\n```"),
    '<div><p>one<br/>two</p><pre><code data-lang="js">let x = 1;</code></pre></div>',
  );
});

test("[MEN-3] lists, quotes, headings, tables", () => {
  assert.equal(html("- a\n- b"), "<div><ul><li>a</li><li>b</li></ul></div>");
  assert.equal(html("3. c\n4. d"), '<div><ol start="3"><li>c</li><li>d</li></ol></div>');
  assert.equal(html("> q"), "<div><blockquote><p>q</p></blockquote></div>");
  assert.equal(html("# Title"), "<div><h1>Title</h1></div>");
  assert.match(html("| a | b |\n|:-|-:|\n| 1 | 2 |"), /<td style="text-align:right">2<\/td>/);
});

test("[MEN-3] only http, https and mailto links are clickable", () => {
  assert.equal(safeHref("javascript:alert(1)"), null);
  assert.equal(safeHref("data:text/html,x"), null);
  assert.equal(safeHref("/relative"), null);
  assert.equal(safeHref("mailto:a@example.com"), "mailto:a@example.com");
  assert.equal(html("[x](javascript:alert(1))"), "<div><p>[x](javascript:alert(1))</p></div>");
  assert.equal(html("[x](ftp://example.com/f)"), "<div><p><span>x</span></p></div>");
  assert.equal(
    html("mail bob@example.com"),
    `<div><p>mail <a href="mailto:bob@example.com" ${LINK}>bob@example.com</a></p></div>`,
  );
  // Images become a link to the picture: no request is made by showing a message.
  assert.equal(
    html("![cat](https://example.com/c.png)"),
    `<div><p><a href="https://example.com/c.png" ${LINK}>cat</a></p></div>`,
  );
});

test("[MEN-1][MEN-3] a run is highlighted exactly when it notified", () => {
  const m: MessageMentions = { users: [{ id: "u1", username: "josé" }], all: false, here: false };
  const out = html("thanks @José, and @jos and @nobody", m);
  assert.equal(
    out,
    '<div><p>thanks <span class="mention" data-mention="josé">@José</span>, and @jos and @nobody</p></div>',
  );
  // No resolved mentions on the message (an older message): nothing is highlighted.
  assert.doesNotMatch(html("@José"), /mention/);
  // In code, in an autolinked URL, in an e-mail address: never.
  assert.doesNotMatch(html("`@José` https://x.example/@José jose@example.com", m), /class="mention/);
});

test("[MEN-3] trailing punctuation: the highlight covers the name that notified", () => {
  const m: MessageMentions = { users: [{ id: "u1", username: "bob" }], all: false, here: false };
  assert.match(html("ask @bob.", m), /<span class="mention" data-mention="bob">@bob<\/span>\.<\/p>/);
  const dotted: MessageMentions = { users: [{ id: "u2", username: "al." }], all: false, here: false };
  assert.match(html("ask @al.", dotted), /<span class="mention" data-mention="al.">@al.<\/span><\/p>/);
  assert.match(html("(@bob)", m), /\(<span class="mention" data-mention="bob">@bob<\/span>\)/);
});

test("[MEN-2] @all / @channel / @here only when the message carried them; mine stands out", () => {
  assert.doesNotMatch(html("@all @here", none), /mention/);
  const all = html("@all and @channel and @here", { users: [], all: true, here: false });
  assert.equal((all.match(/class="mention me"/g) ?? []).length, 2);
  assert.match(all, /and @here<\/p>/);
  const me = html("@Bob hi", { users: [{ id: "u", username: "bob" }], all: false, here: false }, "BOB");
  assert.match(me, /<span class="mention me" data-mention="bob">@Bob<\/span>/);
});

test("[MEN-1] the composer suggests from the `@name` being typed, Unicode names included", async () => {
  const { completeMention, typedMention } = await import("../src/lib/typedMention.ts");
  assert.equal(typedMention("thanks @Jos"), "Jos");
  assert.equal(typedMention("(@Влад"), "Влад");
  assert.equal(typedMention("@李"), "李");
  assert.equal(typedMention("hi @"), "");
  assert.equal(typedMention("mail bob@exa"), null, "an address is no mention");
  assert.equal(typedMention("@bob done"), null);
  assert.equal(completeMention("thanks @Jos", "josé"), "thanks @josé ");
});
