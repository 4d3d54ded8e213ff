import { createDecipheriv, createECDH, hkdfSync } from "node:crypto";

/**
 * RFC 8291 (Message Encryption for Web Push) + RFC 8188 (aes128gcm) decryption, written from the RFCs with
 * node:crypto only, so the push-service peer proves independently that the sender really encrypts right.
 */
export type UserAgentKeys = { privateKey: Buffer; publicKey: Buffer; authSecret: Buffer };

const TAG_LENGTH = 16;

export function decryptAes128gcm(body: Buffer, ua: UserAgentKeys): Buffer {
  if (body.length < 21) throw new Error("body shorter than the aes128gcm header");
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  const asPublic = body.subarray(21, 21 + idlen);
  if (idlen !== 65) throw new Error(`key id must be the 65-byte sender public key, got ${idlen} bytes`);
  if (rs < 18) throw new Error(`record size ${rs} too small`);

  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(ua.privateKey);
  const ecdhSecret = ecdh.computeSecret(asPublic);

  // RFC 8291 §3.3: IKM = HKDF(salt=auth_secret, ikm=ecdh_secret, info="WebPush: info\0"||ua_public||as_public, 32)
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), ua.publicKey, asPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, ua.authSecret, keyInfo, 32));
  // RFC 8188 §2.2 / §2.3: content-encryption key and nonce from the record salt.
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));

  const records = splitRecords(body.subarray(21 + idlen), rs);
  const out: Buffer[] = [];
  records.forEach((record, index) => {
    const last = index === records.length - 1;
    out.push(unpad(decryptRecord(record, cek, recordNonce(nonce, index)), last));
  });
  return Buffer.concat(out);
}

function splitRecords(ciphertext: Buffer, rs: number): Buffer[] {
  if (ciphertext.length === 0) throw new Error("no records");
  const records: Buffer[] = [];
  for (let at = 0; at < ciphertext.length; at += rs) records.push(ciphertext.subarray(at, at + rs));
  return records;
}

/** RFC 8188 §2.3: the sequence number is XORed into the last 6 bytes of the nonce. */
function recordNonce(base: Buffer, seq: number): Buffer {
  // Records here number far below 2^32, so XOR into the last 4 bytes (the upper 2 XOR with zero).
  const nonce = Buffer.from(base);
  nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
  return nonce;
}

function decryptRecord(record: Buffer, key: Buffer, nonce: Buffer): Buffer {
  if (record.length <= TAG_LENGTH) throw new Error("record shorter than its tag");
  const decipher = createDecipheriv("aes-128-gcm", key, nonce);
  decipher.setAuthTag(record.subarray(record.length - TAG_LENGTH));
  return Buffer.concat([decipher.update(record.subarray(0, record.length - TAG_LENGTH)), decipher.final()]);
}

/** RFC 8188 §2: data, then a delimiter (2 in the last record, 1 before), then zero padding. */
function unpad(plain: Buffer, last: boolean): Buffer {
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (end < 0) throw new Error("record has no padding delimiter");
  const expected = last ? 2 : 1;
  if (plain[end] !== expected) throw new Error(`bad padding delimiter ${plain[end]} (expected ${expected})`);
  return plain.subarray(0, end);
}
