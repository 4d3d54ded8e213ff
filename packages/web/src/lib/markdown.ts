// Message text (MEN-3) → React elements, from the tokens of core's one markdown-it instance: the app renders
// exactly what the server parsed for mentions, keywords and banners. Elements are built one by one from a
// fixed list — never HTML strings — so raw HTML in a message shows as the text it is. A `@name` run is
// highlighted only when it notified (the message's resolved mentions), found by core's `findMentionRuns`.
import { findMentionRuns, foldName, markdownTokens, resolveMentionName } from "@herald/core";
import { createElement, type ReactNode } from "react";
import type { MessageMentions } from "./types.ts";

export type { MessageMentions };

export interface RenderOptions {
  mentions?: MessageMentions | null;
  /** The viewer's username: their own mention (and @all / @here) stands out more. */
  me?: string;
}

/** The markdown-it token fields the renderer reads. */
interface Tok {
  type: string;
  tag: string;
  nesting: number;
  content: string;
  markup: string;
  info: string;
  hidden: boolean;
  attrs: [string, string][] | null;
  children: Tok[] | null;
}

/** Only web and mail links are clickable; anything else (javascript:, data:, relative paths) stays text. */
export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const u = new URL(href);
    return u.protocol === "http:" || u.protocol === "https:" || u.protocol === "mailto:" ? u.href : null;
  } catch {
    return null;
  }
}

const attr = (t: Tok, name: string) => t.attrs?.find(([k]) => k === name)?.[1] ?? null;

// Open tokens → the element they become. Anything not listed renders its children in a plain span.
const BLOCK_TAGS: Record<string, string> = {
  paragraph_open: "p",
  blockquote_open: "blockquote",
  bullet_list_open: "ul",
  ordered_list_open: "ol",
  list_item_open: "li",
  table_open: "table",
  thead_open: "thead",
  tbody_open: "tbody",
  tr_open: "tr",
  th_open: "th",
  td_open: "td",
  strong_open: "strong",
  em_open: "em",
  s_open: "s",
};
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const ALIGN = /text-align:\s*(left|right|center)/;

interface Frame {
  type: string;
  tag: string | null; // null: no element of its own (hidden paragraph of a tight list)
  props: Record<string, unknown>;
  children: ReactNode[];
  /** Inside an autolink (GFM autolink literal): no mention there (MEN-3). */
  autolink: boolean;
}

class Builder {
  readonly root: Frame = { type: "root", tag: null, props: {}, children: [], autolink: false };
  readonly #stack: Frame[] = [this.root];
  #key = 0;
  readonly #mention: (text: string, autolink: boolean) => ReactNode[];

  constructor(mention: (text: string, autolink: boolean) => ReactNode[]) {
    this.#mention = mention;
  }

  get top(): Frame {
    return this.#stack[this.#stack.length - 1];
  }

  key(): number {
    return this.#key++;
  }

  add(node: ReactNode): void {
    this.top.children.push(node);
  }

  open(t: Tok): void {
    const props: Record<string, unknown> = {};
    let tag: string | null = BLOCK_TAGS[t.type] ?? "span";
    if (t.type === "heading_open") tag = HEADINGS.has(t.tag) ? t.tag : "p";
    if (t.type === "paragraph_open" && t.hidden) tag = null;
    if (t.type === "ordered_list_open") {
      const start = Number(attr(t, "start"));
      if (Number.isInteger(start) && start !== 1) props.start = start;
    }
    if (t.type === "th_open" || t.type === "td_open") {
      const align = ALIGN.exec(attr(t, "style") ?? "")?.[1];
      if (align) props.style = { textAlign: align };
    }
    // Core leaves an autolink's text (a URL or an address) out of mentions (MEN-3): so does the highlight.
    const autolink =
      this.top.autolink || (t.type === "link_open" && (t.markup === "linkify" || t.markup === "autolink"));
    if (t.type === "link_open") {
      const href = safeHref(attr(t, "href"));
      tag = href ? "a" : "span";
      if (href) Object.assign(props, { href, target: "_blank", rel: "noopener noreferrer nofollow" });
      const title = attr(t, "title");
      if (title) props.title = title;
    }
    this.#stack.push({ type: t.type, tag, props, children: [], autolink });
  }

  close(): void {
    const f = this.#stack.pop();
    if (!f || this.#stack.length === 0) throw new Error("unbalanced markdown tokens");
    if (f.tag === null) this.top.children.push(...f.children);
    else this.add(createElement(f.tag, { ...f.props, key: this.key() }, ...f.children));
  }

  leaf(t: Tok): void {
    switch (t.type) {
      case "inline":
        for (const c of t.children ?? []) this.token(c);
        return;
      case "text":
        this.top.children.push(...this.#mention(t.content, this.top.autolink));
        return;
      case "softbreak":
      case "hardbreak":
        // Chat text: a line break typed is a line break shown.
        this.add(createElement("br", { key: this.key() }));
        return;
      case "code_inline":
        this.add(createElement("code", { key: this.key() }, t.content));
        return;
      case "code_block":
      case "fence": {
        const lang = t.info.trim().split(/\s+/)[0];
        const code = createElement("code", lang ? { "data-lang": lang } : null, t.content.replace(/\n$/, ""));
        this.add(createElement("pre", { key: this.key() }, code));
        return;
      }
      case "hr":
        this.add(createElement("hr", { key: this.key() }));
        return;
      case "image": {
        // No remote images in messages (tracking pixels): the picture is a link to it.
        const href = safeHref(attr(t, "src"));
        const alt = t.content || attr(t, "src") || "image";
        this.add(
          href
            ? createElement(
                "a",
                { key: this.key(), href, target: "_blank", rel: "noopener noreferrer nofollow" },
                alt,
              )
            : alt,
        );
        return;
      }
      default:
        // html_inline / html_block (html is off in core, but never render it) and anything unknown: as text.
        if (t.content) this.add(t.content);
    }
  }

  token(t: Tok): void {
    if (t.nesting === 1) this.open(t);
    else if (t.nesting === -1) this.close();
    else this.leaf(t);
  }
}

const isGroup = (all: boolean, here: boolean) => (c: string) =>
  (all && (c === "all" || c === "channel")) || (here && c === "here");

/**
 * Which `@` runs of one text token to highlight, and how: a run is a mention exactly when the server says it
 * notified — a name resolved (by core's `resolveMentionName`, trailing-punctuation fallback included) to a
 * member the message mentioned, or @all / @channel / @here when the message carried them.
 */
function mentionSplitter(opts: RenderOptions) {
  const m = opts.mentions;
  const names = new Set((m?.users ?? []).map((u) => foldName(u.username)));
  const group = isGroup(m?.all === true, m?.here === true);
  const me = opts.me ? foldName(opts.me) : null;
  let key = 0;
  return (text: string, autolink: boolean): ReactNode[] => {
    if (!m || autolink || !text.includes("@")) return [text];
    const out: ReactNode[] = [];
    let last = 0;
    for (const run of findMentionRuns(text)) {
      const asGroup = resolveMentionName(run.raw, group);
      const name = asGroup ?? resolveMentionName(run.raw, (c) => names.has(c));
      if (name === null) continue;
      // The resolved name may have dropped trailing `. - _` (ASCII: one code unit each, folded or not).
      const shown = run.raw.slice(0, run.raw.length - (foldName(run.raw).length - name.length));
      const loud = asGroup !== null || name === me;
      if (run.start > last) out.push(text.slice(last, run.start));
      out.push(
        createElement(
          "span",
          { key: `m${key++}`, className: loud ? "mention me" : "mention", "data-mention": name },
          `@${shown}`,
        ),
      );
      last = run.start + 1 + shown.length;
    }
    if (last < text.length) out.push(text.slice(last));
    return out;
  };
}

/** Renders message text as React nodes (CommonMark + GFM, MEN-3). */
export function renderMarkdown(text: string, opts: RenderOptions = {}): ReactNode[] {
  const b = new Builder(mentionSplitter(opts));
  for (const t of markdownTokens(text) as Tok[]) b.token(t);
  return b.root.children;
}
