// Calls in a DM: the call button rings the other side with Answer / Decline (CAL-1), and ringing stops (CAL-2).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { Client, makeUser, unwrap } from "./client.ts";
import {
  launchBrowser,
  openAs,
  recorded,
  type Server,
  setFocus,
  shot,
  startServer,
  type UserPage,
} from "./harness.ts";
import { ringsAgain, silentForAPeriod } from "./rings.ts";

let server: Server;
let browser: Browser;
let alice: Client;
let bob: Client;
let dm: string;
const open: UserPage[] = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const admin = await Client.login(server.url, "admin", server.adminPassword);
  alice = await makeUser(admin, "alice");
  bob = await makeUser(admin, "bob");
  dm = unwrap<{ id: string }>(await alice.post("/dms", { userIds: [bob.user.id] }), "room").id;
});
after(async () => {
  for (const u of open) await u.context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function as(c: Client, path: string): Promise<Page> {
  const u = await openAs(browser, server, c, { permission: "granted" });
  open.push(u);
  await u.page.goto(path);
  await u.page.locator('output[data-connected="true"]').waitFor({ state: "attached", timeout: 15_000 });
  return u.page;
}

async function ringStarts(p: Page): Promise<number> {
  return (await recorded(p)).sounds.length;
}

test("[CAL-1][CAL-2] a call rings the other member with Answer/Decline; Decline stops the ring", async () => {
  const b = await as(bob, "/chat");
  await setFocus(b, false);
  const a = await as(alice, `/chat/${dm}`);
  // PRS-6: Bob's DM list shows Alice online while her tab is open.
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
