// Every setting, read from the environment (and an optional JSON file named by HERALD_CONFIG, whose keys are the
// same names; the environment wins), validated at boot with all errors reported at once.
// docs/OPERATIONS.md lists each setting: keep the two in step. Other parts add rows to `settings`.
import { readFileSync } from "node:fs";
import ipaddr from "ipaddr.js";
import { NO_EXCEPTIONS, parseAllowList } from "./channels/destinations.ts";
import * as native from "./channels/native/config.ts";

type Parser<T> = (raw: string) => T;

interface Setting<T> {
  env: string;
  default: T;
  parse: Parser<T>;
}

const int =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`must be an integer in ${min}…${max}`);
    return n;
  };
const bool: Parser<boolean> = (raw) => {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error("must be true or false");
};
const str: Parser<string> = (raw) => raw;
const optStr: Parser<string | null> = (raw) => (raw === "" ? null : raw);
const url =
  (protocols: string[]): Parser<string | null> =>
  (raw) => {
    if (raw === "") return null;
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw new Error("must be a URL");
    }
    if (!protocols.includes(u.protocol)) throw new Error(`must start with ${protocols.join(" or ")}//`);
    return raw;
  };
const logLevel: Parser<string> = (raw) => {
  if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(raw)) {
    throw new Error("must be one of fatal, error, warn, info, debug, trace, silent");
  }
  return raw;
};

/** Fastify's trustProxy: false, a hop count, or the proxies' addresses / CIDRs. Never `true`: trusting every
 *  hop lets any client name its own address with a leftmost X-Forwarded-For. */
export type TrustProxy = false | number | string[];
const trustProxy: Parser<TrustProxy> = (raw) => {
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  if (/^(1|true|yes|on)$/i.test(raw) && !/^1$/.test(raw))
    throw new Error(
      "trusting every proxy lets clients spoof their address: give a hop count or the proxies' addresses",
    );
  if (/^\d+$/.test(raw)) return int(1, 100)(raw);
  const list = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list)
    if (!isAddressOrCidr(entry)) throw new Error(`${entry} is not an IP address or CIDR`);
  return list;
};
function isAddressOrCidr(entry: string): boolean {
  if (["loopback", "linklocal", "uniquelocal"].includes(entry)) return true;
  const [addr, bits, extra] = entry.split("/");
  // Four-part dotted IPv4 only: ipaddr.js also accepts legacy forms like "1.2.3".
  if (extra !== undefined || !(ipaddr.IPv4.isValidFourPartDecimal(addr) || ipaddr.IPv6.isValid(addr)))
    return false;
  if (bits === undefined) return true;
  const max = ipaddr.parse(addr).kind() === "ipv4" ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= max;
}
const origins: Parser<string[]> = (raw) =>
  raw
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((o) => {
      let u: URL;
      try {
        u = new URL(o);
      } catch {
        throw new Error(`${o} is not an origin like https://shop.example`);
      }
      if (!["http:", "https:"].includes(u.protocol) || u.origin !== o.replace(/\/$/, ""))
        throw new Error(`${o} is not an origin like https://shop.example`);
      return u.origin;
    });
const redisPrefix: Parser<string> = (raw) => {
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(raw)) throw new Error("must be 1–64 letters, digits or _ . : -");
  return raw;
};

export const settings = {
  host: { env: "HOST", default: "0.0.0.0", parse: str },
  port: { env: "PORT", default: 8460, parse: int(0, 65535) },
  databaseUrl: { env: "DATABASE_URL", default: null, parse: url(["postgres:", "postgresql:"]) },
  dataDir: { env: "HERALD_DATA_DIR", default: "data", parse: str },
  /** Largest file a message may carry, in MiB; the bytes are kept under <data folder>/files. */
  fileMaxMb: { env: "HERALD_FILE_MAX_MB", default: 25, parse: int(1, 2048) },
  publicUrl: { env: "HERALD_PUBLIC_URL", default: null, parse: url(["http:", "https:"]) },
  redisUrl: { env: "REDIS_URL", default: null, parse: url(["redis:", "rediss:"]) },
  /** Prefix of every Redis key and channel (bus, presence, rate limits): two installs may share one Redis. */
  redisPrefix: { env: "HERALD_REDIS_PREFIX", default: "herald:", parse: redisPrefix },
  adminUsername: { env: "HERALD_ADMIN_USERNAME", default: "admin", parse: str },
  adminPassword: { env: "HERALD_ADMIN_PASSWORD", default: null, parse: optStr },
  logLevel: { env: "HERALD_LOG_LEVEL", default: "info", parse: logLevel },
  sessionTtlDays: { env: "HERALD_SESSION_TTL_DAYS", default: 30, parse: int(1, 3650) },
  cookieSecure: { env: "HERALD_COOKIE_SECURE", default: null as boolean | null, parse: bool },
  /** Which proxies may set the client address (X-Forwarded-For): a hop count or addresses / CIDRs. */
  trustProxy: { env: "HERALD_TRUST_PROXY", default: false as TrustProxy, parse: trustProxy },
  /** When set, /metrics answers only with this bearer token (or an admin token), never by address. */
  metricsToken: { env: "HERALD_METRICS_TOKEN", default: null, parse: optStr },
  webDist: { env: "HERALD_WEB_DIST", default: "packages/web/dist", parse: str },
  rateLoginPerMin: { env: "HERALD_RATE_LOGIN_PER_MIN", default: 10, parse: int(1, 1_000_000) },
  /** Wrong passwords in a row for one user from one address before that pair is slowed down. */
  loginFailsInRow: { env: "HERALD_LOGIN_FAILS_IN_ROW", default: 10, parse: int(1, 1_000_000) },
  /** Wrong passwords per address per day, whatever the login, before the address is slowed down. */
  loginFailsPerDay: { env: "HERALD_LOGIN_FAILS_PER_DAY", default: 100, parse: int(1, 10_000_000) },
  rateTokenPerMin: { env: "HERALD_RATE_TOKEN_PER_MIN", default: 600, parse: int(1, 10_000_000) },
  ratePostPerMin: { env: "HERALD_RATE_POST_PER_MIN", default: 120, parse: int(1, 10_000_000) },
  /** GEN-6: WebSocket frames per second (token bucket: rate, burst) per connection and per user. */
  rateWsPerSec: { env: "HERALD_RATE_WS_PER_SEC", default: 20, parse: int(1, 1_000_000) },
  rateWsBurst: { env: "HERALD_RATE_WS_BURST", default: 60, parse: int(1, 10_000_000) },
  rateWsUserPerSec: { env: "HERALD_RATE_WS_USER_PER_SEC", default: 50, parse: int(1, 1_000_000) },
  rateWsUserBurst: { env: "HERALD_RATE_WS_USER_BURST", default: 150, parse: int(1, 10_000_000) },
  /** Push sends a worker keeps in flight at once: with a push service R ms away, at most 1000 × N / R pushes/s
   *  per worker; also the most pushes a killed worker can have to send again (PSH-7). */
  pushInFlight: { env: "HERALD_PUSH_IN_FLIGHT", default: 64, parse: int(1, 4096) },
  /** Open WebSockets per user; past it a new socket is closed with 4429 (docs/API.md). */
  wsConnectionsPerUser: { env: "HERALD_WS_CONNECTIONS_PER_USER", default: 30, parse: int(1, 100_000) },
  /** Website widget, per address and per contact token: new conversations an hour, messages a minute. */
  rateWidgetConversationsPerHour: {
    env: "HERALD_RATE_WIDGET_CONVERSATIONS_PER_HOUR",
    default: 10,
    parse: int(1, 1_000_000),
  },
  rateWidgetMessagesPerMin: {
    env: "HERALD_RATE_WIDGET_MESSAGES_PER_MIN",
    default: 30,
    parse: int(1, 1_000_000),
  },
  /** Origins (https://shop.example) whose pages may frame the contact widget page /widget; none by default. */
  widgetFrameOrigins: { env: "HERALD_WIDGET_FRAME_ORIGINS", default: [] as string[], parse: origins },
  /** An open user directory: anyone may watch anyone's presence. Off: only users sharing a room or DM. */
  userDirectory: { env: "HERALD_USER_DIRECTORY", default: false, parse: bool },
  /** Conversations one contact may have waiting or open at once. */
  widgetOpenPerContact: { env: "HERALD_WIDGET_OPEN_PER_CONTACT", default: 3, parse: int(1, 1000) },
  /** Minutes an agent's reply may stay unseen in the widget before the contact is emailed (an inbox may differ). */
  widgetOfflineEmailMinutes: {
    env: "HERALD_WIDGET_OFFLINE_EMAIL_MINUTES",
    default: 5,
    parse: int(1, 10_080),
  },
  passwordMinLength: { env: "HERALD_PASSWORD_MIN_LENGTH", default: 8, parse: int(1, 1024) },
  smtpUrl: { env: "SMTP_URL", default: null, parse: url(["smtp:", "smtps:"]) },
  mailFrom: { env: "HERALD_MAIL_FROM", default: "herald@localhost", parse: str },
  /** Test-only: divides the email batching windows (PRF-5) so crash tests run in seconds. */
  deliveryTimeScale: { env: "HERALD_DELIVERY_TIME_SCALE", default: 1, parse: int(1, 1000) },
  deliveryLeaseMs: { env: "HERALD_DELIVERY_LEASE_MS", default: 60_000, parse: int(100, 3_600_000) },
  /** Webhook destinations allowed besides public addresses (on-premise relays): host names and CIDRs. */
  webhookAllowHosts: { env: "HERALD_WEBHOOK_ALLOW_HOSTS", default: NO_EXCEPTIONS, parse: parseAllowList },
  /** Web Push endpoints allowed besides public addresses (a push service inside the network): as above. */
  pushAllowHosts: { env: "HERALD_PUSH_ALLOW_HOSTS", default: NO_EXCEPTIONS, parse: parseAllowList },
  /** Native push (docs/OPERATIONS.md "Mobile push"): APNs token auth, FCM HTTP v1, or a Herald push proxy. */
  apnsKeyId: { env: "HERALD_APNS_KEY_ID", default: null as string | null, parse: native.appleId },
  apnsTeamId: { env: "HERALD_APNS_TEAM_ID", default: null as string | null, parse: native.appleId },
  apnsKeyPath: { env: "HERALD_APNS_KEY_PATH", default: null as string | null, parse: native.apnsKeyFile },
  apnsBundleIds: { env: "HERALD_APNS_BUNDLE_IDS", default: [] as string[], parse: native.bundleIds },
  /** Replaces both APNs hosts (a test peer, an egress relay). */
  apnsHost: { env: "HERALD_APNS_HOST", default: null, parse: url(["https:"]) },
  fcmServiceAccountPath: {
    env: "HERALD_FCM_SERVICE_ACCOUNT",
    default: null as string | null,
    parse: native.serviceAccountFile,
  },
  fcmEndpoint: { env: "HERALD_FCM_ENDPOINT", default: null, parse: url(["https:"]) },
  fcmTokenUri: { env: "HERALD_FCM_TOKEN_URI", default: null, parse: url(["https:"]) },
  /** Extra CA certificates trusted for APNs, FCM and the push proxy (test peers, TLS-inspecting egress). */
  pushCaPath: { env: "HERALD_PUSH_CA_PATH", default: null as string | null, parse: native.caFile },
  pushProxyUrl: { env: "HERALD_PUSH_PROXY_URL", default: null, parse: url(["https:", "http:"]) },
  pushProxySecret: {
    env: "HERALD_PUSH_PROXY_SECRET",
    default: null as string | null,
    parse: native.proxySecret,
  },
  /** Retention (upkeep/prune.ts, run by the worker): ages in days; 0 = keep forever (sessions: prune at expiry). */
  retainDeliveriesDays: { env: "HERALD_RETAIN_DELIVERIES_DAYS", default: 7, parse: int(0, 36_500) },
  retainDecisionsDays: { env: "HERALD_RETAIN_DECISIONS_DAYS", default: 30, parse: int(0, 36_500) },
  retainEmailsDays: { env: "HERALD_RETAIN_EMAILS_DAYS", default: 30, parse: int(0, 36_500) },
  retainExpiredSessionsDays: {
    env: "HERALD_RETAIN_EXPIRED_SESSIONS_DAYS",
    default: 7,
    parse: int(0, 36_500),
  },
  retainInboxDays: { env: "HERALD_RETAIN_INBOX_DAYS", default: 180, parse: int(0, 36_500) },
  retentionIntervalMin: { env: "HERALD_RETENTION_INTERVAL_MIN", default: 60, parse: int(1, 10_080) },
  retentionBatch: { env: "HERALD_RETENTION_BATCH", default: 1000, parse: int(10, 100_000) },
  /** One JSON line per answered request (method, route, status, time, address): auto = on when NODE_ENV=production. */
  accessLog: { env: "HERALD_ACCESS_LOG", default: null as boolean | null, parse: bool },
  /** How long a stopping process waits for sockets, requests and the worker before it exits anyway. */
  shutdownTimeoutMs: { env: "HERALD_SHUTDOWN_TIMEOUT_MS", default: 10_000, parse: int(0, 600_000) },
} satisfies Record<string, Setting<unknown>>;

type Settings = typeof settings;
export type Config = { [K in keyof Settings]: Settings[K]["default"] | ReturnType<Settings[K]["parse"]> };

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Reads env (+ the HERALD_CONFIG JSON file). Never throws: every problem is collected. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ConfigResult {
  const errors: string[] = [];
  const file = readConfigFile(env.HERALD_CONFIG, errors);
  const config: Record<string, unknown> = {};
  const known = new Set<string>();
  for (const [key, s] of Object.entries(settings) as [string, Setting<unknown>][]) {
    known.add(s.env);
    const raw = env[s.env] ?? file[s.env];
    if (raw === undefined || raw === "") {
      config[key] = s.default;
      continue;
    }
    try {
      config[key] = s.parse(raw);
    } catch (err) {
      errors.push(`${s.env}=${JSON.stringify(raw)}: ${(err as Error).message}`);
    }
  }
  for (const k of Object.keys(file))
    if (!known.has(k)) errors.push(`${env.HERALD_CONFIG}: unknown setting ${k}`);
  // Settings that need each other; one that failed to parse above counts as given (its error is listed).
  errors.push(...native.nativePushErrors(config as Config));
  return errors.length ? { ok: false, errors } : { ok: true, config: config as Config };
}

function readConfigFile(path: string | undefined, errors: string[]): Record<string, string> {
  if (!path) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    errors.push(`HERALD_CONFIG=${path}: ${(err as Error).message}`);
    return {};
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    errors.push(`HERALD_CONFIG=${path}: must hold a JSON object`);
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) out[k] = typeof v === "string" ? v : JSON.stringify(v);
  return out;
}

/** Defaults with overrides, for tests. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const result = loadConfig({});
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return {
    ...result.config,
    logLevel: "silent",
    rateLoginPerMin: 10_000,
    rateTokenPerMin: 1_000_000,
    ratePostPerMin: 1_000_000,
    rateWidgetConversationsPerHour: 1_000_000,
    rateWidgetMessagesPerMin: 1_000_000,
    wsConnectionsPerUser: 10_000,
    // The local RFC 8030 push peers listen on the loopback address.
    pushAllowHosts: parseAllowList("127.0.0.1, ::1, localhost"),
    ...overrides,
  };
}

export function publicUrlOf(config: Config): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}
