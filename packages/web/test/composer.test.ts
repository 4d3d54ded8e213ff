// The message box in Chromium: drafts per room and per thread that survive room switches and reloads,
// Enter / Shift+Enter, editing with Enter / Escape / ↑, and messages queued while offline.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { connected, holdAnswer, imeEndingEnter, imeType, postsTo, shot, until } from "./harness.ts";

const app = appFixture();

let alice: Client;
let bob: Client;
let one: string;
let two: string;

app.setup(async () => {
  alice = await makeUser(app.admin, "alice");
  bob = await makeUser(app.admin, "bob");
  const room = async (name: string) =>
    unwrap<{ id: string }>(
      await alice.post("/rooms", { kind: "channel", name, memberIds: [bob.user.id] }),
      "room",
    ).id;
  one = await room("one");
  two = await room("two");
});

const box = (p: Page) => p.locator(".room .composer textarea");
const texts = (p: Page) => p.getByRole("list", { name: "Messages" }).locator("li[data-message-id] .text");

test("composer: a half-written message stays with its room across a room switch and a reload", async () => {
  const a = await app.as(alice, `/chat/${one}`);
  await box(a).fill("half a thought for one");
  await a.getByRole("link", { name: /two/ }).click();
  await a.getByRole("heading", { name: /two/ }).waitFor();
  assert.equal(await box(a).inputValue(), "", "room two has its own (empty) draft");
  await box(a).fill("something for two");
  await a.getByRole("link", { name: /one/ }).click();
  await until("room one's draft back", async () => (await box(a).inputValue()) === "half a thought for one");
  await a.reload();
  await until(
    "the draft after a reload",
    async () => (await box(a).inputValue()) === "half a thought for one",
  );
  // Finish it and send: the draft is gone, also after a reload.
  await box(a).press("End");
  await box(a).pressSequentially(", finished");
  await box(a).press("Enter");
  await texts(a)
    .filter({ hasText: /^half a thought for one, finished$/ })
    .waitFor();
  assert.equal(await box(a).inputValue(), "");
  await a.reload();
  await texts(a)
    .filter({ hasText: /^half a thought for one, finished$/ })
    .waitFor();
  assert.equal(await box(a).inputValue(), "");
  // Drafts are kept per user: Bob does not see Alice's.
  const keys = await a.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("herald.draft")));
  assert.ok(
    keys.length >= 1 && keys.every((k) => k.includes(alice.user.id)),
    `drafts are kept under Alice's account: ${keys}`,
  );
  const b = await app.as(bob, `/chat/${two}`);
  assert.equal(await box(b).inputValue(), "");
});

test("composer: a thread keeps its own draft, apart from its room's", async () => {
  const root = await alice.post<{ message: { id: string } }>(`/rooms/${one}/messages`, {
    text: "thread root",
  });
  const a = await app.as(alice, `/chat/${one}/thread/${root.message.id}`);
  const reply = a.getByRole("combobox", { name: "Reply in thread" });
  await reply.fill("a reply in progress");
  await box(a).fill("a room message in progress");
  await a.reload();
  await until("both drafts back", async () => {
    const r = await a.getByRole("combobox", { name: "Reply in thread" }).inputValue();
    return r === "a reply in progress" && (await box(a).inputValue()) === "a room message in progress";
  });
});

test("composer: Enter sends, Shift+Enter starts a new line", async () => {
  const a = await app.as(alice, `/chat/${two}`);
  await box(a).fill("");
  await box(a).pressSequentially("first line");
  await box(a).press("Shift+Enter");
  await box(a).pressSequentially("second line");
  assert.equal(await box(a).inputValue(), "first line\nsecond line", "Shift+Enter did not send");
  await box(a).press("Enter");
  await texts(a).filter({ hasText: "second line" }).waitFor();
  const sent = await alice.get<{ messages: { text: string }[] }>(`/rooms/${two}/messages?limit=1`);
  assert.equal(sent.messages[0].text, "first line\nsecond line");
});

test("composer: ↑ in an empty box edits my last message; Enter saves, Escape cancels", async () => {
  const a = await app.as(alice, `/chat/${two}`);
  await box(a).fill("");
  await box(a).pressSequentially("typo in this mesage");
  await box(a).press("Enter");
  await texts(a)
    .filter({ hasText: /^typo in this mesage$/ })
    .waitFor();
  await box(a).press("ArrowUp");
  const edit = a.getByRole("textbox", { name: "Edit message" });
  await edit.waitFor();
  assert.equal(await edit.inputValue(), "typo in this mesage");
  await edit.fill("typo in this message");
  await edit.press("Enter");
  await texts(a)
    .filter({ hasText: /^typo in this message$/ })
    .waitFor();
  assert.equal(await edit.count(), 0, "Enter saved and closed the editor");
  await until("focus back in the message box", () => box(a).evaluate((el) => document.activeElement === el));
  // Escape: the edit is dropped, the message unchanged.
  await box(a).press("ArrowUp");
  await edit.fill("something else entirely");
  await edit.press("Escape");
  assert.equal(await edit.count(), 0);
  await texts(a)
    .filter({ hasText: /^typo in this message$/ })
    .waitFor();
  const last = await alice.get<{ messages: { text: string; editedAt: number | null }[] }>(
    `/rooms/${two}/messages?limit=1`,
  );
  assert.equal(last.messages[0].text, "typo in this message");
  assert.ok(last.messages[0].editedAt);
  // ↑ with text in the box moves the caret as usual: no editor.
  await box(a).fill("not empty");
  await box(a).press("ArrowUp");
  assert.equal(await edit.count(), 0);
  await box(a).fill("");
});

test("composer: a message sent offline waits as 'Sending…' and goes out when the connection returns", async () => {
  const { page: a, context } = await app.profile(alice);
  await a.goto(`/chat/${one}`);
  await connected(a);
  await context.setOffline(true);
  await box(a).fill("written on the train");
  await box(a).press("Enter");
  const queued = a.getByRole("list", { name: "Unsent messages" }).getByRole("listitem");
  await queued.filter({ hasText: "written on the train" }).waitFor();
  assert.match((await queued.textContent()) ?? "", /Sending…/);
  await shot(a, "composer-offline-desktop");
  await context.setOffline(false);
  await texts(a)
    .filter({ hasText: /^written on the train$/ })
    .waitFor();
  await until("the queue empties", async () => (await queued.count()) === 0);
  const got = await bob.get<{ messages: { text: string }[] }>(`/rooms/${one}/messages?limit=5`);
  assert.equal(got.messages.filter((m) => m.text === "written on the train").length, 1, "sent exactly once");
});

test("composer: a send that fails says so in words and Retry sends it", async () => {
  const a = await app.as(alice, `/chat/${one}`);
  const drop = (r: { abort(): Promise<void> }) => r.abort();
  await a.route("**/api/v1/rooms/*/messages", async (route) =>
    route.request().method() === "POST" ? drop(route) : route.fallback(),
  );
  await box(a).fill("through a flaky network");
  await box(a).press("Enter");
  const item = a.getByRole("list", { name: "Unsent messages" }).getByRole("listitem");
  await item.filter({ hasText: "Failed" }).waitFor();
  const said = (await item.textContent()) ?? "";
  assert.match(said, /Failed — No connection to the server\./);
  assert.doesNotMatch(said, /Failed to fetch/);
  await shot(a, "composer-failed-desktop");
  await a.unroute("**/api/v1/rooms/*/messages");
  await item.getByRole("button", { name: "Retry" }).click();
  await texts(a)
    .filter({ hasText: /^through a flaky network$/ })
    .waitFor();
  await until("the queue empties", async () => (await item.count()) === 0);
});

test("composer: Enter twice, then a click on Send, while a message is on its way sends it once", async () => {
  const a = await app.as(alice, `/chat/${two}`);
  const posts = postsTo(a, `/api/v1/rooms/${two}/messages`);
  const held = await holdAnswer(a, `**/api/v1/rooms/${two}/messages`);
  await box(a).fill("said only once");
  await box(a).press("Enter");
  await box(a).press("Enter");
  await held.atServer;
  await a.locator(".room .composer button[type=submit]").click({ force: true });
  const queued = a.getByRole("list", { name: "Unsent messages" }).getByRole("listitem");
  assert.equal(await queued.count(), 1, "one message waits for its answer");
  held.release();
  await texts(a)
    .filter({ hasText: /^said only once$/ })
    .waitFor();
  await until("the queue empties", async () => (await queued.count()) === 0);
  assert.equal(posts(), 1, "one send left the page");
  const got = await bob.get<{ messages: { text: string }[] }>(`/rooms/${two}/messages?limit=5`);
  assert.equal(got.messages.filter((m) => m.text === "said only once").length, 1, "sent exactly once");
  assert.equal(
    await texts(a)
      .filter({ hasText: /^said only once$/ })
      .count(),
    1,
    "shown once",
  );
});

test("composer: an Enter the input method takes (Japanese) neither sends a message nor saves an edit", async () => {
  const a = await app.as(alice, `/chat/${one}`);
  const posts = postsTo(a, `/api/v1/rooms/${one}/messages`);
  await box(a).fill("");
  await box(a).focus();
  await imeType(a, "とまと", "トマト");
  await imeEndingEnter(a);
  await until("the IME's words are in the box", async () => (await box(a).inputValue()) === "トマト");
  await box(a).press("Enter");
  await texts(a)
    .filter({ hasText: /^トマト$/ })
    .waitFor();
  assert.equal(posts(), 1, "sent once, by the Enter after the IME's");
  const sent = await bob.get<{ messages: { id: string; text: string }[] }>(`/rooms/${one}/messages?limit=1`);
  assert.equal(sent.messages[0].text, "トマト");

  // Editing it: the IME's Enter leaves the editor open; the next Enter saves.
  await box(a).press("ArrowUp");
  const edit = a.getByRole("textbox", { name: "Edit message" });
  await edit.waitFor();
  await imeType(a, "です", "です");
  await imeEndingEnter(a);
  await until("the IME's words are in the editor", async () => (await edit.inputValue()) === "トマトです");
  assert.equal(await edit.count(), 1, "still editing");
  await edit.press("Enter");
  await texts(a)
    .filter({ hasText: /^トマトです$/ })
    .waitFor();
  const edited = await bob.get<{ messages: { id: string; text: string }[] }>(
    `/rooms/${one}/messages?limit=1`,
  );
  assert.deepEqual(edited.messages[0], {
    ...edited.messages[0],
    id: sent.messages[0].id,
    text: "トマトです",
  });
});
