// Credentials made for the local APNs and FCM peers: an APNs auth key (.p8, EC P-256) and a Firebase
// service-account JSON (RSA), written to a temp folder the way an operator would store the real ones.
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface NativeCreds {
  dir: string;
  apnsKeyPath: string;
  apnsKeyId: string;
  apnsTeamId: string;
  /** What the APNs peer checks provider tokens with. */
  apnsPublicKey: KeyObject;
  fcmServiceAccountPath: string;
  fcmProjectId: string;
  fcmClientEmail: string;
  /** What the FCM token endpoint checks the JWT grant with. */
  fcmPublicKey: KeyObject;
}

export function makeNativeCreds(tokenUri = "https://oauth2.googleapis.com/token"): NativeCreds {
  const dir = mkdtempSync(join(tmpdir(), "herald-native-"));
  const ec = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const apnsKeyPath = join(dir, "AuthKey_ABCDE12345.p8");
  writeFileSync(apnsKeyPath, ec.privateKey.export({ type: "pkcs8", format: "pem" }) as string);
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const fcmServiceAccountPath = join(dir, "service-account.json");
  const fcmProjectId = "herald-test";
  const fcmClientEmail = "push@herald-test.iam.gserviceaccount.com";
  writeFileSync(
    fcmServiceAccountPath,
    JSON.stringify({
      type: "service_account",
      project_id: fcmProjectId,
      private_key_id: "k1",
      private_key: rsa.privateKey.export({ type: "pkcs8", format: "pem" }),
      client_email: fcmClientEmail,
      token_uri: tokenUri,
    }),
  );
  return {
    dir,
    apnsKeyPath,
    apnsKeyId: "ABCDE12345",
    apnsTeamId: "TEAM123456",
    apnsPublicKey: ec.publicKey,
    fcmServiceAccountPath,
    fcmProjectId,
    fcmClientEmail,
    fcmPublicKey: rsa.publicKey,
  };
}
