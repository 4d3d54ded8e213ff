// Search in Chromium: a word typed in the top bar's search finds a message older than the room's newest page,
// and clicking it lands on that message in the room's history; a private group's message stays unfound.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { markWords, plainLines } from "../src/lib/search.ts";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { PHONE, shot, until } from "./harness.ts";

const app = appFixture();

let alice: Client;
let bob: Client;
let room: string;
let target: string;

app.setup(async () => {
  alice = await makeUser(app.admin, "alice");
  bob = await makeUser(app.admin, "bob");
  room = unwrap<{ id: string }>(
    await alice.post("/rooms", { kind: "channel", name: "research", memberIds: [bob.user.id] }),
    "room",
  ).id;
  // The message to find is the 10th of 120: two pages back from the newest.
  for (let i = 1; i <= 120; i++) {
    const text = i === 10 ? "the flamingo census is on **Friday**" : `note ${i}`;
    const r = await alice.post<{ message: { id: string } }>(`/rooms/${room}/messages`, { text });
    if (i === 10) target = r.message.id;
  }
  // A private group Bob is not in says the same word: he never finds it (GEN-5).
  const secret = unwrap<{ id: string }>(
    await alice.post("/rooms", { kind: "group", name: "secret" }),
    "room",
  ).id;
  await alice.post(`/rooms/${secret}/messages`, { text: "flamingo secret plans" });
});

/** Where the message's row sits in the list's view: its top and the view's height, in pixels. */
function placeOf(p: Page, id: string) {
  return p.evaluate((messageId) => {
    const ol = document.querySelector("ol.messages") as HTMLElement;
    const li = ol.querySelector<HTMLElement>(`li[data-message-id="${CSS.escape(messageId)}"]`);
    if (!li) return null;
    return {
      top: li.getBoundingClientRect().top - ol.getBoundingClientRect().top,
      height: ol.clientHeight,
      current: li.getAttribute("aria-current"),
    };
  }, id);
}

test("search: the found words are marked as the server matches them (a word finds longer ones it starts)", () => {
  const runs = markWords("Deployment of FLAMINGOS, not redeploy", "deploy flamingo");
  assert.deepEqual(
    runs.filter((r) => r.hit).map((r) => r.text),
    ["Deployment", "FLAMINGOS"],
  );
  assert.equal(runs.map((r) => r.text).join(""), "Deployment of FLAMINGOS, not redeploy");
  assert.equal(plainLines("the **flamingo** census\n\n- on _Friday_"), "the flamingo census on Friday");
});

test("search: a word finds an old message, and clicking it lands on that message in its room's history", async () => {
  const b = await app.as(bob, "/chat");
  await b.getByRole("button", { name: /^Search/ }).click();
  const dialog = b.getByRole("dialog", { name: "Search" });
  await dialog.getByLabel("Search for").fill("flamin");
  const found = dialog.getByRole("list", { name: "Messages found" });
  const hit = found.getByRole("link");
  await until("one message found", async () => (await hit.count()) === 1);
  assert.match((await hit.textContent()) ?? "", /alice in #research/i);
  assert.equal(await hit.locator("mark").textContent(), "flamingo", "the found word is marked");
  assert.match((await hit.textContent()) ?? "", /census is on Friday$/, "Markdown shown as plain text");
  await shot(b, "search-results-desktop");
  await hit.click();
  // The room opens on its newest page; the message is two pages back, loaded and brought into view.
  await until("the URL names the message", async () => b.url().includes(`message=${target}`));
  await until("the found message in view, marked as the one asked for", async () => {
    const at = await placeOf(b, target);
    return at !== null && at.current === "true" && at.top >= 0 && at.top < at.height;
  });
  assert.equal(await b.getByRole("dialog", { name: "Search" }).count(), 0, "the dialog closed");
  await shot(b, "search-landed-desktop");
});

test("search: on a phone the top bar keeps a magnifier, and the dialog fits the screen", async () => {
  const p = await app.as(bob, "/chat", PHONE);
  await p.getByRole("button", { name: /^Search/ }).click();
  const dialog = p.getByRole("dialog", { name: "Search" });
  await dialog.getByLabel("Search for").fill("flamingo");
  await dialog.getByRole("list", { name: "Messages found" }).getByRole("link").first().waitFor();
  const box = await dialog.boundingBox();
  assert.ok(box && box.width <= PHONE.width, `the dialog is ${box?.width}px wide`);
  await dialog.getByRole("button", { name: "People" }).click();
  await dialog.getByLabel("Search for").fill("ali");
  await dialog.getByRole("list", { name: "People found" }).getByText("@alice").waitFor();
  await shot(p, "search-people-phone");
});
