// A local FCM HTTP v1 service with its OAuth2 token endpoint (TLS with the test CA; HTTP/2 and HTTP/1.1):
// the token endpoint checks the service account's RS256 JWT-bearer grant (iss, scope, aud, iat/exp, signature)
// and gives out access tokens; messages:send checks the bearer token, the project, the v1 message JSON (string
// data values, android priority / ttl / collapse_key, notification keys, the apns block) and answers 200, or
// UNREGISTERED / INVALID_ARGUMENT / 429 / 503 as told per token.
import { randomBytes, randomUUID } from "node:crypto";
import http2, { type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import type { AddressInfo, Socket } from "node:net";
import { verifyJws } from "./jws-verify.ts";
import type { NativeCreds } from "./native-creds.ts";
import { testTls } from "./test-ca.ts";

export type FcmReceived = { token: string; message: Record<string, unknown>; bytes: number };
export type FcmReply = { status: number; errorCode?: string; retryAfter?: string };

export interface FcmPeer {
  origin: string;
  tokenUri: string;
  device(): string;
  received: FcmReceived[];
  rejected: { token: string; status: number; reason: string }[];
  script(token: string, replies: FcmReply[]): void;
  unregister(token: string): void;
  /** Access tokens given out: proves the sender caches its token. */
  grants(): number;
  acceptedCount(): number;
  stop(): Promise<void>;
}

const SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
const FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";
const STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

export async function startFcmPeer(
  creds: NativeCreds,
  opts: { now?: () => number; record?: boolean } = {},
): Promise<FcmPeer> {
  const tls = testTls();
  const now = opts.now ?? Date.now;
  const record = opts.record ?? true;
  const tokens = new Map<string, { script: FcmReply[]; gone: boolean }>();
  const access = new Map<string, number>();
  const received: FcmReceived[] = [];
  const rejected: FcmPeer["rejected"] = [];
  let accepted = 0;
  const server = http2.createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: true });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
  const origin = `https://localhost:${port}`;
  const tokenUri = `${origin}/token`;

  const json = (
    res: Http2ServerResponse,
    status: number,
    body: object,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const fail = (
    res: Http2ServerResponse,
    token: string,
    status: number,
    message: string,
    errorCode?: string,
    extra: object[] = [],
    headers: Record<string, string> = {},
  ) => {
    rejected.push({ token, status, reason: errorCode ?? message });
    json(
      res,
      status,
      {
        error: {
          code: status,
          message,
          status: STATUS[status] ?? "UNKNOWN",
          details: [...(errorCode ? [{ "@type": FCM_ERROR, errorCode }] : []), ...extra],
        },
      },
      headers,
    );
  };

  const grant = (body: string, res: Http2ServerResponse) => {
    const form = new URLSearchParams(body);
    if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer")
      return json(res, 400, { error: "unsupported_grant_type" });
    const v = verifyJws(form.get("assertion") ?? "", "RS256", creds.fcmPublicKey);
    if (typeof v === "string") return json(res, 400, { error: "invalid_grant", error_description: v });
    const c = v.claims;
    const iat = Number(c.iat);
    const exp = Number(c.exp);
    const problems = [
      c.iss !== creds.fcmClientEmail && "iss",
      !String(c.scope ?? "")
        .split(" ")
        .includes(SCOPE) && "scope",
      c.aud !== tokenUri && "aud",
      (!(exp > iat) || exp - iat > 3600) && "exp",
      (iat * 1000 > now() + 60_000 || exp * 1000 < now()) && "iat",
    ].filter(Boolean);
    if (problems.length)
      return json(res, 400, { error: "invalid_grant", error_description: `bad ${problems.join(", ")}` });
    const token = `ya29.${randomBytes(24).toString("base64url")}`;
    access.set(token, now() + 3600_000);
    json(res, 200, { access_token: token, expires_in: 3599, token_type: "Bearer" });
  };

  /** What FCM's v1 API refuses as INVALID_ARGUMENT about the message itself (not the token). */
  const messageProblem = (m: Record<string, unknown>): string | null => {
    const allowed = new Set([
      "token",
      "data",
      "notification",
      "android",
      "apns",
      "webpush",
      "fcm_options",
      "name",
    ]);
    for (const k of Object.keys(m))
      if (!allowed.has(k)) return `Invalid JSON payload received. Unknown name "${k}" at 'message'`;
    if (m.data !== undefined)
      for (const [k, v] of Object.entries(m.data as object))
        if (typeof v !== "string") return `data.${k}: value must be a string`;
    if (m.notification !== undefined)
      for (const k of Object.keys(m.notification as object))
        if (!["title", "body", "image"].includes(k)) return `notification.${k} unknown`;
    const a = (m.android ?? {}) as Record<string, unknown>;
    if (a.priority !== undefined && !["HIGH", "NORMAL"].includes(String(a.priority)))
      return "android.priority invalid";
    if (a.ttl !== undefined && !/^\d+(\.\d{1,9})?s$/.test(String(a.ttl))) return "android.ttl invalid";
    const an = (a.notification ?? {}) as Record<string, unknown>;
    if (an.notification_count !== undefined && !Number.isInteger(an.notification_count))
      return "android.notification.notification_count invalid";
    const ap = (m.apns ?? {}) as { headers?: Record<string, unknown>; payload?: { aps?: unknown } };
    for (const [k, v] of Object.entries(ap.headers ?? {}))
      if (typeof v !== "string") return `apns.headers.${k} must be a string`;
    if (ap.payload !== undefined && typeof ap.payload.aps !== "object") return "apns.payload.aps missing";
    return null;
  };

  const send = (req: Http2ServerRequest, body: string, res: Http2ServerResponse) => {
    const auth = String(req.headers.authorization ?? "");
    const exp = access.get(auth.replace(/^Bearer /, ""));
    if (!auth.startsWith("Bearer ") || exp === undefined || exp < now())
      return fail(res, "", 401, "Request had invalid authentication credentials.");
    let parsed: { message?: Record<string, unknown> };
    try {
      parsed = JSON.parse(body);
    } catch {
      return fail(res, "", 400, "Invalid JSON payload received.");
    }
    const m = parsed.message;
    if (!m || typeof m.token !== "string")
      return fail(res, "", 400, "Request contains an invalid argument.", "INVALID_ARGUMENT");
    const problem = messageProblem(m);
    if (problem) return fail(res, m.token, 400, problem, "INVALID_ARGUMENT");
    if (
      Buffer.byteLength(JSON.stringify(m.data ?? {})) +
        Buffer.byteLength(JSON.stringify(m.notification ?? {})) >
      4096
    )
      return fail(res, m.token, 400, "Message is too big", "INVALID_ARGUMENT");
    const t = tokens.get(m.token);
    if (!t)
      return fail(
        res,
        m.token,
        400,
        "The registration token is not a valid FCM registration token",
        "INVALID_ARGUMENT",
        [
          {
            "@type": "type.googleapis.com/google.rpc.BadRequest",
            fieldViolations: [{ field: "message.token", description: "Invalid registration token" }],
          },
        ],
      );
    const next = t.script.shift();
    if (next && next.status !== 200)
      return fail(
        res,
        m.token,
        next.status,
        "scripted",
        next.errorCode ?? STATUS[next.status],
        [],
        next.retryAfter ? { "retry-after": next.retryAfter } : {},
      );
    if (t.gone) return fail(res, m.token, 404, "Requested entity was not found.", "UNREGISTERED");
    accepted++;
    if (record) received.push({ token: m.token, message: m, bytes: Buffer.byteLength(body) });
    json(res, 200, { name: `projects/${creds.fcmProjectId}/messages/${randomUUID()}` });
  };

  server.on("request", (req: Http2ServerRequest, res: Http2ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      if (req.method === "POST" && req.url === "/token") return grant(body, res);
      if (req.method === "POST" && req.url === `/v1/projects/${creds.fcmProjectId}/messages:send`)
        return send(req, body, res);
      json(res, 404, { error: { code: 404, message: "not found", status: "NOT_FOUND" } });
    });
  });

  const open = new Set<http2.ServerHttp2Session>();
  // HTTP/1.1 keep-alive sockets of the token endpoint would hold close() too.
  const sockets = new Set<Socket>();
  server.on("secureConnection", (c) => {
    sockets.add(c);
    c.on("close", () => sockets.delete(c));
  });
  server.on("session", (s) => {
    open.add(s);
    s.on("close", () => open.delete(s));
  });
  return {
    origin,
    tokenUri,
    device() {
      const token = `${randomBytes(11).toString("base64url")}:APA91b${randomBytes(100).toString("base64url")}`;
      tokens.set(token, { script: [], gone: false });
      return token;
    },
    received,
    rejected,
    script(token, replies) {
      tokens.get(token)?.script.push(...replies);
    },
    unregister(token) {
      const t = tokens.get(token);
      if (t) t.gone = true;
    },
    grants: () => access.size,
    acceptedCount: () => accepted,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of open) s.destroy();
        for (const c of sockets) c.destroy();
      }),
  };
}
