import { createECDH, randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { decryptAes128gcm, type UserAgentKeys } from "./ece.ts";
import { checkVapid, type VapidCheck, type VapidClaims } from "./vapid-verify.ts";

/**
 * A real RFC 8030 push service on 127.0.0.1 (port 0) for tests: it makes subscriptions (the user agent's
 * P-256 key pair + auth secret), checks VAPID (RFC 8292), decrypts aes128gcm bodies (RFC 8291) with the
 * subscriber's private key, records what arrived, and answers as scripted (201 / 404 / 410 / 429 / 500).
 */
export type PeerSubscription = {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
};

export type ReceivedPush = {
  subscriptionId: string;
  headers: {
    ttl?: string;
    urgency?: string;
    topic?: string;
    contentEncoding?: string;
    authorization?: string;
  };
  bodyBytes: number;
  plaintext: string;
  json: unknown;
  vapid: { aud: string; exp: number; sub: string; k: string; token: string };
  receivedAt: number;
};

export type Rejected = { subscriptionId: string | null; status: number; reason: string };
export type ScriptedReply = { status: number; retryAfter?: string; body?: string };

export type PushServicePeer = {
  origin: string;
  subscribe(): PeerSubscription;
  received: ReceivedPush[];
  rejected: Rejected[];
  receivedFor(subscriptionId: string): ReceivedPush[];
  /** Replies for the next requests to one subscription, in order; afterwards normal handling resumes. */
  scriptFor(subscriptionId: string, replies: ScriptedReply[]): void;
  /** Replies for the next requests to any subscription. */
  scriptNext(replies: ScriptedReply[]): void;
  /** The subscription expired (410) or never existed (404) from now on. */
  expire(subscriptionId: string, status?: 404 | 410): void;
  /** Pushes accepted (201), also counted when `record` is off. */
  acceptedCount(): number;
  /** Distinct VAPID JWTs seen: proves the sender reuses one per origin. */
  distinctTokens(): number;
  /**
   * From now on requests are held unanswered (and unread) until open(): a sender killed meanwhile delivered
   * nothing. held(): the requests waiting, by the sender's local port; aborted(): those whose sender went away.
   */
  hold(): {
    held(): number[];
    aborted(): number;
    open(): void;
    /** Up to `n` held requests from these local ports arrive (recorded) but are never answered. */
    receiveUnanswered(ports: ReadonlySet<number>, n: number): number;
  };
  stop(): Promise<void>;
};

export type PushServiceOptions = {
  now?: () => number;
  record?: boolean;
  /** Every answer leaves this long after the request arrived: a push service across a network (benchmarks). */
  delayMs?: number;
};

type Sub = { info: PeerSubscription; ua: UserAgentKeys; script: ScriptedReply[]; expired?: 404 | 410 };

export async function startPushService(options: PushServiceOptions = {}): Promise<PushServicePeer> {
  const now = options.now ?? (() => Date.now());
  const record = options.record ?? true;
  const subs = new Map<string, Sub>();
  const received: ReceivedPush[] = [];
  const rejected: Rejected[] = [];
  const globalScript: ScriptedReply[] = [];
  const tokens = new Set<string>();
  let accepted = 0;
  let origin = "";
  type Held = { remotePort: number; answer(): void; take(): unknown };
  let gate: { waiting: Set<Held>; aborted: number } | null = null;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const take = () => handle(req, Buffer.concat(chunks));
      const answer = () => {
        const reply = take();
        const headers: Record<string, string> = {};
        if (reply.retryAfter) headers["Retry-After"] = reply.retryAfter;
        if (reply.location) headers.Location = reply.location;
        res.writeHead(reply.status, headers).end(reply.body ?? "");
      };
      if (!gate) {
        if (options.delayMs) setTimeout(answer, options.delayMs);
        else answer();
        return;
      }
      // Held: neither read nor answered until open(); a sender that dies meanwhile never delivered it.
      const held = { remotePort: req.socket.remotePort ?? 0, answer, take };
      gate.waiting.add(held);
      res.on("close", () => {
        if (!gate?.waiting.delete(held)) return;
        gate.aborted++;
      });
    });
  });
  server.keepAliveTimeout = 30_000;

  // Like real push services, a verified token is cached (until its exp) instead of re-checking ES256 each time.
  const verified = new Map<string, VapidClaims>();
  function verifyCached(header: string | undefined): VapidCheck {
    const cached = header ? verified.get(header) : undefined;
    if (cached && cached.exp > Math.floor(now() / 1000)) return { ok: true, claims: cached };
    const check = checkVapid(header, origin, now());
    if (check.ok && header) verified.set(header, check.claims);
    return check;
  }

  function reject(subscriptionId: string | null, status: number, reason: string) {
    rejected.push({ subscriptionId, status, reason });
    return { status, body: reason };
  }

  function handle(req: http.IncomingMessage, body: Buffer): ScriptedReply & { location?: string } {
    const match = /^\/push\/([\w-]+)$/.exec(req.url ?? "");
    if (req.method !== "POST" || !match) return reject(null, 404, "no such endpoint");
    const sub = subs.get(match[1]);
    if (!sub) return reject(match[1], 404, "unknown subscription");
    if (sub.expired) return reject(sub.info.id, sub.expired, "subscription expired");
    const scripted = sub.script.shift() ?? globalScript.shift();
    if (scripted) {
      rejected.push({ subscriptionId: sub.info.id, status: scripted.status, reason: "scripted" });
      return scripted;
    }
    return accept(sub, req, body);
  }

  function accept(sub: Sub, req: http.IncomingMessage, body: Buffer): ScriptedReply & { location?: string } {
    const vapid = verifyCached(req.headers.authorization);
    if (!vapid.ok) return reject(sub.info.id, 403, vapid.reason);
    if (req.headers["content-encoding"] !== "aes128gcm") return reject(sub.info.id, 415, "not aes128gcm");
    if (body.length > 4096) return reject(sub.info.id, 413, "payload over 4096 bytes");
    let plaintext: string;
    try {
      plaintext = decryptAes128gcm(body, sub.ua).toString("utf8");
    } catch (error) {
      return reject(sub.info.id, 400, `decryption failed: ${(error as Error).message}`);
    }
    tokens.add(vapid.claims.token);
    accepted++;
    if (record) received.push(entry(sub, req, body, plaintext, vapid.claims));
    return { status: 201, location: `/message/${randomUUID()}` };
  }

  function entry(
    sub: Sub,
    req: http.IncomingMessage,
    body: Buffer,
    plaintext: string,
    vapid: ReceivedPush["vapid"],
  ) {
    const h = req.headers;
    const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
    let json: unknown = null;
    try {
      json = JSON.parse(plaintext);
    } catch {
      json = null;
    }
    return {
      subscriptionId: sub.info.id,
      headers: {
        ttl: one(h.ttl),
        urgency: one(h.urgency),
        topic: one(h.topic),
        contentEncoding: one(h["content-encoding"]),
        authorization: one(h.authorization),
      },
      bodyBytes: body.length,
      plaintext,
      json,
      vapid,
      receivedAt: now(),
    };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    received,
    rejected,
    subscribe() {
      const ecdh = createECDH("prime256v1");
      const publicKey = ecdh.generateKeys();
      const authSecret = randomBytes(16);
      const id = randomUUID();
      const info = {
        id,
        endpoint: `${origin}/push/${id}`,
        keys: { p256dh: publicKey.toString("base64url"), auth: authSecret.toString("base64url") },
      };
      subs.set(id, { info, ua: { privateKey: ecdh.getPrivateKey(), publicKey, authSecret }, script: [] });
      return info;
    },
    receivedFor: (id) => received.filter((r) => r.subscriptionId === id),
    scriptFor(id, replies) {
      subs.get(id)?.script.push(...replies);
    },
    scriptNext(replies) {
      globalScript.push(...replies);
    },
    expire(id, status = 410) {
      const sub = subs.get(id);
      if (sub) sub.expired = status;
    },
    distinctTokens: () => tokens.size,
    hold() {
      const g = { waiting: new Set<Held>(), aborted: 0 };
      gate = g;
      return {
        held: () => [...g.waiting].map((w) => w.remotePort),
        receiveUnanswered(ports, n) {
          let done = 0;
          for (const w of [...g.waiting]) {
            if (done >= n || !ports.has(w.remotePort)) continue;
            g.waiting.delete(w);
            w.take();
            done++;
          }
          return done;
        },
        aborted: () => g.aborted,
        open() {
          if (gate === g) gate = null;
          const waiting = [...g.waiting];
          g.waiting.clear();
          for (const w of waiting) w.answer();
        },
      };
    },
    acceptedCount: () => accepted,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
