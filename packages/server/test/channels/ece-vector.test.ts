import assert from "node:assert/strict";
import { createECDH } from "node:crypto";
import { test } from "node:test";
import { decryptAes128gcm } from "../peers/ece.ts";
import { RFC } from "./rfc8291-vector.ts";

const b = (s: string) => Buffer.from(s, "base64url");
const ua = () => ({
  privateKey: b(RFC.uaPrivate),
  publicKey: b(RFC.uaPublic),
  authSecret: b(RFC.authSecret),
});

test("[PSH-7] RFC 8291 Appendix A: the peer's decryptor opens the published message", () => {
  const body = b(RFC.body);
  // The header carries the RFC's salt, rs = 4096 and the application server's public key as key id.
  assert.equal(body.subarray(0, 16).toString("base64url"), RFC.salt);
  assert.equal(body.readUInt32BE(16), 4096);
  assert.equal(body.subarray(21, 86).toString("base64url"), RFC.asPublic);
  assert.equal(decryptAes128gcm(body, ua()).toString("utf8"), RFC.plaintext);
});

test("[PSH-7] RFC 8291 Appendix A: the vector's key pairs are consistent", () => {
  for (const [priv, pub] of [
    [RFC.asPrivate, RFC.asPublic],
    [RFC.uaPrivate, RFC.uaPublic],
  ]) {
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(b(priv));
    assert.equal(ecdh.getPublicKey().toString("base64url"), pub);
  }
});

test("[PSH-7] a tampered RFC 8291 body or a wrong auth secret fails to decrypt", () => {
  const body = b(RFC.body);
  body[body.length - 1] ^= 1;
  assert.throws(() => decryptAes128gcm(body, ua()));
  assert.throws(() => decryptAes128gcm(b(RFC.body), { ...ua(), authSecret: Buffer.alloc(16) }));
});
