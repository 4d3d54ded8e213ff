// Data-driven vectors ported from other chat servers' public unit tests, run against core's parser.
// Each vector names its source file and test; where revision 2 deliberately differs, `differs` says how
// and names the rule. Names are usernames (folded), keywords are [username, keyword as saved].
import {
  compileKeywords,
  foldName,
  type KeywordMatcher,
  markdownTokens,
  nameCandidates,
  parseMessage,
  resolveMentionName,
  resolveMentions,
} from "../../src/index.ts";

export interface Expected {
  /** Members mentioned by name. Default: none. */
  mentions?: string[];
  /** [username, keyword] of members whose keyword matched. Default: none. */
  keywords?: [string, string][];
  all?: boolean;
  here?: boolean;
  /** Users who exist but are not members (the sender's hint). Checked only when given. */
  hints?: string[];
  /** Runs no user of the workspace has, trailing `. - _` dropped. Checked only when given. */
  unknown?: string[];
  /** `@address` mentions (SUP-6). Checked only when given. */
  emails?: string[];
  /** hrefs of the autolinks (linkify and `<…>`) in the message. Checked only when given. */
  links?: string[];
}

export interface Vector {
  /** `owner/repo path/to/file` of the upstream test. */
  source: string;
  /** The upstream test (and case) name. */
  test: string;
  /** The SPEC rule the vector checks. */
  rule: string;
  text: string;
  /** The workspace: username → member of the room (default true) and keywords. The sender is "sender". */
  users?: Record<string, { member?: boolean; keywords?: string[] }>;
  expect: Expected;
  /** What upstream expects instead, and the revision-2 rule that makes Herald differ. */
  differs?: string;
}

export interface Actual {
  mentions: string[];
  keywords: [string, string][];
  all: boolean;
  here: boolean;
  hints: string[];
  unknown: string[];
  emails: string[];
  links: string[];
}

export function run(v: Vector): Actual {
  const userByName = new Map<string, { id: string; member: boolean }>();
  const nameOf = new Map<string, string>();
  const keywordMembers: { userId: string; matcher: KeywordMatcher }[] = [];
  for (const [name, u] of Object.entries(v.users ?? {})) {
    const folded = foldName(name);
    const id = `u:${folded}`;
    nameOf.set(id, folded);
    userByName.set(folded, { id, member: u.member ?? true });
    if (u.keywords && (u.member ?? true))
      keywordMembers.push({ userId: id, matcher: compileKeywords(u.keywords) });
  }
  const parsed = parseMessage(v.text);
  const r = resolveMentions(parsed, { senderId: "u:sender", userByName, keywordMembers });
  const unknown: string[] = [];
  for (const n of parsed.names) {
    if (resolveMentionName(n, (c) => userByName.has(c)) !== null) continue;
    const c = nameCandidates(n);
    unknown.push(c[c.length - 1]);
  }
  const links: string[] = [];
  for (const block of markdownTokens(v.text)) {
    for (const t of block.children ?? []) {
      if (t.type === "link_open" && (t.markup === "linkify" || t.markup === "autolink"))
        links.push(t.attrGet("href") ?? "");
    }
  }
  return {
    mentions: r.mentions.users.map((id) => nameOf.get(id) ?? id),
    keywords: r.mentions.keywords.map(([id, k]) => [nameOf.get(id) ?? id, k]),
    all: r.mentions.all,
    here: r.mentions.here,
    hints: r.hints,
    unknown,
    emails: parsed.emails,
    links,
  };
}

/** The actual answer, reduced to the fields the vector checks (the always-checked ones with defaults). */
export function expectedShape(v: Vector, a: Actual): { actual: Expected; expected: Expected } {
  const e = v.expect;
  const expected: Expected = {
    mentions: e.mentions ?? [],
    keywords: e.keywords ?? [],
    all: e.all ?? false,
    here: e.here ?? false,
  };
  const actual: Expected = { mentions: a.mentions, keywords: a.keywords, all: a.all, here: a.here };
  for (const k of ["hints", "unknown", "emails", "links"] as const) {
    if (e[k] !== undefined) {
      expected[k] = e[k];
      actual[k] = a[k];
    }
  }
  return { actual, expected };
}

export function title(v: Vector): string {
  const file = v.source.split(" ")[1]?.split("/").pop() ?? v.source;
  const base = `[${v.rule}] ${file} › ${v.test}: ${JSON.stringify(v.text)}`;
  return v.differs ? `${base} (revision 2 differs — ${v.differs})` : base;
}
