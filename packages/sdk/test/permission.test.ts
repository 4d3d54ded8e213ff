import assert from "node:assert/strict";
import { test } from "node:test";
import {
  detectBrowser,
  OS_BLOCK_REMINDER,
  PermissionFlow,
  reducePermission,
  reportedPermission,
  unblockInstructions,
} from "../src/permission.ts";
import { fakeNotificationApi, fakeStore } from "./fakes.ts";

test("[PRM-1] at start with browser permission default the app offers; Allow opens the browser prompt", async () => {
  const { Notification: N } = fakeNotificationApi("default");
  const flow = new PermissionFlow(N, fakeStore());
  assert.equal(flow.start(), "offered");
  assert.equal(N.requests, 0, "never prompts by itself: only from a click");
  const result = await flow.allowFromClick();
  assert.equal(N.requests, 1);
  assert.equal(result, "granted");
  assert.equal(reportedPermission(result), "granted");
});

test("[PRM-2] allow → never asked again", () => {
  const { Notification: N } = fakeNotificationApi("granted");
  const flow = new PermissionFlow(N, fakeStore());
  assert.equal(flow.start(), "granted");
  assert.equal(flow.offerFromSettings(), "granted");
  assert.equal(
    reducePermission("granted", { type: "start", supported: true, browser: "granted" }),
    "granted",
  );
});

test("[PRM-2] dismiss → offered again at the next start, and always from Settings", async () => {
  const store = fakeStore();
  const { Notification: N } = fakeNotificationApi("default");
  const flow = new PermissionFlow(N, store);
  flow.start();
  assert.equal(flow.dismiss(), "dismissed");
  assert.equal(flow.lastDecision()?.phase, "dismissed", "recorded for the other tabs");
  assert.equal(flow.offerFromSettings(), "offered");
  // Closing the browser's own prompt without answering is a dismiss too.
  N.requestResult = "default";
  assert.equal(await flow.allowFromClick(), "dismissed");
  const next = new PermissionFlow(N, store);
  assert.equal(next.start(), "offered", "the next app start offers again");
});

test("[PRM-2] deny → never asked again, with unblock instructions per browser", async () => {
  const { Notification: N } = fakeNotificationApi("default");
  N.requestResult = "denied";
  const flow = new PermissionFlow(N, fakeStore());
  flow.start();
  assert.equal(await flow.allowFromClick(), "denied");
  assert.equal(flow.offerFromSettings(), "denied");
  assert.equal(await flow.allowFromClick(), "denied");
  assert.equal(N.requests, 1, "no second browser prompt");
  assert.equal(new PermissionFlow(N, fakeStore()).start(), "denied", "a later start stays denied");
  const chrome =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
  const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
  const safari =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";
  assert.equal(detectBrowser(chrome), "chrome");
  assert.equal(detectBrowser(firefox), "firefox");
  assert.equal(detectBrowser(safari), "safari");
  assert.match(unblockInstructions("chrome"), /Notifications.*Allow/);
  assert.match(unblockInstructions("firefox"), /Permissions/);
  assert.match(unblockInstructions("safari"), /Safari › Settings › Websites › Notifications/);
});

test("[PRM-3] no Notification API → unsupported; reported to the server; OS reminder text exists", async () => {
  const flow = new PermissionFlow(null, fakeStore());
  assert.equal(flow.start(), "unsupported");
  assert.equal(await flow.allowFromClick(), "unsupported");
  assert.equal(reportedPermission("unsupported"), "unsupported");
  assert.equal(reportedPermission("offered"), "default");
  assert.equal(reportedPermission("dismissed"), "default");
  assert.match(OS_BLOCK_REMINDER, /operating system/);
});

test("[PRM-3] a permission changed in site settings is picked up and announced", () => {
  const { Notification: N } = fakeNotificationApi("granted");
  const flow = new PermissionFlow(N, fakeStore());
  flow.start();
  const seen: string[] = [];
  flow.onChange((p) => seen.push(p));
  N.permission = "denied";
  assert.equal(flow.refresh(), "denied");
  N.permission = "default";
  assert.equal(flow.refresh(), "dismissed");
  assert.deepEqual(seen, ["denied", "dismissed"]);
});
