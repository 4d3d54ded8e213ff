// Agents never miss a waiting contact (SUP-3): the Support tab counts waiting contacts on every screen and in
// the title badge, the console's queue marks a ringing contact (and one still waiting after, or never rung
// for a busy agent) with the wait in words, and the conversation says the contact is waiting.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser } from "./client.ts";
import { PHONE, setFocus, shot, until } from "./harness.ts";

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

async function contactStarts(name: string, text: string): Promise<void> {
  const res = await fetch(`${app.server.url}/api/v1/widget/conversations`, {
    method: "POST",
    headers: { "x-inbox-key": key, "content-type": "application/json" },
    body: JSON.stringify({ name, text }),
  });
  assert.equal(res.status, 201);
}

const tabCount = (p: Page) => p.getByRole("navigation", { name: "Main" }).getByTestId("support-waiting");

/** The unread number the title shows without waiting contacts (the brand's badge pill). */
async function unread(p: Page): Promise<number> {
  const pill = p.getByTestId("app-badge");
  return (await pill.count()) ? Number.parseInt((await pill.textContent()) ?? "0", 10) : 0;
}

test("[SUP-3] a waiting contact shows on the Support tab from the Chat screen and in the title; ringing, then picked up", async () => {
  const a = await app.as(ann, "/chat");
  await setFocus(a, false);
  // Ben is busy: no ring for him (SUP-3), yet he still sees who waits.
  await ben.put("/me/status", { dnd: "1h" });
  const b = await app.as(ben, "/chat");
  assert.equal(await tabCount(a).count(), 0, "nobody waiting yet");
  await contactStarts("Dora Quinn", "Hello, my order is late");

  await until("Ann's Support tab says 1", async () => (await tabCount(a).textContent())?.startsWith("1"));
  await until("Ann's tab rings", async () => (await tabCount(a).getAttribute("class"))?.includes("ringing"));
  await until("title counts the waiting contact", async () => {
    const n = (await unread(a)) + 1;
    return (await a.title()).startsWith(`(${n}) `);
  });
  await shot(a, "support-waiting-tab-on-chat-desktop");

  await until("Ben's Support tab says 1", async () => (await tabCount(b).textContent())?.startsWith("1"));
  assert.equal((await tabCount(b).getAttribute("class"))?.includes("ringing"), false, "busy: no ring");

  // In the console: Ann's row rings; Ben's says waiting, with the wait in words, and no ring.
  await a
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /Support/ })
    .click();
  const rowA = a.locator(".pending-row", { hasText: "Dora Quinn" });
  await rowA.waitFor();
  assert.equal(await rowA.getAttribute("data-state"), "ringing");
  // "just arrived" turns into "waiting 12 s" after 10 s, which a loaded machine can take to get here.
  assert.match((await rowA.textContent()) ?? "", /Ringing · (just arrived|waiting \d+ s)/);
  await shot(a, "support-queue-ringing-desktop");
  await b.goto("/support");
  const rowB = b.locator(".pending-row", { hasText: "Dora Quinn" });
  await rowB.waitFor();
  assert.equal(await rowB.getAttribute("data-state"), "waiting");
  assert.match((await rowB.textContent()) ?? "", /just arrived|waiting \d+ s/);
  assert.doesNotMatch((await rowB.textContent()) ?? "", /Ringing/);

  // The wait moves on in words: 15 s later the row says "waiting 15 s" or so.
  await until("wait in words", async () => /waiting \d+ s/.test((await rowB.textContent()) ?? ""), 30_000);
  await shot(b, "support-queue-waiting-desktop");

  // The phone shows the queue without clipping the name.
  await rowB
    .getByText("Dora Quinn")
    .click()
    .catch(() => undefined);
  const phone = await app.as(ben, "/support", PHONE);
  const rowP = phone.locator(".pending-row", { hasText: "Dora Quinn" });
  await rowP.waitFor();
  const nameBox = await rowP.locator("strong").boundingBox();
  assert.ok(nameBox && nameBox.x + nameBox.width <= PHONE.width, "name inside the screen");
  await shot(phone, "support-queue-waiting-phone");

  // Ann picks up: the count goes away on both agents, the title drops it.
  await rowA.getByRole("button", { name: "Pick up" }).click();
  await a.waitForURL("**/support/c/**");
  for (const p of [a, b]) await tabCount(p).waitFor({ state: "detached" });
  await until("title without the waiting contact", async () => {
    const n = await unread(a);
    const t = await a.title();
    return n === 0 ? !t.startsWith("(") : t.startsWith(`(${n}) `);
  });
  await ben.put("/me/status", { dnd: null });
});

test("[SUP-3] a pending conversation says the contact is waiting, and for how long", async () => {
  await contactStarts("Eve Lind", "Can I change my address?");
  const conv = await until("Eve's conversation", async () => {
    const r = await ann.get<{ conversations: { id: string; contact?: { name: string } }[] }>(
      "/conversations?status=pending",
    );
    return r.conversations.find((c) => c.contact?.name === "Eve Lind");
  });
  const a = await app.as(ann, `/support/c/${conv.id}`);
  const banner = a.locator(".pending-banner");
  await banner.waitFor();
  assert.match(
    (await banner.textContent()) ?? "",
    /Eve Lind is waiting for an agent · (just arrived|waiting \d+ s)/,
  );
  await shot(a, "support-conversation-waiting-desktop");
  await a
    .getByRole("region", { name: "Conversation with Eve Lind" })
    .getByRole("button", { name: "Pick up" })
    .click();
  await until("picked up: the banner goes", async () => {
    const alert = a.getByRole("alert");
    if (await alert.count()) throw new Error(`pick-up failed: ${await alert.first().textContent()}`);
    return (await banner.count()) === 0;
  });
});
