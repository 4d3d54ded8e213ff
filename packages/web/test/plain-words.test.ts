// GEN-9: end users read words — no rule IDs, internal codes, ids or ISO timestamps on the screens they use
// (the explain page's collapsed "Details" is the one place IDs may live). And "Why?" links each reason a
// setting controls to that setting (EXP-1).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { PHONE, recorded, shot, until } from "./harness.ts";

const app = appFixture();

let alice: Client;
let bob: Client;
let ops: string;
let general: string;
let muted: string;
let root: string;
let key: string;
let dmMessage: string;
let reply: string;
let standup: string;
let dm: string;

const post = async (who: Client, room: string, text: string, threadRootId?: string) =>
  unwrap<{ id: string }>(
    await who.post(`/rooms/${room}/messages`, { text, ...(threadRootId ? { threadRootId } : {}) }),
    "message",
  ).id;

app.setup(async () => {
  alice = await makeUser(app.admin, "alice");
  bob = await makeUser(app.admin, "bob", "agent");
  const room = async (name: string) =>
    unwrap<{ id: string }>(
      await alice.post("/rooms", { kind: "channel", name, memberIds: [bob.user.id] }),
      "room",
    ).id;
  ops = await room("ops");
  general = await room("general");
  // Bob mutes #ops, snoozes #general for an hour, keeps a keyword and quiet hours: every state shows.
  await bob.put(`/rooms/${ops}/preferences`, { alerts: false });
  await bob.put(`/rooms/${general}/preferences`, { snooze: "1h", muteGroupMentions: true });
  await bob.put("/me/preferences", { keywords: ["deploy"], email: "nothing" });
  muted = await post(alice, ops, "@bob the disk is full");
  root = await post(bob, general, "Who reviews the deploy?");
  reply = await post(alice, general, "I will, @bob", root);
  standup = await post(alice, general, "@all standup in 5");
  dm = unwrap<{ id: string }>(await alice.post("/dms", { userIds: [bob.user.id] }), "room").id;
  dmMessage = await post(alice, dm, "ping me when you are back");
  key = (await app.admin.post<{ key: string }>("/inboxes", { name: "Website", agentIds: [bob.user.id] })).key;
  const res = await fetch(`${app.server.url}/api/v1/widget/conversations`, {
    method: "POST",
    headers: { "x-inbox-key": key, "content-type": "application/json" },
    body: JSON.stringify({ name: "Dora Quinn", text: "Where is my parcel?" }),
  });
  assert.equal(res.status, 201);
});

const PATTERNS: [string, RegExp][] = [
  ["rule ID", /\b[A-Z]{3}-\d+\b/],
  ["ISO timestamp", /\d{4}-\d{2}-\d{2}T\d/],
  ["internal code", /\b[a-z]+_[a-z_]+\b/],
  ["stored value", /\b(?:trigger|level) (?:all|mentions|nothing|dm|mention|keyword|thread|group)\b/],
  ["id", /\b(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[a-z])[A-Za-z0-9-]{20,}\b/],
];

/** Everything a user reads on the page: its text, option labels, and the names and hints of controls. */
async function visibleWords(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll("option")) parts.push(el.textContent ?? "");
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder]"))
      for (const a of ["aria-label", "title", "placeholder"]) parts.push(el.getAttribute(a) ?? "");
    return parts.join("\n");
  });
}

async function assertPlain(page: Page, where: string): Promise<void> {
  const text = await visibleWords(page);
  const hits: string[] = [];
  for (const [what, re] of PATTERNS) {
    const g = new RegExp(re.source, "g");
    for (const m of text.matchAll(g)) {
      const line = text.slice(text.lastIndexOf("\n", m.index) + 1, text.indexOf("\n", m.index) >>> 0);
      hits.push(`${what} "${m[0]}" in: ${line.slice(0, 160)}`);
    }
  }
  assert.deepEqual(hits, [], `${where} shows internal words`);
}

test("[GEN-9] the main screens show words: no rule IDs, codes, ids or ISO times", async () => {
  const p = await app.as(bob, `/chat/${general}`);
  await p.locator(".message", { hasText: "Who reviews the deploy?" }).waitFor();
  await assertPlain(p, "a room");
  await p.getByRole("button", { name: "Room menu" }).click();
  await p.getByRole("menuitem", { name: "Notification Preferences" }).click();
  await p.getByRole("dialog").getByText("Receive alerts").waitFor();
  await assertPlain(p, "the room's notification preferences");
  await p.keyboard.press("Escape");

  await p.goto(`/chat/${general}/thread/${root}`);
  await p.locator(".thread-panel, [aria-label*='hread']").getByText("I will").first().waitFor();
  await assertPlain(p, "a thread");

  await p.goto("/chat");
  await p.locator(".sidebar").getByText("ops").waitFor();
  await assertPlain(p, "the chat screen");

  await p.goto("/chat/threads");
  await p.getByText("Who reviews the deploy?").first().waitFor();
  await assertPlain(p, "the Threads view");

  await p.goto("/notifications");
  await p.locator(".notif").first().waitFor();
  await assertPlain(p, "the inbox");

  for (const [section, heading] of [
    ["notifications", "Desktop notifications"],
    ["agent", "Pending contacts"],
    ["account", "Profile"],
  ] as const) {
    await p.goto(`/settings/${section}`);
    await p.getByRole("heading", { name: heading }).first().waitFor();
    await assertPlain(p, `settings › ${section}`);
  }

  await p.goto(`/explain/${muted}`);
  await p.locator('.explain-sentences li[data-channel="push"]').waitFor();
  await assertPlain(p, "the explain page");

  // The explain page of every kind of reason the fixture made: a snoozed room's @all, a thread reply, a DM.
  for (const [id, what] of [
    [standup, "a snoozed room's @all"],
    [reply, "a reply in a followed thread"],
    [dmMessage, "a direct message"],
  ] as const) {
    await p.goto(`/explain/${id}`);
    await p.locator(".explain-sentences li").first().waitFor();
    await assertPlain(p, `the explain page of ${what}`);
  }

  await p.goto("/support");
  await p.getByText("Dora Quinn").first().waitFor();
  await assertPlain(p, "the support console");
  const pending = await bob.get<{ conversations: { id: string }[] }>("/conversations?status=pending");
  await p.goto(`/support/c/${pending.conversations[0].id}`);
  await p.getByText("Where is my parcel?").first().waitFor();
  assert.equal(await p.locator(".room-title .status").innerText(), "waiting", "a status in words");
  await assertPlain(p, "a support conversation");

  // Banners (their words come from core): a DM while Bob looks at another room.
  await p.goto(`/chat/${ops}`);
  await p.locator('output[data-connected="true"]').waitFor({ state: "attached" });
  await post(alice, dm, "the build is green, see 2 files");
  const banners = await until("a banner for the DM", async () => {
    const r = await recorded(p);
    return r.banners.length ? r.banners : null;
  });
  for (const b of banners)
    for (const [what, re] of PATTERNS)
      assert.doesNotMatch(`${b.title}\n${b.body}`, re, `a banner shows a ${what}`);

  const w = await app.as(null, `/widget?key=${encodeURIComponent(key)}`);
  await w.locator("body").getByRole("textbox").first().waitFor();
  await assertPlain(w, "the widget");
});

test("[EXP-1][GEN-9] a push skipped because the room is muted links to the room's preferences, which open on the muted control", async () => {
  const p = await app.as(bob, `/explain/${muted}`);
  const push = p.locator('.explain-sentences li[data-channel="push"]');
  await push.waitFor();
  assert.match(await push.innerText(), /^Mobile \/ web push: not sent.*alerts are off for this room/);
  await shot(p, "explain-why-desktop");
  await push.getByRole("link", { name: /Change this setting/ }).click();
  await p.waitForURL(`**/chat/${ops}?prefs=notifications`);
  const dialog = p.getByRole("dialog", { name: "Notification Preferences" });
  const alerts = dialog.getByRole("checkbox", { name: /Receive alerts/ });
  await alerts.waitFor();
  assert.equal(await alerts.isChecked(), false, "the muted control, showing the room muted");
  await shot(p, "room-prefs-from-explain-desktop");
  await alerts.check();
  await dialog.getByRole("button", { name: "Save" }).click();
  await until("alerts back on", async () => {
    const r = await bob.get<{ effective: { alerts: boolean } }>(`/rooms/${ops}/preferences`);
    return r.effective.alerts === true;
  });
  // Saving closes the dialog and leaves the room's plain address (a reload does not open it again).
  await dialog.waitFor({ state: "detached" });
  await until("the room's plain address", async () => new URL(p.url()).search === "");
  await bob.put(`/rooms/${ops}/preferences`, { alerts: false });

  // A reason from an account setting links to its section of My Account › Preferences, scrolled to.
  const q = await app.as(bob, `/explain/${dmMessage}`, { width: 1280, height: 500 });
  const email = q.locator('.explain-sentences li[data-channel="email"]');
  await email.waitFor();
  assert.match(
    await email.innerText(),
    /^Email: not sent.*your setting notifies you about nothing; this was a direct message/,
  );
  await email.getByRole("link", { name: "Change this setting: email notifications" }).click();
  await q.waitForURL("**/settings/notifications#s-email");
  const heading = q.getByRole("heading", { name: "Email", exact: true });
  await until("the Email section scrolled into view", async () => {
    const box = await heading.boundingBox();
    return box && box.y >= 0 && box.y + box.height <= 500;
  });
  const phone = await app.as(bob, `/explain/${muted}`, PHONE);
  await phone.locator('.explain-sentences li[data-channel="push"]').waitFor();
  await shot(phone, "explain-why-phone");
});
test("each notification setting says what it does and its default in one line", async () => {
  const p = await app.as(bob, "/settings/notifications");
  await p.getByRole("heading", { name: "Desktop notifications", exact: true }).waitFor();
  const settings = p.locator(".setting");
  const n = await settings.count();
  assert.ok(n > 10, "the settings are listed");
  for (let i = 0; i < n; i++) {
    const s = settings.nth(i);
    const hint = await s.locator(".setting-hint").innerText();
    assert.match(hint, /Default: \S/, `setting ${i} (${await s.innerText()}) states its default`);
  }
  for (const name of ["Keywords", "Quiet hours"]) {
    const section = p.locator(".settings-section", { has: p.getByRole("heading", { name, exact: true }) });
    assert.match(await section.locator(".setting-hint").first().innerText(), /Default: none\./, name);
  }
  await assertPlain(p, "settings › notifications");
  await shot(p, "settings-hints-desktop");

  // The agent settings too: each control, and each event row of the email/push table.
  await p.goto("/settings/agent");
  await p.getByRole("heading", { name: "Pending contacts" }).waitFor();
  const agent = p.locator(".setting, tbody th");
  const m = await agent.count();
  assert.ok(m > 10, "the agent settings are listed");
  for (let i = 0; i < m; i++) {
    const s = agent.nth(i);
    await until(`agent setting ${i} states its default`, async () =>
      /Default: \S/.test(await s.locator(".setting-hint").innerText({ timeout: 1000 })),
    );
  }
  await assertPlain(p, "settings › agent notifications");
  const phone = await app.as(bob, "/settings/notifications", PHONE);
  await phone.getByRole("heading", { name: "Desktop notifications", exact: true }).waitFor();
  await shot(phone, "settings-hints-phone");
});
