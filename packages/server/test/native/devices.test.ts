// Native push devices through the API: register, replace, list with the Web Push devices, remove; bad input
// is a 400 with a stable code and writes nothing. On SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { test } from "node:test";
import { harness } from "../http/harness.ts";
import { makeNativeCreds } from "../peers/native-creds.ts";

const creds = makeNativeCreds();
const config = {
  apnsKeyId: creds.apnsKeyId,
  apnsTeamId: creds.apnsTeamId,
  apnsKeyPath: creds.apnsKeyPath,
  apnsBundleIds: ["com.example.herald"],
  fcmServiceAccountPath: creds.fcmServiceAccountPath,
};
const APNS_TOKEN = "a1".repeat(32);
const FCM_TOKEN = "fcm-token_abc:APA91b".padEnd(150, "x");
const KEYS = {
  p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
  auth: "tBHItJI5svbpez7KI4CCXg",
};

for (const pg of [false, true]) {
  const store = pg ? "PostgreSQL" : "SQLite";
  test(`[PSH-5] an iOS and an Android device register, list beside Web Push, replace their token and are removed (${store})`, async () => {
    const h = await harness({ pg, config });
    try {
      const bob = await h.user("member", "bob");
      const inject = (method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
        h.app.inject({ method, url: `/api/v1${url}`, headers: bob.h, ...(payload ? { payload } : {}) });
      const ios = await inject("POST", "/push/devices", {
        platform: "apns",
        token: APNS_TOKEN,
        appId: "com.example.herald",
        deviceId: "iphone-1",
        environment: "sandbox",
        name: "Bob's iPhone",
      });
      assert.equal(ios.statusCode, 201, ios.body);
      const android = await inject("POST", "/push/devices", {
        platform: "fcm",
        token: FCM_TOKEN,
        appId: "com.example.herald",
        deviceId: "pixel-1",
      });
      assert.equal(android.statusCode, 201, android.body);
      const web = await inject("POST", "/push/subscriptions", {
        endpoint: "https://push.example.test/p/1",
        keys: KEYS,
        deviceId: "browser-1",
        deviceKind: "web",
      });
      assert.equal(web.statusCode, 201, web.body);

      const list = (await inject("GET", "/push/devices")).json().devices as Record<string, unknown>[];
      assert.deepEqual(list.map((d) => d.platform).sort(), ["apns", "fcm", "webpush"]);
      const iosRow = list.find((d) => d.platform === "apns");
      assert.equal(iosRow?.name, "Bob's iPhone");
      assert.equal(iosRow?.environment, "sandbox");
      assert.equal(iosRow?.deviceKind, "mobile");
      assert.equal(iosRow?.lastUsedAt, null);
      assert.equal(list.find((d) => d.platform === "fcm")?.environment, "production");

      // The same install with a rotated token: still one device, with the new token.
      const rotated = await inject("POST", "/push/devices", {
        platform: "apns",
        token: "b2".repeat(32),
        appId: "com.example.herald",
        deviceId: "iphone-1",
        environment: "sandbox",
      });
      assert.equal(rotated.statusCode, 201);
      const tokens = await h.services.store.db
        .selectFrom("push_subscriptions")
        .select("endpoint")
        .where("type", "=", "apns")
        .execute();
      assert.deepEqual(
        tokens.map((t) => t.endpoint),
        ["b2".repeat(32)],
      );

      // Another account signing in on that phone takes the token over.
      const carol = await h.user("member", "carol");
      const taken = await h.app.inject({
        method: "POST",
        url: "/api/v1/push/devices",
        headers: carol.h,
        payload: { platform: "fcm", token: FCM_TOKEN, appId: "com.example.herald", deviceId: "pixel-1" },
      });
      assert.equal(taken.statusCode, 201);
      const bobs = (await inject("GET", "/push/devices")).json().devices as {
        id: string;
        platform: string;
      }[];
      assert.deepEqual(bobs.map((d) => d.platform).sort(), ["apns", "webpush"]);

      const apnsId = bobs.find((d) => d.platform === "apns")?.id ?? "";
      const notCarols = await h.app.inject({
        method: "DELETE",
        url: `/api/v1/push/devices/${apnsId}`,
        headers: carol.h,
      });
      assert.equal(notCarols.statusCode, 404);
      assert.equal(notCarols.json().error.code, "device_not_found");
      assert.equal((await inject("DELETE", `/push/devices/${apnsId}`)).statusCode, 200);
      const after = (await inject("GET", "/push/devices")).json().devices as { platform: string }[];
      assert.deepEqual(
        after.map((d) => d.platform),
        ["webpush"],
      );
    } finally {
      await h.close();
    }
  });
}

test("[PSH-5] bad device input is a 400 with a stable code and stores nothing", async () => {
  const h = await harness({ config: { ...config, fcmServiceAccountPath: null } });
  try {
    const bob = await h.user("member", "bob");
    const post = (payload: object) =>
      h.app.inject({ method: "POST", url: "/api/v1/push/devices", headers: bob.h, payload });
    const base = { platform: "apns", token: APNS_TOKEN, appId: "com.example.herald", deviceId: "d1" };
    const cases: [object, string, string][] = [
      [{ ...base, token: "not-hex" }, "invalid_device_token", "token"],
      [{ ...base, appId: "com.other.app" }, "unknown_app_id", "appId"],
      [{ ...base, platform: "fcm", token: FCM_TOKEN }, "platform_not_configured", "platform"],
      [{ ...base, environment: "staging" }, "invalid_field", "environment"],
      [{ ...base, extra: 1 }, "unknown_field", "extra"],
    ];
    for (const [payload, code, field] of cases) {
      const r = await post(payload);
      assert.equal(r.statusCode, 400, `${code}: ${r.body}`);
      assert.equal(r.json().error.code, code);
      assert.equal(r.json().error.field, field);
    }
    const rows = await h.services.store.db.selectFrom("push_subscriptions").select("id").execute();
    assert.equal(rows.length, 0);
  } finally {
    await h.close();
  }
});

for (const pg of [false, true]) {
  const store = pg ? "PostgreSQL" : "SQLite";
  test(`[GEN-4] the same token registered several times at once is one device, never a 5xx (${store})`, async () => {
    const h = await harness({ pg, config });
    try {
      const bob = await h.user("member", "bob");
      const register = () =>
        h.app.inject({
          method: "POST",
          url: "/api/v1/push/devices",
          headers: bob.h,
          payload: { platform: "fcm", token: FCM_TOKEN, appId: "com.example.herald", deviceId: "pixel-1" },
        });
      const answers = await Promise.all(Array.from({ length: 8 }, register));
      assert.deepEqual(
        answers.filter((r) => r.statusCode >= 300).map((r) => r.body),
        [],
      );
      assert.equal(answers.filter((r) => r.statusCode === 201).length >= 1, true);
      const list = (await h.app.inject({ method: "GET", url: "/api/v1/push/devices", headers: bob.h })).json()
        .devices as Record<string, unknown>[];
      assert.equal(list.filter((d) => d.platform === "fcm").length, 1);
    } finally {
      await h.close();
    }
  });
}
