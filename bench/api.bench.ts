// API benchmark: messages posted per second through real HTTP over loopback (keep-alive, concurrent clients)
// into a 10,000-member room whose members are not connected, on SQLite and on PostgreSQL; p50/p99 latency.
// The HTTP client runs in a child process (this same file, BENCH_ROLE=client) so it never shares the server's
// event loop: undici, a Pool of 8 keep-alive connections with one request in flight on each (a closed loop), driven
// through its dispatch API. On 2 cores the load generator's CPU is taken from the server and the database being
// measured, and node:http (the client before, BENCH_HTTP_CLIENT=node) cost 1.2–1.4 × undici's CPU per request;
// autocannon cost about what undici does, wrk (C) less, but wrk is a system package and needs Lua to vary the bodies.
// BENCH_CLIENT_COMPARE=node runs both clients alternately on the floor and the plain rooms after the table.
// A bare Fastify route over the same client is measured first: on a shared, noisy machine the ratio
// herald / bare means more than the absolute numbers. Server CPU per message (process.cpuUsage of the
// server process over the measured run) is the least noise-sensitive number.
// The same run again in a room where 1,000 members saved keywords (MEN-4): every post matches them against the
// text, and every 10th message matches one member's keyword, so the outbox loads that member's facts and asks
// core for its candidacy (the full post path). Its p99 is compared with the plain room's.
// And with members connected (real WebSockets from a third process, through the production gateway): 1,000 of
// the room's members online at mixed desktop levels (a third each at all / mentions / nothing), 100 of them
// with keywords; every client must receive every message (each post fans out to 1,000 sockets, banners to the
// level-all third), and a room row goes to the worker with each post (level `all` members exist).
// On PostgreSQL the server's statements are counted (lib/pg-trace.ts): round trips per post, by statement.
// Run: npm run bench:api   (BENCH_MESSAGES, BENCH_WARMUP, BENCH_CLIENTS, BENCH_MEMBERS, BENCH_STORES=sqlite,postgres,bare,
// BENCH_KEYWORD_MEMBERS, BENCH_KEYWORD_STORES=sqlite,postgres, BENCH_KEYWORD_HIT_EVERY, BENCH_KEYWORD_PAIRS, BENCH_CONNECTED=1000,
// BENCH_CONNECTED_STORES=sqlite,postgres, BENCH_CONNECTED_MESSAGES, BENCH_PAIRS, BENCH_PAIR_MESSAGES,
// BENCH_CPU_PROF_DIR=<folder>: the server's CPU profile of each run's measured posts, to open in DevTools,
// BENCH_HTTP_CLIENT=undici|node, BENCH_CLIENT_COMPARE=node, BENCH_CLIENT_COMPARE_STORES=bare,sqlite,postgres,
// BENCH_CLIENT_COMPARE_PAIRS=2; NO_WRITE=1 prints without writing docs/BENCHMARKS.md)
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { Pool } from "undici";
import { buildApp, createServices } from "../packages/server/src/app.ts";
import { testConfig } from "../packages/server/src/config.ts";
import { postBatcher } from "../packages/server/src/http/messages/batch.ts";
import type { Stoppable } from "../packages/server/src/roles.ts";
import { allRoles, roleModules } from "../packages/server/src/roles.ts";
import { insertToken, insertUser } from "../packages/server/src/store/accounts.ts";
import type { Store } from "../packages/server/src/store/db.ts";
import { dropPgSchema, openStore } from "../packages/server/src/store/db.ts";
import { createRoom } from "../packages/server/src/store/rooms.ts";
import { traceStart, traceStop } from "./lib/pg-trace.ts";
import { load, machine, utcMinute, writeSection } from "./lib/report.ts";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 4000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
/**
 * Posts sent before the measured run of each row, not counted. Herald is a long-running server, so the rate it
 * sustains is its rate once V8 has optimised the post path; 500 posts (a quarter of a second) left the pg driver
 * and Kysely paths of the first PostgreSQL row partly unoptimised (1,756–2,016 msg/s against 2,069–2,369 for the
 * same store later in the same process), while 3,000 brought the first row level with the later ones.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3000);
const STORES = (process.env.BENCH_STORES ?? "bare,sqlite,postgres").split(",");
const KEYWORD_MEMBERS = Number(process.env.BENCH_KEYWORD_MEMBERS ?? 1000);
const KEYWORD_STORES = (process.env.BENCH_KEYWORD_STORES ?? "sqlite").split(",");
/** Members connected by WebSocket in the "connected" runs, and how many of them saved keywords. */
const CONNECTED = Number(process.env.BENCH_CONNECTED ?? 1000);
const CONNECTED_KEYWORD = Math.min(CONNECTED, 100);
const CONNECTED_STORES = (process.env.BENCH_CONNECTED_STORES ?? "sqlite,postgres").split(",");
const CONNECTED_MESSAGES = Number(process.env.BENCH_CONNECTED_MESSAGES ?? 300);
const CONNECTED_WARMUP = Math.min(WARMUP, 100);
/** Alternating plain SQLite / PostgreSQL runs after the table: the store ratio, less at the mercy of one moment. */
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const PAIR_MESSAGES = Number(process.env.BENCH_PAIR_MESSAGES ?? 1500);
/**
 * Alternating plain / keyword runs per keyword store after the table. One p99 of a few thousand posts moves by
 * up to 2 × between runs of the same code on this machine, so a single plain and a single keyword row cannot say
 * whether the keyword cost holds "consistently"; pairs run back to back see the same moment's noise.
 */
const KEYWORD_PAIRS = Number(process.env.BENCH_KEYWORD_PAIRS ?? 0);
/** One message in this many names a word one keyword member saved. */
const KEYWORD_HIT_EVERY = Number(process.env.BENCH_KEYWORD_HIT_EVERY ?? 10);
/** Roles whose start() runs, as `herald serve --roles=…` (register() runs for all, as in buildApp). */
const ROLES = (process.env.BENCH_ROLES ?? allRoles.join(",")).split(",");
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
/** The load generator of every row: undici (default) or node (node:http, the client before undici, to compare). */
const HTTP_CLIENT = process.env.BENCH_HTTP_CLIENT ?? "undici";
/**
 * Other load generators to compare with HTTP_CLIENT after the table: alternating runs of each on the floor and the
 * plain rooms (BENCH_CLIENT_COMPARE_STORES), BENCH_CLIENT_COMPARE_PAIRS times, BENCH_MESSAGES each.
 */
const COMPARE = (process.env.BENCH_CLIENT_COMPARE ?? "").split(",").filter(Boolean);
const COMPARE_STORES = (process.env.BENCH_CLIENT_COMPARE_STORES ?? "bare,sqlite,postgres").split(",");
const COMPARE_PAIRS = Number(process.env.BENCH_CLIENT_COMPARE_PAIRS ?? 2);
/** A directory: each run writes the server's CPU profile over its measured posts there (`<n>-<run>.cpuprofile`). */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF_DIR;

interface Target {
  /** Which load generator posts (a key of httpClients). */
  client: string;
  url: string;
  token: string;
  /** Members with keywords `kw0…`: every KEYWORD_HIT_EVERY-th message names one of them (0: none). */
  keywordMembers: number;
  warmup: number;
  messages: number;
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
  /** PostgreSQL: statements the server sent per post during the measured run. */
  trace?: { statement: string; perPost: number; ms: number }[];
  /** Connected runs: what the WebSocket clients received. */
  delivered?: string;
}

// ---------------------------------------------------------------- client (child process)

/** Message i's body: the same texts in every room; in a keyword room every KEYWORD_HIT_EVERY-th matches one member. */
function bodyOf(t: Target, i: number): string {
  const hit =
    t.keywordMembers > 0 && i % KEYWORD_HIT_EVERY === 0
      ? ` kw${(i / KEYWORD_HIT_EVERY) % t.keywordMembers}`
      : "";
  return JSON.stringify({ text: `message ${i} hello team${hit}` });
}

/** Runs `post` for messages from … from+count-1, CLIENTS at a time in a closed loop; each one's latency in ms. */
async function closedLoop(
  from: number,
  count: number,
  post: (i: number) => Promise<void>,
): Promise<number[]> {
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
  return latencies;
}

/**
 * node:http with a keep-alive Agent of CLIENTS sockets, the client before undici: its request and response
 * objects, streams and Agent bookkeeping cost the client 1.2–1.4 × undici's CPU per request.
 */
async function postManyNode(t: Target, from: number, count: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const u = new URL(t.url);
  const post = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = bodyOf(t, i);
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
  const latencies = await closedLoop(from, count, post);
  agent.destroy();
  return latencies;
}

/**
 * undici: a Pool of CLIENTS keep-alive connections, one request in flight on each, driven through its dispatch
 * handler API, so no response body stream or extra Promise is built per request (undici's `request()` builds
 * both and cost the client ~20 % more CPU per request on the floor).
 */
async function postManyUndici(t: Target, from: number, count: number): Promise<number[]> {
  const u = new URL(t.url);
  const pool = new Pool(u.origin, { connections: CLIENTS, pipelining: 1 });
  const headers = { authorization: `Bearer ${t.token}`, "content-type": "application/json" };
  const post = (i: number) =>
    new Promise<void>((resolve, reject) => {
      let status = 0;
      const chunks: Buffer[] = [];
      pool.dispatch(
        { path: u.pathname, method: "POST", headers, body: bodyOf(t, i) },
        {
          onRequestStart() {},
          onResponseStart(_c, statusCode) {
            status = statusCode;
          },
          onResponseData(_c, chunk) {
            chunks.push(chunk);
          },
          onResponseEnd() {
            if (status === 201) resolve();
            else reject(new Error(`status ${status}: ${Buffer.concat(chunks).toString()}`));
          },
          onResponseError(_c, err) {
            reject(err);
          },
        },
      );
    });
  try {
    return await closedLoop(from, count, post);
  } finally {
    await pool.close();
  }
}

/** The load generators, by BENCH_HTTP_CLIENT name; the first is the default. */
const httpClients: Record<string, (t: Target, from: number, count: number) => Promise<number[]>> = {
  undici: postManyUndici,
  node: postManyNode,
};

async function clientMain(): Promise<void> {
  process.once("message", async (t: Target) => {
    try {
      const postMany = httpClients[t.client];
      await postMany(t, 0, t.warmup);
      // Tell the parent the measured run starts, so it samples its own CPU over the same window.
      process.send?.({ kind: "start" });
      const cpu0 = process.cpuUsage();
      const started = performance.now();
      const latencies = await postMany(t, t.warmup, t.messages);
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const result: ClientResult = { seconds, latencies, clientCpuMs: (cpu.user + cpu.system) / 1000 };
      process.send?.({ kind: "done", result }, () => process.exit(0));
    } catch (err) {
      process.send?.({ kind: "error", message: (err as Error).message }, () => process.exit(1));
    }
  });
}

let profiles = 0;

/** The server's CPU profile over the measured posts only (seeding and warm-up left out), when asked for. */
async function profiler(): Promise<{ stop(name: string): Promise<void> } | null> {
  if (!CPU_PROF_DIR) return null;
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop(name: string) {
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      const file = `${++profiles}-${name.replace(/\W+/g, "-").slice(0, 40)}.cpuprofile`;
      writeFileSync(join(CPU_PROF_DIR, file), JSON.stringify(profile));
    },
  };
}

/** Runs the client in a child process against `t`; returns its result and the server's CPU over the run. */
function runClient(
  t: Target,
  name = "run",
): Promise<{ result: ClientResult; serverCpuMs: number; serverSysMs: number }> {
  const child = fork(import.meta.filename, [], { env: { ...process.env, BENCH_ROLE: "client" } });
  return new Promise((resolve, reject) => {
    let cpu0 = process.cpuUsage();
    let prof: Promise<Awaited<ReturnType<typeof profiler>>> = Promise.resolve(null);
    child.on("message", async (m: { kind: string; result?: ClientResult; message?: string }) => {
      if (m.kind === "start") {
        cpu0 = process.cpuUsage();
        traceStart();
        prof = profiler();
      }
      if (m.kind === "done" && m.result) {
        const cpu = process.cpuUsage(cpu0);
        await (await prof)?.stop(name);
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

function row(
  name: string,
  r: { result: ClientResult; serverCpuMs: number; serverSysMs: number },
  messages = MESSAGES,
): Row {
  const lat = r.result.latencies.sort((a, b) => a - b);
  const trace = traceStop(messages);
  return {
    name,
    rate: Math.round(messages / r.result.seconds),
    p50: pct(lat, 50),
    p99: pct(lat, 99),
    serverCpuUsPerMsg: Math.round((r.serverCpuMs * 1000) / messages),
    serverSysUsPerMsg: Math.round((r.serverSysMs * 1000) / messages),
    clientCpuUsPerMsg: Math.round((r.result.clientCpuMs * 1000) / messages),
    ...(trace.length ? { trace } : {}),
  };
}

interface Seeded {
  roomId: string;
  token: string;
  /** Tokens of the members m0 … m(connected-1), who connect by WebSocket. */
  connectedTokens: string[];
}

/** Desktop level of connected member i: a third each at all / mentions / nothing (push follows desktop). */
const LEVELS = ["all", "mentions", "nothing"] as const;

/**
 * `keywordMembers` of the members save keywords as the settings API does (prefs and the keywords column); the
 * first `connected` members get tokens and mixed levels (LEVELS).
 */
async function seed(store: Store, keywordMembers: number, connected = 0): Promise<Seeded> {
  const now = Date.now();
  const first = await insertUser(store.db, { username: "sender", passwordHash: "x", role: "member" }, now);
  const rows = Array.from({ length: MEMBERS - 1 }, (_, i) => {
    const keywords = i < keywordMembers ? JSON.stringify(["deploy", `kw${i}`]) : null;
    const prefs: Record<string, unknown> = {};
    if (keywords) prefs.keywords = JSON.parse(keywords);
    if (i < connected) prefs.desktop = LEVELS[i % 3];
    return {
      ...first,
      id: `m${i}`,
      username: `m${i}`,
      username_lower: `m${i}`,
      ...(keywords ? { keywords } : {}),
      ...(Object.keys(prefs).length ? { prefs: JSON.stringify(prefs) } : {}),
    };
  });
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
  const connectedTokens: string[] = [];
  for (let i = 0; i < connected; i++)
    connectedTokens.push((await insertToken(store.db, `m${i}`, "bench", ["read", "write"], now)).token);
  return { roomId: room.id, token: t.token, connectedTokens };
}

/** The floor: a Fastify route that parses the JSON body and answers 201, over the same client. */
async function runBare(client = HTTP_CLIENT): Promise<Row> {
  const app = Fastify({ logger: false });
  app.post("/api/v1/rooms/:id/messages", async (_req, reply) => reply.status(201).send({ ok: true }));
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  try {
    return row(
      "bare Fastify route (floor)",
      await runClient({
        client,
        url: `${base}/api/v1/rooms/r/messages`,
        token: "x",
        keywordMembers: KEYWORD_MEMBERS,
        warmup: WARMUP,
        messages: MESSAGES,
      }),
    );
  } finally {
    await app.close();
  }
}

/** Asks the WebSocket client process `msg` and waits for its answer carrying `key`. */
function ask(child: ChildProcess, msg: object, key: string): Promise<Record<string, number>> {
  return new Promise((resolve) => {
    const on = (m: Record<string, number>) => {
      if (key in m) {
        child.off("message", on);
        resolve(m);
      }
    };
    child.on("message", on);
    child.send(msg);
  });
}

interface Scenario {
  /** Measured messages (default: BENCH_MESSAGES, or BENCH_CONNECTED_MESSAGES when members are connected). */
  messages?: number;
  keywordMembers: number;
  /** Members connected by WebSocket (0: nobody online). */
  connected: number;
  /** The load generator (default HTTP_CLIENT). */
  client?: string;
}

/** Herald as `herald serve` runs it (every role started), logging at `warn`, rate limits out of the way. */
async function runHerald(name: string, store: Store, sc: Scenario): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), "herald-bench-"));
  const config = testConfig({ dataDir: dir, webDist: join(dir, "none"), logLevel: "warn" });
  const services = await createServices(config, { store });
  const { roomId, token, connectedTokens } = await seed(store, sc.keywordMembers, sc.connected);
  const app = await buildApp(services);
  const started: Stoppable[] = [];
  for (const m of roleModules) {
    if (!ROLES.includes(m.role) || !m.start) continue;
    const s = await m.start(services, app);
    if (s) started.push(s);
  }
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  const messages = sc.messages ?? (sc.connected ? CONNECTED_MESSAGES : MESSAGES);
  const warmup = sc.connected ? CONNECTED_WARMUP : WARMUP;
  const ws = sc.connected
    ? fork(new URL("./gateway/clients.ts", import.meta.url), [], { stdio: "inherit" })
    : null;
  try {
    if (ws) {
      const url = `${base.replace("http", "ws")}/api/v1/realtime`;
      const opened = await ask(
        ws,
        { cmd: "open", url, n: sc.connected, hello: true, tokens: connectedTokens },
        "opened",
      );
      if (opened.opened !== sc.connected) throw new Error(`only ${opened.opened} WebSockets opened`);
      await ask(ws, { cmd: "count" }, "counting");
    }
    const r = row(
      name,
      await runClient(
        {
          client: sc.client ?? HTTP_CLIENT,
          url: `${base}/api/v1/rooms/${roomId}/messages`,
          token,
          keywordMembers: sc.connected ? CONNECTED_KEYWORD : KEYWORD_MEMBERS,
          warmup,
          messages,
        },
        name,
      ),
      messages,
    );
    if (ws) {
      const answered = performance.timeOrigin + performance.now();
      const c = await ask(ws, { cmd: "counted", messages: warmup + messages, timeoutMs: 60_000 }, "counted");
      const perClient = c.messages / sc.connected;
      r.delivered = `${c.complete ? "every" : "NOT every"} client had all ${(warmup + messages).toLocaleString("en-US")} messages (mean ${perClient.toFixed(0)} each) ${Math.max(0, c.at - answered).toFixed(0)} ms after the last post was answered; ${c.banners.toLocaleString("en-US")} banners`;
    }
    const { transactions, posts } = postBatcher(store.db).stats;
    r.name += ` — ${(posts / Math.max(1, transactions)).toFixed(1)} posts per transaction`;
    return r;
  } finally {
    if (ws) {
      await ask(ws, { cmd: "close" }, "closed");
      ws.kill();
    }
    for (const s of started.reverse()) await s.stop();
    await app.close();
    await services.decisions.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onSqlite(name: string, sc: Scenario): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), "herald-bench-db-"));
  const store = await openStore({ sqlitePath: join(dir, "bench.db") });
  try {
    return await runHerald(name, store, sc);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

let pgRuns = 0;

async function onPostgres(name: string, sc: Scenario): Promise<Row | null> {
  const schema = `bench_${process.pid}_${sc.keywordMembers}_${sc.connected}_${++pgRuns}`;
  try {
    const store = await openStore({ databaseUrl: PG_URL, pgSchema: schema });
    try {
      return await runHerald(name, store, sc);
    } finally {
      await store.close();
      await dropPgSchema(PG_URL, schema);
    }
  } catch (err) {
    console.error(`PostgreSQL run failed: ${(err as Error).message}`);
    return null;
  }
}

/** "p99 with keywords / p99 plain" per store that ran both: the post path's cost of MEN-4 (target ≤ 1.2). */
function keywordRatios(pairs: [string, Row, Row | null][]): string[] {
  return pairs
    .filter((x): x is [string, Row, Row] => x[2] !== null)
    .map(
      ([store, plain, kw]) =>
        `- ${store}: p99 ${plain.p99.toFixed(2)} ms plain → ${kw.p99.toFixed(2)} ms with ${KEYWORD_MEMBERS.toLocaleString("en-US")} keyword members (**${(kw.p99 / plain.p99).toFixed(2)} ×**), p50 ${(kw.p50 / plain.p50).toFixed(2)} ×, server CPU ${(kw.serverCpuUsPerMsg / plain.serverCpuUsPerMsg).toFixed(2)} ×`,
    );
}

/** The BENCH_* settings this run was given, as they would be typed before the command. */
function envSet(): string {
  const set = Object.entries(process.env).filter(([k]) => k.startsWith("BENCH_") && k !== "BENCH_ROLE");
  return set.map(([k, v]) => `${k}=${v} `).join("");
}

/** "met" / "NOT met" for a target, in words. */
const met = (ok: boolean) => (ok ? "met" : "**NOT met**");

/** "1.90 × (1.75–2.10)": the median of same-run ratios and their spread. */
function ratioSpread(ratios: number[]): string {
  const sorted = [...ratios].sort((x, y) => x - y);
  const median =
    sorted.length % 2
      ? sorted[(sorted.length - 1) / 2]
      : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return `**${median.toFixed(2)} ×** (${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)})`;
}

/**
 * The load generators side by side in this run: on each of COMPARE_STORES, HTTP_CLIENT and each COMPARE client in
 * turn (the order flipped every pair, so neither always runs first), COMPARE_PAIRS times; then per store the
 * ratios other / HTTP_CLIENT of each pair.
 */
async function compareClients(): Promise<string> {
  const clients = [HTTP_CLIENT, ...COMPARE];
  const runs: { store: string; client: string; pair: number; row: Row; load: string }[] = [];
  const plain = (client: string) => ({ keywordMembers: 0, connected: 0, client });
  for (let pair = 0; pair < COMPARE_PAIRS; pair++)
    for (const store of COMPARE_STORES)
      for (const client of pair % 2 ? [...clients].reverse() : clients) {
        const row =
          store === "bare"
            ? await runBare(client)
            : store === "sqlite"
              ? await onSqlite("SQLite", plain(client))
              : await onPostgres("PostgreSQL", plain(client));
        if (row) runs.push({ store, client, pair, row, load: load().split(" / ")[0] });
      }
  const ratios: string[] = [];
  for (const store of COMPARE_STORES)
    for (const other of COMPARE) {
      const per = (f: (r: Row) => number) =>
        Array.from({ length: COMPARE_PAIRS }, (_, pair) => {
          const get = (client: string) =>
            runs.find((r) => r.store === store && r.client === client && r.pair === pair);
          const a = get(other);
          const b = get(HTTP_CLIENT);
          return a && b ? f(a.row) / f(b.row) : Number.NaN;
        }).filter((x) => !Number.isNaN(x));
      if (!per((r) => r.rate).length) continue;
      ratios.push(
        `- ${store}, ${other} / ${HTTP_CLIENT}: client CPU per request ${ratioSpread(per((r) => r.clientCpuUsPerMsg))}, msg/s ${ratioSpread(per((r) => r.rate))}, p99 ${ratioSpread(per((r) => r.p99))}, server CPU per message ${ratioSpread(per((r) => r.serverCpuUsPerMsg))}`,
      );
    }
  return `Load generators compared in this run (${MESSAGES.toLocaleString("en-US")} messages after ${WARMUP} warm-up each, ${CLIENTS} concurrent requests, plain rooms; ratios are median (min–max) over ${COMPARE_PAIRS} pairs):

| store | client | pair | msg/s | p50 ms | p99 ms | server CPU µs/msg | client CPU µs/request | load (1 min) after |
|---|---|---|---|---|---|---|---|---|
${runs.map((r) => `| ${r.store} | ${r.client} | ${r.pair + 1} | ${r.row.rate.toLocaleString("en-US")} | ${r.row.p50.toFixed(2)} | ${r.row.p99.toFixed(2)} | ${r.row.serverCpuUsPerMsg} | ${r.row.clientCpuUsPerMsg} | ${r.load} |`).join("\n")}

${ratios.join("\n")}
`;
}

async function serverMain(): Promise<void> {
  for (const c of [HTTP_CLIENT, ...COMPARE])
    if (!httpClients[c])
      throw new Error(
        `BENCH_HTTP_CLIENT / BENCH_CLIENT_COMPARE: ${c} is none of ${Object.keys(httpClients).join(", ")}`,
      );
  const loadAtStart = load();
  const results: Row[] = [];
  const loads: string[] = [];
  const pairs: [string, Row, Row | null][] = [];
  const plains: Partial<Record<"sqlite" | "postgres", Row>> = {};
  const kwName = `${KEYWORD_MEMBERS.toLocaleString("en-US")} members with keywords`;
  const connName = `${CONNECTED.toLocaleString("en-US")} members connected (levels all / mentions / nothing), ${CONNECTED_KEYWORD} with keywords`;
  const add = (r: Row | null) => {
    if (!r) return;
    results.push(r);
    loads.push(load().split(" / ")[0]);
  };
  if (STORES.includes("bare")) add(await runBare());
  if (STORES.includes("sqlite")) {
    const plain = await onSqlite("SQLite (node:sqlite, WAL)", { keywordMembers: 0, connected: 0 });
    add(plain);
    plains.sqlite = plain;
    if (KEYWORD_STORES.includes("sqlite")) {
      const kw = await onSqlite(`SQLite, ${kwName}`, { keywordMembers: KEYWORD_MEMBERS, connected: 0 });
      add(kw);
      pairs.push(["SQLite", plain, kw]);
    }
  }
  if (STORES.includes("postgres")) {
    const plain = await onPostgres("PostgreSQL (pg, pool 10 + 2 for posts)", {
      keywordMembers: 0,
      connected: 0,
    });
    add(plain);
    if (plain) plains.postgres = plain;
    if (plain && KEYWORD_STORES.includes("postgres")) {
      const kw = await onPostgres(`PostgreSQL, ${kwName}`, { keywordMembers: KEYWORD_MEMBERS, connected: 0 });
      add(kw);
      pairs.push(["PostgreSQL", plain, kw]);
    }
  }
  if (CONNECTED > 0) {
    if (STORES.includes("sqlite") && CONNECTED_STORES.includes("sqlite"))
      add(await onSqlite(`SQLite, ${connName}`, { keywordMembers: CONNECTED_KEYWORD, connected: CONNECTED }));
    if (STORES.includes("postgres") && CONNECTED_STORES.includes("postgres"))
      add(
        await onPostgres(`PostgreSQL, ${connName}`, {
          keywordMembers: CONNECTED_KEYWORD,
          connected: CONNECTED,
        }),
      );
  }
  const table = [
    "| run | msg/s | p50 ms | p99 ms | server CPU µs/msg (of it kernel) | client CPU µs/msg | load (1 min) after |",
    "|---|---|---|---|---|---|---|",
    ...results.map(
      (r, i) =>
        `| ${r.name} | ${r.rate.toLocaleString("en-US")} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.serverCpuUsPerMsg} (${r.serverSysUsPerMsg}) | ${r.clientCpuUsPerMsg} | ${loads[i]} |`,
    ),
  ];
  const delivered = results
    .filter((r) => r.delivered)
    .map((r) => `- ${r.name.split(" — ")[0]}: ${r.delivered}`);
  const targets: string[] = [];
  const { sqlite, postgres } = plains;
  if (sqlite)
    targets.push(
      `- SQLite plain: ${sqlite.rate.toLocaleString("en-US")} msg/s (≥ 2,000: ${met(sqlite.rate >= 2000)}), p99 ${sqlite.p99.toFixed(2)} ms (≤ 20 ms: ${met(sqlite.p99 <= 20)})`,
    );
  if (postgres)
    targets.push(
      `- PostgreSQL plain: ${postgres.rate.toLocaleString("en-US")} msg/s (≥ 2,000: ${met(postgres.rate >= 2000)}), p99 ${postgres.p99.toFixed(2)} ms (≤ 20 ms: ${met(postgres.p99 <= 20)})`,
    );
  if (sqlite && postgres) {
    const ratio = postgres.rate / sqlite.rate;
    targets.push(
      `- **PostgreSQL / SQLite rate in this run: ${(ratio * 100).toFixed(0)} %** (≥ 50 %: ${met(ratio >= 0.5)}); server CPU per post ${(postgres.serverCpuUsPerMsg / sqlite.serverCpuUsPerMsg).toFixed(2)} ×`,
    );
  }
  if (sqlite && postgres && PAIRS > 0) {
    const ratios: number[] = [];
    const rates: string[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const sc = { messages: PAIR_MESSAGES, keywordMembers: 0, connected: 0 };
      const a = await onSqlite("pair", sc);
      const b = await onPostgres("pair", sc);
      if (!b) continue;
      ratios.push(b.rate / a.rate);
      rates.push(`${b.rate}/${a.rate}`);
    }
    const sorted = [...ratios].sort((x, y) => x - y);
    const median = sorted[Math.floor(sorted.length / 2)];
    if (ratios.length)
      targets.push(
        `- ${PAIRS} alternating pairs after the table (SQLite then PostgreSQL, ${PAIR_MESSAGES.toLocaleString("en-US")} messages each, msg/s PostgreSQL/SQLite: ${rates.join(", ")}): ratios ${ratios.map((r) => `${(r * 100).toFixed(0)} %`).join(", ")} — **median ${(median * 100).toFixed(0)} %** (≥ 50 %: ${met(median >= 0.5)}); load (1 min) after: ${load().split(" / ")[0]}`,
      );
  }
  for (const [store, on] of [
    ["SQLite", onSqlite],
    ["PostgreSQL", onPostgres],
  ] as const) {
    if (KEYWORD_PAIRS <= 0 || !pairs.some(([s]) => s === store)) continue;
    const ratios: number[] = [];
    for (let i = 0; i < KEYWORD_PAIRS; i++) {
      const messages = PAIR_MESSAGES;
      const plain = await on("pair", { messages, keywordMembers: 0, connected: 0 });
      const kw = await on("pair", { messages, keywordMembers: KEYWORD_MEMBERS, connected: 0 });
      if (plain && kw) ratios.push(kw.p99 / plain.p99);
    }
    if (!ratios.length) continue;
    const within = ratios.filter((r) => r <= 1.2).length;
    targets.push(
      `- ${store}, ${ratios.length} alternating plain / keyword pairs after the table (${PAIR_MESSAGES.toLocaleString("en-US")} messages each): keyword ÷ plain p99 ${ratioSpread(ratios)}, within 1.2 × in ${within} of ${ratios.length} (${ratios.map((r) => r.toFixed(2)).join(", ")}); load (1 min) after: ${load().split(" / ")[0]}`,
    );
  }
  const traces = results
    .filter((r) => r.trace)
    .map(
      (r) =>
        `${r.name.split(" — ")[0]} — ${r.trace!.reduce((n, t) => n + t.perPost, 0).toFixed(2)} statements per post:\n\n| statement | per post | mean wall ms (send → answer) |\n|---|---|---|\n${r
          .trace!.filter((t) => t.perPost >= 0.01)
          .map((t) => `| ${t.statement} | ${t.perPost.toFixed(2)} | ${t.ms.toFixed(2)} |`)
          .join("\n")}`,
    );
  const comparison = COMPARE.length ? `\n${await compareClients()}` : "";
  const section = `## API

Command: \`${envSet()}npm run bench:api\` (bench/api.bench.ts; stores run: ${STORES.join(", ")}) — ${utcMinute()}.
Machine: ${machine()}. Load average at start: ${loadAtStart}; at end: ${load()} (each row: the 1-minute load when it ended).
${MESSAGES.toLocaleString("en-US")} messages after ${WARMUP} warm-up are POSTed over real HTTP on loopback by a client in a child process
(${HTTP_CLIENT === "undici" ? "undici Pool through its dispatch API" : "node:http"}, ${CLIENTS} keep-alive connections, one request in flight on each; its own CPU per
request is the client column) into a ${MEMBERS.toLocaleString("en-US")}-member channel; bearer-token auth and the
whole post path (room check, mention parse, keyword match, the transaction with the outbox hook, after-commit bus
publish); the server runs as \`herald serve\` does (roles started: ${ROLES.join(", ")}), logging at \`warn\`, on
the in-process bus (no Redis). The same client first hits a bare Fastify route that parses the body and answers
201: the floor of this machine at that moment. Server CPU per message (\`process.cpuUsage\` of the server process
over the measured run; on PostgreSQL the database's own CPU is NOT in it) is the number least moved by other work.
Plain and keyword rows: nobody is connected, nobody has level \`all\`, so the post writes no outbox row and the
gateway sends nothing — the cheapest post. Keyword rows: ${KEYWORD_MEMBERS.toLocaleString("en-US")} members saved keywords (MEN-4: every post matches them;
every ${KEYWORD_HIT_EVERY}th message names one, whose facts the outbox loads for core). Connected rows (${CONNECTED_MESSAGES.toLocaleString("en-US")} messages after ${CONNECTED_WARMUP} warm-up):
${CONNECTED.toLocaleString("en-US")} members hold real WebSockets (a third process) at desktop levels all / mentions / nothing in turn,
${CONNECTED_KEYWORD} of them with keywords; every post is fanned out by the production gateway (SQL store, decision recorder)
to ${CONNECTED.toLocaleString("en-US")} sockets, banners go to the level-\`all\` third, and each post writes a room row that the
worker (same process) expands for the room's offline members (none has a push subscription, so nothing is sent).
Targets: **≥ 2,000 msg/s and p99 ≤ 20 ms** (SQLite and PostgreSQL), PostgreSQL **≥ 50 % of SQLite's rate in the
same run**, keyword p99 within 20 % of the plain room's.

${table.join("\n")}

${targets.join("\n")}
${keywordRatios(pairs).join("\n")}
${delivered.join("\n")}

${traces.join("\n\n")}
${comparison}`;
  console.log(section);
  writeSection("## API", section);
}

if (process.env.BENCH_ROLE === "client") await clientMain();
else await serverMain();
