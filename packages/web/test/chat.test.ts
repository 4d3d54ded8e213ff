// Chat notifications end to end: two users in two browser profiles, a real server, banners and sounds recorded.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { PHONE, recorded, setFocus, shot, soundCount, syncGateway, until } from "./harness.ts";
import { afterSentinel, soundsWithSentinel } from "./sentinel.ts";

const app = appFixture();

let admin: Client;
let alice: Client;
let bob: Client;
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

async function bannersNow(p: Page) {
  return (await recorded(p)).banners.length;
}

test("[MEN-1][DSK-1][DSK-4] a mention shows a banner and plays a sound on the unfocused window", async () => {
  const b = await app.as(bob, "/chat");
  await setFocus(b, false);
  const a = await app.as(alice, `/chat/${general}`);
  const box = a.getByRole("combobox", { name: /Message/ });
  await box.fill("hi @bo");
  await a.getByRole("option", { name: /@bob/ }).waitFor(); // @ autocomplete
  await box.press("Enter");
  await box.pressSequentially("can you look?");
  await box.press("Enter");
  await a.locator(".message .text", { hasText: "hi @bob can you look?" }).waitFor();
  await shot(a, "chat-room-desktop");
  const r = await until("banner on bob's unfocused window", async () => {
    const rec = await recorded(b);
    return rec.banners.length > 0 && rec;
  });
  assert.match(r.banners[0].title, /Alice/);
  assert.equal(r.banners[0].body, "hi @bob can you look?");
  await until("sound on bob's window", async () => soundCount(await recorded(b)) >= 1);
  await b.getByRole("link", { name: /general/ }).waitFor();
  await shot(b, "chat-sidebar-unread-desktop");
});

test("[DSK-2] no banner and no sound when the room is open and the window focused", async () => {
  const b = await app.as(bob, `/chat/${general}`);
  await b.getByRole("list", { name: "Messages" }).waitFor();
  // The room in view reaches the gateway in a frame of its own once the room screen mounts.
  await syncGateway(b);
  const before = await recorded(b);
  await alice.post(`/rooms/${general}/messages`, { text: "@bob are you here?" });
  await b.locator(".message .text", { hasText: "@bob are you here?" }).waitFor();
  // Sentinel: the same room, once the window lost focus, must banner (and sound) — and only that one.
  await setFocus(b, false);
  const { others } = await afterSentinel(b, before, "@bob now?", () =>
    alice.post(`/rooms/${general}/messages`, { text: "@bob now?" }),
  );
  assert.deepEqual(others, [], "no banner for the room in view");
  assert.equal(
    await soundsWithSentinel(b, before),
    soundCount(before) + 1,
    "no sound for the room in view, one for the sentinel",
  );
});

test("[PRF-30][PRF-36] a muted room gives no banner or sound even for a mention, and looks muted", async () => {
  const b = await app.as(bob, `/chat/${general}`);
  await b.getByRole("button", { name: "Room menu" }).click();
  await b.getByRole("menuitem", { name: "Notification Preferences" }).click();
  await b.getByLabel("Receive alerts").uncheck();
  await shot(b, "room-prefs-desktop");
  await b.getByRole("button", { name: "Save" }).click();
  await b.goto("/chat");
  await b.locator("a.room-link.silenced", { hasText: "general" }).waitFor();
  await setFocus(b, false);
  const before = await recorded(b);
  await alice.post(`/rooms/${general}/messages`, { text: "@bob muted room ping" });
  await b.locator("a.room-link.unread", { hasText: "general" }).waitFor();
  // Sentinel: alerts back on, the next mention in the same room must banner — and only that one.
  await bob.put(`/rooms/${general}/preferences`, { alerts: true });
  const { others } = await afterSentinel(b, before, "@bob unmuted ping", () =>
    alice.post(`/rooms/${general}/messages`, { text: "@bob unmuted ping" }),
  );
  assert.deepEqual(others, [], "no banner from the muted room");
  assert.equal(
    await soundsWithSentinel(b, before),
    soundCount(before) + 1,
    "no sound from the muted room, one for the sentinel",
  );
});

test("[PRF-31][PRF-37] muting @all/@here silences @all but not @bob", async () => {
  await bob.put(`/rooms/${general}/preferences`, { alerts: true, muteGroupMentions: true });
  const b = await app.as(bob, "/chat");
  await setFocus(b, false);
  const before = await recorded(b);
  await alice.post(`/rooms/${general}/messages`, { text: "@all standup in 5" });
  // The @bob mention that follows must banner: once it has, the @all before it had its chance.
  const { others } = await afterSentinel(b, before, "@bob and you?", () =>
    alice.post(`/rooms/${general}/messages`, { text: "@bob and you?" }),
  );
  assert.deepEqual(others, [], "@all is silent");
  await bob.put(`/rooms/${general}/preferences`, { muteGroupMentions: false });
});

test("[BDG-5][BDG-4] DM badge counts in both tabs and clears in both when read in one", async () => {
  const carol = await makeUser(admin, "carol");
  const dave = await makeUser(admin, "dave");
  const dm = unwrap<{ id: string }>(await carol.post("/dms", { userIds: [dave.user.id] }), "room").id;
  const u = await app.profile(dave, { permission: "granted" });
  const t1 = u.page;
  const t2 = await u.context.newPage();
  await t1.goto("/chat");
  await t2.goto("/notifications");
  await carol.post(`/rooms/${dm}/messages`, { text: "one" });
  await carol.post(`/rooms/${dm}/messages`, { text: "two" });
  for (const t of [t1, t2]) await until("(2) in the title", async () => (await t.title()).startsWith("(2)"));
  await shot(t1, "chat-dm-badge-desktop");
  await t1.getByRole("link", { name: /Carol/ }).click();
  await t1.locator(".message .text", { hasText: "two" }).waitFor();
  for (const t of [t1, t2]) await until("badge cleared", async () => !(await t.title()).startsWith("("));
});

test("[DSK-4] message text is never HTML — in the app and in banners", async () => {
  const payload = '<img src=x onerror="window.__xss=1">';
  const b = await app.as(bob, "/chat");
  await setFocus(b, false);
  const n = await bannersNow(b);
  await alice.post(`/rooms/${general}/messages`, { text: `@bob ${payload}` });
  const r = await until("banner", async () => {
    const rec = await recorded(b);
    return rec.banners.length > n && rec;
  });
  assert.equal(r.banners.at(-1)?.body, `@bob ${payload}`);
  await setFocus(b, true);
  await b.goto(`/chat/${general}`);
  await b.locator(".message .text", { hasText: payload }).waitFor();
  assert.equal(await b.locator(".message .text img").count(), 0);
  assert.equal(await b.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
});

test("[MEN-1] mentioning a non-member notifies nobody and hints the sender", async () => {
  await makeUser(admin, "erin");
  const a = await app.as(alice, `/chat/${general}`);
  const box = a.getByRole("combobox", { name: /Message/ });
  await box.fill("ping @erin");
  await box.press("Escape");
  await box.press("Enter");
  await a.locator(".hint", { hasText: /erin/i }).waitFor();
  await shot(a, "chat-hint-desktop");
});

test("chat works on a 390-px-wide phone screen", async () => {
  const b = await app.as(bob, "/chat", PHONE);
  await shot(b, "chat-sidebar-phone");
  await b.getByRole("link", { name: /general/ }).click();
  await b.getByRole("combobox", { name: /Message/ }).waitFor();
  await shot(b, "chat-room-phone");
  await b.getByRole("link", { name: "Back to rooms" }).click();
  await b.getByRole("navigation", { name: "Rooms" }).waitFor();
});

test("[PRF-49][PRS-5][DSK-1] user menu: the sound master mutes sounds only; do-not-disturb stops banners", async () => {
  const b = await app.as(bob, "/chat");
  await b.getByRole("button", { name: /User menu/ }).click();
  await b.getByLabel("All sounds").uncheck();
  await until("audio master saved", async () => {
    const p = await bob.get<{ effective: { audioMaster: boolean } }>("/me/agent-preferences");
    return p.effective.audioMaster === false;
  });
  await shot(b, "user-menu-desktop");
  await b.keyboard.press("Escape");
  await setFocus(b, false);
  const before = await recorded(b);
  await alice.post(`/rooms/${general}/messages`, { text: "@bob sound check" });
  await until("banner without sound", async () => (await recorded(b)).banners.length > before.banners.length);
  // Sentinel: sounds back on, the next mention must sound once — the one before it never did.
  await setFocus(b, true);
  await b.getByRole("button", { name: /User menu/ }).click();
  await b.getByLabel("All sounds").check();
  await until("audio master saved", async () => {
    const p = await bob.get<{ effective: { audioMaster: boolean } }>("/me/agent-preferences");
    return p.effective.audioMaster === true;
  });
  await b.keyboard.press("Escape");
  await setFocus(b, false);
  await afterSentinel(b, before, "@bob sound back", () =>
    alice.post(`/rooms/${general}/messages`, { text: "@bob sound back" }),
  );
  assert.equal(
    await soundsWithSentinel(b, before),
    soundCount(before) + 1,
    "PRF-49: no sound with the audio master off; one for the sentinel",
  );

  await setFocus(b, true);
  await b.getByRole("button", { name: /User menu/ }).click();
  await b.getByLabel("Do not disturb").selectOption("1h");
  await until(
    "dnd on",
    async () => (await bob.get<{ status: { dnd: { on: boolean } } }>("/me")).status.dnd.on,
  );
  await b.keyboard.press("Escape");
  await setFocus(b, false);
  const busy = await recorded(b);
  await alice.post(`/rooms/${general}/messages`, { text: "@bob are you busy?" });
  // Sentinel: do-not-disturb off, the next mention must banner — and only that one.
  await bob.put("/me/status", { dnd: null });
  const { others } = await afterSentinel(b, busy, "@bob free now?", () =>
    alice.post(`/rooms/${general}/messages`, { text: "@bob free now?" }),
  );
  assert.deepEqual(others, [], "busy: no banner");
});

test("[TRG-1][PRF-6] a followed thread notifies its replies; Unfollow stops them", async () => {
  const root = unwrap<{ id: string }>(
    await alice.post(`/rooms/${general}/messages`, { text: "release plan" }),
    "message",
  ).id;
  const b = await app.as(bob, `/chat/${general}/thread/${root}`);
  const panel = b.getByRole("complementary", { name: "Thread" });
  await panel.getByRole("button", { name: "Follow" }).click();
  await panel.getByRole("button", { name: "Unfollow" }).waitFor();
  await shot(b, "chat-thread-desktop");
  await b.getByRole("link", { name: "Close thread" }).click();
  await setFocus(b, false);
  const n = (await recorded(b)).banners.length;
  await alice.post(`/rooms/${general}/messages`, { text: "step 1 done", threadRootId: root });
  const r = await until("thread banner", async () => {
    const rec = await recorded(b);
    return rec.banners.length > n && rec;
  });
  assert.equal(r.banners.at(-1)?.body, "step 1 done");

  await setFocus(b, true);
  await b.goto(`/chat/${general}/thread/${root}`);
  await panel.getByRole("button", { name: "Unfollow" }).click();
  await panel.getByRole("button", { name: "Follow" }).waitFor();
  await b.getByRole("link", { name: "Close thread" }).click();
  await setFocus(b, false);
  const unfollowed = await recorded(b);
  await alice.post(`/rooms/${general}/messages`, { text: "step 2 done", threadRootId: root });
  // Sentinel: a mention in the same thread still notifies (MEN rules), after which "step 2" had its chance.
  const { others } = await afterSentinel(b, unfollowed, "@bob step 3?", () =>
    alice.post(`/rooms/${general}/messages`, { text: "@bob step 3?", threadRootId: root }),
  );
  assert.deepEqual(others, [], "unfollowed: no banner");
});

test("[PRF-6] Follow waits for the thread's state: an answer sent before the click cannot undo it", async () => {
  const root = unwrap<{ id: string }>(
    await alice.post(`/rooms/${general}/messages`, { text: "rollout checklist" }),
    "message",
  ).id;
  const b = await app.as(bob, `/chat/${general}`);
  await b.getByRole("navigation", { name: "Rooms" }).waitFor();
  // The first read of the thread is answered late, with what the server said before any click.
  let reads = 0;
  await b.route(`**/api/v1/messages/${root}/thread`, async (route) => {
    if (reads++ > 0) return route.continue();
    const answer = await route.fetch();
    await new Promise((r) => setTimeout(r, 1500));
    await route.fulfill({ response: answer });
  });
  await b.goto(`/chat/${general}/thread/${root}`);
  const panel = b.getByRole("complementary", { name: "Thread" });
  await panel.getByRole("button", { name: /^(Follow|Unfollow)$/ }).waitFor();
  await panel.getByRole("button", { name: "Follow" }).click();
  await panel.getByRole("button", { name: "Unfollow" }).waitFor({ timeout: 10_000 });
  const state = await bob.get<{ following: boolean }>(`/messages/${root}/thread`);
  assert.equal(state.following, true, "the server has the follow");
  await b.waitForTimeout(500);
  assert.equal(await panel.getByRole("button", { name: "Unfollow" }).count(), 1, "the screen still says so");
});
