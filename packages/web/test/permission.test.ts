// PRM-1 … PRM-3: the "Enable desktop notifications?" flow with the browser's answer stubbed per profile.
import assert from "node:assert/strict";
import { test } from "node:test";
import { appFixture } from "./app.ts";
import type { Client } from "./client.ts";
import { PHONE, recorded, shot, until } from "./harness.ts";

const app = appFixture();

let admin: Client;
app.setup(async () => {
  admin = app.admin;
});

const PROMPT = "Enable desktop notifications?";

test("[PRM-1][PRM-2] Allow opens the browser prompt once and is never asked again", async () => {
  const { context, page } = await app.profile(admin, {
    permission: "default",
    answer: "granted",
  });
  try {
    await page.goto("/chat");
    await page.getByText(PROMPT).waitFor();
    await shot(page, "permission-prompt-desktop");
    assert.equal((await recorded(page)).asked, 0, "the browser prompt only opens from the click");
    await page.getByRole("button", { name: "Allow" }).click();
    await page.getByText(PROMPT).waitFor({ state: "detached" });
    assert.equal((await recorded(page)).asked, 1);
    await page.reload();
    await page.locator('output[data-connected="true"]').waitFor({ state: "attached" });
    assert.equal(await page.getByText(PROMPT).count(), 0, "granted: never asked again");
    await page.goto("/settings/notifications");
    await page.getByText("Desktop notifications are allowed").waitFor();
  } finally {
    await context.close();
  }
});

test("[PRM-2] Not now hides the prompt until the app is opened again, and Settings offers it", async () => {
  const { context, page } = await app.profile(admin, {
    permission: "default",
    answer: "granted",
  });
  try {
    await page.goto("/chat");
    await page.getByRole("button", { name: "Not now" }).click();
    await page.getByText(PROMPT).waitFor({ state: "detached" });
    // Same app start (in-app navigation, no reload): it stays hidden.
    await page.getByRole("button", { name: /User menu/ }).click();
    await page
      .getByRole("group", { name: "User menu" })
      .getByRole("button", { name: "Notifications", exact: true })
      .click();
    await page.getByRole("button", { name: "Enable desktop notifications" }).waitFor();
    assert.equal(await page.getByText(PROMPT).count(), 0);
    await page.reload(); // the app opened again: offered again
    await page.getByText(PROMPT).waitFor();
    assert.equal((await recorded(page)).asked, 0);
    await page.getByRole("button", { name: "Enable desktop notifications" }).click();
    await until("asked from Settings", async () => (await recorded(page)).asked === 1);
    await page.getByText("Desktop notifications are allowed").waitFor();
  } finally {
    await context.close();
  }
});

test("[PRM-2][PRM-3] Deny is never asked again; Settings says blocked, how to unblock, and the OS reminder", async () => {
  const { context, page } = await app.profile(admin, { permission: "default", answer: "denied" });
  try {
    await page.goto("/chat");
    await page.getByRole("button", { name: "Allow" }).click();
    await page.getByText(PROMPT).waitFor({ state: "detached" });
    await page.reload();
    await page.locator('output[data-connected="true"]').waitFor({ state: "attached" });
    assert.equal(await page.getByText(PROMPT).count(), 0, "denied: never asked again");
    await page.goto("/settings/notifications");
    await page.getByText("Notifications are blocked in this browser").waitFor();
    await page.getByText(/operating system/i).waitFor();
    await shot(page, "settings-notifications-blocked-desktop");
  } finally {
    await context.close();
  }
});

test("[PRM-3] a browser without the Notification API: Settings says so and banners become in-app toasts", async () => {
  const { context, page } = await app.profile(admin, { unsupported: true }, PHONE);
  try {
    await page.goto("/settings/notifications");
    await page.locator('[data-permission="unsupported"]').waitFor();
    assert.equal(await page.getByText(PROMPT).count(), 0);
    await page.getByRole("button", { name: "Send a test notification" }).click();
    await page.getByTestId("toast").waitFor();
    await shot(page, "settings-notifications-phone");
  } finally {
    await context.close();
  }
});
