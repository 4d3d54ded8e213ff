// The website widget keeps the contact's session (token in localStorage): the conversation resumes after a
// reload and on another page of the same site, an agent sees one conversation, and "End chat" then a new
// message starts a new conversation as the same contact.
import assert from "node:assert/strict";
import { test } from "node:test";
import { appFixture } from "./app.ts";
import { type Client, makeUser } from "./client.ts";
import { holdAnswer, PHONE, postsTo, settledAfterRead, shot, until } from "./harness.ts";

const app = appFixture();

let ann: Client;
let key: string;

app.setup(async () => {
  ann = await makeUser(app.admin, "ann", "agent");
  const r = await app.admin.post<{ key: string }>("/inboxes", { name: "Website", agentIds: [ann.user.id] });
  key = r.key;
});

type Listed = { id: string; contactId: string; status: string; contact?: { name: string } };
const conversationsOf = async (name: string) =>
  (await ann.get<{ conversations: Listed[] }>("/conversations?filter=all")).conversations.filter(
    (c) => c.contact?.name === name,
  );

test("[SUP-1] the widget conversation resumes after a reload and on another page of the site", async () => {
  const { context, page: c } = await app.profile(null, undefined, PHONE);
  await c.goto(`/widget?key=${encodeURIComponent(key)}`);
  await c.getByLabel("Your name").fill("Gus Hale");
  await c.getByLabel("Your message").fill("Is the shop open on Sunday?");
  await c.getByRole("button", { name: "Send" }).click();
  await c.locator(".bubble.me", { hasText: "open on Sunday" }).waitFor();
  const [conv] = await until("one conversation", async () => {
    const l = await conversationsOf("Gus Hale");
    return l.length === 1 ? l : null;
  });
  await ann.post(`/conversations/${conv.id}/pickup`);
  await ann.post(`/conversations/${conv.id}/messages`, { text: "Yes, 10 to 4." });

  await c.reload();
  await c.locator(".bubble.me", { hasText: "open on Sunday" }).waitFor();
  await c.locator(".bubble.agent", { hasText: "10 to 4" }).waitFor();
  assert.equal(await c.getByLabel("Your name").count(), 0, "no new-contact form after a reload");
  await c.getByLabel("Your message").fill("Great, thanks!");
  await c.getByRole("button", { name: "Send" }).click();
  await c.locator(".bubble.me", { hasText: "Great, thanks" }).waitFor();
  await shot(c, "widget-resumed-after-reload-phone");

  // Another page of the same site (a new tab): the same conversation.
  const other = await context.newPage();
  await other.goto(`/widget?key=${encodeURIComponent(key)}&page=pricing`);
  await other.locator(".bubble.agent", { hasText: "10 to 4" }).waitFor();
  await other.locator(".bubble.me", { hasText: "Great, thanks" }).waitFor();
  const again = await conversationsOf("Gus Hale");
  assert.equal(again.length, 1, "still one conversation");
  const msgs = await ann.get<{ messages: { text: string }[] }>(`/conversations/${conv.id}`);
  assert.deepEqual(
    msgs.messages.map((m) => m.text),
    ["Is the shop open on Sunday?", "Yes, 10 to 4.", "Great, thanks!"],
  );

  // End chat, reload, write again: a new conversation, same contact.
  await other.getByRole("button", { name: "End chat" }).click();
  await other.getByText("You left the chat.").waitFor();
  await other.reload();
  assert.equal(await other.locator(".bubble").count(), 0, "the ended conversation is not shown again");
  assert.equal(await other.getByLabel("Your name").inputValue(), "Gus Hale");
  await other.getByLabel("Your message").fill("Another question");
  await other.getByRole("button", { name: "Send" }).click();
  await other.locator(".bubble.me", { hasText: "Another question" }).waitFor();
  const both = await until("two conversations", async () => {
    const l = await conversationsOf("Gus Hale");
    return l.length === 2 ? l : null;
  });
  assert.equal(both[0].contactId, both[1].contactId, "the same contact");

  // A fresh browser is a new contact: nothing resumes there.
  const stranger = await app.as(null, `/widget?key=${encodeURIComponent(key)}`);
  await stranger.getByLabel("Your name").waitFor();
  assert.equal(await stranger.locator(".bubble").count(), 0);
});

test("the widget's box keeps words the contact typed while the previous message was still on its way", async () => {
  const c = await app.as(null, `/widget?key=${encodeURIComponent(key)}`);
  const box = c.getByLabel("Your message");
  await c.getByLabel("Your name").fill("Ida Moss");
  await box.fill("Hello there");
  await c.getByRole("button", { name: "Send" }).click();
  await c.locator(".bubble.me", { hasText: "Hello there" }).waitFor();
  const [conv] = await until("one conversation", async () => {
    const l = await conversationsOf("Ida Moss");
    return l.length === 1 ? l : null;
  });
  // The next message's answer is held, as on a loaded machine: the server has it, the contact types on meanwhile.
  const sent = await holdAnswer(c, `**/api/v1/widget/conversations/${conv.id}/messages`);
  await box.fill("Is the blue one in stock?");
  await c.getByRole("button", { name: "Send" }).click();
  await sent.atServer;
  await box.fill("Size M, please");
  // The send's answer makes the page read the thread again; a moment after that read it has finished.
  const read = settledAfterRead(c, new RegExp(`/conversations/${conv.id}/messages$`));
  sent.release();
  await read;
  await c.locator(".bubble.me", { hasText: "blue one" }).waitFor();
  assert.equal(await box.inputValue(), "Size M, please", "the words typed meanwhile are still in the box");
  await c.getByRole("button", { name: "Send" }).click();
  await c.locator(".bubble.me", { hasText: "Size M" }).waitFor();
  await until("the box is empty", async () => (await box.inputValue()) === "");
  const got = await ann.get<{ messages: { text: string }[] }>(`/conversations/${conv.id}`);
  assert.deepEqual(
    got.messages.map((m) => m.text),
    ["Hello there", "Is the blue one in stock?", "Size M, please"],
    "each message was sent once",
  );
});

test("a double click on the widget's Send while a message is on its way sends it once; the first starts one conversation", async () => {
  const c = await app.as(null, `/widget?key=${encodeURIComponent(key)}`, PHONE);
  const box = c.getByLabel("Your message");
  const send = c.locator(".composer button[type=submit]");
  const state = async () => ({
    label: await send.textContent(),
    disabled: await send.isDisabled(),
    editable: await box.isEditable(),
  });
  const sending = { label: "Sending…", disabled: true, editable: true };
  await c.getByLabel("Your name").fill("Jo Park");
  // The first message starts the conversation; its answer is held, as on a loaded machine.
  const starts = postsTo(c, "/api/v1/widget/conversations");
  const started = await holdAnswer(c, "**/api/v1/widget/conversations");
  await box.fill("Do you deliver on Saturdays?");
  await send.dblclick();
  await started.atServer;
  const duringStart = await state();
  await shot(c, "widget-sending-phone");
  started.release();
  await c.locator(".bubble.me", { hasText: "Saturdays" }).waitFor();
  await until("the box is empty", async () => (await box.inputValue()) === "");
  assert.equal(starts(), 1, "one start left the page");
  const convs = await conversationsOf("Jo Park");
  assert.equal(convs.length, 1, "one conversation");
  assert.deepEqual(duringStart, sending, "while it was on its way Send said so and was off");

  // A later message, likewise.
  const path = `/api/v1/widget/conversations/${convs[0].id}/messages`;
  const posts = postsTo(c, path);
  const sent = await holdAnswer(c, `**${path}`);
  await box.fill("And on Sundays?");
  await send.dblclick();
  await sent.atServer;
  const duringNext = await state();
  const read = settledAfterRead(c, new RegExp(`${path}$`));
  sent.release();
  await read;
  await c.locator(".bubble.me", { hasText: "Sundays" }).waitFor();
  await until("the box is empty", async () => (await box.inputValue()) === "");
  assert.equal(posts(), 1, "one send left the page");
  const got = await ann.get<{ messages: { text: string }[] }>(`/conversations/${convs[0].id}`);
  assert.deepEqual(
    got.messages.map((m) => m.text),
    ["Do you deliver on Saturdays?", "And on Sundays?"],
    "each message reached the server once",
  );
  assert.equal(await c.locator(".bubble.me", { hasText: "Sundays" }).count(), 1, "shown once");
  assert.deepEqual(duringNext, sending, "while it was on its way Send said so and was off");
  assert.equal(await send.textContent(), "Send", "Send is back once answered");
});

test("a widget message that could not be sent stays in the box with the reason in words, and Send sends it", async () => {
  const c = await app.as(null, `/widget?key=${encodeURIComponent(key)}`);
  const box = c.getByLabel("Your message");
  await c.getByLabel("Your name").fill("Kit Lane");
  await c.route("**/api/v1/widget/conversations", (r) => r.abort("connectionrefused"), { times: 1 });
  await box.fill("Can I pay by invoice?");
  await c.getByRole("button", { name: "Send", exact: true }).click();
  const error = c.locator(".composer .error");
  await error.waitFor();
  assert.equal(
    await error.textContent(),
    "Could not send your message: the server could not be reached, try again",
  );
  assert.equal(await box.inputValue(), "Can I pay by invoice?", "the words stay to send again");
  await shot(c, "widget-send-failed");
  await c.getByRole("button", { name: "Send", exact: true }).click();
  await c.locator(".bubble.me", { hasText: "by invoice" }).waitFor();
  await until("the box is empty", async () => (await box.inputValue()) === "");
  await error.waitFor({ state: "detached" });
  const convs = await conversationsOf("Kit Lane");
  assert.equal(convs.length, 1);
  const got = await ann.get<{ messages: { text: string }[] }>(`/conversations/${convs[0].id}`);
  assert.deepEqual(
    got.messages.map((m) => m.text),
    ["Can I pay by invoice?"],
  );
});
