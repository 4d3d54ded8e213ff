// Native push settings are checked at boot with every other setting: key files are read and must be of the
// right kind, settings that need each other are named, and all problems are reported at once.
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { loadConfig } from "../../src/config.ts";
import { makeNativeCreds } from "../peers/native-creds.ts";

const creds = makeNativeCreds();

test("[PSH-7] good APNs and FCM credentials load; the bundle ids become a list", () => {
  const r = loadConfig({
    HERALD_APNS_KEY_ID: creds.apnsKeyId,
    HERALD_APNS_TEAM_ID: creds.apnsTeamId,
    HERALD_APNS_KEY_PATH: creds.apnsKeyPath,
    HERALD_APNS_BUNDLE_IDS: "com.example.herald, com.example.herald.beta",
    HERALD_FCM_SERVICE_ACCOUNT: creds.fcmServiceAccountPath,
  });
  assert.ok(r.ok, r.ok ? "" : r.errors.join("\n"));
  assert.deepEqual(r.config.apnsBundleIds, ["com.example.herald", "com.example.herald.beta"]);
});

test("[PSH-7] every native push setting problem is reported at once", () => {
  const rsaAsApns = join(creds.dir, "rsa.p8");
  writeFileSync(
    rsaAsApns,
    generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    }) as string,
  );
  const ecAccount = join(creds.dir, "ec-account.json");
  writeFileSync(
    ecAccount,
    JSON.stringify({
      project_id: "p",
      client_email: "x@p.iam.gserviceaccount.com",
      private_key: generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({
        type: "pkcs8",
        format: "pem",
      }),
    }),
  );
  const r = loadConfig({
    HERALD_APNS_KEY_ID: "abc",
    HERALD_APNS_KEY_PATH: rsaAsApns,
    HERALD_APNS_BUNDLE_IDS: "not a bundle",
    HERALD_FCM_SERVICE_ACCOUNT: ecAccount,
    HERALD_PUSH_PROXY_SECRET: "short",
    HERALD_PUSH_CA_PATH: join(creds.dir, "missing.pem"),
    HERALD_APNS_HOST: "http://apns.local",
  });
  assert.equal(r.ok, false);
  const errors = r.ok ? [] : r.errors;
  const expect = [
    /^HERALD_APNS_KEY_ID=.*10 capital letters/,
    /^HERALD_APNS_KEY_PATH=.*EC P-256/,
    /^HERALD_APNS_BUNDLE_IDS=.*not a bundle id/,
    /^HERALD_FCM_SERVICE_ACCOUNT=.*RSA/,
    /^HERALD_PUSH_PROXY_SECRET=.*32 characters/,
    /^HERALD_PUSH_CA_PATH=.*ENOENT/,
    /^HERALD_APNS_HOST=.*https:/,
    /^APNs needs .*missing HERALD_APNS_TEAM_ID/,
  ];
  for (const e of expect)
    assert.ok(
      errors.some((x) => e.test(x)),
      `${e} not in:\n${errors.join("\n")}`,
    );
  assert.equal(errors.length, expect.length, errors.join("\n"));
});

test("[PSH-7] a push proxy URL without its secret, and an APNs key without bundle ids, are refused", () => {
  const r = loadConfig({
    HERALD_PUSH_PROXY_URL: "https://push.example.com",
    HERALD_APNS_KEY_ID: creds.apnsKeyId,
    HERALD_APNS_TEAM_ID: creds.apnsTeamId,
    HERALD_APNS_KEY_PATH: creds.apnsKeyPath,
  });
  assert.equal(r.ok, false);
  assert.deepEqual(r.ok ? [] : r.errors, [
    "HERALD_APNS_BUNDLE_IDS: name the app bundle ids APNs pushes go to (the apns-topic)",
    "HERALD_PUSH_PROXY_URL needs HERALD_PUSH_PROXY_SECRET",
  ]);
});
