// The sidebar in Chromium: unread counts on DM and group-DM rows, each room's notification state in words,
// mark a room (or from a message) as unread, mark all rooms read.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { shot, until } from "./harness.ts";

const app = appFixture();

let alice: Client;
let bob: Client;
let carol: Client;
let general: string;
let quiet: string;
let dm: string;
let gdm: string;

app.setup(async () => {
  alice = await makeUser(app.admin, "alice");
  bob = await makeUser(app.admin, "bob");
  carol = await makeUser(app.admin, "carol");
  const channel = async (name: string) =>
    unwrap<{ id: string }>(
      await bob.post("/rooms", { kind: "channel", name, memberIds: [alice.user.id, carol.user.id] }),
      "room",
    ).id;
  general = await channel("general");
  quiet = await channel("quiet");
  dm = unwrap<{ id: string }>(await bob.post("/dms", { userIds: [alice.user.id] }), "room").id;
  gdm = unwrap<{ id: string }>(
    await bob.post("/dms", { userIds: [alice.user.id, carol.user.id] }),
    "room",
  ).id;
});

const row = (p: Page, name: RegExp) =>
  p.getByRole("navigation", { name: "Rooms" }).getByRole("link", { name });
/** A DM row by its exact label ("Bob" is not "Bob, Carol"). */
const dmRow = (p: Page, label: string) =>
  p.locator(".sidebar a.room-link").filter({ hasText: new RegExp(`^${label}(?!,)`) });
const dmPill = (p: Page, label: string) => dmRow(p, label).locator(".pill");

test("sidebar: DM and group-DM rows count their unread messages, live", async () => {
  const a = await app.as(alice, "/chat");
  for (let i = 1; i <= 3; i++) await bob.post(`/rooms/${dm}/messages`, { text: `dm ${i}` });
  await bob.post(`/rooms/${gdm}/messages`, { text: "group 1" });
  await carol.post(`/rooms/${gdm}/messages`, { text: "group 2" });
  await until(
    "3 on the DM row",
    async () => (await dmPill(a, "Bob").textContent({ timeout: 1000 })) === "3 unread",
  );
  await until(
    "2 on the group DM row",
    async () => (await dmPill(a, "Bob, Carol").textContent({ timeout: 1000 })) === "2 unread",
  );
  await shot(a, "sidebar-dm-counts-desktop");
  // Reading the DM clears its count; the group's stays.
  await dmRow(a, "Bob").click();
  await until("DM count cleared", async () => (await dmPill(a, "Bob").count()) === 0);
  assert.equal(await dmPill(a, "Bob, Carol").textContent(), "2 unread");
  await a.close(); // an open, focused DM would read what the next tests send
});

test("sidebar: a room's notification state shows in words: muted, snoozed until when, @all muted", async () => {
  const until3h = Date.now() + 3 * 3_600_000;
  await alice.put(`/rooms/${quiet}/preferences`, { alerts: false, muteGroupMentions: true });
  await alice.put(`/rooms/${general}/preferences`, { snooze: { until: until3h } });
  const a = await app.as(alice, "/chat");
  const quietState = row(a, /quiet/).locator(".room-state");
  await until(
    "quiet's state",
    async () => (await quietState.textContent({ timeout: 1000 })) === "Muted · @all muted",
  );
  const snoozed =
    (await row(a, /general/)
      .locator(".room-state")
      .textContent()) ?? "";
  const clock = new Date(until3h).toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit" });
  assert.match(snoozed, /^Snoozed until /);
  assert.ok(snoozed.includes(clock.replace(/\s/g, " ").split(" ")[0]), `${snoozed} says ${clock}`);
  assert.doesNotMatch(snoozed, /\d{4}-\d{2}-\d{2}|T\d{2}:/, "no ISO timestamp");
  await shot(a, "sidebar-room-state-desktop");
  await alice.put(`/rooms/${quiet}/preferences`, { alerts: true, muteGroupMentions: false });
  await alice.put(`/rooms/${general}/preferences`, { snooze: null });
});

test("sidebar: the room list brings every room's settings: the start asks for no room's settings alone", async () => {
  await alice.put(`/rooms/${quiet}/preferences`, { alerts: false });
  const { page: a } = await app.profile(alice);
  const asked: string[] = [];
  a.on("request", (r) => {
    const m = /\/api\/v1\/rooms\/([^/]+)\/preferences$/.exec(new URL(r.url()).pathname);
    if (m) asked.push(m[1]);
  });
  await a.goto("/chat");
  const quietState = row(a, /quiet/).locator(".room-state");
  await until("quiet muted", async () => (await quietState.textContent({ timeout: 1000 })) === "Muted");
  // The later event that proves the absence: the settings dialog asks for its own room's settings again.
  await row(a, /quiet/).click();
  await a.getByRole("button", { name: "Room menu" }).click();
  await a.getByRole("menuitem", { name: "Notification Preferences" }).click();
  await until("the dialog's own request", async () => asked.length > 0);
  assert.deepEqual(asked, [quiet], "only the dialog's request, none per room at the start");
  await alice.put(`/rooms/${quiet}/preferences`, { alerts: null });
});

test("sidebar: the app's first screen comes with its rooms: never the app without them, nor a 'Connecting…' page", async () => {
  const { context, page: a } = await app.profile(alice);
  // Every screen the page goes through before the rooms show, noted as the document changes.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    new MutationObserver(() => {
      const rows = document.querySelectorAll(".sidebar a.room-link:not(.threads-link)").length;
      const what =
        document.querySelector(".splash")?.textContent ??
        (document.querySelector(".shell") ? `app with ${rows > 0 ? "rooms" : "no rooms"}` : "");
      if (what && seen.at(-1) !== what) seen.push(what);
    }).observe(document, { childList: true, subtree: true });
  });
  await a.goto("/chat");
  await row(a, /general/).waitFor();
  const seen = await a.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
  assert.deepEqual(
    seen.filter((s) => s !== "Loading Herald…"),
    ["app with rooms"],
  );
});

test("sidebar: mark a room as unread (and read again); mark unread from a message puts the line there", async () => {
  const first = await bob.post<{ message: { id: string } }>(`/rooms/${general}/messages`, {
    text: "old news",
  });
  await bob.post(`/rooms/${general}/messages`, { text: "newer news" });
  await alice.post(`/rooms/${general}/read`, {});
  const a = await app.as(alice, `/chat/${quiet}`);
  const link = row(a, /general/);
  await link.waitFor();
  assert.doesNotMatch((await link.getAttribute("class")) ?? "", /\bunread\b/);
  await link.hover();
  await a.getByRole("button", { name: "Mark as unread: general" }).click();
  await until("general unread", async () => /\bunread\b/.test((await link.getAttribute("class")) ?? ""));
  await a.reload();
  await until("still unread after a reload", async () =>
    /\bunread\b/.test((await link.getAttribute("class")) ?? ""),
  );
  await link.hover();
  await a.getByRole("button", { name: "Mark as read: general" }).click();
  await until("general read", async () => !/\bunread\b/.test((await link.getAttribute("class")) ?? ""));
  // From a message, in the open room: the "new messages" line moves to it, and the row turns unread.
  await link.click();
  const item = a.locator("li.message").filter({ has: a.locator(".text", { hasText: /^old news$/ }) });
  await item.hover();
  await item.getByRole("button", { name: "Mark unread" }).click();
  const line = a.locator(".unread-line");
  await line.waitFor();
  assert.equal(
    await line.evaluate((el) => el.nextElementSibling?.getAttribute("data-message-id")),
    first.message.id,
  );
  await until("general unread", async () => /\bunread\b/.test((await link.getAttribute("class")) ?? ""));
  // The row may turn unread as the click is sent: the server's count is asked for until it has it.
  await until("the server counts both messages unread", async () => {
    const r = await alice.get<{ rooms: { id: string; unread?: number }[] }>("/rooms");
    return r.rooms.find((x) => x.id === general)?.unread === 2;
  });
  await a.close();
});

test("sidebar: 'Mark all as read' clears every room's count at once, in every tab", async () => {
  await bob.post(`/rooms/${general}/messages`, { text: "@alice look" });
  await bob.post(`/rooms/${dm}/messages`, { text: "ping" });
  await carol.post(`/rooms/${gdm}/messages`, { text: "pong" });
  const a = await app.as(alice, `/chat/${quiet}`);
  const other = await app.as(alice, "/notifications");
  await other.getByTestId("app-badge").waitFor();
  await until(
    "counts shown",
    async () => (await dmPill(a, "Bob").count()) === 1 && (await dmPill(a, "Bob, Carol").count()) === 1,
  );
  await a.getByRole("button", { name: "Mark all as read" }).click();
  await until("no counts left", async () => (await a.locator(".sidebar .pill").count()) === 0);
  assert.equal(await a.locator(".sidebar .room-link.unread").count(), 0);
  await until(
    "the other tab's badge is gone",
    async () => (await other.getByTestId("app-badge").count()) === 0,
  );
  const badge = await alice.get<{ total: number }>("/me/badge");
  assert.equal(badge.total, 0);
  assert.ok(await a.getByRole("button", { name: "Mark all as read" }).isDisabled(), "nothing left to mark");
  await shot(a, "sidebar-all-read-desktop");
});
