// The herald CLI: `serve [--roles=api,gateway,worker]`, `migrate`, `user create --username … --password … --role …`.
// Only the config is imported up front: the app (and every role module) loads once the configuration is
// known to be valid, so usage and configuration errors answer at once.
import { parseArgs } from "node:util";
import type { Config } from "./config.ts";
import { loadConfig, publicUrlOf } from "./config.ts";
import type { RoleName, Stoppable } from "./roles.ts";

const USAGE = `usage:
  herald serve [--roles=api,gateway,worker[,push-proxy]]
  herald migrate
  herald user create --username NAME --password PASS [--role admin|agent|member] [--email ADDR] [--display-name NAME]`;

function fail(lines: string[]): never {
  for (const l of lines) process.stderr.write(`${l}\n`);
  process.exit(1);
}

function config(): Config {
  const r = loadConfig();
  if (!r.ok) fail(["herald: invalid configuration:", ...r.errors.map((e) => `  - ${e}`)]);
  return r.config;
}

/** A client mistake from the app's validation (AppError): its message and field, not a stack trace. */
async function failOnAppError(err: unknown, prefix: string): Promise<never> {
  const { AppError } = await import("./http/errors.ts");
  if (err instanceof AppError) fail([`herald: ${prefix}${err.message}${err.field ? ` (${err.field})` : ""}`]);
  throw err;
}

async function parseRoles(raw: string | undefined): Promise<RoleName[]> {
  const { allRoles, optionalRoles } = await import("./roles.ts");
  if (!raw) return [...allRoles];
  const roles = raw.split(",").map((r) => r.trim());
  const known: readonly string[] = [...allRoles, ...optionalRoles];
  const bad = roles.filter((r) => !known.includes(r));
  if (bad.length) fail([`herald: unknown role(s) ${bad.join(", ")}; roles are ${known.join(", ")}`]);
  return roles as RoleName[];
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { roles: { type: "string" } } });
  const cfg = config();
  const roles = await parseRoles(values.roles);
  if (roles.includes("worker") && !cfg.databaseUrl) await oneSqliteWorker(cfg);
  const { buildApp, createServices } = await import("./app.ts");
  const { ensureFirstAdmin } = await import("./http/users/create.ts");
  const { roleModules } = await import("./roles.ts");
  const services = await createServices(cfg);
  const admin = await ensureFirstAdmin(services).catch(async (err: unknown) => {
    await services.store.close();
    // A bad HERALD_ADMIN_USERNAME / HERALD_ADMIN_PASSWORD is a configuration error, not a crash.
    return failOnAppError(err, "first admin (HERALD_ADMIN_*): ");
  });
  const app = await buildApp(services, roles);
  const started: Stoppable[] = [];
  for (const m of roleModules) {
    if (!roles.includes(m.role) || !m.start) continue;
    const s = await m.start(services, app);
    if (s) started.push(s);
  }
  await app.listen({ host: cfg.host, port: cfg.port });
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    // A second signal while draining: the operator means it.
    if (stopping) process.exit(1);
    stopping = true;
    services.log.info({ signal }, "shutting down: closing sockets, finishing requests and deliveries");
    // Past the timeout the process goes anyway (exit 1): an orchestrator's kill would follow soon after.
    setTimeout(() => {
      services.log.warn(
        { timeoutMs: cfg.shutdownTimeoutMs },
        "shutdown timed out; exiting with work unfinished",
      );
      process.exit(1);
    }, cfg.shutdownTimeoutMs).unref();
    // Roles first (the gateway closes sockets with 1001 so clients reconnect elsewhere; the worker finishes its
    // pass), then HTTP (new requests get 503, in-flight ones finish), then the database.
    for (const s of started.reverse())
      await s.stop().catch((err: unknown) => services.log.error({ err }, "a role did not stop cleanly"));
    await app.close();
    await services.store.close();
    process.exit(0);
  };
  // Listening for signals before saying where it runs: whoever waits for that line may stop it at once.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const url = publicUrlOf({ ...cfg, port: (app.server.address() as { port: number }).port });
  // One write: whoever reads the output sees the address and the sign-in together.
  const lines = [`Herald is running at ${url} (roles: ${roles.join(",")}, store: ${services.store.dialect})`];
  if (admin?.password) {
    lines.push(
      `First admin created. Sign in as "${admin.username}" with the password ${admin.password} — it is shown only this once; change it after signing in (PUT /api/v1/me/password).`,
    );
  } else if (admin) lines.push(`First admin "${admin.username}" created with HERALD_ADMIN_PASSWORD.`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** A SQLite install runs one worker process (jobs/worker-lock.ts): a second one is refused before it starts. */
async function oneSqliteWorker(cfg: Config): Promise<void> {
  const { join } = await import("node:path");
  const { mkdirSync } = await import("node:fs");
  const { takeWorkerLock } = await import("./jobs/worker-lock.ts");
  mkdirSync(cfg.dataDir, { recursive: true });
  const file = join(cfg.dataDir, "herald.db");
  const lock = takeWorkerLock(file);
  if (!lock.ok)
    fail([
      `herald: another worker already runs on ${file} (${lock.reason}); SQLite allows one worker process — stop it, start this one without the worker role (--roles=api,gateway), or use PostgreSQL (DATABASE_URL) for several workers`,
    ]);
}

async function migrate(args: string[]): Promise<void> {
  parseArgs({ args, options: {} });
  const cfg = config();
  const { openStore } = await import("./store/db.ts");
  const { migrateToLatest } = await import("./store/migrator.ts");
  const store = await openStore({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  try {
    const applied = await migrateToLatest(store.db);
    process.stdout.write(applied.length ? `applied: ${applied.join(", ")}\n` : "database is up to date\n");
  } finally {
    await store.close();
  }
}

async function userCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: "string" },
      password: { type: "string" },
      role: { type: "string", default: "member" },
      email: { type: "string" },
      "display-name": { type: "string" },
    },
  });
  const missing = ["username", "password"].filter((k) => !values[k as "username" | "password"]);
  if (missing.length) fail(missing.map((k) => `herald: --${k} is required`).concat(USAGE));
  const cfg = config();
  const { createServices } = await import("./app.ts");
  const { createUser } = await import("./http/users/create.ts");
  const services = await createServices(cfg);
  try {
    const u = await createUser(services, {
      username: values.username as string,
      password: values.password as string,
      role: values.role as "admin" | "agent" | "member",
      email: values.email ?? null,
      displayName: values["display-name"],
    });
    process.stdout.write(`created user ${u.username} (${u.role}) id ${u.id}\n`);
  } catch (err) {
    await services.store.close();
    await failOnAppError(err, "");
  }
  await services.store.close();
}

async function main(argv: string[]): Promise<void> {
  const [cmd, sub, ...rest] = argv;
  if (cmd === "serve") return serve(argv.slice(1));
  if (cmd === "migrate") return migrate(argv.slice(1));
  if (cmd === "user" && sub === "create") return userCreate(rest);
  fail([USAGE]);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // parseArgs: unknown option, missing value… — the user's mistake, so a message and the usage.
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
    fail([`herald: ${(err as Error).message}`, USAGE]);
  }
  process.stderr.write(`herald: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
