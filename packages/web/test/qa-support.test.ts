// Support console lists stay right (QA issue 6, item 8): after a pick-up a conversation is listed once under
// Mine; after it is assigned away the old agent's Mine drops it live, without a click or a reload. The widget
// stacks its fields on a phone, and contact messages carry the contact's name.
import assert from "node:assert/strict";
import { test } from "node:test";
import { appFixture } from "./app.ts";
import { type Client, makeUser } from "./client.ts";
import { PHONE, shot, until } from "./harness.ts";

const app = appFixture();

let admin: Client;
let ann: Client;
let ben: Client;
let key: string;

app.setup(async () => {
  admin = app.admin;
  ann = await makeUser(admin, "ann", "agent");
  ben = await makeUser(admin, "ben", "agent");
  const r = await admin.post<{ key: string }>("/inboxes", {
    name: "Website",
    agentIds: [ann.user.id, ben.user.id],
  });
  key = r.key;
});

test("[SUP-1][SUP-4][SUP-5] Mine lists a picked-up conversation once and drops it after assign + resolve", async () => {
  const c = await app.as(null, `/widget?key=${encodeURIComponent(key)}`, PHONE);
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

  const a = await app.as(ann, "/support/list/mine");
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
