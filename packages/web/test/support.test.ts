// Support console end to end: two agents and one contact (the website widget), SUP-2 … SUP-6.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser } from "./client.ts";
import { holdAnswer, PHONE, recorded, setFocus, settledAfterRead, shot, until } from "./harness.ts";
import { ringsAgain, silentForAPeriod } from "./rings.ts";

const app = appFixture();

let admin: Client;
let ann: Client;
let ben: Client;
let key: string;

app.setup(async () => {
  admin = app.admin;
  ann = await makeUser(admin, "ann", "agent");
  ben = await makeUser(admin, "ben", "agent");
  const r = await admin.post<{ inbox: { id: string }; key: string }>("/inboxes", {
    name: "Website",
    agentIds: [ann.user.id, ben.user.id],
  });
  key = r.key;
});

const starts = async (p: Page) => (await recorded(p)).sounds.length;

async function contactSays(name: string, text: string): Promise<Page> {
  const c = await app.as(null, `/widget?key=${encodeURIComponent(key)}`);
  await c.getByLabel("Your name").fill(name);
  await c.getByLabel("Your message").fill(text);
  await c.getByRole("button", { name: "Send" }).click();
  await c.locator(".bubble.me", { hasText: text }).waitFor();
  return c;
}

test("[SUP-3][SUP-4][PRF-45] a pending contact rings in a loop on both agents until one picks up", async () => {
  const a = await app.as(ann, "/support");
  const b = await app.as(ben, "/support");
  for (const p of [a, b]) await setFocus(p, false); // PRF-44 off: alerts only while the console is not focused
  const contact = await contactSays("Dora", "Hello, my order is late");
  await shot(contact, "widget-phone-size-desktop");
  for (const p of [a, b]) {
    await p.locator(".pending-row", { hasText: "Dora" }).waitFor();
    await until("pending banner", async () => (await recorded(p)).banners.some((x) => /Dora/.test(x.title)));
    assert.ok(await ringsAgain(p, starts), "the ring loops");
  }
  await shot(a, "support-pending-desktop");
  await a.locator(".pending-row", { hasText: "Dora" }).getByRole("button", { name: "Pick up" }).click();
  await a.getByRole("heading", { level: 1, name: "Dora" }).waitFor();
  await b.locator(".pending-row", { hasText: "Dora" }).waitFor({ state: "detached" });
  for (const p of [a, b]) assert.ok(await silentForAPeriod(p, starts), "the ring stopped on every agent");
  const conv = (
    await ann.get<{ conversations: { id: string; contact?: { name: string } }[] }>(
      "/conversations?filter=mine",
    )
  ).conversations[0];
  await assert.rejects(
    ben.post(`/conversations/${conv.id}/pickup`),
    /→ 409|already/,
    "SUP-4: exactly one agent wins",
  );
  await shot(a, "support-conversation-desktop");

  await a.getByLabel("Reply to the contact").fill("Hi Dora, looking into it.");
  await a.getByRole("button", { name: "Send" }).click();
  await contact.locator(".bubble.agent", { hasText: "looking into it" }).waitFor();
});

test("[SUP-5][SUP-6] assignment and a private-note mention notify the other agent", async () => {
  await contactSays("Eve", "Can I change my address?");
  const conv = await until("conversation for Eve", async () => {
    const list = await ann.get<{
      conversations: { id: string; status: string; contact?: { name: string } }[];
    }>("/conversations?filter=all");
    return list.conversations.find((c) => c.contact?.name === "Eve");
  });
  await ann.post(`/conversations/${conv.id}/pickup`);
  const b = await app.as(ben, "/chat");
  await setFocus(b, false);
  const n = (await recorded(b)).banners.length;
  const a = await app.as(ann, `/support/c/${conv.id}`);
  await a.getByLabel("Assignee").selectOption({ label: "Ben" });
  await until("assignment banner for Ben", async () => (await recorded(b)).banners.length > n);
  const m = (await recorded(b)).banners.length;
  await a.getByLabel("Private note").check();
  await a.getByLabel("Private note", { exact: true }).last().fill("@ben please check the address change");
  await a.getByRole("button", { name: "Add note" }).click();
  await a.locator(".support-msg.note", { hasText: "please check" }).waitFor();
  await until("mention banner for Ben", async () => (await recorded(b)).banners.length > m);
  await shot(a, "support-note-desktop");
  const phone = await app.as(ann, `/support/c/${conv.id}`, PHONE);
  await phone.getByRole("heading", { level: 1, name: "Eve" }).waitFor();
  await shot(phone, "support-conversation-phone");
});

test("the reply box keeps words the agent typed while the previous reply was still on its way", async () => {
  await contactSays("Fay", "Do you ship abroad?");
  const conv = await until("conversation for Fay", async () => {
    const list = await ann.get<{ conversations: { id: string; contact?: { name: string } }[] }>(
      "/conversations?filter=all",
    );
    return list.conversations.find((c) => c.contact?.name === "Fay");
  });
  await ann.post(`/conversations/${conv.id}/pickup`);
  const a = await app.as(ann, `/support/c/${conv.id}`);
  const box = a.getByLabel("Reply to the contact");
  // The reply's answer is held, as on a loaded machine: the server has it, the agent types on meanwhile.
  const reply = await holdAnswer(a, `**/api/v1/conversations/${conv.id}/messages`);
  await box.fill("Yes, to most of Europe.");
  await box.press("Enter");
  await reply.atServer;
  await box.fill("Which country is it?");
  const read = settledAfterRead(a, new RegExp(`/api/v1/conversations/${conv.id}$`));
  reply.release();
  await read;
  assert.equal(
    await box.inputValue(),
    "Which country is it?",
    "the words typed meanwhile are still in the box",
  );
  await box.press("Enter");
  await a.locator(".support-msg", { hasText: "Which country" }).waitFor();
  await until("the box is empty", async () => (await box.inputValue()) === "");
  const got = await ann.get<{ messages: { text: string }[] }>(`/conversations/${conv.id}`);
  assert.deepEqual(
    got.messages.map((m) => m.text),
    ["Do you ship abroad?", "Yes, to most of Europe.", "Which country is it?"],
    "each reply was sent once",
  );
});
