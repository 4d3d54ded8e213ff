// A local APNs provider API (HTTP/2 over TLS with the test CA): it checks each request as Apple documents —
// the ES256 provider token (kid, iss, iat no older than an hour, signature), the apns-* headers, the JSON and
// its 4 KiB limit — records what arrived, and answers 200, or 400 / 410 / 429 / 5xx as told per token.
import { randomBytes, randomUUID } from "node:crypto";
import http2, { type IncomingHttpHeaders, type ServerHttp2Stream } from "node:http2";
import type { AddressInfo } from "node:net";
import { verifyJws } from "./jws-verify.ts";
import type { NativeCreds } from "./native-creds.ts";
import { testTls } from "./test-ca.ts";

export type ApnsReceived = {
  token: string;
  headers: Record<string, string>;
  json: { aps: Record<string, unknown>; herald?: Record<string, unknown> };
  bytes: number;
  jwt: string;
};
export type ApnsReply = { status: number; reason?: string; retryAfter?: string };

export interface ApnsPeer {
  origin: string;
  /** A fresh device token the peer accepts. */
  device(): string;
  received: ApnsReceived[];
  rejected: { token: string; status: number; reason: string }[];
  /** Answers for the next requests to that token, in order. */
  script(token: string, replies: ApnsReply[]): void;
  /** The app was removed: 410 Unregistered from now on. */
  unregister(token: string): void;
  distinctJwts(): number;
  /** Counts only (no recording) for the benchmark. */
  acceptedCount(): number;
  /** Sessions the sender opened: one per environment proves multiplexing. */
  sessions(): number;
  stop(): Promise<void>;
}

const PUSH_TYPES = new Set([
  "alert",
  "background",
  "voip",
  "complication",
  "fileprovider",
  "mdm",
  "location",
  "liveactivity",
]);

export async function startApnsPeer(
  creds: NativeCreds,
  opts: { bundleIds: string[]; now?: () => number; record?: boolean; maxStreams?: number },
): Promise<ApnsPeer> {
  const tls = testTls();
  const now = opts.now ?? Date.now;
  const record = opts.record ?? true;
  const tokens = new Map<string, { script: ApnsReply[]; gone: boolean }>();
  const received: ApnsReceived[] = [];
  const rejected: ApnsPeer["rejected"] = [];
  const jwts = new Set<string>();
  let accepted = 0;
  let sessions = 0;
  const server = http2.createSecureServer({
    key: tls.key,
    cert: tls.cert,
    ...(opts.maxStreams ? { settings: { maxConcurrentStreams: opts.maxStreams } } : {}),
  });
  const openSessions = new Set<http2.ServerHttp2Session>();
  server.on("session", (s) => {
    sessions++;
    openSessions.add(s);
    s.on("close", () => openSessions.delete(s));
  });

  const answer = (stream: ServerHttp2Stream, token: string, status: number, reason?: string, extra = {}) => {
    if (status !== 200) rejected.push({ token, status, reason: reason ?? "" });
    const headers = { ":status": status, "apns-id": randomUUID(), ...extra };
    if (reason) {
      stream.respond({ ...headers, "content-type": "application/json" });
      stream.end(JSON.stringify(status === 410 ? { reason, timestamp: now() } : { reason }));
    } else {
      stream.respond(headers);
      stream.end();
    }
  };

  /** Apple's checks, in its order: the path and token, the provider token, the headers, the payload. */
  const check = (
    h: IncomingHttpHeaders,
    body: Buffer,
  ): { status: number; reason: string; jwt?: string } | null => {
    if (h[":method"] !== "POST") return { status: 405, reason: "MethodNotAllowed" };
    const m = /^\/3\/device\/([0-9a-fA-F]+)$/.exec(String(h[":path"]));
    if (!m) return { status: 404, reason: "BadPath" };
    const auth = String(h.authorization ?? "");
    if (!auth.startsWith("bearer ")) return { status: 403, reason: "MissingProviderToken" };
    const jwt = auth.slice(7);
    const v = verifyJws(jwt, "ES256", creds.apnsPublicKey);
    if (typeof v === "string") return { status: 403, reason: "InvalidProviderToken" };
    if (v.header.kid !== creds.apnsKeyId || v.claims.iss !== creds.apnsTeamId)
      return { status: 403, reason: "InvalidProviderToken" };
    const iat = Number(v.claims.iat);
    if (!Number.isInteger(iat) || iat * 1000 > now() + 60_000)
      return { status: 403, reason: "InvalidProviderToken" };
    if (now() - iat * 1000 > 3600_000) return { status: 403, reason: "ExpiredProviderToken" };
    const topic = String(h["apns-topic"] ?? "");
    if (!opts.bundleIds.includes(topic))
      return { status: 400, reason: topic ? "TopicDisallowed" : "MissingTopic" };
    const type = String(h["apns-push-type"] ?? "");
    if (!PUSH_TYPES.has(type)) return { status: 400, reason: "InvalidPushType" };
    const prio = h["apns-priority"];
    if (prio !== undefined && !["5", "10", "1"].includes(String(prio)))
      return { status: 400, reason: "BadPriority" };
    if (type === "background" && String(prio) !== "5") return { status: 400, reason: "BadPriority" };
    const exp = h["apns-expiration"];
    if (exp !== undefined && !/^\d+$/.test(String(exp))) return { status: 400, reason: "BadExpirationDate" };
    const collapse = h["apns-collapse-id"];
    if (collapse !== undefined && Buffer.byteLength(String(collapse)) > 64)
      return { status: 400, reason: "BadCollapseId" };
    if (body.length > 4096) return { status: 413, reason: "PayloadTooLarge" };
    let json: { aps?: Record<string, unknown> };
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      return { status: 400, reason: "PayloadEmpty" };
    }
    if (!json.aps || typeof json.aps !== "object") return { status: 400, reason: "PayloadEmpty" };
    if (type === "background" && json.aps["content-available"] !== 1)
      return { status: 400, reason: "BadPayload" };
    if (type === "alert" && !json.aps.alert) return { status: 400, reason: "BadPayload" };
    return null;
  };

  server.on("stream", (stream, h) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      const body = Buffer.concat(chunks);
      const token = (/^\/3\/device\/([0-9a-fA-F]+)$/.exec(String(h[":path"])) ?? [])[1] ?? "";
      const bad = check(h, body);
      if (bad) return answer(stream, token, bad.status, bad.reason);
      jwts.add(String(h.authorization));
      const t = tokens.get(token);
      if (!t) return answer(stream, token, 400, "BadDeviceToken");
      const next = t.script.shift();
      if (next && next.status !== 200)
        return answer(
          stream,
          token,
          next.status,
          next.reason ?? "TooManyRequests",
          next.retryAfter ? { "retry-after": next.retryAfter } : {},
        );
      if (t.gone) return answer(stream, token, 410, "Unregistered");
      accepted++;
      if (record) {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(h)) if (k.startsWith("apns-")) headers[k] = String(v);
        received.push({
          token,
          headers,
          json: JSON.parse(body.toString("utf8")),
          bytes: body.length,
          jwt: String(h.authorization).slice(7),
        });
      }
      answer(stream, token, 200);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `https://localhost:${port}`,
    device() {
      const token = randomBytes(32).toString("hex");
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
    distinctJwts: () => jwts.size,
    acceptedCount: () => accepted,
    sessions: () => sessions,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open client sessions would hold close() until they idle out.
        for (const s of openSessions) s.destroy();
      }),
  };
}
