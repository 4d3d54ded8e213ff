// Revision 2 in the app: message text rendered as Markdown from core's parser with no HTML injected (MEN-3),
// a mention highlighted exactly when it notified — Unicode names included (MEN-1) — and users reading words,
// not rule IDs or raw timestamps: the PRF-17 / PRV-10 settings and the explain page (GEN-9, EXP-1).
import assert from "node:assert/strict";
import { test } from "node:test";
import { appFixture } from "./app.ts";
import { Client, makeUser, PASSWORD, unwrap } from "./client.ts";
import { shot, until } from "./harness.ts";

const app = appFixture();

let admin: Client;
let alice: Client;
let bob: Client;
let jose: Client;
let room: string;

const RULE_ID = /\b[A-Z]{3}-\d+\b/;
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

app.setup(async () => {
  admin = app.admin;
  alice = await makeUser(admin, "alice");
  bob = await makeUser(admin, "bob");
  // A Unicode username (§1); the e-mail address stays ASCII.
  await admin.post("/users", {
    username: "josé",
    password: PASSWORD,
    role: "member",
    displayName: "José",
    email: "jose@example.test",
  });
  jose = await Client.login(admin.base, "josé", PASSWORD);
  room = unwrap<{ id: string }>(
    await alice.post("/rooms", { kind: "channel", name: "md", memberIds: [bob.user.id, jose.user.id] }),
    "room",
  ).id;
});

async function post(c: Client, text: string): Promise<string> {
  const r = await c.post<{ message: { id: string } }>(`/rooms/${room}/messages`, { text });
  return r.message.id;
}

test("[MEN-3][DSK-4] a message renders as Markdown — bold, link, code, a mid-line fence as text — and raw HTML stays text", async () => {
  const id = await post(
    alice,
    "**bold** see https://example.com/a?b=1 and `code`, a ``` in the middle of a line <img src=x onerror=alert(1)>",
  );
  await post(
    alice,
    "> quoted\n\n- one\n- ~~two~~ _three_\n\n```\n@bob in a block\n```\n[bad](javascript:alert(1))",
  );
  const p = await app.as(bob, `/chat/${room}`);
  let dialogs = 0;
  p.on("dialog", (d) => {
    dialogs++;
    d.dismiss().catch(() => undefined);
  });
  const text = p.locator(`[data-message-id="${id}"] .md`);
  await text.waitFor();
  assert.equal(await text.locator("strong").textContent(), "bold");
  const link = text.locator("a");
  assert.equal(await link.count(), 1, "one link: the autolinked URL");
  assert.equal(await link.getAttribute("href"), "https://example.com/a?b=1");
  assert.equal(await link.getAttribute("target"), "_blank");
  assert.equal(await link.getAttribute("rel"), "noopener noreferrer nofollow");
  assert.deepEqual(await text.locator("code").allTextContents(), ["code"]);
  const shown = (await text.textContent()) ?? "";
  assert.ok(shown.includes("a ``` in the middle of a line"), `the mid-line fence is text: ${shown}`);
  assert.ok(shown.includes("<img src=x onerror=alert(1)>"), "the HTML shows as text");
  assert.equal(await text.locator("img, script, iframe, [onerror]").count(), 0, "no element from the HTML");

  const second = p.locator(".message .md", { hasText: "quoted" });
  await second.locator("blockquote").waitFor();
  assert.deepEqual(await second.locator("ul > li").allTextContents(), ["one", "two three"]);
  assert.equal(await second.locator("s").textContent(), "two");
  assert.equal(await second.locator("em").textContent(), "three");
  assert.equal(await second.locator("pre code").textContent(), "@bob in a block");
  assert.equal(await second.locator(".mention").count(), 0, "no mention inside a code block");
  assert.equal(await second.locator("a").count(), 0, "a javascript: link is not clickable");
  assert.ok(((await second.textContent()) ?? "").includes("bad"));
  await shot(p, "markdown-message-desktop");
  // The sentinel: a later message arrives and renders, so an onerror would have fired by now.
  await post(alice, "sentinel after html");
  await p.locator(".message .md", { hasText: "sentinel after html" }).waitFor();
  assert.equal(dialogs, 0, "no script ran");
});

test("[MEN-1][MEN-3] @josé is highlighted because José was notified; a non-member, code and e-mails are not", async () => {
  const id = await post(alice, "thanks @José, ping @nobody and `@bob`, mail bob@example.com — @bob.");
  const view = await alice.get<{ message: { mentions?: { users: { username: string }[] } } }>(
    `/messages/${id}`,
  );
  const notified = (
    unwrap<{ mentions?: { users: { username: string }[] } }>(view, "message").mentions?.users ?? []
  )
    .map((u) => u.username)
    .sort();
  assert.deepEqual(notified, ["bob", "josé"], "the server's resolved mentions");

  const j = await app.as(jose, `/chat/${room}`);
  const text = j.locator(`[data-message-id="${id}"] .md`);
  await text.waitFor();
  assert.deepEqual(await text.locator(".mention").allTextContents(), ["@José", "@bob"]);
  assert.deepEqual(
    await text.locator(".mention.me").allTextContents(),
    ["@José"],
    "my own mention stands out",
  );
  assert.equal(await text.locator("code .mention").count(), 0);
  await shot(j, "mention-unicode-desktop");

  // The composer suggests Unicode names as they are typed.
  const box = j.getByRole("combobox", { name: /message/i }).first();
  await box.fill("hi @JOS");
  await j.getByRole("option", { name: /@josé/ }).waitFor();
});

test("[MEN-4] my keyword is pointed out by core's matching: inside a Chinese sentence, never in a shortcode", async () => {
  await bob.put("/me/preferences", { keywords: ["番茄", "smile"] });
  const shortcode = await post(alice, "good morning :smile: and `smile` in code");
  const chinese = await post(alice, "我爱吃番茄炒饭");
  const p = await app.as(bob, `/chat/${room}`);
  await p.locator(`[data-message-id="${chinese}"] .keyword-hit`, { hasText: "番茄" }).waitFor();
  assert.equal(await p.locator(`[data-message-id="${shortcode}"] .keyword-hit`).count(), 0);
  await bob.put("/me/preferences", { keywords: null });
});

test("[PRF-17][PRV-10][GEN-9] settings offer the push timing and banner content, in words, with no rule IDs", async () => {
  const p = await app.as(bob, "/settings/notifications");
  const when = p.getByLabel("Send push notifications");
  await when.waitFor();
  assert.deepEqual(await when.locator("option").allTextContents(), [
    "When I'm inactive",
    "Even while I'm active",
    "Only when I'm offline",
  ]);
  assert.equal(await when.inputValue(), "inactive", "the SPEC default");
  await when.selectOption("offline");
  await until(
    "saved",
    async () =>
      (await bob.get<{ saved: { pushWhen?: string } }>("/me/preferences")).saved.pushWhen === "offline",
  );
  const page = await p.locator("main").innerText();
  assert.doesNotMatch(page, RULE_ID, "no rule ID on the settings page");
  assert.doesNotMatch(page, ISO);
  await when.scrollIntoViewIfNeeded();
  await shot(p, "settings-push-when-desktop");
  await bob.put("/me/preferences", { pushWhen: null });

  const a = await app.as(admin, "/admin/settings");
  const banner = a.getByLabel(/Desktop banner content/);
  await banner.waitFor();
  await banner.selectOption("generic_no_room");
  await until("saved", async () => {
    const s = await admin.get<{ saved: { bannerContent?: string } }>("/admin/settings");
    return s.saved.bannerContent === "generic_no_room";
  });
  assert.doesNotMatch(await a.locator("main").innerText(), RULE_ID, "no rule ID on the admin settings page");
  await admin.put("/admin/settings", { bannerContent: null });
});

test("[EXP-1][GEN-9] explain says each channel's reason in a sentence; rule IDs only under Details", async () => {
  const id = await post(alice, "@bob can you look at the disk?");
  const p = await app.as(bob, `/explain/${id}`);
  await p.locator(".explain-trigger", { hasText: "You were mentioned by name." }).waitFor();
  const push = p.locator('.explain-sentences li[data-channel="push"]');
  await push.waitFor();
  assert.match(await push.innerText(), /^Mobile \/ web push: \w+/);
  const before = await p.locator("main").innerText();
  assert.doesNotMatch(before, RULE_ID, `no rule ID before Details: ${before}`);
  assert.doesNotMatch(before, ISO, "no raw timestamp");
  await shot(p, "explain-sentences-desktop");

  await p.getByRole("button", { name: "Details" }).click();
  const rules = await p.locator("table.explain .rule").allTextContents();
  assert.ok(rules.length > 0 && rules.every((r) => RULE_ID.test(r)), `rule IDs under Details: ${rules}`);
  assert.doesNotMatch(await p.locator("table.explain").innerText(), ISO, "times in words there too");
  await shot(p, "explain-details-desktop");
});
