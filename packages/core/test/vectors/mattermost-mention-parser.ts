// Mattermost server/channels/app/mention_parser_standard_test.go: TestIsKeywordMultibyte,
// TestCheckForMentionUsers and TestProcessText.
import type { Vector } from "./vector.ts";

const SRC = "mattermost/mattermost server/channels/app/mention_parser_standard_test.go";

const multibyte = (
  test: string,
  text: string,
  keywords: Record<string, string[]>,
  hits: [string, string][],
): Vector => ({
  source: SRC,
  test: `TestIsKeywordMultibyte/${test}`,
  rule: "MEN-4",
  text,
  users: Object.fromEntries(Object.entries(keywords).map(([u, k]) => [u, { keywords: k }])),
  expect: { keywords: hits },
});

// 500 other members whose keywords match nothing, as in upstream's withFillerKeywords.
const FILLER: Record<string, string[]> = Object.fromEntries(
  Array.from({ length: 500 }, (_, i) => [`filler${i}`, ["f3a9c1d2e4b5a6c7d8e9f0a1b2c3d4e5"]]),
);

const word = (test: string, text: string, users: Vector["users"], expect: Vector["expect"]): Vector => ({
  source: SRC,
  test: `TestCheckForMentionUsers/${test}`,
  rule: expect.all || expect.here ? "MEN-2" : "MEN-1",
  text,
  users,
  expect,
});

const processText = (
  test: string,
  text: string,
  users: Vector["users"],
  expect: Vector["expect"],
  differs?: string,
): Vector => ({
  source: SRC,
  test: `TestProcessText/${test}`,
  rule: "MEN-1",
  text,
  users,
  expect,
  ...(differs ? { differs } : {}),
});

const NO_GROUPS =
  "upstream mentions the user group `engineering`; Herald has no user groups (§1), so it is a name no user has";

export const vectors: Vector[] = [
  multibyte("MultibyteCharacter", "My name is 萌", { u1: ["萌"] }, [["u1", "萌"]]),
  multibyte("MultibyteCharacterWithNoUser", "My name is 萌", {}, []),
  multibyte("MultibyteCharacterAtBeginningOfSentence", "이메일을 보내다.", { u1: ["이메일"] }, [
    ["u1", "이메일"],
  ]),
  multibyte("MultibyteCharacterInPartOfSentence", "我爱吃番茄炒饭", { u1: ["番茄"] }, [["u1", "番茄"]]),
  multibyte("MultibyteCharacterAtEndOfSentence", "こんにちは、世界", { u1: ["世界"] }, [["u1", "世界"]]),
  multibyte("MultibyteCharacterTwiceInSentence", "石橋さんが石橋を渡る", { u1: ["石橋"] }, [["u1", "石橋"]]),
  multibyte(
    "MultibyteCharacterAlongsideManySingleByteKeywords",
    "我爱吃番茄炒饭",
    { u1: ["番茄"], ...FILLER },
    [["u1", "番茄"]],
  ),
  multibyte("MultibyteCharacterWithOnlySingleByteKeywords", "我爱吃番茄炒饭", { u1: ["tomato"] }, []),
  multibyte("SingleByteWordWithOnlyMultibyteKeywords", "the quick brown fox", { u1: ["番茄"] }, []),
  multibyte(
    "MultipleMultibyteKeywordsWhereOnlyOneMatches",
    "我爱吃番茄炒饭",
    { u1: ["番茄"], u2: ["世界"] },
    [["u1", "番茄"]],
  ),

  word("Nobody", "nothing", {}, {}),
  word("UppercaseUser1", "@User", { user: {} }, { mentions: ["user"] }),
  word("LowercaseUser1", "@user", { user: {} }, { mentions: ["user"] }),
  word("LowercaseUser2", "@user2", { user: {}, user2: {} }, { mentions: ["user2"] }),
  word("UppercaseUser2", "@UsEr2", { user: {}, user2: {} }, { mentions: ["user2"] }),
  word("HereMention", "@here", {}, { here: true }),
  word("ChannelMention", "@channel", {}, { all: true }),
  word("AllMention", "@all", {}, { all: true }),
  word("UppercaseHere", "@HeRe", {}, { here: true }),
  word("UppercaseChannel", "@ChaNNel", {}, { all: true }),
  word("UppercaseAll", "@ALL", {}, { all: true }),

  processText("Mention user in text", "hello user @user1", { user1: {} }, { mentions: ["user1"] }),
  processText(
    "Mention user after ending a sentence with full stop",
    "hello user.@user1",
    { user1: {} },
    { mentions: ["user1"] },
  ),
  processText("Mention user after hyphen", "hello user-@user1", { user1: {} }, { mentions: ["user1"] }),
  processText("Mention user after colon", "hello user:@user1", { user1: {} }, { mentions: ["user1"] }),
  processText("Mention here after colon", "hello all:@here", {}, { here: true }),
  processText("Mention all after hyphen", "hello all-@all", {}, { all: true }),
  processText("Mention channel after full stop", "hello channel.@channel", {}, { all: true }),
  processText(
    "Mention other potential users or system calls",
    "hello @potentialuser and @otherpotentialuser",
    {},
    {
      unknown: ["potentialuser", "otherpotentialuser"],
    },
  ),
  processText(
    "Mention a real user and another potential user",
    "@user1, you can use @systembot to get help",
    { user1: {} },
    {
      mentions: ["user1"],
      unknown: ["systembot"],
    },
  ),
  processText("Mention a group", "@engineering", { user1: {} }, { unknown: ["engineering"] }, NO_GROUPS),
  processText(
    "Mention a real user and another potential user and a group",
    "@engineering @user1, you can use @systembot to get help from",
    { user1: {} },
    { mentions: ["user1"], unknown: ["engineering", "systembot"] },
    NO_GROUPS,
  ),
];
