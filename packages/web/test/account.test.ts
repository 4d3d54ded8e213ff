// Profile settings in Chromium: changing the password with the current one (mistakes said in words, other
// devices signed out, this one kept), and the time zone — automatic by default, following the browser's zone,
// with UTC in the list and a chosen zone kept over the browser's.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { Client, makeUser, PASSWORD } from "./client.ts";
import { DESKTOP, PHONE, shot, until } from "./harness.ts";

const app = appFixture();

/** A browser profile whose clock is in `timezoneId`, signed in with `who`'s session cookie. */
async function inZone(
  who: Client,
  timezoneId: string,
  viewport = DESKTOP,
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await app.browser.newContext({ viewport, baseURL: app.server.url, timezoneId });
  await ctx.addCookies(
    who.cookie.split("; ").map((kv) => {
      const i = kv.indexOf("=");
      return { name: kv.slice(0, i), value: kv.slice(i + 1), url: app.server.url };
    }),
  );
  return { ctx, page: await ctx.newPage() };
}

test("password: the current one is asked, mistakes are said in words, other devices are signed out", async () => {
  const alice = await makeUser(app.admin, "alice");
  const phone = await Client.login(app.server.url, "alice", PASSWORD);
  const a = await app.as(alice, "/settings/account");
  const form = a.getByRole("form", { name: "Password" });
  const fill = async (current: string, next: string, again = next) => {
    await form.getByLabel("Current password").fill(current);
    await form.getByLabel("New password", { exact: true }).fill(next);
    await form.getByLabel("New password again").fill(again);
    await form.getByRole("button", { name: "Change password" }).click();
  };
  await fill("not-my-password", "a-brand-new-secret");
  await form.getByText("The current password is not right.").waitFor();
  await fill(PASSWORD, "a-brand-new-secret", "a-brand-new-secrez");
  await form.getByText("The new passwords are not the same.").waitFor();
  await fill(PASSWORD, "short");
  await form.getByText(/^Password needs at least \d+ characters\.$/).waitFor();
  await shot(a, "settings-password-desktop");
  await fill(PASSWORD, "a-brand-new-secret");
  await form
    .getByText("Password changed. Your other devices are signed out; this one stays signed in.")
    .waitFor();
  assert.equal(await form.getByLabel("Current password").inputValue(), "", "the fields are emptied");
  // The new password signs in, the old one no longer does; the phone's session ended; this tab still works.
  await Client.login(app.server.url, "alice", "a-brand-new-secret");
  await assert.rejects(Client.login(app.server.url, "alice", PASSWORD));
  await assert.rejects(phone.get("/me"), /401/);
  await a.reload();
  await a.getByRole("form", { name: "Password" }).waitFor();
  assert.equal((await alice.get<{ user: { username: string } }>("/me")).user.username, "alice");
});

test("time zone: automatic by default (the browser's zone is saved), UTC in the list, a chosen zone stays", async () => {
  const tina = await makeUser(app.admin, "tina");
  const zone = async () =>
    (await tina.get<{ user: { timezone: string; timezoneAuto: boolean } }>("/me")).user;
  const first = await zone();
  assert.deepEqual([first.timezone, first.timezoneAuto], ["UTC", true], "a new account follows its browser");
  const { ctx, page } = await inZone(tina, "Asia/Tokyo");
  try {
    await page.goto("/settings/account");
    // Opening the app in Tokyo saves Tokyo as her (automatic) zone: quiet hours and e-mails use it.
    await until("the browser's zone saved", async () => (await zone()).timezone === "Asia/Tokyo");
    const select = page.getByRole("combobox", { name: "Time zone" });
    assert.equal(await select.inputValue(), "auto");
    await page
      .getByRole("option", { name: "Automatic — Asia/Tokyo (this browser)" })
      .waitFor({ state: "attached" });
    await page.getByRole("option", { name: "UTC", exact: true }).waitFor({ state: "attached" });
    await shot(page, "settings-timezone-desktop");

    // A chosen zone is kept, even in a browser elsewhere.
    await select.selectOption("UTC");
    await page.getByRole("button", { name: "Save" }).click();
    await until("UTC chosen", async () => {
      const z = await zone();
      return z.timezone === "UTC" && !z.timezoneAuto;
    });
    await page.reload();
    await until("the form shows UTC", async () => (await select.inputValue()) === "UTC");
    // A later save (the display name) proves the reload sent no zone of its own: still UTC.
    await page.getByLabel("Display name").fill("Tina T");
    await page.getByRole("button", { name: "Save" }).click();
    await until(
      "the name saved",
      async () => (await tina.get<{ user: { displayName: string } }>("/me")).user.displayName === "Tina T",
    );
    assert.deepEqual([(await zone()).timezone, (await zone()).timezoneAuto], ["UTC", false]);

    // Back to automatic: the browser's zone again.
    await select.selectOption("auto");
    await page.getByRole("button", { name: "Save" }).click();
    await until("automatic again", async () => {
      const z = await zone();
      return z.timezone === "Asia/Tokyo" && z.timezoneAuto;
    });
  } finally {
    await ctx.close();
  }
  const { ctx: small, page: p } = await inZone(tina, "Asia/Tokyo", PHONE);
  try {
    await p.goto("/settings/account");
    await p.getByRole("form", { name: "Password" }).waitFor();
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `the page scrolls sideways: ${width}px`);
    await shot(p, "settings-account-phone");
  } finally {
    await small.close();
  }
});
