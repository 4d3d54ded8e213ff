// The embed snippet on a plain HTML page served from another site: the admin copies the snippet and allows
// that website, the launcher opens the widget in an iframe, the contact writes and reloads and keeps the
// conversation; while the widget is closed an agent's reply shows an unread count and chimes; the status line
// and the resolved notice; a website the inbox does not allow cannot frame the widget.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, test } from "node:test";
import type { Frame, Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser } from "./client.ts";
import { DESKTOP, PHONE, shot, until } from "./harness.ts";

// The offline email's delay (5 minutes) runs 60 × faster here: 5 s.
const app = appFixture({ HERALD_DELIVERY_TIME_SCALE: "60" });
let ann: Client;
let key: string;
let inboxId: string;
const sites: Server[] = [];

/** A plain page on its own origin (http://localhost:port) with the snippet pasted in. */
async function site(snippet: string): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><html><head><title>Shop</title></head><body><h1>Our shop</h1>${snippet}</body></html>`,
    );
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  sites.push(server);
  return `http://localhost:${(server.address() as AddressInfo).port}`;
}
after(async () => {
  for (const s of sites) await new Promise((ok) => s.close(ok));
});

app.setup(async () => {
  ann = await makeUser(app.admin, "ann", "agent");
  const r = await app.admin.post<{ key: string; inbox: { id: string } }>("/inboxes", {
    name: "Website",
    agentIds: [ann.user.id],
  });
  key = r.key;
  inboxId = r.inbox.id;
});

const widgetFrame = async (page: Page): Promise<Frame> =>
  until("the widget frame", async () => page.frames().find((f) => f.url().includes("/widget?key=")) ?? null);

test("snippet → launcher → widget in an iframe; the conversation survives a reload; unread count and chime while closed; resolved notice", async () => {
  // The admin sees the snippet any time and allows the shop's website.
  const { page: admin } = await app.profile(app.admin, undefined, DESKTOP);
  await admin.goto("/admin/inboxes");
  const snippetBox = admin.getByLabel(/Embed snippet/);
  await snippetBox.waitFor();
  const snippet = await snippetBox.inputValue();
  assert.equal(snippet, `<script src="${app.server.url}/widget.js" data-inbox="${key}" async></script>`);
  const shop = await site(snippet);
  await admin.getByLabel(/Websites that may show the widget/).fill(shop);
  await admin.getByRole("button", { name: "Save widget settings" }).click();
  await admin.getByText("Saved.").waitFor();
  await shot(admin, "admin-inbox-widget-desktop");
  await admin.setViewportSize(PHONE);
  await shot(admin, "admin-inbox-widget-phone");
  const settings = await app.admin.get<{ origins: string[] }>(`/inboxes/${inboxId}/widget`);
  assert.deepEqual(settings.origins, [shop]);

  // The contact on the shop's page: a launcher, the chat in an iframe once opened.
  const { page } = await app.profile(null, { permission: "default" }, DESKTOP);
  await page.goto(`${shop}/`);
  const launcher = page.locator('button[data-herald="launcher"]');
  await launcher.waitFor();
  assert.equal(await page.locator('iframe[data-herald="frame"]').isVisible(), false, "closed at first");
  await launcher.click();
  const w = page.frameLocator('iframe[data-herald="frame"]');
  await w.getByText("We'll reply as soon as we can").waitFor();
  await w.getByLabel("Your name").fill("Gus Hale");
  await w.getByLabel(/Email for replies/).fill("gus@example.org");
  await w.getByLabel("Your message").fill("Do you ship to Norway?");
  await w.getByRole("button", { name: "Send" }).click();
  await w.locator(".bubble.me", { hasText: "ship to Norway" }).waitFor();
  await shot(page, "widget-embedded-desktop");

  // Reload the shop's page: the launcher again, and the same conversation inside.
  await page.reload();
  await launcher.click();
  await w.locator(".bubble.me", { hasText: "ship to Norway" }).waitFor();
  assert.equal(await w.getByLabel("Your name").count(), 0, "no new-contact form after a reload");
  type Listed = { id: string; contact?: { name: string; email: string | null } };
  const [conv] = await until("one conversation", async () => {
    const l = (await ann.get<{ conversations: Listed[] }>("/conversations?filter=all")).conversations.filter(
      (c) => c.contact?.name === "Gus Hale",
    );
    return l.length === 1 ? l : null;
  });
  assert.equal(conv.contact?.email, "gus@example.org", "the address the contact left");

  // Closed, an agent's reply: an unread count on the launcher and a chime in the widget frame.
  await launcher.click();
  await page.locator('iframe[data-herald="frame"]').waitFor({ state: "hidden" });
  const frame = await widgetFrame(page);
  const chimes = async () =>
    frame.evaluate(() => (window as unknown as { __herald: { sounds: unknown[] } }).__herald.sounds.length);
  const before = await chimes();
  await ann.post(`/conversations/${conv.id}/pickup`);
  await ann.post(`/conversations/${conv.id}/messages`, { text: "Yes, in 3 to 5 days." });
  const badge = page.locator('[data-herald="unread"]');
  await until(
    "the unread count",
    async () => (await badge.isVisible()) && (await badge.textContent()) === "1",
  );
  await until("a chime", async () => (await chimes()) > before);
  await shot(page, "widget-launcher-unread-desktop");

  // Opened: the reply shows, the count goes, and the server has it as seen (no offline email for it).
  await launcher.click();
  await w.locator(".bubble.agent", { hasText: "3 to 5 days" }).waitFor();
  await badge.waitFor({ state: "hidden" });
  await until("seen on the server", async () => {
    const r = await fetch(`${app.server.url}/api/v1/widget/conversations/${conv.id}/messages`, {
      headers: { "x-inbox-key": key, "x-contact-token": await hostToken(page) },
    });
    const body = (await r.json()) as { conversation: { seenSeq: number }; messages: { seq: number }[] };
    return body.conversation.seenSeq === Math.max(...body.messages.map((m) => m.seq));
  });

  // Resolved by the agent: the widget says so.
  await ann.post(`/conversations/${conv.id}/resolve`);
  await w.getByText(/marked resolved/).waitFor();
  await page.setViewportSize(PHONE);
  await shot(page, "widget-embedded-resolved-phone");

  // The contact closes the page; a later reply reaches them by email (once it has stayed unseen for the
  // delay), and the email's link opens the conversation on another device.
  await page.close();
  await ann.post(`/conversations/${conv.id}/messages`, { text: "Your tracking number is 4711." });
  type Mail = { to: string; subject: string; text: string };
  const mail = await until(
    "the offline email",
    async () =>
      (await app.admin.get<{ emails: Mail[] }>("/admin/mailbox")).emails.find(
        (m) => m.to.includes("gus@example.org") && m.text.includes("4711"),
      ),
    30_000,
  );
  assert.doesNotMatch(mail.text, /3 to 5 days/, "the reply seen in the widget is not in it");
  const link = new URL(/Continue the conversation: (\S+)/.exec(mail.text)?.[1] ?? "");
  const { page: phone } = await app.profile(null, { permission: "default" }, PHONE);
  await phone.goto(`${app.server.url}${link.pathname}${link.search}`);
  await phone.locator(".bubble.agent", { hasText: "4711" }).waitFor();
  await phone.locator(".bubble.me", { hasText: "ship to Norway" }).waitFor();
  assert.doesNotMatch(phone.url(), /resume=/, "the token leaves the address bar");
  await phone.getByText("We'll email you replies you miss here.").waitFor();
  assert.equal(await phone.getByLabel("Get replies by email").count(), 0, "the address is known already");
  await shot(phone, "widget-resumed-from-email-phone");
});

/** The contact token widget.js keeps for the frame in the shop page's own storage (first-party there). */
async function hostToken(page: Page): Promise<string> {
  return page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i) ?? "";
      if (k.startsWith("herald.widget."))
        return (JSON.parse(localStorage.getItem(k) ?? "{}") as { token: string }).token;
    }
    return "";
  });
}

test("a website the inbox does not allow cannot frame the widget (frame-ancestors); the app itself frames nowhere", async () => {
  const elsewhere = await site(
    `<script src="${app.server.url}/widget.js" data-inbox="${key}" async></script>`,
  );
  const { page } = await app.profile(null, { permission: "default" }, DESKTOP);
  const refusals: string[] = [];
  page.on("console", (m) => {
    if (/frame-ancestors/.test(m.text())) refusals.push(m.text());
  });
  await page.goto(`${elsewhere}/`);
  await page.locator('button[data-herald="launcher"]').click();
  // Chromium refuses the framing (the frame shows its error page and the page's console says why): nothing of
  // the widget loads there. Frames are read until they settle; a failure names what they were.
  const urls = () => page.frames().map((f) => f.url());
  await until(
    "the framing refused",
    async () =>
      urls().some((u) => u.startsWith("chrome-error://")) && !urls().some((u) => u.includes("/widget?key=")),
  ).catch((err) => {
    throw new Error(`${err.message}; frames: ${urls().join(", ")}; console: ${refusals.join(" | ")}`);
  });
  await until("the refusal in the console", async () => refusals.length > 0);
  assert.equal(urls().filter((u) => u.includes("/widget?key=")).length, 0, urls().join(", "));
  const r = await fetch(`${app.server.url}/widget?key=${encodeURIComponent(key)}&embed=1`);
  const ancestors = /frame-ancestors ([^;]*)/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
  assert.ok(ancestors?.includes("http://localhost:"), ancestors);
  assert.ok(!ancestors?.includes(elsewhere), "only the allowed website");
  const home = await fetch(`${app.server.url}/`);
  assert.match(home.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
});
