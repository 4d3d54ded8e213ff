// npm run bench:gateway (first part) — `@all` fan-out on the gateway as `herald serve --roles=api,gateway` wires
// it: SQLite store (SqlGatewayStore), the decision recorder writing banner decisions, members connected with
// their own tokens, the post sent over HTTP. Once on the in-process bus and presence, once on Redis
// (127.0.0.1:6379, a prefix of its own). Each variant runs in a fresh child process that also holds a bare `ws`
// server: every round first broadcasts the frames a client received from Herald to as many sockets (the floor),
// then posts, so both see the same machine. Memory per connection is read in another fresh child that opens
// only the gateway role and the sockets. Client load runs in child processes on loopback.
// Writes the "## Gateway" section of docs/BENCHMARKS.md.
// Usage: node --expose-gc bench/gateway.bench.ts [N=3000]   (BENCH_GATEWAY_VARIANTS=sqlite,redis)
import { type ChildProcess, fork } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { WebSocketServer } from "ws";
import { buildApp, createServices } from "../packages/server/src/app.ts";
import { testConfig } from "../packages/server/src/config.ts";
import type { RoleName, Stoppable } from "../packages/server/src/roles.ts";
import { roleModules } from "../packages/server/src/roles.ts";
import { insertToken, insertUser } from "../packages/server/src/store/accounts.ts";
import { openStore } from "../packages/server/src/store/db.ts";
import { migrateToLatest } from "../packages/server/src/store/migrator.ts";
import { createRoom } from "../packages/server/src/store/rooms.ts";
import { load, machine, utcMinute, writeSection } from "./lib/report.ts";

const N = Number(process.argv[2] ?? 3000);
const ROUNDS = 5;
const VARIANTS = (process.env.BENCH_GATEWAY_VARIANTS ?? "sqlite,redis").split(",");
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const CLIENTS = new URL("./gateway/clients.ts", import.meta.url);

interface Fixture {
  roomId: string;
  senderToken: string;
  tokens: string[];
}

interface FanoutResult {
  variant: string;
  floor: number[];
  herald: number[];
  frames: number;
  frameBytes: number;
  decisionRows: number;
  openMs: number;
}

interface MemoryResult {
  rssKB: number;
  heapKB: number;
  heapTotalKB: number;
  externalKB: number;
  rssBeforeMB: number;
}

type Reply = Record<string, number> & { frames?: string[] };

/** Longest wait for one answer (a round, or N sockets opening) before the variant is reported as failed. */
const ANSWER_MS = 60_000;

function ask(child: ChildProcess, msg: object, key: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off("message", on);
      child.off("exit", gone);
      reject(new Error(`no "${key}" from the client process within ${ANSWER_MS / 1000} s`));
    }, ANSWER_MS);
    const gone = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`client process exited (${signal ?? code}) while waiting for "${key}"`));
    };
    const on = (m: Reply) => {
      if (key in m) {
        child.off("message", on);
        child.off("exit", gone);
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.on("message", on);
    child.once("exit", gone);
    child.send(msg);
  });
}

const gc = () => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error("run with --expose-gc");
  g();
  g();
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => performance.timeOrigin + performance.now();

/** One channel of N members at the default levels and an admin sender (MEN-7: admins may `@all`). */
async function buildFixture(dir: string): Promise<void> {
  const store = await openStore({ sqlitePath: join(dir, "fixture.db") });
  await migrateToLatest(store.db);
  const t = Date.now();
  const sender = await insertUser(store.db, { username: "sender", passwordHash: "x", role: "admin" }, t);
  const rows = Array.from({ length: N }, (_, i) => ({
    ...sender,
    role: "member" as const,
    id: `m${i}`,
    username: `m${i}`,
    username_lower: `m${i}`,
    display_name: `m${i}`,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await store.db
      .insertInto("users")
      .values(rows.slice(i, i + 500))
      .execute();
  const room = await store.db
    .transaction()
    .execute((trx) =>
      createRoom(
        trx,
        { kind: "channel", name: "all", createdBy: sender.id },
        [sender.id, ...rows.map((r) => r.id)],
        t,
      ),
    );
  const senderToken = (await insertToken(store.db, sender.id, "bench", ["read", "write"], t)).token;
  // One transaction: N autocommits would each wait for a sync on this loaded disk.
  const tokens = await store.db.transaction().execute(async (trx) => {
    const out: string[] = [];
    for (let i = 0; i < N; i++) out.push((await insertToken(trx, `m${i}`, "bench", ["read"], t)).token);
    return out;
  });
  await store.close();
  writeFileSync(join(dir, "fixture.json"), JSON.stringify({ roomId: room.id, senderToken, tokens }));
}

/** A Herald process as `herald serve --roles=…` starts it (roles' register + start), on a copy of the fixture. */
async function herald(fixtureDir: string, roles: RoleName[], redisPrefix?: string) {
  const dir = mkdtempSync(join(tmpdir(), "herald-bench-gw-"));
  copyFileSync(join(fixtureDir, "fixture.db"), join(dir, "herald.db"));
  const store = await openStore({ sqlitePath: join(dir, "herald.db") });
  const config = testConfig({
    dataDir: dir,
    webDist: join(dir, "none"),
    logLevel: "warn",
    ...(redisPrefix ? { redisUrl: REDIS_URL, redisPrefix } : {}),
  });
  const services = await createServices(config, { store });
  const app = await buildApp(services, roles);
  const started: Stoppable[] = [];
  for (const m of roleModules) {
    if (!roles.includes(m.role) || !m.start) continue;
    const s = await m.start(services, app);
    if (s) started.push(s);
  }
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    base,
    services,
    store,
    stop: async () => {
      for (const s of started.reverse()) await s.stop();
      await app.close();
      await services.decisions.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fresh process: the gateway role alone, then N sockets; heap and RSS growth after GC ÷ N. */
async function memoryMain(fixtureDir: string): Promise<MemoryResult> {
  const fx = JSON.parse(readFileSync(join(fixtureDir, "fixture.json"), "utf8")) as Fixture;
  const h = await herald(fixtureDir, ["gateway"]);
  const clients = fork(CLIENTS, [], { stdio: "inherit" });
  try {
    gc();
    const before = process.memoryUsage();
    const url = `${h.base.replace("http", "ws")}/api/v1/realtime`;
    await ask(clients, { cmd: "open", url, n: N, hello: true, tokens: fx.tokens }, "opened");
    // Settle: every hello answered with its room state before the idle memory is read.
    await new Promise((r) => setTimeout(r, 3000));
    gc();
    const after = process.memoryUsage();
    return {
      rssKB: (after.rss - before.rss) / N / 1024,
      heapKB: (after.heapUsed - before.heapUsed) / N / 1024,
      heapTotalKB: (after.heapTotal - before.heapTotal) / N / 1024,
      externalKB: (after.external - before.external) / N / 1024,
      rssBeforeMB: before.rss / 2 ** 20,
    };
  } finally {
    if (clients.exitCode === null && clients.signalCode === null)
      await ask(clients, { cmd: "close" }, "closed").catch(() => {});
    clients.kill();
    await h.stop();
  }
}

/** Fresh process: api + gateway roles, N Herald clients and N floor clients; floor then `@all` each round. */
async function fanoutMain(fixtureDir: string, variant: string): Promise<FanoutResult> {
  const fx = JSON.parse(readFileSync(join(fixtureDir, "fixture.json"), "utf8")) as Fixture;
  const prefix = variant === "redis" ? `herald-bench-${process.pid}-${Date.now()}:` : undefined;
  const h = await herald(fixtureDir, ["api", "gateway"], prefix);
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false });
  await new Promise((r) => wss.on("listening", r));
  const rawUrl = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`;
  const heraldClients = fork(CLIENTS, [], { stdio: "inherit" });
  const floorClients = fork(CLIENTS, [], { stdio: "inherit" });
  let round = 0;
  let frames: string[] = [];
  const post = async (): Promise<number> => {
    await ask(
      heraldClients,
      { cmd: "expect", types: ["message", "banner", "badge"], capture: true },
      "armed",
    );
    const done = ask(heraldClients, {}, "done");
    const start = now();
    const res = await fetch(`${h.base}/api/v1/rooms/${fx.roomId}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${fx.senderToken}`, "content-type": "application/json" },
      body: JSON.stringify({ text: `@all round ${round++}` }),
    });
    if (res.status !== 201) throw new Error(`post: ${res.status} ${await res.text()}`);
    const d = await done;
    frames = d.frames ?? [];
    return d.last - start;
  };
  try {
    const t0 = performance.now();
    const url = `${h.base.replace("http", "ws")}/api/v1/realtime`;
    await ask(heraldClients, { cmd: "open", url, n: N, hello: true, tokens: fx.tokens }, "opened");
    const openMs = performance.now() - t0;
    console.error(`${variant}: ${N} Herald sockets open in ${Math.round(openMs)} ms`);
    await ask(floorClients, { cmd: "open", url: rawUrl, n: N }, "opened");
    await new Promise((r) => setTimeout(r, 2000));
    console.error(`${variant}: floor sockets open`);
    await post(); // warm-up; its frames are what the floor sends
    console.error(`${variant}: warm-up post delivered`);
    const floor: number[] = [];
    const heraldTimes: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const sent = frames.map((f) => Buffer.from(f));
      await ask(floorClients, { cmd: "expect", types: ["message", "banner", "badge"] }, "armed");
      const done = ask(floorClients, {}, "done");
      const start = now();
      for (const buf of sent) for (const ws of wss.clients) ws.send(buf);
      floor.push((await done).last - start);
      heraldTimes.push(await post());
    }
    await h.services.decisions.flush();
    const decisionRows = Number(
      (
        await h.store.db
          .selectFrom("decisions")
          .select((e) => e.fn.countAll<number>().as("n"))
          .executeTakeFirst()
      )?.n ?? 0,
    );
    return {
      variant,
      floor,
      herald: heraldTimes,
      frames: frames.length,
      frameBytes: frames.reduce((a, f) => a + Buffer.byteLength(f), 0),
      decisionRows,
      openMs,
    };
  } finally {
    for (const c of [heraldClients, floorClients]) {
      if (c.exitCode === null && c.signalCode === null)
        await ask(c, { cmd: "close" }, "closed").catch(() => {});
      c.kill();
    }
    await new Promise((r) => wss.close(r));
    await h.stop();
    if (prefix) {
      // Leave the shared Redis as found: presence keys and anything else under this run's prefix.
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.quit();
    }
  }
}

function runChild<T>(kind: string, fixtureDir: string): Promise<T> {
  const child = fork(import.meta.filename, [String(N)], {
    env: { ...process.env, BENCH_GATEWAY_CHILD: kind, BENCH_GATEWAY_FIXTURE: fixtureDir },
    // V8 as `npm start` and the image run Herald (a smaller young generation: docs/OPERATIONS.md).
    execArgv: ["--expose-gc", "--max-semi-space-size=8"],
  });
  return new Promise((resolve, reject) => {
    child.on("message", (m: { result?: T; error?: string }) => {
      if (m.result) resolve(m.result);
      if (m.error) reject(new Error(m.error));
    });
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`${kind} child exited with ${code}`));
    });
  });
}

async function parentMain(): Promise<void> {
  const loadAtStart = load();
  const began = performance.now();
  const fixtureDir = mkdtempSync(join(tmpdir(), "herald-bench-gw-fixture-"));
  let mem: MemoryResult | undefined;
  const results: FanoutResult[] = [];
  const loads: string[] = [];
  try {
    await buildFixture(fixtureDir);
    console.error(`fixture: ${Math.round(performance.now() - began)} ms`);
    mem = await runChild<MemoryResult>("memory", fixtureDir);
    console.error(`memory: ${JSON.stringify(mem)} at ${Math.round(performance.now() - began)} ms`);
    for (const v of VARIANTS) {
      try {
        results.push(await runChild<FanoutResult>(v, fixtureDir));
        console.error(
          `${v}: ${JSON.stringify(results.at(-1))} at ${Math.round(performance.now() - began)} ms`,
        );
        loads.push(load().split(" / ")[0]);
      } catch (err) {
        console.error(`${v}: ${(err as Error).message}`);
        process.exitCode = 1;
      }
    }
  } finally {
    rmSync(fixtureDir, { recursive: true, force: true });
  }
  const n = N.toLocaleString("en-US");
  const ms = (xs: number[]) => xs.map(Math.round).join(", ");
  const name = (v: string) =>
    v === "redis" ? "SQLite, **Redis** bus and presence" : "SQLite, in-process bus and presence";
  const rows = results.map((r, i) => {
    const ratios = r.herald.map((t, j) => t / r.floor[j]);
    const ratio = median(ratios);
    const over = ratios.filter((x) => x > 2).length;
    const met = `${ratio <= 2 ? "met" : "**not met**"} on the median, ${over} of ${ratios.length} rounds over 2 ×`;
    return `| ${name(r.variant)} | ${Math.round(median(r.floor))} ms (${ms(r.floor)}) | ${Math.round(median(r.herald))} ms (${ms(r.herald)}) | **${ratio.toFixed(2)} ×** (${ratios.map((x) => x.toFixed(2)).join(", ")}) — ${met} | ${r.decisionRows.toLocaleString("en-US")} | ${(r.openMs / 1000).toFixed(1)} s | ${loads[i]} |`;
  });
  const frames = results[0]
    ? `${results[0].frames} frame(s), ${results[0].frameBytes} bytes per client`
    : "—";
  const memRow = mem
    ? `| memory per idle connection: RSS growth after GC ÷ ${n} (growth of each part: live V8 heap; V8 heap total, live and free; external buffers) | **${mem.rssKB.toFixed(1)} KB** (${mem.heapKB.toFixed(1)}; ${mem.heapTotalKB.toFixed(1)}; ${mem.externalKB.toFixed(1)} KB) — ${mem.rssKB <= 20 ? "met" : "**not met**"} | ≤ 20 KB |`
    : "| memory per idle connection | not measured (child failed) | ≤ 20 KB |";
  const section = `## Gateway

Command: \`npm run bench:gateway\` (first part: \`node --expose-gc bench/gateway.bench.ts ${N}\`) — ${utcMinute()}, ${Math.round((performance.now() - began) / 1000)} s.
Machine: ${machine()}. Load average at start: ${loadAtStart}; at end: ${load()}.

What runs: Herald's api and gateway roles as \`herald serve --roles=api,gateway\` starts them (\`roles.ts\`), on
SQLite (node:sqlite, a file in tmp) with SqlGatewayStore and the decision recorder writing each banner decision
(\`decisions/sql-recorder.ts\`); ${n} members of one channel at the default levels, each connected with its own
token and a hello (clients: \`bench/gateway/clients.ts\`, a child process, loopback). An admin POSTs \`@all\` over
HTTP. Each variant is a fresh process; ${n} members keeps the whole run under 3 minutes on this shared machine (pass N
for more; \`ulimit -n\` must allow 2 × N + slack). **Included**: the HTTP post path (auth, validation, the commit, the
outbox row), the bus (in-process, or Redis on 127.0.0.1), the gateway's per-member decisions and their
decision rows, the frames, the client process parsing them. **Left out**: the worker (push/email expansion of
the room row: \`bench:delivery\`), TLS, a network between machines, a reverse proxy.

**Floor**, same process and same run: a bare \`ws\` server holding another ${n} sockets from an identical client
process sends the frames client 0 got from Herald in the previous round (${frames}) to every socket,
one pre-built buffer per frame — no store, no decisions. Each round runs the floor, then the post, so each
ratio compares two measurements taken seconds apart on this shared machine; the ratio is the median of
the per-round ratios. Target: ≤ 2 × floor. When the per-round ratios spread widely (a loaded machine), the
noise is as large as the effect: the median says little, and a quiet machine is needed to judge the target.

| variant | floor: bare \`ws\` sends the same frames, until the last client has them (median; ${ROUNDS} rounds) | \`@all\` POST → last client has message + banner + badge (median; ${ROUNDS} rounds) | Herald ÷ floor (per round) | decision rows after | ${n} sockets opened in | load (1 min) after |
|---|---|---|---|---|---|---|
${rows.join("\n")}

| measure | result | target |
|---|---|---|
${memRow}

Memory is read in its own fresh process (\`--expose-gc\`; every child runs with \`--max-semi-space-size=8\` as \`npm start\` does) that starts only the gateway role on the same SQLite
file and then the ${n} sockets (hello sent, 3 s to settle): growth from just before the first connection to after
the last, after GC. It includes each socket's \`ws\` and HTTP-upgrade state, the session, its presence entry and
the room state sent on hello, and the V8 heap the process grows and keeps (reserved) beside the live objects;
it leaves out the client side and the kernel's socket buffers (not in RSS).
`;
  console.log(section);
  console.log(JSON.stringify({ mem, results }));
  writeSection("## Gateway", section);
}

const kind = process.env.BENCH_GATEWAY_CHILD;
if (kind) {
  const fixtureDir = process.env.BENCH_GATEWAY_FIXTURE!;
  try {
    const result = kind === "memory" ? await memoryMain(fixtureDir) : await fanoutMain(fixtureDir, kind);
    process.send?.({ result }, () => process.exit(0));
  } catch (err) {
    process.send?.({ error: (err as Error).stack ?? String(err) }, () => process.exit(1));
  }
} else await parentMain();
