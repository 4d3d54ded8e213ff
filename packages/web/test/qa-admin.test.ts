// Admin and settings fixes (QA issue 6): PRV-7 defaults offer every account, room and agent setting through
// the users' own forms; a refused PRV-9 shows its error by the field; the create-user error looks like one;
// phone layout of the tab rows and the users table; the explain page names the message it explains.
import assert from "node:assert/strict";
import { test } from "node:test";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { PHONE, shot, until } from "./harness.ts";

const app = appFixture();

let admin: Client;
let bob: Client;

app.setup(async () => {
  admin = app.admin;
  bob = await makeUser(admin, "bob");
});

type Saved = { saved: { defaults?: Record<string, Record<string, unknown>> } };

test("[PRV-7][PRF-21] admin defaults offer every account, room and agent setting; each change saves only itself", async () => {
  const a = await app.as(admin, "/admin/settings");
  const defaults = a.getByRole("region", { name: "Defaults for users" });
  await defaults.getByRole("tab", { name: "Account notifications" }).waitFor();
  // Each control carries its rule ID as data-rule, never as visible text (GEN-9).
  const rules = async () =>
    new Set(
      (
        await defaults
          .locator("[data-rule]")
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-rule")))
      ).flatMap((r) => (r ?? "").split(" ")),
    );
  const account = await rules();
  for (const id of [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17])
    assert.ok(account.has(`PRF-${id}`), `PRF-${id} offered (${[...account].join(" ")})`);
  await defaults.getByLabel(/Desktop notifications for/).selectOption("all");
  await until("saved", async () => (await a.locator(".save-status").textContent()) === "Saved");
  await shot(a, "admin-defaults-account-desktop");

  await defaults.getByRole("tab", { name: "Rooms" }).click();
  const room = await rules();
  for (const id of [30, 31, 32, 33, 34]) assert.ok(room.has(`PRF-${id}`), `PRF-${id} offered`);
  await defaults.getByLabel(/Mute @here and @all/).check();
  await until("saved", async () => (await a.locator(".save-status").textContent()) === "Saved");

  await defaults.getByRole("tab", { name: "Support agents" }).click();
  const agent = await rules();
  for (const id of [40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50])
    assert.ok(agent.has(`PRF-${id}`), `PRF-${id}`);
  await defaults.getByLabel(/Remind me every 30 s/).check();
  await until("saved", async () => (await a.locator(".save-status").textContent()) === "Saved");

  const s = await admin.get<Saved>("/admin/settings");
  assert.deepEqual(s.saved.defaults, {
    account: { desktop: "all" },
    room: { muteGroupMentions: true },
    agent: { remindUnread: true },
  });
  // PRF-21: Bob never saved a desktop level, so he follows the new default.
  const mine = await bob.get<{ effective: { desktop: string } }>("/me/preferences");
  assert.equal(mine.effective.desktop, "all");
});

test("[PRV-9][GEN-4] a refused value shows its error next to the field; the create-user error is an error", async () => {
  const a = await app.as(admin, "/admin/settings");
  const box = a.getByLabel(/Restrict @all \/ @here/);
  await box.fill("0");
  await box.blur();
  const err = a.locator("#prv9-error");
  await until("error by the field", async () => ((await err.textContent()) ?? "").length > 0);
  // In words (GEN-9): no key path or request part from the server's message.
  assert.doesNotMatch((await err.textContent()) ?? "", /restrictGroupMentionsAbove|body/);
  assert.doesNotMatch(
    (await a.locator(".save-status").textContent()) ?? "",
    /restrictGroupMentionsAbove|body/,
  );
  assert.equal(await box.getAttribute("aria-invalid"), "true");
  await shot(a, "admin-settings-prv9-error");

  await a.goto("/admin/users");
  const form = a.locator("form", { hasText: "New user" });
  await form.getByLabel("Username").fill("weak");
  await form.getByLabel("Password").fill("x");
  await form.getByRole("button", { name: "Create user" }).click();
  const out = form.locator("output.error");
  await until("error output", async () => ((await out.textContent()) ?? "").length > 0);
  const color = await out.evaluate((el) => getComputedStyle(el).color);
  assert.equal(color, "rgb(179, 38, 30)", "styled with the danger colour");
});

test("phone (390 px): Admin link, tab rows scroll to the active tab, users table as cards with Actions", async () => {
  // An unread inbox item puts a count on the Notifications link, the widest case for the bar.
  const dm = unwrap<{ id: string }>(await bob.post("/dms", { userIds: [admin.user.id] }), "room").id;
  await bob.post(`/rooms/${dm}/messages`, { text: "hi admin" });
  const p = await app.as(admin, "/admin/mailbox", PHONE);
  await p
    .getByRole("link", { name: /Notifications/ })
    .locator(".pill")
    .waitFor();
  const adminLink = p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" });
  const box = await adminLink.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `Admin link on screen (${JSON.stringify(box)})`);
  const active = p
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name: "Dev mailbox" });
  await until("active tab scrolled into view", async () => {
    const b = await active.boundingBox();
    return b && b.x >= 0 && b.x + b.width <= 390;
  });
  await shot(p, "admin-tabs-phone");
  await p.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Users" }).click();
  const deactivate = p.getByRole("row", { name: /bob/ }).getByRole("button", { name: "Deactivate" });
  await deactivate.waitFor();
  const d = await deactivate.boundingBox();
  assert.ok(d && d.x + d.width <= 390, `Deactivate on screen (${JSON.stringify(d)})`);
  await shot(p, "admin-users-phone");
  await p.goto("/settings/token");
  const tab = p.getByRole("navigation", { name: "Preferences" }).getByRole("link", { name: "Access token" });
  await until("settings tab in view", async () => {
    const b = await tab.boundingBox();
    return b && b.x >= 0 && b.x + b.width <= 390;
  });
  await shot(p, "settings-tabs-phone");
});

test("[EXP-1][EXP-2][GEN-9] explain names the message (room, sender, first line), says why in words, rules under Details", async () => {
  const room = unwrap<{ id: string }>(
    await admin.post("/rooms", { kind: "channel", name: "ops", memberIds: [bob.user.id] }),
    "room",
  ).id;
  const m = await admin.post<{ message: { id: string } }>(`/rooms/${room}/messages`, {
    text: "deploy at 5 @bob\nsecond line",
  });
  const b = await app.as(bob, `/explain/${m.message.id}`);
  const about = b.getByRole("region", { name: "The message" });
  await about.getByText("deploy at 5 @bob").waitFor();
  assert.ok(!((await about.textContent()) ?? "").includes("second line"), "first line only");
  await about.getByText(/#ops/).waitFor();
  await about
    .getByText(/Admin|admin/)
    .first()
    .waitFor();
  await b.locator('.explain-sentences li[data-channel="push"]').waitFor();
  await b.getByRole("button", { name: "Details" }).click();
  const reason = b.locator("table.explain .reasons li").first();
  await reason.locator(".rule").waitFor();
  const words = ((await reason.textContent()) ?? "").replace(
    (await reason.locator(".rule").textContent()) ?? "",
    "",
  );
  assert.ok(
    words.trim().length > 3,
    `a reason in words, not only a rule id: "${await reason.textContent()}"`,
  );
  await shot(b, "explain-desktop");
  await b.setViewportSize(PHONE);
  await shot(b, "explain-phone");
});
