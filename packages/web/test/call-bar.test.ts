// Calls after the ring (CAL-2): the caller can cancel while ringing; an answered call shows a call bar with
// Hang up on both sides, and once hung up the room can call again (no 409 call_in_progress).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { PHONE, setFocus, shot } from "./harness.ts";

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

const bar = (p: Page) => p.getByRole("region", { name: "Call" });

test("[CAL-2] the caller cancels while ringing: the ring stops on the callee, the room can call again", async () => {
  const b = await app.as(bob, "/chat");
  await setFocus(b, false);
  const a = await app.as(alice, `/chat/${dm}`);
  await a.getByRole("button", { name: "Start a call" }).click();
  await bar(a).getByText("Calling Bob…").waitFor();
  await shot(a, "call-bar-calling-desktop");
  const ring = b.getByRole("alertdialog", { name: /Alice is calling/ });
  await ring.waitFor();
  await bar(a).getByRole("button", { name: "Cancel" }).click();
  await ring.waitFor({ state: "detached" });
  await bar(a).getByText("Call cancelled").waitFor();
  await bar(b)
    .getByText(/Missed call/)
    .waitFor();
  await shot(b, "call-bar-missed-desktop");
  await bar(b).getByRole("button", { name: "Dismiss" }).click();
  await bar(b).waitFor({ state: "detached" });
  await b.close();
});

test("[CAL-2] call → answer → both sides see the call with Hang up → hang up → a second call rings", async () => {
  const b = await app.as(bob, "/chat");
  await setFocus(b, false);
  const a = await app.as(alice, `/chat/${dm}`, PHONE);
  await a.getByRole("button", { name: "Start a call" }).click();
  const ring = b.getByRole("alertdialog", { name: /Alice is calling/ });
  await ring.waitFor();
  await ring.getByRole("button", { name: "Answer" }).click();
  await ring.waitFor({ state: "detached" });
  // The callee's tab opens the DM and shows the call with its caller's name.
  await bar(b)
    .getByText(/In call with Alice/)
    .waitFor();
  await b.waitForURL(`**/chat/${dm}`);
  // The caller learns of the answer from call.updated: "Calling…" becomes the call.
  await bar(a)
    .getByText(/In call with Bob/)
    .waitFor();
  await shot(b, "call-bar-in-call-desktop");
  await shot(a, "call-bar-caller-phone");
  await bar(b).getByRole("button", { name: "Hang up" }).click();
  await bar(b).getByText("Call ended").waitFor();
  // The last callee left, so the server ended the call, and the caller's bar says so by itself.
  await bar(a).getByText("Call ended").waitFor();
  await bar(a).getByRole("button", { name: "Dismiss" }).click();
  // A second call starts (it was 409 call_in_progress forever before) and rings again.
  await a.getByRole("button", { name: "Start a call" }).click();
  await bar(a).getByText("Calling Bob…").waitFor();
  await b.getByRole("alertdialog", { name: /Alice is calling/ }).waitFor();
  assert.equal(await a.locator(".room-header output").count(), 0, "no error under the header");
  await b.getByRole("alertdialog").getByRole("button", { name: "Decline" }).click();
});
