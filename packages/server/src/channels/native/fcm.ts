// FCM HTTP v1 sender: a service-account OAuth2 access token (the JWT-bearer grant, RS256, signed here with
// node:crypto against the account's token_uri — google-auth-library does the same and would bring gaxios and a
// second HTTP stack; this keeps one), cached until shortly before it expires, then messages:send over the
// shared HTTP/2 session.
import https from "node:https";
import type { PushMessage } from "../push-types.ts";
import { type Clock, networkRetry, parseRetryAfter, type SendResult } from "../result.ts";
import type { ServiceAccount } from "./config.ts";
import { FCM_ENDPOINT } from "./config.ts";
import { fcmMessage } from "./fcm-payload.ts";
import type { H2Pool } from "./h2.ts";
import { CachedCredential, signJwt } from "./jwt.ts";

export const FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
/** Google's access tokens live an hour; refresh at 50 minutes at the latest. */
const ACCESS_TOKEN_REFRESH_MS = 50 * 60_000;

export interface FcmOptions {
  account: ServiceAccount;
  pool: H2Pool;
  clock: Clock;
  endpoint?: string | null;
  tokenUri?: string | null;
  ca?: string;
}

export class FcmSender {
  readonly #o: FcmOptions;
  readonly #access: CachedCredential;
  readonly #origin: string;
  readonly #path: string;

  constructor(options: FcmOptions) {
    this.#o = options;
    const base = new URL(options.endpoint ?? FCM_ENDPOINT);
    this.#origin = base.origin;
    this.#path = `${base.pathname.replace(/\/$/, "")}/v1/projects/${options.account.projectId}/messages:send`;
    this.#access = new CachedCredential(
      () => this.#grant(),
      ACCESS_TOKEN_REFRESH_MS,
      () => options.clock.now(),
    );
  }

  /** RFC 7523 JWT bearer grant. */
  async #grant(): Promise<{ value: string; validMs?: number }> {
    const a = this.#o.account;
    const tokenUri = this.#o.tokenUri ?? a.tokenUri;
    const iat = Math.floor(this.#o.clock.now() / 1000);
    const assertion = signJwt(
      "RS256",
      { typ: "JWT" },
      { iss: a.clientEmail, scope: FCM_SCOPE, aud: tokenUri, iat, exp: iat + 3600 },
      a.privateKey,
    );
    const form = new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion,
    });
    const res = await postForm(tokenUri, form.toString(), this.#o.ca);
    if (res.status !== 200)
      throw new Error(`token endpoint answered ${res.status}: ${res.body.slice(0, 200)}`);
    const parsed = JSON.parse(res.body) as { access_token?: unknown; expires_in?: unknown };
    if (typeof parsed.access_token !== "string") throw new Error("token endpoint gave no access_token");
    const expiresIn = Number(parsed.expires_in);
    return { value: parsed.access_token, ...(expiresIn > 0 ? { validMs: expiresIn * 1000 } : {}) };
  }

  async send(token: string, push: PushMessage): Promise<SendResult> {
    let access: string;
    try {
      access = await this.#access.get();
    } catch (err) {
      // The token endpoint down is transient; a rejected grant (wrong key) keeps failing until fixed: retry
      // either way, the 2-hour expiry of PSH-2 ends it, and the reason is visible to admins meanwhile.
      return { kind: "retry", reason: `FCM OAuth2: ${(err as Error).message}` };
    }
    const body = JSON.stringify(fcmMessage(push, token, this.#o.clock.now()));
    try {
      const res = await this.#o.pool.request(
        this.#origin,
        { ":path": this.#path, authorization: `Bearer ${access}`, "content-type": "application/json" },
        body,
      );
      if (res.status === 401) this.#access.invalidate(access);
      return mapFcm(res.status, res.body, res.headers["retry-after"], this.#o.clock.now(), body.length);
    } catch (err) {
      return networkRetry(err);
    }
  }
}

interface FcmError {
  status: string;
  errorCode: string;
  message: string;
  tokenField: boolean;
}

function fcmError(body: string): FcmError {
  const out: FcmError = { status: "", errorCode: "", message: "", tokenField: false };
  try {
    const e = (JSON.parse(body) as { error?: Record<string, unknown> }).error ?? {};
    out.status = String(e.status ?? "");
    out.message = String(e.message ?? "");
    for (const d of (e.details as Record<string, unknown>[] | undefined) ?? []) {
      if (typeof d.errorCode === "string") out.errorCode = d.errorCode;
      for (const v of (d.fieldViolations as { field?: string }[] | undefined) ?? [])
        if (v.field === "message.token") out.tokenField = true;
    }
  } catch {
    // Not JSON (a proxy's error page): the status alone decides.
  }
  return out;
}

/** FCM status + error → the scheduler's outcome. */
export function mapFcm(
  status: number,
  body: string,
  retryAfter: string | string[] | undefined,
  now: number,
  bytes: number,
): SendResult {
  if (status === 200) {
    const name = (() => {
      try {
        return String((JSON.parse(body) as { name?: unknown }).name ?? "");
      } catch {
        return "";
      }
    })();
    return { kind: "sent", info: { status, bytes, ...(name ? { messageId: name } : {}) } };
  }
  const e = fcmError(body);
  const code = e.errorCode || e.status;
  const why = `FCM ${status}${code ? ` ${code}` : ""}${e.message ? `: ${e.message.slice(0, 160)}` : ""}`;
  if (code === "UNREGISTERED" || code === "SENDER_ID_MISMATCH") return { kind: "gone", reason: why };
  // INVALID_ARGUMENT about the token (not about our message) means this token can never work.
  if (code === "INVALID_ARGUMENT" && (e.tokenField || /registration token|message\.token/i.test(e.message)))
    return { kind: "gone", reason: why };
  if (status === 401 || status === 429 || status >= 500) {
    const at = parseRetryAfter(retryAfter, now);
    return at === undefined ? { kind: "retry", reason: why } : { kind: "retry", at, reason: why };
  }
  return { kind: "failed", reason: why };
}

function postForm(
  uri: string,
  form: string,
  ca: string | undefined,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      uri,
      {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(form),
        },
        ...(ca ? { ca } : {}),
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("token endpoint gave no answer within 15 s")));
    req.on("error", reject);
    req.end(form);
  });
}
