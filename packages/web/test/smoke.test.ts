// Sign-in, shell and layout at desktop and phone sizes; the logged-out mark (PRM-4).
import assert from "node:assert/strict";
import { test } from "node:test";
import { appFixture } from "./app.ts";
import { DESKTOP, PHONE, shot, until } from "./harness.ts";

const app = appFixture();

for (const [name, viewport] of [
  ["desktop", DESKTOP],
  ["phone", PHONE],
] as const) {
  test(`sign in and out through the form (${name})`, async () => {
    const { context, page } = await app.profile(null, { permission: "granted" }, viewport);
    try {
      await page.goto("/");
      await page.getByLabel("Username or email").waitFor();
      await shot(page, `signin-${name}`);
      await page.getByLabel("Username or email").fill("admin");
      await page.getByLabel("Password").fill("wrong password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").waitFor();
      await page.getByLabel("Password").fill(app.server.adminPassword);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("navigation", { name: "Main" }).waitFor();
      assert.match(new URL(page.url()).pathname, /^\/chat/);
      await shot(page, `chat-empty-${name}`);
      await page.getByRole("button", { name: /User menu/ }).click();
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByLabel("Username or email").waitFor();
    } finally {
      await context.close();
    }
  });
}

test("[PRM-4] an expired session shows the logged-out mark on title and favicon", async () => {
  const { context, page } = await app.profile(null, { permission: "granted" });
  try {
    await page.goto("/");
    await page.getByLabel("Username or email").fill("admin");
    await page.getByLabel("Password").fill(app.server.adminPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    await context.clearCookies(); // the server no longer knows this browser: like an expired session
    await page.reload();
    await page.getByText("Your session has expired").waitFor();
    const title = await until("logged-out title", async () => {
      const t = await page.title();
      return t !== "Herald" && t;
    });
    assert.notEqual(title, "Herald");
  } finally {
    await context.close();
  }
});
