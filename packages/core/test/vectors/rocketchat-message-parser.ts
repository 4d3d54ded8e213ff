// Rocket.Chat message-parser: mention and e-mail tables.
import type { Vector } from "./vector.ts";

const MENTION = "RocketChat/Rocket.Chat packages/message-parser/tests/mention.test.ts";
const EMAIL = "RocketChat/Rocket.Chat packages/message-parser/tests/email.test.ts";
const FEDERATED =
  "upstream mentions the federated name with `:server`; §1 usernames have no `:`, so the run ends there (MEN-3)";
const GFM_EMAIL = "upstream links it; GFM's e-mail autolink is ASCII only (MEN-3)";
const GFM_DOMAIN =
  "upstream: not a link (unknown TLD); a GFM e-mail autolink needs only a dotted domain (MEN-3)";

const mention = (text: string, name: string, extra: Partial<Vector> = {}): Vector => ({
  source: MENTION,
  test: `parses ${JSON.stringify(text)}`,
  rule: "MEN-1",
  text,
  users: { [name]: {} },
  expect: { mentions: [name.toLowerCase()] },
  ...extra,
});

const email = (text: string, links: string[], differs?: string): Vector => ({
  source: EMAIL,
  test: `parses ${JSON.stringify(text)}`,
  rule: "MEN-3",
  text,
  users: { joe: {}, stuff: {}, example: {} },
  expect: { links, mentions: [], emails: [] },
  ...(differs ? { differs } : {}),
});

export const vectors: Vector[] = [
  mention("@guilherme.gazzo", "guilherme.gazzo"),
  mention("@guilherme.gazzo. ", "guilherme.gazzo", { rule: "MEN-3" }),
  {
    source: MENTION,
    test: 'parses "@guilherme.gazzo. "',
    rule: "MEN-3",
    text: "@guilherme.gazzo. ",
    users: { "guilherme.gazzo.": {}, "guilherme.gazzo": {} },
    expect: { mentions: ["guilherme.gazzo."] },
  },
  {
    source: MENTION,
    test: 'parses "#GENERAL"',
    rule: "MEN-1",
    text: "#GENERAL",
    users: { general: {} },
    expect: {},
  },
  mention("@user:server.com", "user", { rule: "MEN-3", differs: FEDERATED }),
  mention("@marcos.defendi:matrix.org", "marcos.defendi", { rule: "MEN-3", differs: FEDERATED }),
  {
    source: MENTION,
    test: 'parses "@username@example.com"',
    rule: "MEN-3",
    text: "@username@example.com",
    users: { username: {}, example: {} },
    expect: { mentions: [], emails: ["username@example.com"] },
  },
  {
    source: MENTION,
    test: 'parses "@099fnd2ee@example.com"',
    rule: "MEN-3",
    text: "@099fnd2ee@example.com",
    users: { "099fnd2ee": {} },
    expect: { mentions: [], emails: ["099fnd2ee@example.com"] },
  },
  mention("@téstãçâò", "téstãçâò"),
  mention("@te\u0301sta\u0303c\u0327a\u0302o\u0300", "téstãçâò", {
    test: 'parses "@téstãçâò" (typed decomposed)',
  }),
  mention("@สมชาย", "สมชาย"),
  mention("@李祖阳", "李祖阳"),
  mention("@あおい", "あおい"),
  mention("@アオイ", "アオイ"),
  mention("@Владимир", "Владимир"),
  mention("@Кириллица", "Кириллица"),
  mention("test @Кириллица test", "Кириллица"),

  email("joe@joe.com", ["mailto:joe@joe.com"]),
  email("joe@joe.com is Joe's email", ["mailto:joe@joe.com"]),
  email("Joe's email is joe@joe.com because it is", ["mailto:joe@joe.com"]),
  email("Joe's email is joe@joe.com", ["mailto:joe@joe.com"]),
  email("Joe's email is joe@joe.com. Try emailing him", ["mailto:joe@joe.com"]),
  email("Joe's email is joe.smith@joe.com", ["mailto:joe.smith@joe.com"]),
  email("Joe's email is JOE@JOE.COM", ["mailto:JOE@JOE.COM"]),
  email("Joe's email is (joe@joe.com)", ["mailto:joe@joe.com"]),
  email("Joe's email is (joe_roe@joe.com)", ["mailto:joe_roe@joe.com"]),
  email(
    "Joe's email is (joe'roe@joe.com)",
    ["mailto:roe@joe.com"],
    "upstream links joe'roe@joe.com; a GFM e-mail autolink has no ' in its local part (MEN-3)",
  ),
  email("Joe's email is mañana@mañana.com", [], GFM_EMAIL),
  email("Joe's email is Кириллица@Кириллица.com", [], GFM_EMAIL),
  email("Hi there@stuff", []),
  email("My email is busueng.kim@aaa.com", ["mailto:busueng.kim@aaa.com"]),
  email("My email is mailto:asdf@asdf.com", ["mailto:asdf@asdf.com"]),
  email("My email is fake@gmail.c", ["mailto:fake@gmail.c"], GFM_DOMAIN),
  email("My email is fake@gmail.comf", ["mailto:fake@gmail.comf"], GFM_DOMAIN),
];
