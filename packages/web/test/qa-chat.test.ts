// QA walkthrough fixes in chat: the profile card (MEN-6 ignore, Message), thread-only replies and reply counts
// (TRG-2), links to a message from emails and push/banner clicks (EML-4, DSK-6).
import assert from "node:assert/strict";
import { test } from "node:test";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { connected, PHONE, setFocus, shot, until } from "./harness.ts";

const app = appFixture();

let alice: Client;
let bob: Client;
let admin: Client;
let general: string;

app.setup(async () => {
  admin = app.admin;
  alice = await makeUser(admin, "alice");
  bob = await makeUser(admin, "bob");
  general = unwrap<{ id: string }>(
    await alice.post("/rooms", { kind: "channel", name: "general", memberIds: [bob.user.id] }),
    "room",
  ).id;
});

async function post(c: Client, text: string, threadRootId?: string): Promise<string> {
  const r = await c.post<{ message: { id: string } }>(`/rooms/${general}/messages`, {
    text,
    ...(threadRootId ? { threadRootId } : {}),
  });
  return r.message.id;
}

test("[MEN-6] the profile card opens from a sender's name; Ignore sticks; Message opens the DM", async () => {
  // Someone else speaks first, so Alice's message starts a group under her name (not grouped into hers above).
  await post(bob, "a word from bob first");
  await post(alice, "hello from the profile test");
  const b = await app.as(bob, `/chat/${general}`);
  const item = b.locator(".message", { hasText: "hello from the profile test" });
  await item.getByRole("button", { name: "Alice" }).click();
  const card = b.getByRole("dialog", { name: "Alice" });
  await card.waitFor();
  assert.ok(await b.locator(".topbar").isVisible(), "the app is still there (no blank page)");
  await shot(b, "profile-card-desktop");
  await card.getByRole("button", { name: "Ignore" }).click();
  await card.getByRole("button", { name: "Stop ignoring" }).waitFor();
  const ignores = await bob.get<{ userIds: string[] }>("/me/ignores");
  assert.deepEqual(ignores.userIds, [alice.user.id]);
  await card.getByRole("button", { name: "Close" }).click();
  // Opened again, the card knows Alice is ignored.
  await item.getByRole("button", { name: "Alice" }).click();
  await b.getByRole("dialog", { name: "Alice" }).getByRole("button", { name: "Stop ignoring" }).click();
  await b.getByRole("dialog", { name: "Alice" }).getByRole("button", { name: "Ignore" }).waitFor();
  assert.deepEqual((await bob.get<{ userIds: string[] }>("/me/ignores")).userIds, []);
  await b.getByRole("dialog", { name: "Alice" }).getByRole("button", { name: "Message" }).click();
  await b.getByRole("heading", { level: 1, name: "Alice" }).waitFor();
  assert.match(b.url(), /\/chat\/[^/]+$/);
  assert.ok(!b.url().endsWith(general), "the DM, not #general");
});

test("[TRG-2] a thread-only reply stays out of the room; N replies from the page and counted live", async () => {
  const root = await post(alice, "root of a thread");
  await post(alice, "first reply", root);
  await post(bob, "second reply", root);
  const b = await app.as(bob, `/chat/${general}`);
  const rootItem = b.locator(".message", { hasText: "root of a thread" });
  await rootItem.getByRole("link", { name: "2 replies" }).waitFor();
  await post(alice, "a live thread-only reply", root);
  await rootItem.getByRole("link", { name: "3 replies" }).waitFor();
  await post(alice, "a plain room message after it");
  await b.locator(".message", { hasText: "a plain room message after it" }).waitFor();
  assert.equal(await b.locator(".room .message .text", { hasText: "a live thread-only reply" }).count(), 0);
  await shot(b, "thread-replies-count-desktop");
  await b.reload();
  await rootItem.getByRole("link", { name: "3 replies" }).waitFor();
  for (const t of ["first reply", "second reply", "a live thread-only reply"])
    assert.equal(await b.locator(".room .message .text", { hasText: t }).count(), 0, `${t} not in the room`);
});

test("[EML-4][DSK-6] /rooms/<id>?message=<id> opens the room at that message; a reply opens its thread", async () => {
  const old = await post(alice, "an old message to link to");
  for (let i = 0; i < 55; i++) await post(bob, `filler ${i}`);
  const b = await app.as(bob, `/rooms/${general}?message=${old}`);
  await b.waitForURL(`**/chat/${general}?message=${old}`);
  const hit = b.locator(`.message[data-message-id="${old}"]`);
  await hit.waitFor(); // older than the newest page: loaded on demand
  await until("highlighted and in view", async () =>
    (await hit.getAttribute("class"))?.includes("highlight"),
  );
  assert.ok(await hit.isVisible());
  await shot(b, "deep-link-room-desktop");

  const root = await post(alice, "thread root for a link");
  const reply = await post(alice, "the linked reply", root);
  const p = await app.as(bob, `/rooms/${general}?message=${reply}`, PHONE);
  await p.waitForURL(`**/chat/${general}/thread/${root}?message=${reply}`);
  await until("reply highlighted", async () =>
    (await p.locator(`.thread [data-message-id="${reply}"]`).getAttribute("class"))?.includes("highlight"),
  );
  await shot(p, "deep-link-thread-phone");
});

test("[EML-4] /conversations/<id> opens the support conversation", async () => {
  const b = await app.as(bob, "/conversations/c123");
  await b.waitForURL("**/support/c/c123");
});

test("[SPEC §1] room menu › Add members adds people to a channel", async () => {
  const random = unwrap<{ id: string }>(
    await alice.post("/rooms", { kind: "channel", name: "random" }),
    "room",
  ).id;
  const a = await app.as(alice, `/chat/${random}`);
  await a.getByRole("button", { name: "Room menu" }).click();
  await a.getByRole("menuitem", { name: "Add members" }).click();
  const dialog = a.getByRole("dialog", { name: /Add members to random/ });
  await dialog.getByRole("textbox").fill("bo");
  await dialog.getByRole("button", { name: /Bob/ }).first().click();
  await shot(a, "add-members-desktop");
  await dialog.getByRole("button", { name: /^Add/ }).click();
  await dialog.waitFor({ state: "detached" });
  await a.getByText("Members added").waitFor();
  const rooms = await bob.get<{ rooms: { id: string }[] }>("/rooms");
  assert.ok(
    rooms.rooms.some((r) => r.id === random),
    "Bob is now a member",
  );
});

test("[SPEC §1] Browse channels lists public channels with member counts; Join opens the channel", async () => {
  const lobby = unwrap<{ id: string }>(
    await alice.post("/rooms", { kind: "channel", name: "lobby" }),
    "room",
  ).id;
  const listed = await bob.get<{ rooms: { id: string; member?: boolean }[] }>("/rooms?scope=public");
  assert.ok(
    listed.rooms.some((r) => r.id === lobby && r.member === false),
    "the API lists a public channel Bob is not in",
  );
  const b = await app.as(bob, "/chat");
  await b.getByRole("button", { name: "Browse" }).click();
  const dialog = b.getByRole("dialog", { name: "Browse channels" });
  await dialog.getByRole("list", { name: "Public channels" }).waitFor({ state: "attached" });
  await shot(b, "browse-channels-desktop");
  const row = dialog.getByRole("listitem").filter({ hasText: "#lobby" });
  await row.getByText("1 member").waitFor();
  await row.getByRole("button", { name: "Join" }).click();
  await b.waitForURL(`**/chat/${lobby}`);
  await b.getByRole("heading", { level: 1, name: /lobby/ }).waitFor();
});

/** Chromium's autoplay policy, simulated: headless Chromium never suspends audio, whatever the flags. An
 *  AudioContext stays "suspended" (resume() does nothing) until the page got a click or a key. */
function blockAudioUntilGesture(): void {
  let gesture = false;
  for (const g of ["pointerdown", "keydown"])
    window.addEventListener(
      g,
      () => {
        gesture = true;
      },
      { capture: true },
    );
  const proto = AudioContext.prototype;
  const realState = Object.getOwnPropertyDescriptor(BaseAudioContext.prototype, "state");
  Object.defineProperty(proto, "state", {
    configurable: true,
    get(this: AudioContext) {
      return gesture ? realState?.get?.call(this) : "suspended";
    },
  });
  const realResume = proto.resume;
  proto.resume = function (this: AudioContext) {
    return gesture ? realResume.call(this) : Promise.resolve();
  };
}

test("[DSK-1] when the browser blocks audio, a one-time 'Click to enable sound' hint shows; a click clears it", async () => {
  const u = await app.profile(bob, { permission: "granted" });
  await u.context.addInitScript(blockAudioUntilGesture);
  const b = u.page;
  await b.goto("/chat");
  await connected(b);
  await setFocus(b, false);
  const dm = unwrap<{ id: string }>(await alice.post("/dms", { userIds: [bob.user.id] }), "room").id;
  await alice.post(`/rooms/${dm}/messages`, { text: "ping with a sound" });
  const hint = b.getByRole("button", { name: "Click to enable sound" });
  await hint.waitFor();
  await shot(b, "sound-hint-desktop");
  await hint.click();
  await hint.waitFor({ state: "detached" });
  await alice.post(`/rooms/${dm}/messages`, { text: "another ping" });
  await b.locator(".room-link", { hasText: "Alice" }).waitFor();
  assert.equal(await hint.count(), 0, "the hint does not come back");
});

test("[MEN-1][MEN-3][DSK-4] @mentions are highlighted as text spans; emails and HTML are not", async () => {
  await post(alice, "hey @bob and @all, mail bob@example.com <b>not bold</b>.");
  const b = await app.as(bob, `/chat/${general}`);
  const text = b.locator(".message .text", { hasText: "mail bob@example.com" });
  await text.waitFor();
  assert.deepEqual(await text.locator(".mention").allTextContents(), ["@bob", "@all"]);
  assert.equal(await text.locator(".mention.me").count(), 2, "my handle and @all stand out");
  assert.equal(await text.locator("b").count(), 0, "no HTML element from the text");
  assert.match((await text.textContent()) ?? "", /<b>not bold<\/b>\.$/);
  await shot(b, "mentions-highlighted-desktop");
});

test("[GEN-1] the inbox snoozes an item until a chosen time; it leaves the list and the unread count", async () => {
  // A user of their own, so no item from another test can arrive between the two counts.
  const carol = await makeUser(admin, "carol");
  const room = unwrap<{ id: string }>(
    await alice.post("/rooms", { kind: "channel", name: "snoozing", memberIds: [carol.user.id] }),
    "room",
  ).id;
  await alice.post(`/rooms/${room}/messages`, { text: "@carol snooze me please" });
  const c = await app.as(carol, "/notifications");
  const item = c.getByRole("listitem").filter({ hasText: "snooze me please" });
  await item.waitFor();
  assert.equal((await carol.get<{ unread: number }>("/notifications/unread-count")).unread, 1);
  await item.getByRole("combobox", { name: "Snooze" }).selectOption("tomorrow");
  await item.waitFor({ state: "detached" });
  const listed = await carol.get<{ items: { preview?: string; text?: string }[] }>("/notifications");
  assert.ok(!JSON.stringify(listed).includes("snooze me please"), "a snoozed item is not listed");
  assert.equal((await carol.get<{ unread: number }>("/notifications/unread-count")).unread, 0);
});
