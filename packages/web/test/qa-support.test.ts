// Support console lists stay right (QA issue 6, item 8): after a pick-up a conversation is listed once under
// Mine; after it is assigned away the old agent's Mine drops it live, without a click or a reload. The widget
// stacks its fields on a phone, and contact messages carry the contact's name.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { Client, makeUser } from "./client.ts";
import {
  launchBrowser,
  openAs,
  PHONE,
  type Server,
  shot,
  startServer,
  type UserPage,
  until,
} from "./harness.ts";

let server: Server;
let browser: Browser;
let admin: Client;
let ann: Client;
let ben: Client;
let key: string;
const open: UserPage[] = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await Client.login(server.url, "admin", server.adminPassword);
  ann = await makeUser(admin, "ann", "agent");
  ben = await makeUser(admin, "ben", "agent");
  const r = await admin.post<{ key: string }>("/inboxes", {
    name: "Website",
    agentIds: [ann.user.id, ben.user.id],
  });
  key = r.key;
});
after(async () => {
  for (const u of open) await u.context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function as(
  c: Client | null,
  path: string,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const u = await openAs(browser, server, c, { permission: "granted" }, viewport);
  open.push(u);
  await u.page.goto(path);
  if (c)
    await u.page.locator('output[data-connected="true"]').waitFor({ state: "attached", timeout: 15_000 });
  return u.page;
}

test("[SUP-1][SUP-4][SUP-5] Mine lists a picked-up conversation once and drops it after assign + resolve", async () => {
  const c = await as(null, `/widget?key=${encodeURIComponent(key)}`, PHONE);
  await c.getByLabel("Your name").fill("Dora");
  await c.getByLabel("Your message").fill("My order is late");
  const nameBox = await c.getByLabel("Your name").boundingBox();
  const textBox = await c.getByLabel("Your message").boundingBox();
  assert.ok(
    nameBox && textBox && textBox.y >= nameBox.y + nameBox.height,
    "message box below the name field",
  );
  assert.ok(textBox && textBox.width > 250, `message box wide enough on a phone (${textBox?.width} px)`);
  await shot(c, "widget-phone-stacked");
  await c.getByRole("button", { name: "Send" }).click();
  await c.locator(".bubble.me", { hasText: "My order is late" }).waitFor();

  const a = await as(ann, "/support/list/mine");
  const mine = a.getByRole("region", { name: "Conversations" }).getByRole("listitem");
  const waiting = a.locator(".pending-row", { hasText: "Dora" });
  await waiting.getByRole("button", { name: "Pick up" }).click();
  await a.waitForURL("**/support/c/**");
  await a.getByRole("heading", { level: 1, name: "Dora" }).waitFor();
  // The contact's message is labelled with the contact's name.
  await a.locator(".support-msg.contact .message-head", { hasText: "Dora" }).waitFor();
  await until("Dora listed under Mine", async () => (await mine.filter({ hasText: "Dora" }).count()) === 1);
  await shot(a, "support-mine-after-pickup-desktop");
  const convId = a.url().split("/").pop() ?? "";

  // Someone else reassigns it to Ben: Ann's Mine forgets it live, with no click and no reload (the
  // `conversation.updated` frame every agent of the inbox gets).
  await admin.post(`/conversations/${convId}/assign`, { userId: ben.user.id });
  await until(
    "Dora gone from Ann's Mine",
    async () => (await mine.filter({ hasText: "Dora" }).count()) === 0,
  );
  await admin.post(`/conversations/${convId}/resolve`);
  await a.getByRole("link", { name: "All" }).click();
  await until("listed once under All, resolved", async () => {
    const rows = mine.filter({ hasText: "Dora" });
    return (await rows.count()) === 1 && (await rows.first().textContent())?.includes("resolved");
  });
});
