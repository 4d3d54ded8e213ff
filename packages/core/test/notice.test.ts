import assert from "node:assert/strict";
import { test } from "node:test";
import {
  bannerNotice,
  filesLine,
  messageLine,
  messageText,
  type NoticeInput,
  noticeWhy,
  plainFirstLine,
  pushNotice,
} from "../src/notice.ts";

const input = (over: Partial<NoticeInput> = {}): NoticeInput => ({
  senderName: "Alice",
  roomName: "general",
  roomKind: "channel",
  text: "hello",
  trigger: "mention",
  ...over,
});

test("[DSK-4] banner title is the sender in #room outside DMs, the sender alone in a DM or group DM", () => {
  assert.equal(bannerNotice(input(), "full").title, "Alice in #general");
  assert.equal(bannerNotice(input({ roomKind: "dm", trigger: "dm" }), "full").title, "Alice");
  assert.equal(bannerNotice(input({ roomKind: "gdm", trigger: "dm" }), "full").title, "Alice");
});

test("[DSK-4] banner body is the first line as plain text: Markdown syntax removed", () => {
  const body = bannerNotice(input({ text: "**bold** [link](http://x) `code`\nsecond line" }), "full").body;
  assert.equal(body, "bold link code");
  assert.ok(!/[*[\]`()]/.test(body), body);
});

test("[DSK-4] the first line is cut to 200 characters, never splitting a character", () => {
  const long = `${"é".repeat(150)}${"😀".repeat(100)}`;
  const line = plainFirstLine(long);
  assert.equal(Array.from(line).length, 200);
  assert.ok(line.endsWith("…"));
  assert.ok(!line.includes("\uFFFD"));
  assert.equal(plainFirstLine("short"), "short");
});

test("[DSK-4] text is never interpreted as HTML: tags stay text", () => {
  // Raw HTML is off in the parser: the tags are plain characters of the text (the client shows text only).
  assert.equal(bannerNotice(input({ text: "<b>hi</b> there" }), "full").body, "<b>hi</b> there");
});

test("[PRV-10] generic banner hides the text and says who and why; without room drops the room", () => {
  const secret = input({ text: "the launch code is 1234", trigger: "mention" });
  const g = bannerNotice(secret, "generic");
  assert.deepEqual(g, { title: "Alice in #general", body: "Mentioned you" });
  const n = bannerNotice(secret, "generic_no_room");
  assert.deepEqual(n, { title: "Alice", body: "Mentioned you" });
  for (const x of [g, n]) assert.ok(!`${x.title} ${x.body}`.includes("1234"));
});

test("[PRV-1] generic push says why, from the trigger named for push", () => {
  const why: [NoticeInput["trigger"], string][] = [
    ["dm", "Sent you a message"],
    ["mention", "Mentioned you"],
    ["keyword", "Mentioned you"],
    ["group", "Notified the channel"],
    ["thread", "Replied in a thread you follow"],
    ["all", "Posted a message"],
  ];
  for (const [trigger, body] of why) {
    const n = pushNotice(input({ trigger, text: "secret" }), "generic");
    assert.deepEqual(n, { title: "Alice in #general", body }, String(trigger));
  }
  assert.equal(noticeWhy(null), "posted a message");
});

test("[PRV-1] full push: sender, room and first line; generic without room: no room; id only: nothing", () => {
  const i = input({ text: "_deploy_ done\nmore" });
  assert.deepEqual(pushNotice(i, "full"), { title: "Alice in #general", body: "deploy done" });
  assert.deepEqual(pushNotice(i, "generic_no_room"), { title: "Alice", body: "Mentioned you" });
  assert.equal(pushNotice(i, "id_only"), null);
  // A push keeps the whole first line: its payload is cut to fit 4 KiB (PSH-6), not to a banner's 200.
  const long = "word ".repeat(100).trim();
  assert.equal(pushNotice(input({ text: long }), "full")?.body, long);
  assert.equal(Array.from(bannerNotice(input({ text: long }), "full").body).length, 200);
});

test("[DSK-4] [PRV-1] a message that is only a file says who sent which file, in the banner and the push", () => {
  const fileOnly = input({ text: "", files: ["plan.pdf"] });
  assert.equal(bannerNotice(fileOnly, "full").body, "Alice sent a file: plan.pdf");
  assert.equal(pushNotice(fileOnly, "full")?.body, "Alice sent a file: plan.pdf");
  assert.equal(bannerNotice(fileOnly, "full").title, "Alice in #general");
  // Words win over the file line: the text is what the sender said.
  assert.equal(bannerNotice(input({ text: "see *this*", files: ["plan.pdf"] }), "full").body, "see this");
  // Generic content never names the file either (PRV-10): who and why only.
  assert.equal(bannerNotice(fileOnly, "generic").body, "Mentioned you");
  assert.equal(pushNotice(fileOnly, "id_only"), null);
});

test("[DSK-4] the file line: several files counted, names on one line, cut like any first line", () => {
  assert.equal(filesLine("Bob", ["a.png", "b.pdf"]), "Bob sent 2 files: a.png, b.pdf");
  assert.equal(filesLine("Bob", ["evil\nname.txt"]), "Bob sent a file: evil name.txt");
  assert.equal(filesLine(" ", ["x.txt"]), "Someone sent a file: x.txt");
  const long = messageLine({ senderName: "Alice", text: "", files: [`${"n".repeat(300)}.pdf`] });
  assert.equal(Array.from(long).length, 200);
  assert.ok(long.endsWith("…"));
  assert.equal(messageLine({ senderName: "Alice", text: "hi" }), "hi");
  assert.equal(messageLine({ senderName: "Alice", text: "" }), "");
});

test("[EML-4] an e-mail shows the whole text, or who sent which file when the message is only a file", () => {
  assert.equal(
    messageText({ senderName: "Alice", text: "", files: ["plan.pdf"] }),
    "Alice sent a file: plan.pdf",
  );
  assert.equal(messageText({ senderName: "Alice", text: "a\nb", files: ["plan.pdf"] }), "a\nb");
  assert.equal(messageText({ senderName: "Alice", text: "" }), "");
});
