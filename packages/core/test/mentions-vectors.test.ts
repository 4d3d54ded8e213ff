// Ported unit-test tables of Rocket.Chat and Mattermost and the GFM spec's autolink examples, run as data against core's parser (MEN-1 … MEN-5).
import assert from "node:assert/strict";
import { test } from "node:test";
import { vectors as gfm } from "./vectors/gfm-autolinks.ts";
import { vectors as mattermostParser } from "./vectors/mattermost-mention-parser.ts";
import { vectors as mattermostNotification } from "./vectors/mattermost-notification.ts";
import { vectors as rocketChatMentions } from "./vectors/rocketchat-mentions.ts";
import { vectors as rocketChatParser } from "./vectors/rocketchat-message-parser.ts";
import { expectedShape, run, title } from "./vectors/vector.ts";

const all = [
  ...gfm,
  ...rocketChatParser,
  ...rocketChatMentions,
  ...mattermostNotification,
  ...mattermostParser,
];

for (const v of all) {
  test(title(v), () => {
    const { actual, expected } = expectedShape(v, run(v));
    assert.deepEqual(actual, expected);
  });
}

test("[MEN-3] every vector names its upstream file and test, and every difference names a rule", () => {
  assert.ok(all.length >= 200, `${all.length} vectors`);
  for (const v of all) {
    assert.match(v.source, /^[\w.-]+\/[\w.-]+ \S+\.(ts|js|go|txt)$/, v.test);
    assert.ok(v.test.length > 0);
    assert.match(v.rule, /^(§1|[A-Z]{3}-\d+)$/);
    if (v.differs) assert.match(v.differs, /(MEN-\d|§1)/, v.test);
  }
});
