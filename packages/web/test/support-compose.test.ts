// Writing in the support reply box and the website widget as in Chatwoot and Intercom: Enter sends, Shift+Enter
// breaks the line, an Enter an input method takes (Japanese) sends nothing; Send is off with nothing to send
// (reply box and widget); the widget's "Get replies by email" says in words why it could not save.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser } from "./client.ts";
import { imeEndingEnter, imeType, PHONE, postsTo, shot, until } from "./harness.ts";

const app = appFixture();

let ann: Client;
let key: string;

app.setup(async () => {
  ann = await makeUser(app.admin, "ann", "agent");
  const r = await app.admin.post<{ key: string }>("/inboxes", { name: "Website", agentIds: [ann.user.id] });
  key = r.key;
});

type Listed = { id: string; contact?: { name: string } };
const conversationOf = (name: string) =>
  until(`the conversation of ${name}`, async () =>
    (await ann.get<{ conversations: Listed[] }>("/conversations?filter=all")).conversations.find(
      (c) => c.contact?.name === name,
    ),
  );
const textsOf = async (id: string) =>
  (await ann.get<{ messages: { text: string }[] }>(`/conversations/${id}`)).messages.map((m) => m.text);

/** A contact's widget with its first message sent. */
async function contactSays(name: string, text: string, viewport?: { width: number; height: number }) {
  const c = await app.as(null, `/widget?key=${encodeURIComponent(key)}`, viewport);
  await c.getByLabel("Your name").fill(name);
  await c.getByLabel("Your message").fill(text);
  await c.getByRole("button", { name: "Send", exact: true }).click();
  await c.locator(".bubble.me", { hasText: text }).waitFor();
  return { c, id: (await conversationOf(name)).id };
}

/** Ann's page on a new contact's conversation, picked up. */
async function pickedUp(name: string, text: string): Promise<{ a: Page; id: string }> {
  const { id } = await contactSays(name, text);
  await ann.post(`/conversations/${id}/pickup`);
  return { a: await app.as(ann, `/support/c/${id}`), id };
}

test("widget: Enter sends, Shift+Enter breaks the line, and an Enter the input method takes sends nothing", async () => {
  const c = await app.as(null, `/widget?key=${encodeURIComponent(key)}`, PHONE);
  const box = c.getByLabel("Your message");
  const starts = postsTo(c, "/api/v1/widget/conversations");
  await c.getByLabel("Your name").fill("Aki Mori");
  await box.focus();
  // Japanese typed through an IME: the Enter that takes the candidate, then Safari's Enter ending it.
  await imeType(c, "こんにちは", "今日は");
  await imeEndingEnter(c);
  await until("the IME's words are in the box", async () => (await box.inputValue()) === "今日は");
  await box.press("Shift+Enter");
  await box.pressSequentially("Do you ship to Osaka?");
  assert.equal(await box.inputValue(), "今日は\nDo you ship to Osaka?", "Shift+Enter broke the line");
  await shot(c, "widget-two-lines-phone");
  assert.equal(starts(), 0, "nothing was sent while writing");
  await box.press("Enter");
  const bubble = c.locator(".bubble.me", { hasText: "Osaka" });
  await bubble.waitFor();
  await until("the box is empty", async () => (await box.inputValue()) === "");
  await shot(c, "widget-two-lines-sent-phone");
  assert.equal(starts(), 1, "Enter sent it once");
  const { id } = await conversationOf("Aki Mori");
  assert.deepEqual(await textsOf(id), ["今日は\nDo you ship to Osaka?"], "one message, both lines");
  // The line break shows in the bubble as written.
  assert.match(await bubble.innerText(), /今日は\s*\n\s*Do you ship to Osaka\?/);

  // A later message, likewise (the conversation exists now).
  const posts = postsTo(c, `/api/v1/widget/conversations/${id}/messages`);
  await imeType(c, "ありがとう", "ありがとう");
  await imeEndingEnter(c);
  await until("the IME's words are in the box", async () => (await box.inputValue()) === "ありがとう");
  await box.press("Enter");
  await c.locator(".bubble.me", { hasText: "ありがとう" }).waitFor();
  await until("the box is empty", async () => (await box.inputValue()) === "");
  assert.equal(posts(), 1, "sent once, by the Enter after the IME's");
  assert.deepEqual(await textsOf(id), ["今日は\nDo you ship to Osaka?", "ありがとう"]);
});

test("reply box: an Enter the input method takes sends nothing; Shift+Enter breaks the line; Enter sends", async () => {
  const { a, id } = await pickedUp("Yuki Sato", "Is my order on its way?");
  const box = a.getByLabel("Reply to the contact");
  const posts = postsTo(a, `/api/v1/conversations/${id}/messages`);
  await box.focus();
  await imeType(a, "はい", "はい");
  await imeEndingEnter(a);
  await until("the IME's words are in the box", async () => (await box.inputValue()) === "はい");
  await box.press("Shift+Enter");
  await box.pressSequentially("It ships tomorrow.");
  assert.equal(await box.inputValue(), "はい\nIt ships tomorrow.", "Shift+Enter broke the line");
  await shot(a, "support-reply-two-lines");
  assert.equal(posts(), 0, "nothing was sent while writing");
  await box.press("Enter");
  await a.locator(".support-msg", { hasText: "ships tomorrow" }).waitFor();
  await until("the box is empty", async () => (await box.inputValue()) === "");
  assert.equal(posts(), 1, "Enter sent it once");
  assert.deepEqual(await textsOf(id), ["Is my order on its way?", "はい\nIt ships tomorrow."]);
});

test("reply box: Send is off while the box is empty or holds only spaces, as the chat composer's is", async () => {
  const { a, id } = await pickedUp("Noor Ali", "Can I change my address?");
  const box = a.getByLabel("Reply to the contact");
  const send = a.locator(".composer button[type=submit]");
  assert.equal(await send.textContent(), "Send");
  assert.ok(await send.isDisabled(), "off with an empty box");
  await shot(a, "support-reply-empty");
  await box.fill("   \n  ");
  assert.ok(await send.isDisabled(), "off with only spaces and line breaks");
  await box.fill("Yes, ");
  assert.ok(await send.isEnabled(), "on with words");
  await box.fill("");
  await a.getByRole("radio", { name: "Private note" }).check();
  const note = a.locator('textarea[aria-label="Private note"]');
  assert.equal(await send.textContent(), "Add note");
  assert.ok(await send.isDisabled(), "a note's Add note likewise");
  await note.fill("check the courier");
  assert.ok(await send.isEnabled());
  await send.click();
  await a.locator(".support-msg", { hasText: "check the courier" }).waitFor();
  await until("the box is empty", async () => (await note.inputValue()) === "");
  assert.ok(await send.isDisabled(), "off again once sent");
  assert.deepEqual(await textsOf(id), ["Can I change my address?", "check the courier"]);
});

test("widget: Send is off while the message box is empty or holds only spaces", async () => {
  const c = await app.as(null, `/widget?key=${encodeURIComponent(key)}`, PHONE);
  const box = c.getByLabel("Your message");
  const send = c.getByRole("button", { name: "Send", exact: true });
  await c.getByLabel("Your name").fill("Lea Brandt");
  assert.ok(await send.isDisabled(), "off with an empty box");
  await shot(c, "widget-empty-phone");
  await box.fill("  \n ");
  assert.ok(await send.isDisabled(), "off with only spaces and line breaks");
  await box.fill("Hello?");
  assert.ok(await send.isEnabled(), "on with words");
  await send.click();
  await c.locator(".bubble.me", { hasText: "Hello?" }).waitFor();
  await until("the box is empty", async () => (await box.inputValue()) === "");
  assert.ok(await send.isDisabled(), "off again once sent");
});

test('widget: a "Get replies by email" save the server refuses or cannot answer says why in words and keeps the address', async () => {
  const { c, id } = await contactSays("Lena Berg", "Where is my parcel?", PHONE);
  await ann.post(`/conversations/${id}/pickup`);
  await ann.post(`/conversations/${id}/messages`, { text: "Let me check." });
  await c.locator(".bubble.agent", { hasText: "Let me check" }).waitFor();
  const form = c.locator(".widget-email");
  const field = form.getByLabel("Get replies by email");
  const save = form.getByRole("button", { name: "Save" });
  const error = form.locator(".error");

  // The server's refusal: an address the browser lets through but the server does not take.
  await field.fill("lena@localhost");
  await save.click();
  await error.waitFor();
  assert.equal(await error.textContent(), "Could not save your email: not an e-mail address");
  assert.equal(await field.inputValue(), "lena@localhost", "what was typed stays");
  await shot(c, "widget-email-refused-phone");

  // No answer at all: said in words, never the browser's "Failed to fetch".
  await c.route(`**/api/v1/widget/conversations/${id}/email`, (r) => r.abort("connectionrefused"), {
    times: 1,
  });
  await field.fill("lena@example.com");
  await save.click();
  await until(
    "the error says the server could not be reached",
    async () =>
      (await error.textContent()) === "Could not save your email: the server could not be reached, try again",
  );
  assert.equal(await field.inputValue(), "lena@example.com", "what was typed stays");
  assert.equal(
    await c.locator(".composer .error").count(),
    0,
    "said by the email field, not the message box",
  );
  await shot(c, "widget-email-unreachable-phone");

  await save.click();
  await c.getByText("We'll email you replies you miss here.").waitFor();
  await form.waitFor({ state: "detached" });
  const { contact } = await ann.get<{ contact: { email: string | null } }>(`/conversations/${id}/contact`);
  assert.equal(contact.email, "lena@example.com", "saved once it could be");
});
