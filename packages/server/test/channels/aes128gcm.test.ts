import assert from "node:assert/strict";
import { createECDH, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { test } from "node:test";
import { encryptedSize, encryptForSubscription } from "../../src/channels/aes128gcm.ts";
import { MAX_PAYLOAD_BYTES } from "../../src/channels/push-types.ts";
import { decryptAes128gcm } from "../peers/ece.ts";
import { RFC } from "./rfc8291-vector.ts";

// web-push's own encryption library, the reference the sender used before: same key and salt, same bytes.
const ece = createRequire(import.meta.url)("http_ece") as {
  encrypt(
    plaintext: Buffer,
    params: { version: string; dh: string; privateKey: unknown; salt: Buffer; authSecret: string },
  ): Buffer;
};

const b = (s: string) => Buffer.from(s, "base64url");

function userAgent() {
  const ecdh = createECDH("prime256v1");
  const publicKey = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    keys: { p256dh: publicKey.toString("base64url"), auth: authSecret.toString("base64url") },
    own: { privateKey: ecdh.getPrivateKey(), publicKey, authSecret },
  };
}

test("[PSH-7] RFC 8291 Appendix A: the published sender key and salt give the published body", () => {
  const body = encryptForSubscription(
    { p256dh: RFC.uaPublic, auth: RFC.authSecret },
    Buffer.from(RFC.plaintext),
    { privateKey: b(RFC.asPrivate), salt: b(RFC.salt) },
  );
  assert.equal(body.toString("base64url"), RFC.body);
});

test("[PSH-7] the same bytes as web-push's encryption (http_ece) for the same sender key and salt", () => {
  const ua = userAgent();
  for (const size of [0, 1, 300, MAX_PAYLOAD_BYTES]) {
    const plaintext = randomBytes(size);
    const sender = createECDH("prime256v1");
    sender.generateKeys();
    const salt = randomBytes(16);
    const reference = ece.encrypt(plaintext, {
      version: "aes128gcm",
      dh: ua.keys.p256dh,
      privateKey: sender,
      salt,
      authSecret: ua.keys.auth,
    });
    const ours = encryptForSubscription(ua.keys, plaintext, { privateKey: sender.getPrivateKey(), salt });
    assert.ok(ours.equals(reference), `${size} bytes`);
    assert.equal(ours.length, encryptedSize(size));
  }
});

test("[PSH-7] every push has a fresh sender key and salt, and the user agent decrypts each", () => {
  const ua = userAgent();
  const plaintext = Buffer.from(JSON.stringify({ title: "general", body: "hello" }));
  const one = encryptForSubscription(ua.keys, plaintext);
  const two = encryptForSubscription(ua.keys, plaintext);
  assert.notDeepEqual(one.subarray(0, 16), two.subarray(0, 16));
  assert.notDeepEqual(one.subarray(21, 86), two.subarray(21, 86));
  for (const body of [one, two]) assert.deepEqual(decryptAes128gcm(body, ua.own), plaintext);
});

test("[PSH-7] unusable subscription keys and a plaintext over one record are refused", () => {
  const ua = userAgent();
  const text = Buffer.from("hi");
  assert.throws(() => encryptForSubscription({ ...ua.keys, p256dh: "AAAA" }, text), /65 bytes/);
  assert.throws(() => encryptForSubscription({ ...ua.keys, auth: "AAAA" }, text), /16 bytes/);
  const offCurve = Buffer.alloc(65, 7);
  offCurve[0] = 4;
  assert.throws(() => encryptForSubscription({ ...ua.keys, p256dh: offCurve.toString("base64url") }, text));
  assert.throws(() => encryptForSubscription(ua.keys, Buffer.alloc(4096 - 16)), /one record/);
});
