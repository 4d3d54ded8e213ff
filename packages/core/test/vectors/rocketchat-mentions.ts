// Rocket.Chat: messageContainsHighlight and the mentions parser (client and server) tables.
import type { Vector } from "./vector.ts";

const HIGHLIGHT =
  "RocketChat/Rocket.Chat apps/meteor/tests/unit/app/lib/server/functions/notifications/messageContainsHighlight.tests.ts";
const CLIENT = "RocketChat/Rocket.Chat apps/meteor/tests/unit/app/mentions/client.tests.js";
const SERVER = "RocketChat/Rocket.Chat apps/meteor/tests/unit/app/mentions/server.tests.js";

const highlight = (test: string, text: string, keywords: string[], hit: string | null): Vector => ({
  source: HIGHLIGHT,
  test,
  rule: "MEN-4",
  text,
  users: { me: { keywords } },
  expect: { keywords: hit === null ? [] : [["me", hit]] },
});

const WORKSPACE = { "rocket.cat": {}, jon: {}, me: {} };

const user = (test: string, text: string, expect: Vector["expect"], extra: Partial<Vector> = {}): Vector => ({
  source: CLIENT,
  test,
  rule: "MEN-1",
  text,
  users: WORKSPACE,
  expect,
  ...extra,
});

const server = (
  test: string,
  text: string,
  expect: Vector["expect"],
  extra: Partial<Vector> = {},
): Vector => ({
  source: SERVER,
  test,
  rule: "MEN-2",
  text,
  users: { "rocket.cat": {}, jon: {} },
  expect,
  ...extra,
});

const TRAILING =
  "upstream skips this test (its parser keeps the trailing character in the name); MEN-3 drops trailing . - _ when no user has the longer name";

export const vectors: Vector[] = [
  highlight("should return false for no highlights", "regular message", [], null),
  highlight(
    "should return true when find a highlight in the beggining of the message",
    "highlighted regular message",
    ["highlighted"],
    "highlighted",
  ),
  highlight(
    "should return true when find a highlight in the end of the message",
    "highlighted regular message",
    ["message"],
    "message",
  ),
  highlight(
    "should return false if the highlight is just part of the word",
    "highlighted regular message",
    ["light"],
    null,
  ),
  highlight(
    "should return true if find one of the multiple highlights",
    "highlighted regular message",
    ["high", "ssage", "regular", "light"],
    "regular",
  ),
  highlight(
    "should return true if highlight case not match",
    "highlighted regular message",
    ["ReGuLaR"],
    "ReGuLaR",
  ),
  highlight(
    "should return false if the highlight word is an emoji",
    "highlighted :thumbsup: message",
    ["thumbsup"],
    null,
  ),
  highlight(
    "should return true for a highlight word beggining with :",
    "highlighted :thumbsup message",
    ["thumbsup"],
    "thumbsup",
  ),
  highlight(
    "should return true for a highlight word ending with :",
    "highlighted thumbsup: message",
    ["thumbsup"],
    "thumbsup",
  ),
  highlight(
    "should return true when find a cyrillic highlight in the end of the message",
    "highlighted regular Привет",
    ["Привет"],
    "Привет",
  ),
  highlight(
    "should return true when find a cyrillic highlight in the beginning of the message",
    "Привет highlighted regular",
    ["Привет"],
    "Привет",
  ),
  highlight(
    "should return true when find a cyrillic highlight in the middle of the message",
    "highlighted Привет regular",
    ["Привет"],
    "Привет",
  ),
  highlight(
    "should return true when find a cyrillic highlight in the middle of the message (other case)",
    "highlighted ПРИВЕТ regular",
    ["Привет"],
    "Привет",
  ),

  user("getUserMentions for simple text, no mentions", "#rocket.cat", {}),
  user("getUserMentions for simple text, no mentions", "hello rocket.cat how are you?", {}),
  ...[
    "@rocket.cat",
    " @rocket.cat ",
    "hello @rocket.cat",
    "@rocket.cat, hello",
    "@rocket.cat,hello",
    "hello @rocket.cat how are you?",
  ].map((text) => user("getUserMentions for one user", text, { mentions: ["rocket.cat"] })),
  user(
    "getUserMentions for one user (case left out upstream)",
    "hello,@rocket.cat",
    { mentions: ["rocket.cat"] },
    {
      differs:
        "upstream leaves `hello,@rocket.cat` out (message-box behaviour); MEN-1: an @ after `,` starts a mention",
    },
  ),
  ...["@rocket.cat.", "@rocket.cat_", "@rocket.cat-"].map((text) =>
    user(
      `should return without the trailing character from "${text}"`,
      text,
      { mentions: ["rocket.cat"] },
      { rule: "MEN-3", differs: TRAILING },
    ),
  ),
  ...[
    "@rocket.cat @all",
    " @rocket.cat @all ",
    "hello @rocket.cat and @all",
    "@rocket.cat, hello @all",
    "hello @rocket.cat and @all how are you?",
  ].map((text) => user("getUserMentions for two users", text, { mentions: ["rocket.cat"], all: true })),
  user("getChannelMentions for simple text, no mentions", "@rocket.cat", { mentions: ["rocket.cat"] }),
  user(
    "getChannelMentions for url with fragments",
    "http://localhost/#general",
    { links: [] },
    {
      rule: "MEN-3",
      differs:
        "upstream treats it as a URL; a GFM autolink's domain needs a period, so this is plain text (MEN-3)",
    },
  ),
  user("getChannelMentions for messages with url and channels", "http://example.com/#general #general", {
    links: ["http://example.com/#general"],
  }),
  user("replaceUsers should render for @all", "@all", { all: true }),
  user('replaceUsers should render for "@rocket.cat"', "@rocket.cat", { mentions: ["rocket.cat"] }),
  user('replaceUsers should render for "hello @rocket.cat"', "hello @rocket.cat", {
    mentions: ["rocket.cat"],
  }),
  user('replaceUsers should render for unknow/private user "hello @unknow"', "hello @unknow", {
    unknown: ["unknow"],
  }),
  user("replaceUsers should render for me", "hello @me", { mentions: ["me"] }),
  user(
    'replaceUsers (RealNames) should render for "hello<br>@rocket.cat <br>"',
    "hello<br>@rocket.cat <br>",
    { mentions: ["rocket.cat"] },
    { rule: "MEN-3" },
  ),
  user('parse all should render for "#general and @rocket.cat"', "#general and @rocket.cat", {
    mentions: ["rocket.cat"],
  }),
  user('parse all should render for ""', "", {}),
  user('parse all should render for "simple text"', "simple text", {}),
  {
    source: CLIENT,
    test: "replaceUsers should render for me (the sender's own name)",
    rule: "MEN-5",
    text: "hello @sender",
    users: { sender: {} },
    expect: { mentions: [] },
  },

  server(
    "getUsersByMentions for @all but the number of users is greater than messageMaxAll should return nothing",
    "@all",
    { all: true },
    {
      rule: "MEN-7",
      differs: "upstream returns nothing above Message_MaxAll members; MEN-7: there is no member limit",
    },
  ),
  server('getUsersByMentions for one user should return "all"', "@all", { all: true }),
  server('getUsersByMentions for one user should return "here"', "@here", { here: true }),
  server(
    'getUsersByMentions for one user should return "rocket.cat"',
    "@rocket.cat",
    { mentions: ["rocket.cat"] },
    { rule: "MEN-1" },
  ),
  server('getUsersByMentions for two user should return "all and here"', "@all @here", {
    all: true,
    here: true,
  }),
  server('getUsersByMentions for two user should return "here and rocket.cat"', "@here @rocket.cat", {
    here: true,
    mentions: ["rocket.cat"],
  }),
  server('getUsersByMentions for two user should return "here, rocket.cat, jon"', "@here @rocket.cat @jon", {
    here: true,
    mentions: ["rocket.cat", "jon"],
  }),
  server(
    'getUsersByMentions for an unknow user should return "nothing"',
    "@unknow",
    { unknown: ["unknow"] },
    { rule: "MEN-1" },
  ),
];
