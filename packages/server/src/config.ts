// Every setting, read from the environment (and an optional JSON file named by HERALD_CONFIG, whose keys are the
// same names; the environment wins), validated at boot with all errors reported at once.
// docs/OPERATIONS.md lists each setting: keep the two in step. Other parts add rows to `settings`.
import { readFileSync } from "node:fs";

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

export const settings = {
  host: { env: "HOST", default: "0.0.0.0", parse: str },
  port: { env: "PORT", default: 8460, parse: int(0, 65535) },
  databaseUrl: { env: "DATABASE_URL", default: null, parse: url(["postgres:", "postgresql:"]) },
  dataDir: { env: "HERALD_DATA_DIR", default: "data", parse: str },
  publicUrl: { env: "HERALD_PUBLIC_URL", default: null, parse: url(["http:", "https:"]) },
  redisUrl: { env: "REDIS_URL", default: null, parse: url(["redis:", "rediss:"]) },
  adminUsername: { env: "HERALD_ADMIN_USERNAME", default: "admin", parse: str },
  adminPassword: { env: "HERALD_ADMIN_PASSWORD", default: null, parse: optStr },
  logLevel: { env: "HERALD_LOG_LEVEL", default: "info", parse: logLevel },
  sessionTtlDays: { env: "HERALD_SESSION_TTL_DAYS", default: 30, parse: int(1, 3650) },
  cookieSecure: { env: "HERALD_COOKIE_SECURE", default: null as boolean | null, parse: bool },
  trustProxy: { env: "HERALD_TRUST_PROXY", default: false, parse: bool },
  webDist: { env: "HERALD_WEB_DIST", default: "packages/web/dist", parse: str },
  rateLoginPerMin: { env: "HERALD_RATE_LOGIN_PER_MIN", default: 10, parse: int(1, 1_000_000) },
  rateTokenPerMin: { env: "HERALD_RATE_TOKEN_PER_MIN", default: 600, parse: int(1, 10_000_000) },
  ratePostPerMin: { env: "HERALD_RATE_POST_PER_MIN", default: 120, parse: int(1, 10_000_000) },
  /** GEN-6: WebSocket frames per second (token bucket: rate, burst) per connection and per user. */
  rateWsPerSec: { env: "HERALD_RATE_WS_PER_SEC", default: 20, parse: int(1, 1_000_000) },
  rateWsBurst: { env: "HERALD_RATE_WS_BURST", default: 60, parse: int(1, 10_000_000) },
  rateWsUserPerSec: { env: "HERALD_RATE_WS_USER_PER_SEC", default: 50, parse: int(1, 1_000_000) },
  rateWsUserBurst: { env: "HERALD_RATE_WS_USER_BURST", default: 150, parse: int(1, 10_000_000) },
  passwordMinLength: { env: "HERALD_PASSWORD_MIN_LENGTH", default: 8, parse: int(1, 1024) },
  smtpUrl: { env: "SMTP_URL", default: null, parse: url(["smtp:", "smtps:"]) },
  mailFrom: { env: "HERALD_MAIL_FROM", default: "herald@localhost", parse: str },
  /** Test-only: divides the email batching windows (PRF-5) so crash tests run in seconds. */
  deliveryTimeScale: { env: "HERALD_DELIVERY_TIME_SCALE", default: 1, parse: int(1, 1000) },
  deliveryLeaseMs: { env: "HERALD_DELIVERY_LEASE_MS", default: 60_000, parse: int(100, 3_600_000) },
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
    ...overrides,
  };
}

export function publicUrlOf(config: Config): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}
