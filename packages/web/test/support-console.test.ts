// Support console defects found by use: inbox items named "Someone" instead of the contact; adding a member
// to an inbox failed the whole request with an internal id; the widget key was shown once and never again;
// on a phone the conversation header overlapped. Two agents, an admin and a contact.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser } from "./client.ts";
import { PHONE, shot, until } from "./harness.ts";

const app = appFixture();

let admin: Client;
let ann: Client;
let key: string;

app.setup(async () => {
  admin = app.admin;
  ann = await makeUser(admin, "ann", "agent");
  await makeUser(admin, "ben", "agent");
  await makeUser(admin, "cal", "agent");
  await makeUser(admin, "mel", "member");
  const r = await admin.post<{ key: string }>("/inboxes", {
    name: "Website",
    agentIds: [ann.user.id],
  });
  key = r.key;
});

/** A contact writes through the widget API (what the widget page does). */
async function contactStarts(name: string, text: string, withKey = key): Promise<number> {
  const res = await fetch(`${app.server.url}/api/v1/widget/conversations`, {
    method: "POST",
    headers: { "x-inbox-key": withKey, "content-type": "application/json" },
    body: JSON.stringify({ name, text }),
  });
  return res.status;
}

async function noOverlap(page: Page, selectors: string[]): Promise<void> {
  const boxes = [];
  for (const s of selectors) {
    const b = await page.locator(s).first().boundingBox();
    assert.ok(b, `${s} is shown`);
    assert.ok(b.x >= 0 && b.x + b.width <= PHONE.width + 0.5, `${s} inside the screen (${b.x}+${b.width})`);
    boxes.push({ s, ...b });
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const apart =
        a.x + a.width <= b.x + 0.5 ||
        b.x + b.width <= a.x + 0.5 ||
        a.y + a.height <= b.y + 0.5 ||
        b.y + b.height <= a.y + 0.5;
      assert.ok(apart, `${a.s} and ${b.s} do not overlap`);
    }
}

test("[SUP-2] a support inbox item names the contact, not 'Someone'", async () => {
  assert.equal(await contactStarts("Dora Quinn", "Where is my parcel?"), 201);
  const a = await app.as(ann, "/notifications");
  const item = a.locator(".notif", { hasText: "Where is my parcel?" });
  await item.waitFor();
  assert.match((await item.textContent()) ?? "", /Dora Quinn started a conversation/);
  assert.equal(((await item.textContent()) ?? "").includes("Someone"), false);
  await shot(a, "support-item-names-contact-desktop");
});

test("[SUP-1] adding agents adds who can be added and names who cannot, in words", async () => {
  const p = await app.as(admin, "/admin/inboxes");
  const card = p.getByRole("region", { name: "Inbox Website" });
  const search = card.getByLabel("Add agents");
  // Only agents and admins are offered.
  await search.fill("mel");
  await until("search answered", async () => (await p.locator(".picker-results").count()) === 0);
  for (const who of ["Ben", "Cal"]) {
    await search.fill(who.toLowerCase());
    await card.getByRole("button", { name: new RegExp(`^${who}`) }).click();
  }
  // Cal stops being an agent between the pick and the click (another admin, another tab).
  const users = await admin.get<{ users: { id: string; username: string }[] }>("/users?q=cal");
  const cal = users.users.find((u) => u.username === "cal");
  assert.ok(cal);
  await admin.call("PATCH", `/users/${cal.id}`, { role: "member" });
  await card.getByRole("button", { name: "Add to inbox" }).click();
  const out = card.locator("output", { hasText: "Not added" });
  await out.waitFor();
  const said = (await out.textContent()) ?? "";
  assert.match(said, /Cal is a member, not an agent or admin/);
  assert.match(said, /1 added/);
  assert.equal(said.includes(cal.id), false, "no internal id");
  const agents = card.getByRole("list", { name: "Agents of Website" });
  await agents.getByText("Ben").waitFor();
  assert.equal(await agents.getByText("Cal").count(), 0);
  await shot(p, "support-add-agents-in-words-desktop");
});

test("[SUP-1] the widget key stays visible to admins and can be regenerated; the old key stops working", async () => {
  const p = await app.as(admin, "/admin/inboxes");
  const card = p.getByRole("region", { name: "Inbox Website" });
  const field = card.getByLabel(/Inbox key/);
  await until("key shown after a reload", async () => (await field.inputValue()) === key);
  await card.getByRole("link", { name: /\/widget\?key=/ }).waitFor();
  p.once("dialog", (d) => d.accept());
  await card.getByRole("button", { name: "Regenerate key" }).click();
  const fresh = await until("a new key", async () => {
    const v = await field.inputValue();
    return v !== key && v.startsWith("hik_") ? v : null;
  });
  assert.equal(await contactStarts("Old page", "hi"), 401);
  assert.equal(await contactStarts("New page", "hi", fresh), 201);
  key = fresh;
  const phone = await app.as(admin, "/admin/inboxes", PHONE);
  await phone
    .getByRole("region", { name: "Inbox Website" })
    .getByLabel(/Inbox key/)
    .waitFor();
  await shot(p, "support-inbox-key-desktop");
  await shot(phone, "support-inbox-key-phone");
});

test("[SUP-1] on a phone (390 px) the conversation header does not overlap", async () => {
  assert.equal(await contactStarts("Maximiliane Featherstonehaugh-Oyelaran", "Hello from a long name"), 201);
  const list = await ann.get<{ conversations: { id: string; status: string }[] }>(
    "/conversations?status=pending",
  );
  const id = list.conversations[0].id;
  const a = await app.as(ann, `/support/c/${id}`, PHONE);
  await a.getByRole("heading", { level: 1 }).waitFor();
  await noOverlap(a, [
    ".conversation .room-header .back",
    ".conversation .room-header h1",
    ".conversation .room-header .room-title .status",
    '.conversation .room-header button:has-text("Pick up")',
    ".conversation .room-header select",
    '.conversation .room-header button:has-text("Resolve")',
  ]);
  await shot(a, "support-conversation-header-phone");
  const d = await app.as(ann, `/support/c/${id}`);
  await d.getByRole("heading", { level: 1 }).waitFor();
  await shot(d, "support-conversation-header-desktop");
});
