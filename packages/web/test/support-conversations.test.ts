// The console around a conversation, with two agents (Ann, Ben), an admin and a contact on the widget page:
// list previews with the time in words and per-agent unread counts, the contact panel (pages the widget sent,
// where the contact came from), canned replies kept by the admin and inserted with "/" in the composer,
// typing shown both ways, Reopen on a resolved conversation, and the embed (widget.js on another site) sending
// the host page and its referrer. Screenshots at 1280×800 and 390 px wide.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser } from "./client.ts";
import { DESKTOP, PHONE, shot, until } from "./harness.ts";

const app = appFixture();

let ann: Client;
let ben: Client;
let key: string;
let contact: Page;
let conversationId: string;
let inboxId: string;
const sites: Server[] = [];
after(async () => {
  for (const s of sites) await new Promise((ok) => s.close(ok));
});

app.setup(async () => {
  ann = await makeUser(app.admin, "ann", "agent");
  ben = await makeUser(app.admin, "ben", "agent");
  const r = await app.admin.post<{ key: string; inbox: { id: string } }>("/inboxes", {
    name: "Website",
    agentIds: [ann.user.id, ben.user.id],
  });
  key = r.key;
  inboxId = r.inbox.id;
});

const HOST_PAGE = "https://shop.example.com/orders/7";
const CAME_FROM = "https://www.example.org/search?q=parcel";

test("admins keep canned replies: add, edit, delete, in words", async () => {
  const p = await app.as(app.admin, "/admin/canned");
  const add = p.getByRole("form", { name: "New canned reply" });
  await add.getByLabel("Shortcut (typed after /)").fill("thanks");
  await add.getByLabel("Text").fill("Thanks!");
  await add.getByRole("button", { name: "Add canned reply" }).click();
  await p.getByRole("form", { name: "/thanks" }).waitFor();
  await add.getByLabel("Shortcut (typed after /)").fill("bye");
  await add.getByLabel("Text").fill("Goodbye for now.");
  await add.getByRole("button", { name: "Add canned reply" }).click();
  const bye = p.getByRole("form", { name: "/bye" });
  await bye.waitFor();
  // A taken shortcut is said in words, next to the form.
  await add.getByLabel("Shortcut (typed after /)").fill("Thanks");
  await add.getByLabel("Text").fill("again");
  await add.getByRole("button", { name: "Add canned reply" }).click();
  await add.getByRole("alert").filter({ hasText: "another canned reply already uses /thanks" }).waitFor();
  await add.getByLabel("Shortcut (typed after /)").fill("");
  await add.getByLabel("Text").fill("");
  // Edit in place: the agents' menu offers the new text.
  const thanks = p.getByRole("form", { name: "/thanks" });
  await thanks.getByLabel("Text").fill("Thank you for writing! Let me look into it.");
  await thanks.getByRole("button", { name: "Save" }).click();
  await thanks.getByText("Saved.").waitFor();
  await bye.getByRole("button", { name: "Delete" }).click();
  await until("bye deleted", async () => (await p.getByRole("form", { name: "/bye" }).count()) === 0);
  const listed = await app.admin.get<{ cannedReplies: { shortcut: string; text: string }[] }>(
    "/canned-replies",
  );
  assert.deepEqual(
    listed.cannedReplies.map((c) => [c.shortcut, c.text]),
    [["thanks", "Thank you for writing! Let me look into it."]],
  );
  await shot(p, "support-canned-admin-desktop");
  const phone = await app.as(app.admin, "/admin/canned", PHONE);
  await phone.getByRole("form", { name: "/thanks" }).waitFor();
  await shot(phone, "support-canned-admin-phone");
});

test("[BDG-1] the list previews the last message with its time in words and each agent's unread count; the contact panel shows the pages the widget sent", async () => {
  ({ page: contact } = await app.profile(null, undefined, PHONE));
  await contact.goto(
    `/widget?key=${encodeURIComponent(key)}&page=${encodeURIComponent(HOST_PAGE)}&ref=${encodeURIComponent(CAME_FROM)}`,
  );
  await contact.getByLabel("Your name").fill("Gus Hale");
  await contact.getByLabel("Your message").fill("Where is my **parcel**?\nOrder 7");
  await contact.getByRole("button", { name: "Send" }).click();
  await contact.locator(".bubble.me", { hasText: "Where is my" }).waitFor();

  const a = await app.as(ann, "/support/list/all");
  const row = a.locator(".conv-list a", { hasText: "Gus Hale" });
  await row.waitFor();
  await row.locator(".conv-preview", { hasText: "Where is my parcel?" }).waitFor();
  assert.equal(((await row.locator(".conv-preview").textContent()) ?? "").includes("Order 7"), false);
  assert.match((await row.locator("time").textContent()) ?? "", /just now| s ago| min ago/);
  await until("one unread", async () => (await row.locator(".conv-unread").textContent()) === "1");
  conversationId = ((await row.getAttribute("href")) ?? "").split("/").pop() ?? "";
  assert.ok(conversationId);
  await shot(a, "support-list-previews-desktop");

  await row.click();
  const panel = a.getByRole("complementary", { name: "Contact details" });
  await panel.getByRole("heading", { name: "Gus Hale" }).waitFor();
  await panel.getByText("Not given").waitFor();
  await panel.getByRole("link", { name: "shop.example.com/orders/7" }).waitFor();
  await panel.getByText("www.example.org/search?q=parcel").waitFor();
  await panel.getByText(/ago \(/).waitFor(); // first seen, in words
  const text = (await panel.textContent()) ?? "";
  assert.equal(/\d{4}-\d{2}-\d{2}T/.test(text), false, "no ISO timestamp");
  assert.equal(text.includes(conversationId), false, "no internal id");
  // Reading it clears Ann's count; Ben's stays.
  await until("read by Ann", async () => {
    const l = await ann.get<{ conversations: { id: string; unread: number }[] }>("/conversations?filter=all");
    return l.conversations.find((c) => c.id === conversationId)?.unread === 0;
  });
  await a.locator(".conv-actions").getByRole("button", { name: "Pick up" }).click();
  await a.locator(".room-title .status", { hasText: "open" }).waitFor();
  await until("nobody waits", async () => (await a.locator(".pending-row").count()) === 0);
  // Mine lists it now, read: no count on Ann's row.
  const mine = a.locator(".conv-list a", { hasText: "Gus Hale" });
  await mine.locator(".conv-preview", { hasText: "Where is my parcel?" }).waitFor();
  await until("no unread on Ann's row", async () => (await mine.locator(".conv-unread").count()) === 0);
  await shot(a, "support-contact-panel-desktop");
});

test("typing shows both ways, and '/' in the composer offers the canned replies; Enter inserts one", async () => {
  const a = await app.as(ann, `/support/c/${conversationId}`);
  await a.getByRole("complementary", { name: "Contact details" }).waitFor();
  // The contact types: Ann sees it.
  await contact.getByLabel("Your message").fill("One more thing");
  await a.locator(".typing-line", { hasText: "Gus Hale is typing…" }).waitFor();
  // Ann types "/th": the canned replies matching it; Enter inserts the text.
  const box = a.getByLabel("Reply to the contact");
  await box.fill("/th");
  const menu = a.getByRole("list", { name: "Canned replies" });
  await menu.getByText("/thanks").waitFor();
  await shot(a, "support-canned-menu-desktop");
  await box.press("Enter");
  await until(
    "inserted",
    async () => (await box.inputValue()) === "Thank you for writing! Let me look into it.",
  );
  assert.equal(await menu.count(), 0, "the menu closes");
  await box.press("End");
  await box.type(" Gus");
  // The contact's widget (it polls) says Ann is typing.
  await contact.locator(".typing-line", { hasText: "Ann is typing…" }).waitFor();
  await shot(contact, "support-widget-agent-typing-phone");
  await box.press("Enter");
  await contact
    .locator(".bubble.agent", { hasText: "Thank you for writing! Let me look into it. Gus" })
    .waitFor();
  await until(
    "the contact no longer sees typing",
    async () => (await contact.locator(".typing-line").count()) === 0,
  );
  // Ben's list: the reply is the preview, and his count counts both messages.
  const b = await app.as(ben, "/support/list/all");
  const row = b.locator(".conv-list a", { hasText: "Gus Hale" });
  await row.locator(".conv-preview", { hasText: "Ann: Thank you for writing!" }).waitFor();
  await until("Ben has 2 unread", async () => (await row.locator(".conv-unread").textContent()) === "2");
  await shot(b, "support-list-unread-other-agent-desktop");
  const bp = await app.as(ben, "/support/list/all", PHONE);
  await bp.locator(".conv-list a", { hasText: "Gus Hale" }).locator(".conv-unread").waitFor();
  await shot(bp, "support-list-previews-phone");
  const phone = await app.as(ann, `/support/c/${conversationId}`, PHONE);
  await phone.getByRole("button", { name: "Contact details" }).click();
  await phone
    .getByRole("complementary", { name: "Contact details" })
    .getByRole("heading", { name: "Gus Hale" })
    .waitFor();
  await shot(phone, "support-contact-panel-phone");
});

test("[SUP-1] Reopen: a resolved conversation opens again for its assignee, and the other agent's list follows", async () => {
  const a = await app.as(ann, `/support/c/${conversationId}`, DESKTOP);
  await a.getByRole("button", { name: "Resolve" }).click();
  const reopen = a.getByRole("button", { name: "Reopen" });
  await reopen.waitFor();
  await shot(a, "support-resolved-reopen-desktop");
  const b = await app.as(ben, "/support/list/all");
  const row = b.locator(".conv-list a", { hasText: "Gus Hale" });
  await row.locator(".status", { hasText: "resolved" }).waitFor();
  await reopen.click();
  await a.locator(".room-title .status", { hasText: "open" }).waitFor();
  await a.getByRole("button", { name: "Resolve" }).waitFor();
  await row.locator(".status", { hasText: "open" }).waitFor();
  const c = await ann.get<{ conversation: { status: string; assigneeId: string } }>(
    `/conversations/${conversationId}`,
  );
  assert.equal(c.conversation.status, "open");
  assert.equal(c.conversation.assigneeId, ann.user.id);
});

test("the embed sends the host page and where the contact came from: the contact panel lists them", async () => {
  // A shop on another origin: /search links to /orders/9, which carries the snippet.
  const snippet = `<script src="${app.server.url}/widget.js" data-inbox="${key}" async></script>`;
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      req.url === "/search"
        ? '<!doctype html><title>Search</title><a href="/orders/9">Order 9</a>'
        : `<!doctype html><title>Order 9</title><h1>Order 9</h1>${snippet}`,
    );
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  sites.push(server);
  const shop = `http://localhost:${(server.address() as AddressInfo).port}`;
  await app.admin.call("PATCH", `/inboxes/${inboxId}/widget`, { origins: [shop] });
  const { page } = await app.profile(null, { permission: "default" }, DESKTOP);
  await page.goto(`${shop}/search`);
  await page.getByRole("link", { name: "Order 9" }).click();
  await page.locator('button[data-herald="launcher"]').click();
  const w = page.frameLocator('iframe[data-herald="frame"]');
  await w.getByLabel("Your name").fill("Nia Brook");
  await w.getByLabel("Your message").fill("Order 9 is late");
  await w.getByRole("button", { name: "Send" }).click();
  await w.locator(".bubble.me", { hasText: "Order 9 is late" }).waitFor();
  const id = await until("Nia's conversation", async () => {
    const l = await ann.get<{ conversations: { id: string; contact?: { name: string } }[] }>(
      "/conversations?filter=all",
    );
    return l.conversations.find((c) => c.contact?.name === "Nia Brook")?.id;
  });
  const d = await ann.get<{ pages: { url: string; referrer: string | null }[] }>(
    `/conversations/${id}/contact`,
  );
  assert.deepEqual(
    d.pages.map((p) => [p.url, p.referrer]),
    [[`${shop}/orders/9`, `${shop}/search`]],
  );
});
