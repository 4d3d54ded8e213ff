// The composer's "/" menu without a browser: when the box asks for canned replies, which match and in what
// order, how page addresses read, and how often typing signals go out.
import assert from "node:assert/strict";
import { test } from "node:test";
import { matchCanned, pageWords, typedCanned, typingSignals } from "../src/lib/conversation-details.ts";

const all = [
  { id: "1", shortcut: "bye", text: "Goodbye for now." },
  { id: "2", shortcut: "refund", text: "Your refund is on its way." },
  { id: "3", shortcut: "thanks", text: "Thank you for writing!" },
  { id: "4", shortcut: "thx-late", text: "Thanks for waiting." },
];

test("'/' at the start of the box, before any space, asks for canned replies", () => {
  assert.equal(typedCanned("/"), "");
  assert.equal(typedCanned("/th"), "th");
  assert.equal(typedCanned("/th "), null, "a space ends the shortcut: the agent writes on");
  assert.equal(typedCanned("see /th"), null, "only at the start");
  assert.equal(typedCanned("/a/b"), null);
  assert.equal(typedCanned("hello"), null);
});

test("matches: shortcuts starting with the query first, then shortcuts or texts containing it", () => {
  assert.deepEqual(
    matchCanned(all, "th").map((c) => c.shortcut),
    ["thanks", "thx-late"],
  );
  assert.deepEqual(
    matchCanned(all, "WAY").map((c) => c.shortcut),
    ["refund"],
  );
  assert.deepEqual(
    matchCanned(all, "").map((c) => c.shortcut),
    ["bye", "refund", "thanks", "thx-late"],
  );
  assert.deepEqual(
    matchCanned(all, "for").map((c) => c.shortcut),
    ["bye", "thanks", "thx-late"],
  );
});

test("page addresses read as host and path", () => {
  assert.equal(pageWords("https://shop.example.com/orders/7?x=1"), "shop.example.com/orders/7?x=1");
  assert.equal(pageWords("https://shop.example.com/"), "shop.example.com");
});

test("typing signals: one start per 3 s while typing, one stop after", async () => {
  const sent: boolean[] = [];
  const s = typingSignals(async (t) => void sent.push(t));
  s.typed(true);
  s.typed(true);
  s.typed(true);
  assert.deepEqual(sent, [true], "repeats within 3 s are held back");
  s.typed(false);
  assert.deepEqual(sent, [true, false]);
  s.stop();
  assert.deepEqual(sent, [true, false], "nothing to stop twice");
});
