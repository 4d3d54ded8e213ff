// Admin › Users, Inboxes and Delivery statistics in Chromium: the admin finds a user by name and by email,
// deactivates them (their open tab is signed out at once) and reactivates them; resets a password by a link
// sent through the real local SMTP peer (the user sets a new password on the link's page, signs in with it, and
// the link does not work twice) and by a one-time password the user must replace at sign-in; removes an agent
// from an inbox; the statistics screen shows a range picker and reasons in words, no rule IDs or codes.
// Screenshots at 1280×800 and 390 px.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { Page } from "playwright-core";
import { startSmtpPeer } from "../../server/test/peers/smtp-peer.ts";
import { appFixture } from "./app.ts";
import { type Client, makeUser, PASSWORD, unwrap } from "./client.ts";
import { PHONE, shot, until } from "./harness.ts";

const smtp = await startSmtpPeer();
after(() => smtp.stop());
const app = appFixture({ SMTP_URL: smtp.url });

let admin: Client;
let zoe: Client;
let ann: Client;

app.setup(async () => {
  admin = app.admin;
  zoe = await makeUser(admin, "zoe");
  await admin.call("PATCH", `/users/${zoe.user.id}`, { displayName: "Zoe Quinn" });
  ann = await makeUser(admin, "ann", "agent");
  for (const name of ["yuri", "yann"]) await makeUser(admin, name);
});

/** The rows of the users table, as their first cell reads. */
async function rowNames(page: Page): Promise<string[]> {
  return page.locator(".users-table tbody tr td:first-child").allInnerTexts();
}

const RULE_ID = /\b[A-Z]{2,4}-\d+\b/;

test("admin finds, deactivates and reactivates a user; her open tab is signed out at once", async () => {
  const zoeTab = await app.as(zoe, "/chat");
  const a = await app.as(admin, "/admin/users");
  a.on("dialog", (d) => void d.accept());
  const find = a.getByLabel("Find people");
  await find.fill("quinn");
  await until("only Zoe by her display name", async () => {
    const names = await rowNames(a);
    return names.length === 1 && names[0].includes("Zoe Quinn");
  });
  await find.fill("zoe@example");
  await until("Zoe by her email address", async () => {
    const names = await rowNames(a);
    return names.length === 1 && names[0].includes("@zoe");
  });
  await shot(a, "admin-users-search-desktop");
  const row = a.getByRole("row", { name: /Zoe Quinn/ });
  await row.getByRole("button", { name: "Deactivate" }).click();
  await a.getByText("Zoe Quinn is deactivated and signed out everywhere.").waitFor();
  // Her tab learns at once (the socket closes, the session is gone): it asks her to sign in.
  await zoeTab.getByText(/Sign in to Herald/).waitFor();
  // The active list no longer has her; Deactivated does, with a tag and Reactivate.
  await until("gone from the active list", async () => (await rowNames(a)).length === 0);
  await a.getByLabel("Show").selectOption("inactive");
  await row.getByText("Deactivated").waitFor();
  await row.getByRole("button", { name: "Reactivate" }).click();
  await a.getByText("Zoe Quinn can sign in again.").waitFor();
  await until("gone from the deactivated list", async () => (await rowNames(a)).length === 0);
  const again = await fetch(`${app.server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: "zoe", password: PASSWORD }),
  });
  assert.equal(again.status, 200, "her password works again");

  const p = await app.as(admin, "/admin/users", PHONE);
  await p.getByLabel("Find people").fill("y");
  await until("only Yann and Yuri", async () => {
    const names = await rowNames(p);
    return names.length === 2 && names.every((n) => /y/i.test(n));
  });
  const reset = p.getByRole("row", { name: /yuri/ }).getByRole("button", { name: "Reset password" });
  const box = await reset.boundingBox();
  assert.ok(
    box && box.x >= 0 && box.x + box.width <= 390,
    `Reset password on screen (${JSON.stringify(box)})`,
  );
  await shot(p, "admin-users-search-phone");
});

test("a reset link by email: the user sets a new password on its page, signs in with it, and the link works once", async () => {
  const a = await app.as(admin, "/admin/users");
  await a.getByLabel("Find people").fill("zoe");
  await a
    .getByRole("row", { name: /Zoe Quinn/ })
    .getByRole("button", { name: "Reset password" })
    .click();
  const card = a.getByRole("region", { name: "Reset the password of Zoe Quinn" });
  const before = smtp.received.length;
  await card.getByRole("button", { name: "Email a link to zoe@example.test" }).click();
  await card.getByText("A link was sent to zoe@example.test. It works once, for an hour.").waitFor();
  await shot(a, "admin-reset-link-desktop");
  const mail = await until("the reset mail at the SMTP peer", async () =>
    smtp.received.slice(before).find((m) => m.subject === "Choose a new password"),
  );
  assert.deepEqual(
    mail.to.map((t) => t.address),
    ["zoe@example.test"],
  );
  // The server's public URL in this test is its default (localhost, port 0): the path and fragment matter.
  const link = /(\/reset-password#token=[\w-]+)/.exec(mail.text)?.[1];
  assert.ok(link, mail.text);

  const { page } = await app.profile(null);
  await page.goto(link);
  await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
  await page.getByLabel("New password", { exact: true }).fill("zoe-new-secret-1");
  await page.getByLabel("New password again").fill("zoe-new-secret-1");
  await shot(page, "reset-password-desktop");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await page.getByText("Your new password is set").waitFor();
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Username or email").fill("zoe");
  await page.getByLabel("Password").fill("zoe-new-secret-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/chat/);

  // The link a second time, on a phone: refused in words.
  const phone = await app.profile(null, undefined, PHONE);
  await phone.page.goto(link);
  await phone.page.getByLabel("New password", { exact: true }).fill("zoe-other-secret");
  await phone.page.getByLabel("New password again").fill("zoe-other-secret");
  await phone.page.getByRole("button", { name: "Set the new password" }).click();
  const err = phone.page.getByRole("alert");
  await err.waitFor();
  assert.match(await err.innerText(), /^This link was used already or has expired/);
  assert.doesNotMatch(await err.innerText(), /invalid_reset_link|token/);
  await shot(phone.page, "reset-password-used-phone");
});

test("a one-time password is shown once; at sign-in the user must choose a new password", async () => {
  const a = await app.as(admin, "/admin/users");
  await a.getByLabel("Find people").fill("yann");
  await a.getByRole("row", { name: /yann/ }).getByRole("button", { name: "Reset password" }).click();
  const card = a.getByRole("region", { name: "Reset the password of Yann" });
  await card.getByRole("button", { name: "Make a one-time password" }).click();
  const otp = await until("the one-time password", async () =>
    card.getByLabel("One-time password").inputValue(),
  );
  assert.match(otp, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  await shot(a, "admin-reset-otp-desktop");

  const { page } = await app.profile(null, undefined, PHONE);
  await page.goto("/signin");
  await page.getByLabel("Username or email").fill("yann");
  await page.getByLabel("Password", { exact: true }).fill(otp);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("This password was for one sign-in only.").waitFor();
  await page.getByLabel("New password").fill("yanns-own-secret");
  await shot(page, "signin-new-password-phone");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/chat/);
});

test("an agent is removed from an inbox by name, without an error", async () => {
  await admin.post("/inboxes", { name: "Shop", agentIds: [ann.user.id, admin.user.id] });
  const a = await app.as(admin, "/admin/inboxes");
  a.on("dialog", (d) => void d.accept());
  const agents = a.getByRole("list", { name: "Agents of Shop" });
  await agents.getByText("Ann").waitFor();
  await agents.getByRole("button", { name: "Remove Ann" }).click();
  await a.getByText("Ann was removed from Shop.").waitFor();
  await until("Ann gone from the list", async () => !(await agents.innerText()).includes("Ann"));
  const listed = unwrap<{ agentIds: string[] }[]>(await admin.get("/inboxes"), "inboxes");
  assert.deepEqual(listed.find(() => true)?.agentIds, [admin.user.id]);
});

test("[GEN-3][GEN-9] delivery statistics: a range picker, a chart per channel, reasons in words, no rule IDs", async () => {
  // Real deliveries: the reset mail above went out (email, sent); a DM Bob gets while away, deleted before it
  // is sent, is left out (TRG-3: "The message was deleted").
  const bob = await makeUser(admin, "bob");
  const dm = unwrap<{ id: string }>(await admin.post("/dms", { userIds: [bob.user.id] }), "room").id;
  const m = unwrap<{ id: string }>(
    await admin.post(`/rooms/${dm}/messages`, { text: "hello bob" }),
    "message",
  );
  await admin.call("DELETE", `/messages/${m.id}`);

  const a = await app.as(admin, "/admin/stats");
  const range = a.getByRole("group", { name: "Time range" });
  await range.getByText("Last hour").click();
  const email = a.getByRole("region", { name: "Email" });
  await until("a sent email in the last hour", async () => /Sent: [1-9]/.test(await email.innerText()));
  await email.getByRole("img").waitFor();
  await a.getByRole("region", { name: "Desktop banner" }).getByRole("img").waitFor();
  await until("the deleted message's rows in words", async () =>
    (await a.locator(".stats-channels").innerText()).includes("The message was deleted"),
  );
  const text = await a.locator("main, .page").first().innerText();
  assert.doesNotMatch(text, RULE_ID, "no rule IDs on the page");
  assert.doesNotMatch(text, /\b(dropped|skipped|webpush)\b/, "no internal outcome names");
  await shot(a, "admin-stats-desktop-range");
  await range.getByText("Last 30 days").click();
  await until("the 30-day charts", async () => (await a.locator(".stats-chart svg g").count()) >= 90);

  const p = await app.as(admin, "/admin/stats", PHONE);
  await p.getByRole("region", { name: "Email" }).getByRole("img").waitFor();
  const svg = await p.getByRole("region", { name: "Email" }).getByRole("img").boundingBox();
  assert.ok(svg && svg.x >= 0 && svg.x + svg.width <= 390, `chart on screen (${JSON.stringify(svg)})`);
  assert.doesNotMatch(await p.locator(".page").innerText(), RULE_ID);
  await shot(p, "admin-stats-phone");
});
