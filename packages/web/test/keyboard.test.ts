// Issue 6 §8, keyboard reachable and labelled controls: a user who never touches the mouse signs in, opens a
// room, posts, goes through the room menu to Notification Preferences and back, and through the user menu;
// focus is always visible and goes back where it came from. Every visible control of every main screen has an
// accessible name, at 1280×800 and on a 390-px phone.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Locator, Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser, PASSWORD, unwrap } from "./client.ts";
import { connected, PHONE, shot, until } from "./harness.ts";

const app = appFixture();

let admin: Client;
let alice: Client;
let general: string;
let messageId: string;
let inboxKey: string;

app.setup(async () => {
  admin = app.admin;
  alice = await makeUser(admin, "alice");
  general = unwrap<{ id: string }>(
    await admin.post("/rooms", { kind: "channel", name: "general", memberIds: [alice.user.id] }),
    "room",
  ).id;
  messageId = unwrap<{ id: string }>(
    await admin.post(`/rooms/${general}/messages`, { text: "welcome @alice" }),
    "message",
  ).id;
  inboxKey = (await admin.post<{ key: string }>("/inboxes", { name: "Website", agentIds: [admin.user.id] }))
    .key;
});

const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement).catch(() => false);

/** Presses Tab until `target` has focus (at most `max` presses): proves it is reachable in tab order. */
async function tabTo(page: Page, target: Locator, what: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await focused(target)) return;
    await page.keyboard.press("Tab");
  }
  assert.ok(await focused(target), `${what} is not reachable with Tab in ${max} presses`);
}

/** The focused element shows a focus ring (3 px outline from :focus-visible). */
async function focusRingVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const s = getComputedStyle(el);
    return (
      el.matches(":focus-visible") && s.outlineStyle !== "none" && Number.parseFloat(s.outlineWidth) >= 2
    );
  });
}

test("[a11y] keyboard only: sign in, open a room, post, room menu › Notification Preferences, user menu", async () => {
  const u = await app.profile(null, { permission: "granted" });
  const p = u.page;
  await p.goto("/");
  await tabTo(p, p.getByLabel("Username or email"), "the username field");
  await p.keyboard.type("alice");
  await tabTo(p, p.getByLabel("Password"), "the password field");
  await p.keyboard.type(PASSWORD);
  await p.keyboard.press("Enter");
  await connected(p);

  // The first Tab reaches the skip link, which jumps past the navigation.
  await p.keyboard.press("Tab");
  assert.ok(await focused(p.getByRole("link", { name: /Skip to/ })), "the first Tab reaches the skip link");
  assert.ok(await focusRingVisible(p), "the skip link shows a focus ring");

  const room = p.getByRole("link", { name: /general/ });
  await tabTo(p, room, "the #general room link");
  assert.ok(await focusRingVisible(p), "the room link shows a focus ring");
  await p.keyboard.press("Enter");
  await p.waitForURL(`**/chat/${general}`);
  await p.locator(".message .text", { hasText: "welcome @alice" }).waitFor();

  const composer = p.getByRole("combobox", { name: /Message/ });
  await tabTo(p, composer, "the composer");
  await p.keyboard.type("typed without a mouse");
  await p.keyboard.press("Enter");
  await p.locator(".message .text", { hasText: "typed without a mouse" }).waitFor();

  // Room menu: Enter opens it with focus on the first item; arrows move; Escape gives focus back.
  const kebab = p.getByRole("button", { name: "Room menu" });
  await tabTo(p, kebab, "the room menu button");
  await p.keyboard.press("Enter");
  const menu = p.getByRole("menu", { name: "Room menu" });
  const prefsItem = menu.getByRole("menuitem", { name: "Notification Preferences" });
  await until("focus on the first menu item", () => focused(prefsItem));
  await p.keyboard.press("ArrowDown");
  assert.ok(
    await focused(menu.getByRole("menuitem", { name: "Add members" })),
    "ArrowDown moves to the next item",
  );
  await p.keyboard.press("End");
  assert.ok(await focused(menu.getByRole("menuitem", { name: "Leave room" })), "End moves to the last item");
  await p.keyboard.press("ArrowDown");
  assert.ok(await focused(prefsItem), "ArrowDown wraps to the first item");
  await p.keyboard.press("Escape");
  await menu.waitFor({ state: "detached" });
  assert.ok(await focused(kebab), "Escape closes the menu and focus goes back to its button");

  await p.keyboard.press("Enter");
  await until("focus on the first menu item again", () => focused(prefsItem));
  await p.keyboard.press("Enter");
  const dialog = p.getByRole("dialog", { name: "Notification Preferences" });
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), "focus moves into the dialog");
  await shot(p, "keyboard-room-prefs-dialog");
  await p.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  await until("focus back on the room menu button after the dialog", () => focused(kebab));

  // User menu: a panel of fields; Enter opens it with focus inside, Escape gives focus back, Tab leaves it.
  const avatar = p.getByRole("button", { name: /User menu for Alice/ });
  await tabTo(p, avatar, "the user menu button");
  await p.keyboard.press("Enter");
  const panel = p.getByRole("group", { name: "User menu" });
  await until("focus inside the user menu", () => panel.evaluate((d) => d.contains(document.activeElement)));
  await p.keyboard.press("Escape");
  await panel.waitFor({ state: "detached" });
  assert.ok(await focused(avatar), "Escape closes the user menu and focus goes back to the avatar");
  await p.keyboard.press("Enter");
  const settings = panel.getByRole("button", { name: "Notifications", exact: true });
  await tabTo(p, settings, "Notifications in the user menu", 15);
  await p.keyboard.press("Enter");
  await p.waitForURL("**/settings/notifications");
  await p.getByRole("heading", { name: "Desktop notifications" }).waitFor();
  await tabTo(p, p.getByLabel(/Desktop notifications for/), "the desktop level select");
  await shot(p, "keyboard-settings-focus");
});

/** Visible controls without an accessible name (aria-label, aria-labelledby, <label>, text, title, alt). */
function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const sel =
      'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="menuitem"], [role="tab"]';
    const nameOf = (el: Element): string => {
      const aria = el.getAttribute("aria-label")?.trim();
      if (aria) return aria;
      const by = el.getAttribute("aria-labelledby");
      if (by)
        return by
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? "")
          .join(" ")
          .trim();
      const labels = (el as HTMLInputElement).labels;
      if (labels?.length)
        return [...labels]
          .map((l) => l.textContent ?? "")
          .join(" ")
          .trim();
      if (el instanceof HTMLInputElement && ["submit", "button", "reset"].includes(el.type)) return el.value;
      if (
        el instanceof HTMLInputElement ||
        el instanceof HTMLSelectElement ||
        el instanceof HTMLTextAreaElement
      )
        return el.getAttribute("title") ?? "";
      const text = (el.textContent ?? "").trim();
      const alts = [...el.querySelectorAll("img[alt], svg[aria-label]")]
        .map((i) => i.getAttribute("alt") ?? i.getAttribute("aria-label") ?? "")
        .join(" ")
        .trim();
      return text || alts || el.getAttribute("title") || "";
    };
    return [...document.querySelectorAll(sel)]
      .filter((el) => el.getClientRects().length > 0 && !nameOf(el))
      .map((el) => el.outerHTML.slice(0, 160));
  });
}

test("[a11y] every visible control of every main screen has an accessible name, desktop and phone", async () => {
  const screens: [string, string][] = [
    ["/chat", "Rooms"],
    [`/chat/${general}`, "general"],
    ["/notifications", "Notifications"],
    [`/explain/${messageId}`, "Why"],
    ["/settings/notifications", "Desktop notifications"],
    ["/settings/account", "Profile"],
    ["/settings/token", "Access token"],
    ["/settings/agent", "Pending contacts"],
    ["/support", "Conversations"],
    ["/admin/users", "Users"],
    ["/admin/inboxes", "Inboxes"],
    ["/admin/settings", "Content and identity"],
    ["/admin/stats", "Deliveries"],
    ["/admin/mailbox", "Dev mailbox"],
  ];
  const found: string[] = [];
  for (const viewport of [undefined, PHONE]) {
    const u = await app.profile(admin, { permission: "granted" }, viewport);
    for (const [path, heading] of screens) {
      await u.page.goto(path);
      await u.page.getByText(heading).filter({ visible: true }).first().waitFor();
      for (const html of await unlabelled(u.page))
        found.push(`${viewport ? "phone" : "desktop"} ${path}: ${html}`);
    }
    const w = await app.profile(null, {}, viewport);
    await w.page.goto(`/widget?key=${encodeURIComponent(inboxKey)}`);
    await w.page.getByLabel("Your name").waitFor();
    for (const html of await unlabelled(w.page))
      found.push(`${viewport ? "phone" : "desktop"} widget: ${html}`);
  }
  assert.deepEqual(found, []);
});
