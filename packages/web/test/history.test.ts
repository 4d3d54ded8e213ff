// Room history in Chromium: paging back to the very first message without the view jumping, the "new
// messages" line at the first unread with its jump controls, and messages grouped by author.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { shot, until } from "./harness.ts";

const app = appFixture();

let alice: Client;
let bob: Client;
let room: string;
const seqs: number[] = [];

app.setup(async () => {
  alice = await makeUser(app.admin, "alice");
  bob = await makeUser(app.admin, "bob");
  room = unwrap<{ id: string }>(
    await alice.post("/rooms", { kind: "channel", name: "history", memberIds: [bob.user.id] }),
    "room",
  ).id;
  for (let i = 1; i <= 200; i++) {
    const r = await alice.post<{ message: { seq: number } }>(`/rooms/${room}/messages`, {
      text: `message ${i}`,
    });
    seqs.push(r.message.seq);
  }
});

const list = (p: Page) => p.getByRole("list", { name: "Messages" });

/** Where a message's top sits below the top of the list's view, in pixels. */
function offsetOf(p: Page, text: string): Promise<number> {
  return p.evaluate((t) => {
    const ol = document.querySelector("ol.messages") as HTMLElement;
    const li = [...ol.querySelectorAll<HTMLElement>("li[data-message-id]")].find(
      (x) => x.querySelector(".text")?.textContent === t,
    );
    if (!li) throw new Error(`no message ${t}`);
    return li.getBoundingClientRect().top - ol.getBoundingClientRect().top;
  }, text);
}

const count = (p: Page) => p.locator("ol.messages li[data-message-id]").count();

test("history: scrolling up pages back to the very first message, the message in view staying put", async () => {
  const a = await app.as(alice, `/chat/${room}`);
  await list(a)
    .locator(".text", { hasText: /^message 200$/ })
    .waitFor();
  assert.equal(await count(a), 50, "the room opens on the newest page");
  // Scroll to the top: the next page loads above, and "message 151" stays where it was on screen.
  await a.evaluate(() => {
    (document.querySelector("ol.messages") as HTMLElement).scrollTop = 0;
  });
  const before = await offsetOf(a, "message 151");
  await until("an older page", async () => (await count(a)) > 50);
  const after = await offsetOf(a, "message 151");
  assert.ok(Math.abs(after - before) <= 2, `message 151 moved from ${before}px to ${after}px`);
  // Keep scrolling up until the beginning of the room.
  await until("the first message", async () => {
    await a.evaluate(() => {
      (document.querySelector("ol.messages") as HTMLElement).scrollTop = 0;
    });
    return a.getByText("This is the very beginning of the conversation.").isVisible();
  });
  assert.equal(await count(a), 200);
  await list(a)
    .locator(".text", { hasText: /^message 1$/ })
    .waitFor();
  const texts = await list(a).locator("li[data-message-id] .text").allTextContents();
  assert.deepEqual(
    texts,
    Array.from({ length: 200 }, (_, i) => `message ${i + 1}`),
    "every message once, in order",
  );
  await shot(a, "history-start-desktop");
});

test("history: a 'new messages' line at my first unread, with jumps to it and back to the latest", async (t) => {
  // Bob's open windows would read what comes next as it arrives: closed after this test, passed or failed, so
  // the next test's unread stays unread.
  const windows: Page[] = [];
  t.after(() => Promise.all(windows.map((w) => w.close())));
  // Bob has read up to message 60: the first unread (61) is older than the newest page.
  await bob.post(`/rooms/${room}/read`, { seq: seqs[59] });
  const b = await app.as(bob, `/chat/${room}`);
  windows.push(b);
  await list(b)
    .locator(".text", { hasText: /^message 200$/ })
    .waitFor();
  // The newest page does not reach message 61, so no line yet: its oldest message is not the first unread.
  assert.equal(
    await list(b).locator(".unread-line").count(),
    0,
    "no line on a message that is not unread first",
  );
  const jumpUnread = b.getByRole("button", { name: /Jump to first unread/ });
  await jumpUnread.click();
  const line = list(b).locator(".unread-line");
  await line.waitFor();
  assert.equal(await line.textContent(), "New messages");
  // The line sits right above message 61 and both are in view.
  const next = await line.evaluate((el) => el.nextElementSibling?.querySelector(".text")?.textContent);
  assert.equal(next, "message 61");
  await until("message 61 in view", async () => {
    const y = await offsetOf(b, "message 61");
    const h = await list(b).evaluate((el) => el.clientHeight);
    return y >= 0 && y < h;
  });
  assert.equal(await jumpUnread.isVisible(), false, "no jump to the line already in view");
  await shot(b, "history-unread-line-desktop");
  const latest = b.getByRole("button", { name: /Jump to latest/ });
  await latest.click();
  await until("the newest message in view", async () => {
    const y = await offsetOf(b, "message 200");
    const h = await list(b).evaluate((el) => el.clientHeight);
    return y > 0 && y < h;
  });
  await until("no jump to latest at the bottom", async () => !(await latest.isVisible()));
  // Opening the room again: everything is read now, so no line.
  const b2 = await app.as(bob, `/chat/${room}`);
  windows.push(b2);
  await list(b2)
    .locator(".text", { hasText: /^message 200$/ })
    .waitFor();
  assert.equal(await list(b2).locator(".unread-line").count(), 0);
});

test("history: a room opens at the 'new messages' line when it is on the newest page", async () => {
  const r = await bob.post<{ message: { seq: number } }>(`/rooms/${room}/messages`, { text: "bob was here" });
  await bob.post(`/rooms/${room}/read`, { seq: r.message.seq });
  for (let i = 1; i <= 30; i++) await alice.post(`/rooms/${room}/messages`, { text: `later ${i}` });
  const b = await app.as(bob, `/chat/${room}`);
  const line = list(b).locator(".unread-line");
  await line.waitFor();
  const next = await line.evaluate((el) => el.nextElementSibling?.querySelector(".text")?.textContent);
  assert.equal(next, "later 1");
  const y = await offsetOf(b, "later 1");
  const h = await list(b).evaluate((el) => el.clientHeight);
  assert.ok(y >= 0 && y < h, `the first unread is in view (${y}px of ${h}px)`);
});

test("history: messages by one author in a row share one name; another author or a day breaks the group", async () => {
  const a = await app.as(alice, `/chat/${room}`);
  await list(a)
    .locator(".text", { hasText: /^later 30$/ })
    .waitFor();
  const heads = await list(a)
    .locator("li.message:not(.continued)")
    .evaluateAll((els) => els.map((e) => e.querySelector(".text")?.textContent));
  // Alice's "later" burst starts one group (after Bob's message); Bob's own message is its own group.
  assert.ok(heads.includes("bob was here"));
  assert.ok(heads.includes("later 1"));
  assert.ok(!heads.includes("later 2"));
  const later2 = list(a)
    .locator("li.message.continued")
    .filter({ has: a.locator(".text", { hasText: /^later 2$/ }) });
  assert.equal(await later2.count(), 1);
  assert.equal(await later2.locator(".sender").count(), 0, "no name repeated inside a group");
  assert.equal(await list(a).locator(".day-line", { hasText: "Today" }).count(), 1, "one day line per day");
  await shot(a, "history-groups-desktop");
});
