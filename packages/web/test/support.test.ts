// Support console end to end: two agents and one contact (the website widget), SUP-2 … SUP-6.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser } from "./client.ts";
import { holdAnswer, PHONE, postsTo, recorded, setFocus, settledAfterRead, shot, until } from "./harness.ts";
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

/** The agent's page on a new contact's conversation, picked up by Ann. */
async function pickedUp(name: string, text: string): Promise<{ a: Page; id: string }> {
  await contactSays(name, text);
  const conv = await until(`conversation for ${name}`, async () => {
    const list = await ann.get<{ conversations: { id: string; contact?: { name: string } }[] }>(
      "/conversations?filter=all",
    );
    return list.conversations.find((c) => c.contact?.name === name);
  });
  await ann.post(`/conversations/${conv.id}/pickup`);
  return { a: await app.as(ann, `/support/c/${conv.id}`), id: conv.id };
}

test("a double click on Send, then Enter, while a reply is on its way sends it once", async () => {
  const { a, id } = await pickedUp("Gil", "Where is my parcel?");
  const box = a.getByLabel("Reply to the contact");
  const send = a.locator(".composer button[type=submit]");
  const posts = postsTo(a, `/api/v1/conversations/${id}/messages`);
  // The reply's answer is held, as on a loaded machine: the words stay in the box until it comes.
  const reply = await holdAnswer(a, `**/api/v1/conversations/${id}/messages`);
  await box.fill("It left our warehouse today.");
  await send.dblclick();
  await reply.atServer;
  await box.press("Enter");
  const during = {
    label: await send.textContent(),
    disabled: await send.isDisabled(),
    editable: await box.isEditable(),
  };
  await shot(a, "support-reply-sending");
  const read = settledAfterRead(a, new RegExp(`/api/v1/conversations/${id}$`));
  reply.release();
  await read;
  await until("the box is empty", async () => (await box.inputValue()) === "");
  assert.equal(posts(), 1, "one send left the page");
  const got = await ann.get<{ messages: { text: string }[] }>(`/conversations/${id}`);
  assert.deepEqual(
    got.messages.map((m) => m.text),
    ["Where is my parcel?", "It left our warehouse today."],
    "the reply reached the server once",
  );
  assert.equal(await a.locator(".support-msg", { hasText: "left our warehouse" }).count(), 1, "shown once");
  assert.deepEqual(
    during,
    { label: "Sending…", disabled: true, editable: true },
    "while it was on its way Send said so and was off, and the box took typing",
  );
  assert.equal(await send.textContent(), "Send", "Send is back once answered");
});

test("a reply that could not be sent stays in the box with the reason in words, and Send sends it", async () => {
  const { a, id } = await pickedUp("Hal", "Do you take returns?");
  const box = a.getByLabel("Reply to the contact");
  await a.route(`**/api/v1/conversations/${id}/messages`, (r) => r.abort("connectionrefused"), { times: 1 });
  await box.fill("Yes, within 30 days.");
  await box.press("Enter");
  const error = a.locator(".composer .error");
  await error.waitFor();
  assert.equal(
    await error.textContent(),
    "Could not send your reply: the server could not be reached, try again",
  );
  assert.equal(await box.inputValue(), "Yes, within 30 days.", "the words stay to send again");
  await shot(a, "support-reply-failed");
  await a.getByRole("button", { name: "Send", exact: true }).click();
  await a.locator(".support-msg", { hasText: "within 30 days" }).waitFor();
  await until("the box is empty", async () => (await box.inputValue()) === "");
  await error.waitFor({ state: "detached" });
  const got = await ann.get<{ messages: { text: string }[] }>(`/conversations/${id}`);
  assert.deepEqual(
    got.messages.map((m) => m.text),
    ["Do you take returns?", "Yes, within 30 days."],
  );
});
