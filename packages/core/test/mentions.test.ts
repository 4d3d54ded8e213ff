import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  BIT,
  channelsOf,
  compileKeywords,
  decide,
  explain,
  findMentionRuns,
  foldName,
  isValidUsername,
  type KeywordMatcher,
  markdownTokens,
  matchCompiled,
  matchKeywords,
  matchMembersKeywords,
  nameCandidates,
  parseMentions,
  parseMessage,
  resolveMentionName,
  resolveMentions,
  stripCode,
  TRIGGER_CODES as T,
  triggerOf,
} from "../src/index.ts";
import { member, msg, NOW, room } from "./helpers.ts";

// --- helpers: a workspace of users, some of them members of the room ---------------------------------

type Users = Record<string, { member?: boolean; keywords?: string[] }>;

function resolve(text: string, users: Users, senderId = "sender") {
  const userByName = new Map<string, { id: string; member: boolean }>();
  const keywordMembers: { userId: string; matcher: KeywordMatcher }[] = [];
  for (const [name, u] of Object.entries(users)) {
    const id = `id:${foldName(name)}`;
    userByName.set(foldName(name), { id, member: u.member ?? true });
    if (u.keywords && (u.member ?? true))
      keywordMembers.push({ userId: id, matcher: compileKeywords(u.keywords) });
  }
  return resolveMentions(parseMessage(text), { senderId, userByName, keywordMembers });
}

/** Ids of the users mentioned by name (without the `id:` prefix). */
function mentioned(text: string, users: Users, senderId = "sender"): string[] {
  return resolve(text, users, senderId).mentions.users.map((id) => id.slice(3));
}

function keywordHit(text: string, keywords: string[]): string | null {
  return matchKeywords(parseMessage(text).searchText, compileKeywords(keywords));
}

// --- §1 usernames ---------------------------------------------------------------------------------

test("[§1] usernames are 1–32 Unicode letters, marks, digits and . _ -; group names are reserved", () => {
  for (const ok of [
    "bob",
    "josé",
    "Владимир",
    "李祖阳",
    "bob.smith",
    "dave_x-1",
    "al.",
    "ß",
    "a".repeat(32),
    "นก",
  ]) {
    assert.equal(isValidUsername(ok), true, ok);
  }
  for (const bad of [
    "",
    "a".repeat(33),
    "bob smith",
    "bob@x",
    "bob!",
    "all",
    "ALL",
    "Channel",
    "here",
    "all.",
    "here-_",
  ]) {
    assert.equal(isValidUsername(bad), false, bad);
  }
  // 32 characters counted after NFC: a decomposed é is one character.
  assert.equal(isValidUsername(`${"e\u0301".repeat(32)}`), true);
});

test("[§1] an ASCII name folds the same by the ASCII shortcut as inside a non-ASCII name", () => {
  // Each ASCII character alone (the shortcut) and before a non-ASCII letter (the general path).
  for (let c = 0; c < 0x80; c++) {
    const ch = String.fromCharCode(c);
    assert.equal(`${foldName(ch)}é`, foldName(`${ch}É`), `U+${c.toString(16)}`);
  }
  assert.equal(foldName("User.Name-42_"), "user.name-42_");
});

test("[§1] names are unique under NFC + simple case folding: José = JOSÉ, ß is not ss, ẞ is ß, Σ/ς/σ are one", () => {
  assert.equal(foldName("José"), foldName("JOSÉ"));
  assert.equal(foldName("Jose\u0301"), "josé");
  assert.equal(foldName("ẞ"), "ß");
  assert.equal(foldName("Straße"), "straße");
  assert.notEqual(foldName("strasse"), foldName("straße"));
  assert.equal(foldName("ΟΔΟΣ"), "οδοσ");
  assert.equal(foldName("οδος"), "οδοσ");
  assert.equal(foldName("Владимир"), "владимир");
  assert.equal(foldName("İ"), "İ", "İ has no simple folding (only the full one, i + dot)");
  assert.equal(foldName("ſ"), "s");
  assert.equal(foldName("K"), "k", "Kelvin sign");
});

test("[§1] simple case folding: a character and every case variant equal to it under folding fold to one character", () => {
  for (let cp = 0; cp < 0x20000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    if (c.normalize("NFC") !== c) continue;
    const f = foldName(c);
    assert.equal([...f].length, 1, `U+${cp.toString(16)}`);
    // Characters without case fold to themselves; only the ~3,000 with case need a closer look.
    if (f === c && c.toUpperCase() === c && c.toLowerCase() === c) continue;
    assert.equal(foldName(f), f, `U+${cp.toString(16)} folds to a fixed point`);
    // With the `iu` flags, JavaScript compares characters under simple case folding.
    const equalUnderFolding = new RegExp(`^[${c.replace(/[\]\\^-]/g, "\\$&")}]$`, "iu");
    assert.ok(equalUnderFolding.test(f), `U+${cp.toString(16)}`);
    for (const other of [c.toUpperCase(), c.toLowerCase()]) {
      const same = equalUnderFolding.test(other);
      if (same && [...other].length === 1 && other.normalize("NFC") === other) {
        assert.equal(foldName(other), f, `U+${cp.toString(16)} vs its case`);
      }
    }
  }
});

// --- MEN-1 ----------------------------------------------------------------------------------------

test("[MEN-1] thanks @José mentions josé, not a user named jos", () => {
  assert.deepEqual(mentioned("thanks @José", { jos: {}, josé: {} }), ["josé"]);
  assert.deepEqual(mentioned("thanks @José", { jos: {} }), []);
});

test("[MEN-1] @josé, @Владимир and @李祖阳 mention, case-insensitively and in NFC", () => {
  const users = { josé: {}, Владимир: {}, 李祖阳: {} };
  assert.deepEqual(mentioned("@JOSÉ @владимир @李祖阳 hi", users), ["josé", "владимир", "李祖阳"]);
  assert.deepEqual(mentioned("@Jose\u0301!", users), ["josé"], "decomposed é");
  assert.deepEqual(mentioned("@ВЛАДИМИР, привет", users), ["владимир"]);
});

test("[MEN-1] an @ after any character that is not a letter or digit starts a mention", () => {
  const users = { bob: {} };
  for (const text of [
    "(@bob)",
    "-@bob",
    '"@bob"',
    "«@bob»",
    "x/@bob",
    "[@bob]",
    "*@bob*",
    "**@bob**",
    "@bob",
    "hi,@bob",
  ]) {
    assert.deepEqual(mentioned(text, users), ["bob"], text);
  }
  assert.equal(parseMessage("_@here_").here, true);
  assert.equal(parseMessage("(@all)").all, true);
  for (const text of ["bob@bob", "x@bob", "李@bob", "é@bob", "1@bob"])
    assert.deepEqual(mentioned(text, users), [], text);
});

test("[MEN-1] mentioning a non-member notifies nobody and gives the sender a hint", () => {
  const r = resolve("hey @BOB and @zed and @nobody", { bob: {}, zed: { member: false } });
  assert.deepEqual(r.mentions.users, ["id:bob"]);
  assert.deepEqual(r.hints, ["zed"]);
});

test("[MEN-1][MEN-5] the sender is never in the resolved mentions or keyword hits", () => {
  const r = resolve("@bob @alice deploy", { bob: {}, alice: { keywords: ["deploy"] } }, "id:alice");
  assert.deepEqual(r.mentions.users, ["id:bob"]);
  assert.deepEqual(r.mentions.keywords, []);
});

test("[MEN-1] findMentionRuns gives the runs of one text token with their offsets", () => {
  assert.deepEqual(findMentionRuns("hi @bob. and (@Carol)"), [
    { raw: "bob.", start: 3, end: 8 },
    { raw: "Carol", start: 14, end: 20 },
  ]);
  assert.deepEqual(findMentionRuns("mail bob@x and @carol@x and @"), []);
  assert.deepEqual(findMentionRuns("@@bob"), [{ raw: "bob", start: 1, end: 5 }]);
  assert.deepEqual(
    findMentionRuns("𠀀@bob 🙂@carol"),
    [{ raw: "carol", start: 9, end: 15 }],
    "astral letter before @",
  );
});

// --- MEN-2 flags ------------------------------------------------------------------------------------

test("[MEN-2] @all and @channel set all, @here sets here, in any case and before punctuation", () => {
  for (const text of ["@all", "@ALL!", "@channel.", "(@Channel)"])
    assert.equal(parseMessage(text).all, true, text);
  for (const text of ["@here", "@HERE:", "@here..."]) assert.equal(parseMessage(text).here, true, text);
  for (const text of ["@allison", "@all-hands", "@heres", "`@all`", "all@here.com"]) {
    const p = parseMessage(text);
    assert.equal(p.all || p.here, false, text);
  }
});

// --- MEN-3 ----------------------------------------------------------------------------------------

test("[MEN-3] no mention inside code spans or fenced and indented code blocks", () => {
  const users = { bob: {}, carol: {} };
  assert.deepEqual(mentioned("`@bob` and ``x @carol``", users), []);
  assert.deepEqual(mentioned("```\n@bob\n```\n@carol", users), ["carol"]);
  assert.deepEqual(mentioned("~~~js\n@bob\n~~~", users), []);
  assert.deepEqual(mentioned("text\n\n    @bob indented\n\n@carol", users), ["carol"]);
  assert.equal(parseMessage("~~~\n@all\n~~~").all, false);
});

test("[MEN-3] a first line starting with an inline ```x``` span is not a fence: mentions below it count", () => {
  assert.deepEqual(mentioned("```x``` is the flag, @bob\n@carol please", { bob: {}, carol: {} }), [
    "bob",
    "carol",
  ]);
});

test("[MEN-3] an unmatched run of backticks is literal text and does not swallow what follows", () => {
  assert.deepEqual(mentioned("use ``` to open a block, @bob", { bob: {} }), ["bob"]);
  assert.deepEqual(mentioned("a ` b @bob ``c`` @carol", { bob: {}, carol: {} }), ["bob", "carol"]);
  assert.deepEqual(mentioned("a `` b @bob ` @carol", { bob: {}, carol: {} }), ["bob", "carol"]);
});

test("[MEN-3] a fence is closed only by a fence at least as long: a ``` line inside ```` does not close it", () => {
  const users = { bob: {}, carol: {} };
  assert.deepEqual(mentioned("````\n```\n@bob\n```\n````\n@carol", users), ["carol"]);
  assert.deepEqual(mentioned("````md\n@bob\n```\n@carol", users), [], "an unclosed fence runs to the end");
});

test("[MEN-3] no mention in link destinations, link titles, autolinked URLs or e-mail addresses", () => {
  const users = { bob: {}, carol: {}, example: {}, dave: {} };
  assert.deepEqual(mentioned('[docs](https://x.com/@bob "by @carol") @dave', users), ["dave"]);
  assert.deepEqual(mentioned("see https://x.com/@bob and www.y.org/@carol", users), []);
  assert.deepEqual(mentioned("<https://x.com/@bob> <http://y.z/@carol>", users), []);
  assert.deepEqual(mentioned("mail bob@example.com or <carol@example.com>", users), []);
  assert.deepEqual(mentioned("mail @bob@example.com", users), []);
  assert.deepEqual(mentioned("[@bob](https://x.com) is a link text: it counts", users), ["bob"]);
});

test("[MEN-3] autolinks follow GFM: see:https://x/@bob is text and mentions bob", () => {
  assert.deepEqual(mentioned("see:https://x.org/@bob", { bob: {} }), ["bob"]);
  assert.deepEqual(mentioned("a.https://x.org/@bob", { bob: {} }), ["bob"]);
  assert.deepEqual(mentioned("see:https://x/@bob", { bob: {} }), ["bob"]);
  for (const text of [
    "(https://x.org/@bob)",
    "*https://x.org/@bob*",
    "_https://x.org/@bob_",
    "~https://x.org/@bob~",
    "x https://x.org/@bob",
    "x www.x.org/@bob",
  ]) {
    assert.deepEqual(mentioned(text, { bob: {} }), [], text);
  }
  const links = (t: string) =>
    markdownTokens(t)[1]
      .children?.filter((c) => c.type === "link_open")
      .map((c) => c.attrGet("href"));
  assert.deepEqual(links("go to www.example.com/a."), ["http://www.example.com/a"]);
  assert.deepEqual(links("ftp://x.org //y.org x:www.z.org"), ["ftp://x.org"]);
  assert.deepEqual(links("write to a.b-c_d@a.b."), ["mailto:a.b-c_d@a.b"]);
  assert.deepEqual(links("not a.b@c.d- nor a@b"), []);
});

test("[MEN-3] the name is the whole run: a prefix never mentions", () => {
  assert.deepEqual(mentioned("@annabel hi", { anna: {} }), []);
  assert.deepEqual(mentioned("@李祖阳你好", { 李祖阳: {} }), []);
  assert.deepEqual(mentioned("@李祖阳 你好", { 李祖阳: {} }), ["李祖阳"]);
  assert.deepEqual(mentioned("@李祖阳，你好", { 李祖阳: {} }), ["李祖阳"]);
  assert.deepEqual(mentioned("hi @bob.smith, @carol!", { bob: {}, "bob.smith": {}, carol: {} }), [
    "bob.smith",
    "carol",
  ]);
  assert.deepEqual(mentioned("hi @bob.smith", { bob: {} }), []);
});

test("[MEN-3] trailing . - _ are dropped one at a time when no user has the name: @bob. mentions bob, al. can be mentioned", () => {
  assert.deepEqual(mentioned("thanks @bob.", { bob: {} }), ["bob"]);
  assert.deepEqual(mentioned("thanks @bob._-", { bob: {} }), ["bob"]);
  assert.deepEqual(mentioned("ask @al.", { "al.": {}, al: {} }), ["al."]);
  assert.deepEqual(mentioned("ask @al..", { "al.": {}, al: {} }), ["al."]);
  assert.deepEqual(nameCandidates("Bob._"), ["bob._", "bob.", "bob"]);
  assert.equal(
    resolveMentionName("BOB..", (n) => n === "bob"),
    "bob",
  );
  assert.equal(
    resolveMentionName("bobby", (n) => n === "bob"),
    null,
  );
  assert.deepEqual(nameCandidates(`${"a".repeat(33)}`), [], "longer than any username");
  assert.deepEqual(nameCandidates(`${"a".repeat(31)}....`), [`${"a".repeat(31)}.`, "a".repeat(31)]);
});

test("[MEN-3] names compare under NFC and simple case folding: ß is not ss", () => {
  assert.deepEqual(mentioned("@STRAẞE", { straße: {} }), ["straße"]);
  assert.deepEqual(mentioned("@strasse", { straße: {} }), []);
  assert.deepEqual(mentioned("@ΟΔΟΣ", { οδος: {} }), ["οδοσ"]);
});

test("[MEN-3][SUP-6] an @ right before an e-mail address is an @address mention, not a name", () => {
  const p = parseMessage("ping @bob and @Carol@Example.com please");
  assert.deepEqual(p.names, ["bob"]);
  assert.deepEqual(p.emails, ["carol@example.com"]);
  assert.deepEqual(parseMessage("mail carol@example.com").emails, [], "without @ it is just an address");
  assert.deepEqual(parseMentions("ping @bob and @carol@example.com", { emails: true }).emails, [
    "carol@example.com",
  ]);
  assert.deepEqual(parseMentions("ping @bob and @carol@example.com").emails, []);
});

test("[MEN-3] raw HTML is text: never rendered, and a name written in it still mentions", () => {
  const tokens = markdownTokens("<b>@bob</b>");
  assert.equal(JSON.stringify(tokens).includes("html_inline"), false);
  assert.deepEqual(mentioned("<b>@bob</b>", { bob: {} }), ["bob"]);
});

// --- MEN-4 ----------------------------------------------------------------------------------------

test("[MEN-4] keywords match whole words case-insensitively: deploy matches deploy.sh, not redeploy", () => {
  assert.equal(keywordHit("The Deploy is done", ["deploy"]), "deploy");
  assert.equal(keywordHit("run deploy.sh now", ["deploy"]), "deploy");
  assert.equal(keywordHit("redeploy it", ["deploy"]), null);
  assert.equal(keywordHit("deployment", ["deploy"]), null);
  assert.equal(keywordHit("deploy_all", ["deploy"]), null, "_ is a word character");
  assert.equal(keywordHit("deploy2", ["deploy"]), null);
  assert.equal(keywordHit("re**deploy**", ["deploy"]), null, "emphasis does not split a word");
  assert.equal(keywordHit("(deploy)", ["deploy"]), "deploy");
});

test("[MEN-4] matching uses NFC and simple case folding; the keyword comes back as saved", () => {
  assert.equal(keywordHit("café au lait", ["Cafe\u0301"]), "Cafe\u0301");
  assert.equal(keywordHit("CAFE\u0301 time", ["café"]), "café");
  assert.equal(keywordHit("die STRASSE", ["straße"]), null, "ß is not ss");
  assert.equal(keywordHit("die STRAẞE", ["straße"]), "straße");
  assert.equal(keywordHit("ΟΔΟΣ", ["οδος"]), "οδος", "final sigma");
  assert.equal(keywordHit("Release   Train\nleaves", ["release train"]), "release train");
  assert.equal(
    keywordHit("release\ntrain", ["release train"]),
    "release train",
    "a line break is whitespace",
  );
  assert.equal(keywordHit("a b", ["  ", ""]), null);
  assert.equal(keywordHit("C++ and c# (.NET)", ["c++", ".net"]), "c++");
  assert.equal(keywordHit("x .NET y", ["c++", ".net"]), ".net");
});

test("[MEN-4] Han, Kana, Hangul and Thai keywords match inside a run of text", () => {
  assert.equal(keywordHit("我爱吃番茄炒饭", ["番茄"]), "番茄");
  assert.equal(keywordHit("이메일을 보냈어요", ["이메일"]), "이메일");
  assert.equal(keywordHit("東京都に行く", ["東京"]), "東京");
  assert.equal(keywordHit("カタカナのテスト", ["テスト"]), "テスト");
  assert.equal(keywordHit("ฉันชอบกินข้าวมาก", ["กินข้าว"]), "กินข้าว");
  // Only the side whose edge is in such a script is open: the Latin side still needs a boundary.
  assert.equal(keywordHit("我用app2", ["用app"]), null);
  assert.equal(keywordHit("我用app。", ["用app"]), "用app");
  assert.equal(keywordHit("Xdeploy番茄", ["deploy番茄"]), null);
});

test("[MEN-4] never inside code, link destinations, URLs, e-mail addresses or emoji shortcodes", () => {
  assert.equal(keywordHit("`deploy`", ["deploy"]), null);
  assert.equal(keywordHit("```\ndeploy\n```", ["deploy"]), null);
  assert.equal(keywordHit("    deploy", ["deploy"]), null);
  assert.equal(keywordHit("[docs](https://x.com/deploy 'deploy')", ["deploy"]), null);
  assert.equal(keywordHit("see https://deploy.example.com/x", ["deploy"]), null);
  assert.equal(keywordHit("see www.deploy.org", ["deploy"]), null);
  assert.equal(keywordHit("mail deploy@example.com", ["deploy"]), null);
  assert.equal(keywordHit("nice :smile: work", ["smile"]), null);
  assert.equal(keywordHit("please smile :tada:", ["smile"]), "smile");
  assert.equal(keywordHit("[deploy](https://x.com)", ["deploy"]), "deploy", "a link's text counts");
  assert.equal(keywordHit("![deploy](x.png)", ["deploy"]), null, "an image's alt text is not read");
});

test("[MEN-4] the word-index matcher answers like the plain keyword expression (seeded, 3,000 cases)", () => {
  let seed = 42;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const ALPHABET = [
    "a",
    "b",
    "é",
    "Σ",
    "σ",
    "ς",
    "ß",
    "番",
    "茄",
    "이",
    "1",
    "_",
    ".",
    "-",
    " ",
    "\n",
    "+",
    ":",
  ];
  const pick = (len: number) => Array.from({ length: len }, () => ALPHABET[next(ALPHABET.length)]).join("");
  for (let k = 0; k < 3000; k++) {
    const text = pick(4 + next(24));
    const keywords = Array.from({ length: 1 + next(3) }, () =>
      next(2) === 0 ? text.slice(next(text.length), next(text.length) + 1 + next(4)) : pick(1 + next(4)),
    );
    const searchText = parseMessage(text).searchText;
    const m = compileKeywords(keywords);
    const viaRegex = m.regex?.exec(searchText) ?? null;
    const hit = matchKeywords(searchText, m);
    assert.equal(hit !== null, viaRegex !== null, JSON.stringify({ text, keywords }));
    if (hit !== null)
      assert.ok(compileKeywords([hit]).regex?.test(searchText), JSON.stringify({ text, hit }));
  }
});

test("[MEN-4] a keyword user already mentioned by name is mentioned, not also a keyword hit", () => {
  const r = resolve("@bob the outage again", {
    bob: { keywords: ["outage"] },
    carol: { keywords: ["OUTAGE"] },
  });
  assert.deepEqual(r.mentions.users, ["id:bob"]);
  assert.deepEqual(r.mentions.keywords, [["id:carol", "OUTAGE"]]);
});

test("[MEN-4] members sharing one matcher all get the hit, from one run of it", () => {
  const shared = compileKeywords(["outage"]);
  let runs = 0;
  // Counts how often the matcher's words are read, i.e. how often it is run against the message.
  class CountingWords extends Map<string, number> {
    override [Symbol.iterator](): MapIterator<[string, number]> {
      runs++;
      return super[Symbol.iterator]();
    }
  }
  const counting: KeywordMatcher = { ...shared, words: new CountingWords(shared.words) };
  const r = resolveMentions(parseMessage("outage!"), {
    senderId: "x",
    userByName: new Map(),
    keywordMembers: [
      { userId: "a", matcher: counting },
      { userId: "b", matcher: counting },
    ],
  });
  assert.deepEqual(r.mentions.keywords, [
    ["a", "outage"],
    ["b", "outage"],
  ]);
  assert.equal(runs, 1);
});

test("[MEN-4][PRF-7] a keyword match counts like a personal mention in the engine", () => {
  const snap = room([member("alice"), member("bob", { account: { keywords: ["outage"] } })]);
  const d = decide(msg("OUTAGE in eu-west"), snap, NOW);
  assert.equal(triggerOf(d, 1), T.keyword);
  assert.ok(
    channelsOf(d, 1) & BIT.pushScheduled || channelsOf(d, 1) & BIT.push,
    "counts like a personal mention",
  );
});

// --- DSK-4 ----------------------------------------------------------------------------------------

test("[DSK-4] the first line is plain text with the Markdown syntax removed", () => {
  const first = (t: string) => parseMessage(t).firstLine;
  assert.equal(
    first("**Deploy** is _done_, see [the log](https://x.com/log)\nmore"),
    "Deploy is done, see the log",
  );
  assert.equal(first("# Release `v2` ~~today~~"), "Release v2 today");
  assert.equal(first("\n\n> quoted @bob\n\nnext"), "quoted @bob");
  assert.equal(first("- one\n- two"), "one");
  assert.equal(first("```js\n\nconst x = 1;\n```"), "const x = 1;");
  assert.equal(first("![a cat](cat.png) look"), "a cat look");
  assert.equal(first("<b>bold</b> &amp; more"), "<b>bold</b> & more", "HTML stays text");
  assert.equal(first("see https://x.com/a_b_ ok"), "see https://x.com/a_b_ ok");
  assert.equal(first("| a | b |\n|---|---|\n| 1 | 2 |"), "a | b");
  assert.equal(first("line one  \nline two"), "line one");
  assert.equal(first(""), "");
  const long = "word ".repeat(100);
  assert.equal(first(long), long.trim(), "the caller cuts it to length");
});

// --- revision-1 wrappers ------------------------------------------------------------------------------

test("[MEN-3] the deprecated parseMentions/stripCode/matchCompiled give revision 2's answers", () => {
  assert.deepEqual(parseMentions("thanks @José, @bob. and `@carol`").usernames, ["josé", "bob.", "bob"]);
  assert.equal(parseMentions("-@all").all, true);
  const m = compileKeywords(["smile", "番茄"]);
  assert.equal(matchCompiled(stripCode("`smile` :smile:"), m), null);
  assert.equal(matchCompiled(stripCode("我爱吃番茄炒饭"), m), "番茄");
});

// --- engine: group mentions, sender, ignore, restriction --------------------------------------------

test("[MEN-1] in the engine, @username mentions a member case-insensitively; a non-member is reported for the hint", () => {
  const snap = room([member("alice"), member("bob")]);
  const d = decide(msg("hey @BOB, and @zed"), snap, NOW);
  assert.equal(triggerOf(d, 1), T.mention);
  assert.deepEqual(d.unknownMentions, ["zed"]);
  assert.deepEqual(parseMentions("@Bob @bob").usernames, ["bob"]);
});

test("[MEN-2] @all and @channel mention every member but the sender; @here only online members", () => {
  const snap = room([member("alice"), member("bob", { presence: "active" }), member("carol")]);
  for (const text of ["@all hi", "@channel hi"]) {
    const d = decide(msg(text), snap, NOW);
    assert.equal(triggerOf(d, 0), T.none);
    assert.equal(triggerOf(d, 1), T.group);
    assert.equal(triggerOf(d, 2), T.group);
  }
  const h = decide(msg("@here standup"), snap, NOW);
  assert.equal(triggerOf(h, 1), T.group, "bob is online");
  assert.equal(triggerOf(h, 2), T.all, "carol is offline");
});

test("[MEN-2] @here skips members who are away, invisible or idle past their limit", () => {
  const snap = room([
    member("alice"),
    member("away", { presence: "active", manual: "away" }),
    member("invisible", { presence: "active", manual: "invisible" }),
    member("idle", { presence: "idle" }),
  ]);
  const d = decide(msg("@here"), snap, NOW);
  for (const i of [1, 2, 3]) assert.equal(triggerOf(d, i), T.all);
});

test("[MEN-5] the sender is never notified by their own message", () => {
  const snap = room([
    member("alice", { account: { keywords: ["hi"], desktop: "all" }, presence: "active" }),
    member("bob"),
  ]);
  const d = decide(msg("hi @alice @all"), snap, NOW);
  assert.equal(triggerOf(d, 0), T.none);
  assert.equal(channelsOf(d, 0), 0);
  assert.equal(explain(msg("hi"), snap, 0, NOW).triggerReasons[0].rule, "MEN-5");
});

test("[MEN-6] a user who ignores the sender gets nothing on any channel", () => {
  const snap = room([member("alice"), member("bob", { ignores: ["alice"], presence: "active" })]);
  const ev = msg("@bob look");
  const d = decide(ev, snap, NOW);
  assert.equal(triggerOf(d, 1), T.mention);
  assert.equal(channelsOf(d, 1), 0);
  const e = explain(ev, snap, 1, NOW);
  for (const c of Object.values(e.channels)) assert.equal(c.reasons[0].rule, "MEN-6");
});

test("[MEN-7][PRV-9] @all/@here above N members is restricted to admins when PRV-9 is set", () => {
  const members = [member("alice"), member("bob"), member("carol"), member("root", { role: "admin" })];
  const snap = room(members, "channel", { restrictGroupMentionsAbove: 3 });
  const d = decide(msg("@all"), snap, NOW);
  assert.equal(d.groupRestricted, true);
  assert.equal(triggerOf(d, 1), T.all);
  const admin = decide({ ...msg("@all", { from: "root" }), senderRole: "admin" }, snap, NOW);
  assert.equal(triggerOf(admin, 1), T.group);
  const small = room(members, "channel", { restrictGroupMentionsAbove: 10 });
  assert.equal(triggerOf(decide(msg("@all"), small, NOW), 1), T.group);
});

test("[MEN-7] without PRV-9 there is no member limit: @all in a 5,000-member room reaches everyone", () => {
  const members = Array.from({ length: 5000 }, (_, i) => member(`u${i}`));
  const d = decide(msg("@all", { from: "u0" }), room(members), NOW);
  let group = 0;
  for (let i = 0; i < 5000; i++) if (triggerOf(d, i) === T.group) group++;
  assert.equal(group, 4999);
});

test("[MEN-4] a room's members matched through the word index get exactly what each one's own matcher says", () => {
  const lists = [
    ["deploy", "kw1"],
    ["kw2", "deploy"],
    ["rollout plan", "deploy"],
    ["番茄"],
    ["c++", "green"],
    ["green"],
    [],
    ["Straße"],
  ];
  const members = lists.map((l, i) => ({ userId: `u${i}`, matcher: compileKeywords(l) }));
  members.push({ userId: "u8", matcher: members[5].matcher }); // a shared list
  const texts = [
    "kw2 then deploy",
    "the rollout plan: deploy at noon",
    "我爱吃番茄炒饭 and green c++",
    "STRASSE und straße",
    "nothing here",
    "deploy, kw1",
  ];
  for (const text of texts) {
    const { searchText } = parseMessage(text);
    const got = matchMembersKeywords(searchText, members);
    const want = new Map<number, string>();
    members.forEach((m, i) => {
      const hit = matchKeywords(searchText, m.matcher);
      if (hit !== null) want.set(i, hit);
    });
    assert.deepEqual(new Map([...got].sort((a, b) => a[0] - b[0])), want, text);
  }
});

test("[MEN-4] property: the word index answers what each member's own matcher says, on ASCII and other texts", () => {
  const words = [
    "deploy",
    "Deploy",
    "DEPLOY",
    "kw1",
    "kw2",
    "kw10",
    "green",
    "c++",
    "rollout",
    "plan",
    "straße",
    "naïve",
  ];
  const lists = fc.array(fc.array(fc.constantFrom(...words, "rollout plan", "番茄"), { maxLength: 4 }), {
    minLength: 1,
    maxLength: 12,
  });
  const piece = fc.oneof(
    fc.constantFrom(...words, "番茄", "我爱吃番茄炒饭", "kw1_x", "x_kw1", "kw1kw2"),
    fc.constantFrom(" ", "  ", ", ", ".", "-", "_", "\n", "(", ")", ":", "/", "é", "0"),
    fc.string({ maxLength: 4 }),
  );
  fc.assert(
    fc.property(lists, fc.array(piece, { maxLength: 16 }), (ls, pieces) => {
      const members = ls.map((l, i) => ({ userId: `u${i}`, matcher: compileKeywords(l) }));
      const { searchText } = parseMessage(pieces.join(""));
      const got = matchMembersKeywords(searchText, members);
      const want = new Map<number, string>();
      members.forEach((m, i) => {
        const hit = matchKeywords(searchText, m.matcher);
        if (hit !== null) want.set(i, hit);
      });
      assert.deepEqual(new Map([...got].sort((a, b) => a[0] - b[0])), want, searchText);
    }),
    { numRuns: 200 },
  );
});

test("[MEN-4] a room's one-word keywords are matched against an ASCII message without running a regex over it", () => {
  // The post path matches every message of a keyword room: the common ASCII message is scanned once, its
  // words looked up in the room's index — no folded copy of the text matched with the Unicode word regex.
  const members = Array.from({ length: 1000 }, (_, i) => ({
    userId: `m${i}`,
    matcher: compileKeywords(["deploy", `kw${i}`]),
  }));
  // As the post path passes it: parseMessage's search text (a left-out piece is U+FFFC, e.g. at its end).
  const search = (text: string) => parseMessage(text).searchText;
  matchMembersKeywords(search("warm the index"), members);
  const texts = [
    "message 17 hello team",
    "message 18 hello team KW7, deploy `code`",
    "message 19 hello team kw7",
  ].map(search);
  const proto = RegExp.prototype as unknown as Record<symbol, (...a: unknown[]) => unknown>;
  const counted = [Symbol.matchAll, Symbol.match, Symbol.replace, Symbol.split, Symbol.search] as const;
  const saved = counted.map((k) => proto[k]);
  let regexRuns = 0;
  const savedExec = RegExp.prototype.exec;
  try {
    counted.forEach((k, i) => {
      proto[k] = function (this: RegExp, ...a: unknown[]) {
        regexRuns++;
        return saved[i].apply(this, a);
      };
    });
    RegExp.prototype.exec = function (this: RegExp, s: string) {
      regexRuns++;
      return savedExec.call(this, s);
    };
    assert.equal(matchMembersKeywords(texts[0], members).size, 0);
    const hits = matchMembersKeywords(texts[1], members);
    assert.equal(hits.size, 1000);
    assert.equal(hits.get(0), "deploy");
    assert.equal(hits.get(7), "kw7");
    assert.equal(matchMembersKeywords(texts[2], members).get(7), "kw7");
  } finally {
    counted.forEach((k, i) => {
      proto[k] = saved[i];
    });
    RegExp.prototype.exec = savedExec;
  }
  assert.equal(regexRuns, 0);
});
