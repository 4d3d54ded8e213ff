// API benchmark: messages posted per second through real HTTP over loopback (keep-alive, concurrent clients)
// into a 10,000-member room whose members are not connected, on SQLite and on PostgreSQL; p50/p99 latency.
// The HTTP client runs in a child process (this same file, BENCH_ROLE=client) so it never shares the server's
// event loop. A bare Fastify route over the same client is measured first: on a shared, noisy machine the
// ratio herald / bare means more than the absolute numbers. Server CPU per message (process.cpuUsage of the
// server process over the measured run) is the least noise-sensitive number.
// Run: npm run bench:api   (BENCH_MESSAGES, BENCH_CLIENTS, BENCH_MEMBERS, BENCH_STORES=sqlite,postgres,bare)
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { buildApp, createServices } from "../packages/server/src/app.ts";
import { testConfig } from "../packages/server/src/config.ts";
import { postBatcher } from "../packages/server/src/http/messages/batch.ts";
import type { Stoppable } from "../packages/server/src/roles.ts";
import { allRoles, roleModules } from "../packages/server/src/roles.ts";
import { insertToken, insertUser } from "../packages/server/src/store/accounts.ts";
import type { Store } from "../packages/server/src/store/db.ts";
import { dropPgSchema, openStore } from "../packages/server/src/store/db.ts";
import { createRoom } from "../packages/server/src/store/rooms.ts";
import { load, machine, utcMinute, writeSection } from "./lib/report.ts";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 4000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);
const STORES = (process.env.BENCH_STORES ?? "bare,sqlite,postgres").split(",");
/** Roles whose start() runs, as `herald serve --roles=…` (register() runs for all, as in buildApp). */
const ROLES = (process.env.BENCH_ROLES ?? allRoles.join(",")).split(",");
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

interface Target {
  url: string;
  token: string;
}

interface ClientResult {
  seconds: number;
  latencies: number[];
  /** CPU the client process used during the measured run, in ms. */
  clientCpuMs: number;
}

interface Row {
  name: string;
  rate: number;
  p50: number;
  p99: number;
  serverCpuUsPerMsg: number;
  /** The part of it spent in the kernel (socket and WAL writes). */
  serverSysUsPerMsg: number;
  clientCpuUsPerMsg: number;
}

// ---------------------------------------------------------------- client (child process)

/** POSTs `count` messages, CLIENTS at a time over keep-alive sockets; returns each request's latency. */
async function postMany(t: Target, from: number, count: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const u = new URL(t.url);
  const post = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ text: `message ${i} hello team` });
      const req = request(
        {
          agent,
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: "POST",
          headers: {
            authorization: `Bearer ${t.token}`,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            if (res.statusCode === 201) resolve();
            else reject(new Error(`status ${res.statusCode}: ${Buffer.concat(chunks).toString()}`));
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  const latencies: number[] = [];
  let next = from;
  const end = from + count;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < end) {
        const i = next++;
        const t0 = performance.now();
        await post(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  agent.destroy();
  return latencies;
}

async function clientMain(): Promise<void> {
  process.once("message", async (t: Target) => {
    try {
      await postMany(t, 0, WARMUP);
      // Tell the parent the measured run starts, so it samples its own CPU over the same window.
      process.send?.({ kind: "start" });
      const cpu0 = process.cpuUsage();
      const started = performance.now();
      const latencies = await postMany(t, WARMUP, MESSAGES);
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const result: ClientResult = { seconds, latencies, clientCpuMs: (cpu.user + cpu.system) / 1000 };
      process.send?.({ kind: "done", result }, () => process.exit(0));
    } catch (err) {
      process.send?.({ kind: "error", message: (err as Error).message }, () => process.exit(1));
    }
  });
}

/** Runs the client in a child process against `t`; returns its result and the server's CPU over the run. */
function runClient(t: Target): Promise<{ result: ClientResult; serverCpuMs: number; serverSysMs: number }> {
  const child = fork(import.meta.filename, [], { env: { ...process.env, BENCH_ROLE: "client" } });
  return new Promise((resolve, reject) => {
    let cpu0 = process.cpuUsage();
    child.on("message", (m: { kind: string; result?: ClientResult; message?: string }) => {
      if (m.kind === "start") cpu0 = process.cpuUsage();
      if (m.kind === "done" && m.result) {
        const cpu = process.cpuUsage(cpu0);
        resolve({
          result: m.result,
          serverCpuMs: (cpu.user + cpu.system) / 1000,
          serverSysMs: cpu.system / 1000,
        });
      }
      if (m.kind === "error") reject(new Error(m.message));
    });
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`client exited with ${code}`));
    });
    child.send(t);
  });
}

// ---------------------------------------------------------------- server (this process)

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

function row(name: string, r: { result: ClientResult; serverCpuMs: number; serverSysMs: number }): Row {
  const lat = r.result.latencies.sort((a, b) => a - b);
  return {
    name,
    rate: Math.round(MESSAGES / r.result.seconds),
    p50: pct(lat, 50),
    p99: pct(lat, 99),
    serverCpuUsPerMsg: Math.round((r.serverCpuMs * 1000) / MESSAGES),
    serverSysUsPerMsg: Math.round((r.serverSysMs * 1000) / MESSAGES),
    clientCpuUsPerMsg: Math.round((r.result.clientCpuMs * 1000) / MESSAGES),
  };
}

async function seed(store: Store): Promise<{ roomId: string; token: string }> {
  const now = Date.now();
  const first = await insertUser(store.db, { username: "sender", passwordHash: "x", role: "member" }, now);
  const rows = Array.from({ length: MEMBERS - 1 }, (_, i) => ({
    ...first,
    id: `m${i}`,
    username: `m${i}`,
    username_lower: `m${i}`,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await store.db
      .insertInto("users")
      .values(rows.slice(i, i + 500))
      .execute();
  const ids = [first.id, ...rows.map((r) => r.id)];
  const room = await store.db
    .transaction()
    .execute((trx) => createRoom(trx, { kind: "channel", name: "big", createdBy: first.id }, ids, now));
  const t = await insertToken(store.db, first.id, "bench", ["read", "write"], now);
  return { roomId: room.id, token: t.token };
}

/** The floor: a Fastify route that parses the JSON body and answers 201, over the same client. */
async function runBare(): Promise<Row> {
  const app = Fastify({ logger: false });
  app.post("/api/v1/rooms/:id/messages", async (_req, reply) => reply.status(201).send({ ok: true }));
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  try {
    return row(
      "bare Fastify route (floor)",
      await runClient({ url: `${base}/api/v1/rooms/r/messages`, token: "x" }),
    );
  } finally {
    await app.close();
  }
}

/** Herald as `herald serve` runs it (every role started), logging at `warn`, rate limits out of the way. */
async function runHerald(name: string, store: Store): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), "herald-bench-"));
  const config = testConfig({ dataDir: dir, webDist: join(dir, "none"), logLevel: "warn" });
  const services = await createServices(config, { store });
  const { roomId, token } = await seed(store);
  const app = await buildApp(services);
  const started: Stoppable[] = [];
  for (const m of roleModules) {
    if (!ROLES.includes(m.role) || !m.start) continue;
    const s = await m.start(services, app);
    if (s) started.push(s);
  }
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  try {
    const r = row(name, await runClient({ url: `${base}/api/v1/rooms/${roomId}/messages`, token }));
    const { transactions, posts } = postBatcher(store.db).stats;
    r.name += ` — ${(posts / Math.max(1, transactions)).toFixed(1)} posts per transaction`;
    return r;
  } finally {
    for (const s of started.reverse()) await s.stop();
    await app.close();
    await services.decisions.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function serverMain(): Promise<void> {
  const loadAtStart = load();
  const results: Row[] = [];
  if (STORES.includes("bare")) results.push(await runBare());
  if (STORES.includes("sqlite")) {
    const dir = mkdtempSync(join(tmpdir(), "herald-bench-db-"));
    const store = await openStore({ sqlitePath: join(dir, "bench.db") });
    try {
      results.push(await runHerald("SQLite (node:sqlite, WAL)", store));
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (STORES.includes("postgres")) {
    const schema = `bench_${process.pid}`;
    try {
      const store = await openStore({ databaseUrl: PG_URL, pgSchema: schema });
      try {
        results.push(await runHerald("PostgreSQL (pg, pool 10)", store));
      } finally {
        await store.close();
        await dropPgSchema(PG_URL, schema);
      }
    } catch (err) {
      console.error(`PostgreSQL run failed: ${(err as Error).message}`);
    }
  }
  const table = [
    "| run | msg/s | p50 ms | p99 ms | server CPU µs/msg (of it kernel) | client CPU µs/msg |",
    "|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.rate.toLocaleString("en-US")} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.serverCpuUsPerMsg} (${r.serverSysUsPerMsg}) | ${r.clientCpuUsPerMsg} |`,
    ),
  ];
  const section = `## API

Command: \`npm run bench:api\` (bench/api.bench.ts; stores run: ${STORES.join(", ")}) — ${utcMinute()}.
Machine: ${machine()}. Load average at start: ${loadAtStart}; at end: ${load()}.
${MESSAGES.toLocaleString("en-US")} messages after ${WARMUP} warm-up are POSTed over real HTTP on loopback by a client in a child process
(node:http, keep-alive, ${CLIENTS} concurrent requests) into a ${MEMBERS.toLocaleString("en-US")}-member channel whose members are not
connected; bearer-token auth and the whole post path; the server runs as \`herald serve\` does (roles started:
${ROLES.join(", ")}), logging at \`warn\`. The same client first hits a bare Fastify route that parses the body and
answers 201: the floor of this machine at that moment. Server CPU per message (\`process.cpuUsage\` of the server
process over the measured run) is the number least moved by other work on the machine.
Targets (SQLite): **≥ 2,000 msg/s and p99 ≤ 20 ms**.

${table.join("\n")}
`;
  console.log(section);
  writeSection("## API", section);
}

if (process.env.BENCH_ROLE === "client") await clientMain();
else await serverMain();
