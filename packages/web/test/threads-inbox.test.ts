// Threads, the notifications inbox and message actions on a phone, in Chromium, with one server: the sidebar's
// Threads row counts followed threads with unread replies and the title counts only the mentions among them
// (BDG-1, BDG-2); the Threads view lists them and opens one; the inbox groups items by day with the sender's
// avatar and the room, filters them, and its "Mark all as read" clears the title, the room rows and the inbox
// count together; on a phone a tap or a long press opens a message's actions in a sheet, and on a desktop the
// hover bar does not move the list.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { PHONE, shot, until } from "./harness.ts";

const app = appFixture();

let alice: Client;
let bob: Client;
let general: string;
let dm: string;
let launch: string;
let lunch: string;

const post = async (who: Client, room: string, text: string, threadRootId?: string) =>
  unwrap<{ id: string }>(
    await who.post(`/rooms/${room}/messages`, { text, ...(threadRootId ? { threadRootId } : {}) }),
    "message",
  ).id;

app.setup(async () => {
  alice = await makeUser(app.admin, "alice");
  bob = await makeUser(app.admin, "bob");
  general = unwrap<{ id: string }>(
    await bob.post("/rooms", { kind: "channel", name: "general", memberIds: [alice.user.id] }),
    "room",
  ).id;
  dm = unwrap<{ id: string }>(await bob.post("/dms", { userIds: [alice.user.id] }), "room").id;
  // Alice follows both threads by replying in them; her own replies are not unread to her.
  launch = await post(bob, general, "**Launch plan** for Friday\nwith details below");
  lunch = await post(bob, general, "Lunch on Thursday?");
  await post(alice, general, "I'm in", launch);
  await post(alice, general, "Sure", lunch);
  await alice.post(`/rooms/${general}/read`, {});
});

const threadsRow = (p: Page) => p.locator(".sidebar a.threads-link");
const threadsPill = (p: Page) => threadsRow(p).locator(".pill");
const titleCount = (p: Page) => p.title().then((t) => /^\((\d+)\)/.exec(t)?.[1] ?? null);

test("threads: the sidebar counts followed threads with unread replies; only a mention among them counts in the title; the Threads view lists them newest first and opens one", async () => {
  const a = await app.as(alice, "/chat");
  await threadsRow(a).waitFor();
  assert.equal(await threadsPill(a).count(), 0, "nothing unread in followed threads yet");
  await post(bob, general, "Pizza place?", lunch);
  await post(bob, general, "Or the noodle bar", lunch);
  await until(
    "Threads says 1",
    async () => (await threadsPill(a).textContent({ timeout: 1000 })) === "1 thread with new replies",
  );
  // The badge frame that brought the count carries the title's number: plain replies are not in it (BDG-2).
  assert.equal(await titleCount(a), null, `title ${await a.title()}`);
  await post(bob, general, "@alice can you check the slides?", launch);
  await until(
    "Threads says 2",
    async () => (await threadsPill(a).textContent({ timeout: 1000 })) === "2 threads with new replies",
  );
  await until("the mention in the thread counts in the title", async () => (await titleCount(a)) === "1");
  assert.match((await a.title()) ?? "", /^\(1\) /);

  await threadsRow(a).click();
  await a.waitForURL("**/chat/threads");
  const rows = a.locator(".thread-row");
  await until("two threads listed", async () => (await rows.count()) === 2);
  const first = rows.nth(0);
  const second = rows.nth(1);
  // Newest activity first: the launch thread's reply came last.
  assert.equal(await first.getAttribute("data-thread"), launch);
  assert.equal(await second.getAttribute("data-thread"), lunch);
  assert.equal(await first.locator(".thread-row-room").textContent(), "#general");
  await until(
    "the root's author named",
    async () =>
      (await first.locator(".thread-row-text").textContent({ timeout: 1000 })) ===
      "Bob Launch plan for Friday",
  );
  assert.equal(await first.locator(".pill").textContent(), "1 unread reply");
  assert.equal(await second.locator(".pill").textContent(), "2 unread replies");
  assert.match((await second.textContent()) ?? "", /3 replies · last reply \d{1,2}:\d{2}\s?[AP]M/);
  assert.equal(await first.locator(".avatar").textContent(), "B");
  await shot(a, "threads-view-desktop");

  // Opening a thread reads it: its row, the sidebar count and the title follow.
  await first.click();
  await a.waitForURL(`**/chat/${general}/thread/${launch}`);
  await a.getByRole("complementary", { name: "Thread" }).getByText("can you check the slides?").waitFor();
  await until(
    "Threads says 1 again",
    async () => (await threadsPill(a).textContent({ timeout: 1000 })) === "1 thread with new replies",
  );
  await until("the title's number is gone", async () => (await titleCount(a)) === null);
  // The sidebar's Mark all as read reads followed threads too: a mention in one leaves no number behind.
  await post(bob, general, "@alice are you coming?", lunch);
  await until("the title counts it", async () => (await titleCount(a)) === "1");
  await a.locator(".sidebar").getByRole("button", { name: "Mark all as read" }).click();
  await until("Threads row cleared", async () => (await threadsPill(a).count()) === 0);
  await until("title clear", async () => (await titleCount(a)) === null);
  await a.close();
  await post(bob, general, "See you there", lunch);

  const phone = await app.as(alice, "/chat", PHONE);
  await until(
    "Threads says 1",
    async () => (await threadsPill(phone).textContent({ timeout: 1000 })) === "1 thread with new replies",
  );
  await shot(phone, "threads-sidebar-phone");
  await threadsRow(phone).click();
  await phone.locator(".thread-row").nth(1).waitFor();
  await shot(phone, "threads-view-phone");
  // Mark all as read: the rows' counts and the sidebar's go, the threads stay listed.
  await phone.getByRole("button", { name: "Mark all as read" }).click();
  await until("no thread unread", async () => (await phone.locator(".thread-row .pill").count()) === 0);
  assert.equal(await phone.locator(".thread-row").count(), 2);
  await phone.getByRole("link", { name: "Back to rooms" }).click();
  await threadsRow(phone).waitFor();
  assert.equal(await threadsPill(phone).count(), 0);
  await phone.close();
});

test("notifications: items by day with the sender's avatar and the room, filters, and 'Mark all as read' clearing the title, the room rows and the inbox count at once", async () => {
  await alice.post("/notifications/read-all", {});
  await post(bob, dm, "psst");
  await post(bob, dm, "are you there?");
  await post(bob, general, "@alice the build is green");
  await post(bob, general, "one more thing for you", lunch);
  // Another device of Alice's shows the room rows while she reads the inbox here.
  const rooms = await app.as(alice, "/chat");
  const dmPill = rooms.locator(".sidebar a.room-link").filter({ hasText: /^Bob/ }).locator(".pill");
  const generalPill = rooms.locator('.sidebar a.room-link[data-room="general"] .pill');
  await until("DM row says 2", async () => (await dmPill.textContent({ timeout: 1000 })) === "2 unread");
  await until(
    "general's mention",
    async () => (await generalPill.textContent({ timeout: 1000 })) === "1 mentions",
  );
  await until("title (3)", async () => (await titleCount(rooms)) === "3");

  const a = await app.as(alice, "/notifications");
  const items = a.locator("li.notif");
  const fresh = a.locator("li.notif.unread");
  await until("four unread items", async () => (await fresh.count()) === 4);
  const today = a.getByRole("region", { name: "Today" });
  assert.equal(await today.locator("li.notif").count(), await items.count(), "every item is from today");
  const mention = items.filter({ hasText: "the build is green" });
  // The sender's name arrives with the user directory (a moment after the items).
  await until(
    "the sender named",
    async () =>
      (await mention.locator(".notif-main > span").first().textContent({ timeout: 1000 })) ===
      "Bob mentioned you in #general",
  );
  assert.equal(await mention.locator(".avatar").textContent(), "B");
  assert.match(
    await mention.innerText(),
    /^Bob mentioned you in #general\n/,
    "the avatar's initial is not read first",
  );
  const direct = items.filter({ hasText: "psst" });
  assert.equal(
    await direct.locator(".notif-main > span").first().textContent(),
    "Bob sent you a direct message",
  );
  const inboxCount = a.getByTestId("inbox-count");
  assert.match((await inboxCount.textContent()) ?? "", /^4/);
  await shot(a, "inbox-desktop");

  // Filters ask the server for one kind.
  const filter = (name: string) => a.getByRole("button", { name, exact: true });
  const types = () => items.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("data-type")))]);
  await filter("Mentions").click();
  await until(
    "only mentions",
    async () => (await types()).join() === "mention" && (await fresh.count()) === 1,
  );
  await filter("Threads").click();
  await until(
    "only thread replies",
    async () => (await types()).join() === "thread" && (await fresh.count()) === 1,
  );
  await filter("Calls").click();
  await a.getByText("Nothing of this kind yet.").waitFor();
  assert.equal(await filter("Support").count(), 0, "support is for agents");
  await filter("All").click();
  await until("four unread again", async () => (await fresh.count()) === 4);

  await a.getByRole("button", { name: "Mark all as read" }).click();
  await until("inbox count gone", async () => (await inboxCount.count()) === 0);
  await until("no unread item", async () => (await fresh.count()) === 0);
  await until("this tab's title clear", async () => (await titleCount(a)) === null);
  await until("the other tab's title clear", async () => (await titleCount(rooms)) === null);
  await until("DM row cleared", async () => (await dmPill.count()) === 0);
  await until("general's mention cleared", async () => (await generalPill.count()) === 0);
  await until("Threads row cleared", async () => (await threadsPill(rooms).count()) === 0);
  assert.equal(await a.getByTestId("app-badge").count(), 0);

  // Day groups in words: the same items seen a day and four days later.
  const at = Date.now();
  await a.clock.setFixedTime(at + 86_400_000);
  await a.reload();
  await a.getByRole("region", { name: "Yesterday" }).locator("li.notif").first().waitFor();
  await a.clock.setFixedTime(at + 4 * 86_400_000);
  await a.reload();
  const weekday = new Date(at).toLocaleDateString("en-US", { weekday: "long" });
  const heading = a.locator(".notif-day h2").first();
  await until(`a ${weekday} heading`, async () =>
    (await heading.textContent({ timeout: 1000 }))?.startsWith(`${weekday}, `),
  );
  await a.close();
  await rooms.close();

  const phone = await app.as(alice, "/notifications", PHONE);
  await phone.locator("li.notif").first().waitFor();
  await shot(phone, "inbox-phone");
  await phone.close();
});

test("message actions: on a desktop the hover bar floats without moving the list; on a phone a tap or a long press opens an action sheet, with no row under each message", async () => {
  for (let i = 1; i <= 6; i++) await post(bob, general, `status line ${i}`);
  const a = await app.as(alice, `/chat/${general}`);
  const message = (p: Page, text: string) =>
    p.locator("li.message").filter({ has: p.locator(".text", { hasText: new RegExp(`^${text}$`) }) });
  const target = message(a, "status line 3");
  await target.waitFor();
  const tops = () =>
    a.locator("li.message").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
  const before = await tops();
  await target.hover();
  const bar = target.locator(".message-actions");
  await until(
    "hover bar shown",
    async () => (await bar.evaluate((e) => getComputedStyle(e).opacity)) === "1",
  );
  assert.ok(await bar.getByRole("button", { name: "Reply in thread" }).isVisible());
  assert.deepEqual(await tops(), before, "no message moved");
  await a.close();

  const context = await app.browser.newContext({
    viewport: PHONE,
    hasTouch: true,
    isMobile: true,
    baseURL: app.server.url,
    permissions: ["clipboard-read", "clipboard-write"],
  });
  try {
    await context.addCookies(
      alice.cookie.split("; ").map((kv) => {
        const i = kv.indexOf("=");
        return { name: kv.slice(0, i), value: kv.slice(i + 1), url: app.server.url };
      }),
    );
    const p = await context.newPage();
    await p.goto(`/chat/${general}`);
    const line = message(p, "status line 5");
    await line.waitFor();
    assert.equal(await p.locator(".message-actions:visible").count(), 0, "no action row under messages");
    const sheet = p.locator("dialog.action-sheet");
    // A tap on the message text.
    await line.locator(".text").tap();
    await sheet.waitFor();
    assert.deepEqual(await sheet.locator("li").allTextContents(), [
      "Reply in thread",
      "Mark unread",
      "Why was I notified — or not?",
      "Copy text",
    ]);
    await shot(p, "message-action-sheet-phone");
    await sheet.getByRole("button", { name: "Copy text" }).tap();
    await sheet.waitFor({ state: "detached" });
    await until(
      "copied",
      async () => (await p.evaluate(() => navigator.clipboard.readText())) === "status line 5",
    );
    await line.locator(".text").tap();
    await sheet.getByRole("button", { name: "Cancel" }).tap();
    await sheet.waitFor({ state: "detached" });
    // A long press (held until the sheet shows), then Reply in thread opens the thread.
    const box = await message(p, "status line 6").locator(".text").boundingBox();
    assert.ok(box);
    const cdp = await context.newCDPSession(p);
    const point = { x: box.x + 10, y: box.y + box.height / 2 };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point] });
    await sheet.waitFor();
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await sheet.getByRole("button", { name: "Reply in thread" }).tap();
    await p.waitForURL(`**/chat/${general}/thread/**`);
    await p.getByRole("complementary", { name: "Thread" }).waitFor();
  } finally {
    await context.close();
  }
});
