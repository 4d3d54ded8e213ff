// Settings lists the phone apps (APNs, FCM) registered for my pushes over the API, by name and kind in words,
// and Remove takes one off the server. The server runs with test credentials so it accepts both platforms.
import assert from "node:assert/strict";
import { test } from "node:test";
import { makeNativeCreds } from "../../server/test/peers/native-creds.ts";
import { appFixture } from "./app.ts";
import { type Client, makeUser } from "./client.ts";
import { shot, until } from "./harness.ts";

const creds = makeNativeCreds();
const app = appFixture({
  HERALD_APNS_KEY_ID: creds.apnsKeyId,
  HERALD_APNS_TEAM_ID: creds.apnsTeamId,
  HERALD_APNS_KEY_PATH: creds.apnsKeyPath,
  HERALD_APNS_BUNDLE_IDS: "com.example.herald",
  HERALD_FCM_SERVICE_ACCOUNT: creds.fcmServiceAccountPath,
});

let bob: Client;

app.setup(async () => {
  bob = await makeUser(app.admin, "bob");
});

test("[PSH-5] Settings lists my phone apps by name and Remove takes one off the server", async () => {
  const devices = async () =>
    (
      (await bob.get<{ devices: { platform: string; name?: string | null }[] }>("/push/devices")).devices ??
      []
    ).filter((d) => d.platform === "apns" || d.platform === "fcm");
  await bob.post("/push/devices", {
    platform: "apns",
    token: "a1".repeat(32),
    appId: "com.example.herald",
    deviceId: "iphone-1",
    environment: "sandbox",
    name: "Bob's iPhone",
  });
  await bob.post("/push/devices", {
    platform: "fcm",
    token: "fcm-token_abc:APA91b".padEnd(150, "x"),
    appId: "com.example.herald",
    deviceId: "pixel-1",
    name: "Bob's Pixel",
  });
  assert.equal((await devices()).length, 2, "both registered through the API");
  const p = await app.as(bob, "/settings");
  const list = p.locator(".push-devices");
  await list.getByText("Bob's iPhone").waitFor();
  await list.getByText("Bob's Pixel").waitFor();
  await shot(p, "settings-push-devices-desktop");
  await list
    .locator("li", { hasText: "Bob's iPhone" })
    .getByRole("button", { name: /Remove/ })
    .click();
  await until("the iPhone is gone from the server", async () => (await devices()).length === 1);
  await until("and from the list", async () => (await list.getByText("Bob's iPhone").count()) === 0);
  assert.deepEqual(
    (await devices()).map((d) => d.platform),
    ["fcm"],
  );
});
