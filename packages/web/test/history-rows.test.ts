// The history layout decided without a browser: day lines in words, the "new messages" line, author groups.
import assert from "node:assert/strict";
import { test } from "node:test";
import { dayLabel, firstUnread, historyRows } from "../src/lib/history.ts";
import type { Message } from "../src/lib/types.ts";

const NOW = new Date(2026, 11, 6, 15, 0).getTime();
const H = 3_600_000;
let n = 0;
function msg(senderId: string, createdAt: number): Message {
  n++;
  return { id: `m${n}`, roomId: "r", seq: n, senderId, text: `t${n}`, createdAt };
}

test("history: days are said in words", () => {
  assert.equal(dayLabel(NOW - H, NOW), "Today");
  assert.equal(dayLabel(NOW - 20 * H, NOW), "Yesterday");
  assert.match(dayLabel(new Date(2026, 10, 30, 9).getTime(), NOW), /November 30/);
  assert.doesNotMatch(dayLabel(new Date(2026, 10, 30, 9).getTime(), NOW), /2026/);
  assert.match(dayLabel(new Date(2025, 5, 1).getTime(), NOW), /2025/);
});

test("history: one author's messages minutes apart group; a new author, a day or a long pause starts over", () => {
  const list = [
    msg("a", NOW - 30 * H),
    msg("a", NOW - 30 * H + 60_000),
    msg("a", NOW - 2 * H), // next day
    msg("a", NOW - 2 * H + 60_000),
    msg("b", NOW - 2 * H + 120_000),
    msg("b", NOW - H), // an hour later
  ];
  const rows = historyRows(list, undefined, NOW);
  assert.deepEqual(
    rows.map((r) => (r.kind === "message" ? `${r.message.id}${r.continued ? "+" : ""}` : r.kind)),
    ["day", list[0].id, `${list[1].id}+`, "day", list[2].id, `${list[3].id}+`, list[4].id, list[5].id],
  );
});

test("history: the 'new messages' line goes before the first unread from someone else, and breaks a group", () => {
  const list = [msg("a", NOW - 5000), msg("me", NOW - 4000), msg("a", NOW - 3000), msg("a", NOW - 2000)];
  const first = firstUnread(list, list[0].seq, "me", list[0].seq);
  assert.equal(first?.id, list[2].id, "my own message after the read position is not unread");
  const rows = historyRows(list, first?.id, NOW);
  const i = rows.findIndex((r) => r.kind === "unread");
  const after = rows[i + 1];
  assert.ok(after.kind === "message" && after.message.id === list[2].id && !after.continued);
  assert.equal(firstUnread(list, null, "me", 0), undefined, "no read position yet: no line");
});

test("history: no 'new messages' line while the first unread may be on a page not loaded yet", () => {
  const list = [msg("a", NOW - 5000), msg("a", NOW - 4000), msg("a", NOW - 3000)];
  const readSeq = list[0].seq - 10;
  // Held from the first message of the list, read up to ten before it: the oldest message held is no line.
  assert.equal(firstUnread(list, readSeq, "me", list[0].seq), undefined);
  // Once the pages reach the message right after the read position, the line is drawn.
  const held = firstUnread(list, list[0].seq - 1, "me", list[0].seq);
  assert.equal(held?.id, list[0].id);
  assert.equal(firstUnread(list, readSeq, "me", 0)?.id, list[0].id, "the room's first message is held");
});
