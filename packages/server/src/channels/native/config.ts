// Settings of native mobile push (APNs, FCM, push proxy): their parsers read and check the key files at boot,
// so a wrong path or a key of the wrong kind is reported with every other configuration error at once.
import { createPrivateKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";

export const APNS_HOSTS = {
  production: "https://api.push.apple.com",
  sandbox: "https://api.sandbox.push.apple.com",
} as const;
export const FCM_ENDPOINT = "https://fcm.googleapis.com";
export const GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";

/** Apple key and team ids are 10 upper-case letters and digits. */
export function appleId(raw: string): string {
  if (!/^[A-Z0-9]{10}$/.test(raw)) throw new Error("must be 10 capital letters or digits, as Apple shows it");
  return raw;
}

/** The .p8 file of an APNs auth key: a PKCS#8 EC P-256 private key (ES256). */
export function apnsKeyFile(raw: string): string {
  loadApnsKey(raw);
  return raw;
}

export function loadApnsKey(path: string): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(path, "utf8");
  } catch (err) {
    throw new Error(
      `cannot read the .p8 key: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error("not a private key in PEM (.p8) form");
  }
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1")
    throw new Error("must be an EC P-256 key (an APNs auth key from the Apple developer account)");
  return key;
}

/** Comma-separated bundle ids (com.example.chat). */
export function bundleIds(raw: string): string[] {
  const list = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of list)
    if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(id))
      throw new Error(`${id} is not a bundle id like com.example.app`);
  return list;
}

export interface ServiceAccount {
  projectId: string;
  clientEmail: string;
  privateKey: KeyObject;
  tokenUri: string;
}

/** A Firebase service-account JSON file (project_id, client_email, private_key RSA). */
export function serviceAccountFile(raw: string): string {
  loadServiceAccount(raw);
  return raw;
}

export function loadServiceAccount(path: string): ServiceAccount {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new Error(`cannot read the service-account JSON: ${(err as Error).message}`);
  }
  const o = (parsed ?? {}) as Record<string, unknown>;
  const missing = ["project_id", "client_email", "private_key"].filter(
    (k) => typeof o[k] !== "string" || !o[k],
  );
  if (missing.length) throw new Error(`service-account JSON lacks ${missing.join(", ")}`);
  let key: KeyObject;
  try {
    key = createPrivateKey(String(o.private_key));
  } catch {
    throw new Error("service-account private_key is not a PEM private key");
  }
  if (key.asymmetricKeyType !== "rsa") throw new Error("service-account private_key must be an RSA key");
  return {
    projectId: String(o.project_id),
    clientEmail: String(o.client_email),
    privateKey: key,
    tokenUri: typeof o.token_uri === "string" && o.token_uri ? o.token_uri : GOOGLE_TOKEN_URI,
  };
}

/** A readable PEM file of extra trusted CA certificates. */
export function caFile(raw: string): string {
  let pem: string;
  try {
    pem = readFileSync(raw, "utf8");
  } catch (err) {
    throw new Error(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) throw new Error("must hold PEM certificates");
  return raw;
}

/** Shared by both ends of the push proxy hop: long enough not to be guessed. */
export function proxySecret(raw: string): string {
  if (raw.length < 32) throw new Error("must be at least 32 characters");
  return raw;
}

/** A setting that failed to parse is `undefined` here: treated as given, since its own error is reported. */
export interface NativePushSettings {
  apnsKeyId: string | null;
  apnsTeamId: string | null;
  apnsKeyPath: string | null;
  apnsBundleIds: string[];
  fcmServiceAccountPath: string | null;
  pushProxyUrl: string | null;
  pushProxySecret: string | null;
}

/** Settings that only make sense together; reported with the others at boot. */
export function nativePushErrors(c: NativePushSettings): string[] {
  const errors: string[] = [];
  const apns = {
    HERALD_APNS_KEY_ID: c.apnsKeyId,
    HERALD_APNS_TEAM_ID: c.apnsTeamId,
    HERALD_APNS_KEY_PATH: c.apnsKeyPath,
  };
  const set = Object.entries(apns).filter(([, v]) => v !== null);
  if (set.length > 0 && set.length < 3)
    errors.push(
      `APNs needs ${Object.keys(apns).join(", ")} together: missing ${Object.entries(apns)
        .filter(([, v]) => v === null)
        .map(([k]) => k)
        .join(", ")}`,
    );
  if (set.length === 3 && c.apnsBundleIds?.length === 0)
    errors.push("HERALD_APNS_BUNDLE_IDS: name the app bundle ids APNs pushes go to (the apns-topic)");
  if (c.pushProxyUrl && !c.pushProxySecret)
    errors.push("HERALD_PUSH_PROXY_URL needs HERALD_PUSH_PROXY_SECRET");
  return errors;
}
