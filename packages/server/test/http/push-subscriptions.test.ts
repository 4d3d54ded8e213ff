// [PSH-7] What browsers send: PushSubscription.toJSON() as it is ({endpoint, expirationTime: null, keys}) plus
// the device. A missing Chromium field once made "Enable push on this device" fail with a 400.
import assert from "node:assert/strict";
import { test } from "node:test";
import { harness } from "./harness.ts";

const KEYS = {
  p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
  auth: "tBHItJI5svbpez7KI4CCXg",
};

test("[PSH-7] a browser's PushSubscription JSON is accepted as sent; the same endpoint twice is one row; bad input is 400", async () => {
  const h = await harness();
  try {
    const bob = await h.user("member", "bob");
    const post = (payload: object) =>
      h.app.inject({ method: "POST", url: "/api/v1/push/subscriptions", headers: bob.h, payload });
    const browserJson = { endpoint: "https://push.example.test/p/abc", expirationTime: null, keys: KEYS };
    const first = await post({ ...browserJson, deviceId: "dev-1", deviceKind: "web" });
    assert.equal(first.statusCode, 201, first.body);
    const withTime = await post({
      ...browserJson,
      expirationTime: 1_900_000_000_000,
      deviceId: "dev-1",
      deviceKind: "web",
    });
    assert.ok(withTime.statusCode < 300, withTime.body);
    const list = await h.app.inject({ method: "GET", url: "/api/v1/push/subscriptions", headers: bob.h });
    assert.equal(list.json().subscriptions.length, 1, "one row per (user, endpoint)");
    const bad = await post({ ...browserJson, expirationTime: "soon", deviceId: "dev-1", deviceKind: "web" });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.code, /^[a-z_]+$/);
  } finally {
    await h.close();
  }
});
