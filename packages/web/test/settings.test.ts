// Access token (TOK-1), "Why was I notified — or not?" (EXP-2), and the settings / admin / inbox screens.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { imeEndingEnter, imeType, PHONE, shot, until } from "./harness.ts";

const app = appFixture();

let admin: Client;
let alice: Client;
let bob: Client;

app.setup(async () => {
  admin = app.admin;
  alice = await makeUser(admin, "alice");
  bob = await makeUser(admin, "bob", "agent");
});

/** A profile that may use the clipboard (Copy) and accepts confirm() (Regenerate). */
async function open(c: Client, path: string, viewport?: { width: number; height: number }): Promise<Page> {
  const u = await app.profile(c, { permission: "granted" }, viewport);
  await u.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.server.url });
  u.page.on("dialog", (d) => d.accept());
  await u.page.goto(path);
  return u.page;
}

async function meWith(token: string): Promise<number> {
  const res = await fetch(`${app.server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  await res.body?.cancel();
  return res.status;
}

test("[TOK-1][TOK-2] the personal token is shown once with Copy, then only its prefix; Regenerate kills the old one", async () => {
  const p = await open(alice, "/settings/token");
  const box = p.getByLabel("New token");
  await box.waitFor();
  const first = await box.inputValue();
  assert.ok(first.length >= 20, "a real token is shown");
  await p.getByRole("button", { name: "Copy" }).click();
  await p.getByRole("button", { name: "Copied" }).waitFor();
  assert.equal(await p.evaluate(() => navigator.clipboard.readText()), first);
  await shot(p, "settings-token-desktop");
  assert.equal(await meWith(first), 200);

  await p.reload();
  await p.getByText("Current token:").waitFor();
  assert.equal(await p.getByLabel("New token").count(), 0, "not shown again");
  await p.getByRole("button", { name: "Regenerate" }).click();
  await p.getByLabel("New token").waitFor();
  const second = await p.getByLabel("New token").inputValue();
  assert.notEqual(second, first);
  assert.equal(await meWith(first), 401, "the old token stops working at once");
  assert.equal(await meWith(second), 200);
});

test("[EXP-2][PRF-36] explain shows why a push was not sent from a muted room", async () => {
  const room = unwrap<{ id: string }>(
    await alice.post("/rooms", { kind: "channel", name: "ops", memberIds: [bob.user.id] }),
    "room",
  ).id;
  await bob.put(`/rooms/${room}/preferences`, { alerts: false });
  const sent = unwrap<{ id: string }>(
    await alice.post(`/rooms/${room}/messages`, { text: "@bob the disk is full" }),
    "message",
  );
  const p = await open(bob, `/chat/${room}`);
  const msg = p.locator(".message", { hasText: "the disk is full" });
  await msg.hover();
  await msg.getByRole("link", { name: "Why was I notified — or not?" }).click();
  const push = p.locator('.explain-sentences li[data-channel="push"]');
  await push.waitFor();
  assert.match(await push.innerText(), /^Mobile \/ web push: not sent.*alerts are off for this room/);
  assert.doesNotMatch(await p.locator("main").innerText(), /\b[A-Z]{3}-\d+\b/, "no rule ID shown");
  await p.getByRole("button", { name: "Details" }).click();
  const row = p.locator('tr[data-channel="push"]');
  await until("PRF-36 in the push row", async () => (await row.innerText()).includes("PRF-36"));
  assert.match(new URL(p.url()).pathname, new RegExp(`/explain/${sent.id}$`));
  await shot(p, "explain-desktop");
});

test("settings, agent settings, notifications inbox and admin screens render at 1280×800 and 390 px", async () => {
  const b = await open(bob, "/settings/notifications");
  await b.getByRole("heading", { name: "Desktop notifications", exact: true }).waitFor();
  await shot(b, "settings-notifications-desktop");
  await b.getByLabel(/Desktop notifications for/).selectOption("all");
  await b.getByText("Saved", { exact: true }).waitFor();
  assert.equal(((await bob.get("/me/preferences")).saved as { desktop?: string }).desktop, "all");
  await b.goto("/settings/agent");
  await b.getByRole("heading", { name: "Pending contacts" }).waitFor();
  await shot(b, "settings-agent-desktop");
  await b.goto("/notifications");
  await b.getByRole("heading", { level: 1, name: "Notifications", exact: true }).waitFor();
  await shot(b, "notifications-desktop");

  const a = await open(admin, "/admin/users");
  await a.getByRole("cell", { name: /@bob/ }).waitFor();
  await shot(a, "admin-users-desktop");
  await a.goto("/admin/settings");
  await a.getByRole("heading", { name: "Content and identity" }).waitFor();
  await shot(a, "admin-settings-desktop");
  await a.goto("/admin/stats");
  await a.getByRole("heading", { name: /Deliveries/ }).waitFor();
  await shot(a, "admin-stats-desktop");
  await a.goto("/admin/mailbox");
  await a.getByRole("button", { name: "Refresh" }).waitFor();
  await shot(a, "admin-mailbox-desktop");

  const phone = await open(bob, "/settings/agent", PHONE);
  await phone.getByRole("heading", { name: "Pending contacts" }).waitFor();
  await shot(phone, "settings-agent-phone");
  await phone.goto("/notifications");
  await shot(phone, "notifications-phone");
});

test("two switches changed before the first save is answered both stay as set, on screen and on the server", async () => {
  const p = await open(bob, "/settings/notifications");
  // Hold the first save's answer (the server has it) until the second change is on screen: that answer does
  // not know the second change.
  let saves = 0;
  await p.route("**/api/v1/me/preferences", async (route) => {
    if (route.request().method() !== "PUT" || saves++ > 0) return route.continue();
    const answer = await route.fetch();
    await new Promise((r) => setTimeout(r, 1500));
    await route.fulfill({ response: answer });
  });
  let answered = 0;
  p.on("requestfinished", (r) => {
    if (r.method() === "PUT" && r.url().endsWith("/api/v1/me/preferences")) answered++;
  });
  const desktop = p.getByLabel("on desktop", { exact: true });
  const email = p.getByLabel("by email", { exact: true });
  await desktop.waitFor();
  assert.equal(await email.isChecked(), true, "thread replies by email start on");
  await desktop.uncheck();
  await email.uncheck();
  // From now on the page samples the switch every few ms: it must never show on again.
  await email.evaluate((el: HTMLInputElement) => {
    const w = window as unknown as { emailSeenOn: boolean };
    w.emailSeenOn = false;
    setInterval(() => {
      const now = document.getElementById(el.id) as HTMLInputElement | null;
      if ((now ?? el).checked) w.emailSeenOn = true;
    }, 5);
  });
  await until("both saved off", async () => {
    const prefs = await bob.get<{ effective: { threadReplies: { desktop: boolean; email: boolean } } }>(
      "/me/preferences",
    );
    return !prefs.effective.threadReplies.desktop && !prefs.effective.threadReplies.email;
  });
  // Both answers are in the page, the held one last; a frame later the screen has taken them.
  await until("both answers came back", async () => answered === 2);
  // The screen takes an answer within a few tasks; half a second is ample for it to have done so.
  await p.waitForTimeout(500);
  assert.equal(await desktop.isChecked(), false);
  assert.equal(await email.isChecked(), false);
  assert.equal(
    await p.evaluate(() => (window as unknown as { emailSeenOn: boolean }).emailSeenOn),
    false,
    "the first save's answer did not switch the second change back on, even for a moment",
  );
});

test("[PRF-7] a keyword typed through an input method is added by the Enter after the IME's, not by the IME's", async () => {
  const p = await open(alice, "/settings/notifications");
  const field = p.getByLabel("Add a keyword");
  const chips = p.getByRole("list", { name: "Keywords" }).locator(".chip");
  await field.focus();
  await imeType(p, "とまと", "トマト");
  await imeEndingEnter(p);
  await until("the IME's words are in the field", async () => (await field.inputValue()) === "トマト");
  assert.equal(await chips.count(), 0, "the IME's Enter added nothing");
  await field.press("Enter");
  await chips.filter({ hasText: "トマト" }).waitFor();
  assert.equal(await field.inputValue(), "");
  await until("saved", async () => {
    const prefs = await alice.get<{ effective: { keywords: string[] } }>("/me/preferences");
    return prefs.effective.keywords.length > 0 && prefs.effective.keywords;
  });
  const prefs = await alice.get<{ effective: { keywords: string[] } }>("/me/preferences");
  assert.deepEqual(prefs.effective.keywords, ["トマト"], "only the whole keyword");
  await alice.put("/me/preferences", { keywords: null });
});
