// Calls in a DM: the call button rings the other side with Answer / Decline (CAL-1), and ringing stops (CAL-2).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { recorded, setFocus, shot } from "./harness.ts";
import { ringsAgain, silentForAPeriod } from "./rings.ts";

const app = appFixture();

let alice: Client;
let bob: Client;
let dm: string;

app.setup(async () => {
  const admin = app.admin;
  alice = await makeUser(admin, "alice");
  bob = await makeUser(admin, "bob");
  dm = unwrap<{ id: string }>(await alice.post("/dms", { userIds: [bob.user.id] }), "room").id;
});

async function ringStarts(p: Page): Promise<number> {
  return (await recorded(p)).sounds.length;
}

test("[CAL-1][CAL-2] a call rings the other member with Answer/Decline; Decline stops the ring", async () => {
  const b = await app.as(bob, "/chat");
  await setFocus(b, false);
  const a = await app.as(alice, `/chat/${dm}`);
  // PRS-8: an opened tab is not activity; Alice's key press is. PRS-6: Bob's DM list then shows her online.
  await a.keyboard.press("Shift");
  await b.locator("a.room-link", { hasText: "Alice" }).locator(".dot.online").waitFor();
  await a.getByRole("button", { name: "Start a call" }).click();
  const dialog = b.getByRole("alertdialog", { name: /Alice is calling/ });
  await dialog.waitFor();
  await shot(b, "call-ringing-desktop");
  assert.ok(await ringsAgain(b, ringStarts), "the ring tone loops");
  await dialog.getByRole("button", { name: "Decline" }).click();
  await dialog.waitFor({ state: "detached" });
  assert.ok(await silentForAPeriod(b, ringStarts), "ringing stopped");
});
