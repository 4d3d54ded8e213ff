// Steady load through the whole product: 5,000 connected clients (real tokens, a child process), 200 rooms of
// 25 members, messages POSTed over HTTP at a fixed rate by a poster in another child process, for N seconds.
// Herald runs its api and gateway roles as `herald serve` does, on SQLite (SqlGatewayStore, decision recorder,
// in-process bus). Every member has desktop level "all", so each message is a banner for its 24 other members.
// Post → banner runs from the moment the poster sent the request (its wall-clock time rides in the text) until
// a client has the message with its banner. A floor runs first with the same poster, clients and schedule: a bare
// `ws` server that answers each POST and writes one frame per other member, so the doc can give Herald ÷ floor.
// Usage: node bench/gateway-steady.bench.ts [seconds=20] [rate=200]   (two runs of that length: ≤ 3 min in all)
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type WebSocket, WebSocketServer } from "ws";
import { buildApp, createServices } from "../packages/server/src/app.ts";
import { testConfig } from "../packages/server/src/config.ts";
import type { Stoppable } from "../packages/server/src/roles.ts";
import { roleModules } from "../packages/server/src/roles.ts";
import { insertToken, insertUser } from "../packages/server/src/store/accounts.ts";
import { openStore } from "../packages/server/src/store/db.ts";
import { createRoom } from "../packages/server/src/store/rooms.ts";
import { load, machine, utcMinute, writeSection } from "./lib/report.ts";

const SECONDS = Number(process.argv[2] ?? 20);
const RATE = Number(process.argv[3] ?? 200);
const ROOMS = 200;
const PER_ROOM = 25;
const N = ROOMS * PER_ROOM;
/** After the last post: how long banners may still arrive before the missing ones count as lost. */
const DRAIN_S = 15;

interface PosterJob {
  base: string;
  /** Per room: its id and its members' tokens (each message's sender turns round the room). */
  rooms: { id: string; tokens: string[] }[];
  seconds: number;
  rate: number;
}

// ---------------------------------------------------------------- poster (child process)

async function posterMain(job: PosterJob): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const u = new URL(job.base);
  let ok = 0;
  let failed = 0;
  let firstError = "";
  const post = (roomId: string, token: string, text: string) =>
    new Promise<void>((resolve) => {
      const body = JSON.stringify({ text });
      const req = request(
        {
          agent,
          host: u.hostname,
          port: u.port,
          path: `/api/v1/rooms/${roomId}/messages`,
          method: "POST",
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode === 201) ok++;
            else {
              failed++;
              firstError ||= `status ${res.statusCode}`;
            }
            resolve();
          });
        },
      );
      req.on("error", (e) => {
        failed++;
        firstError ||= e.message;
        resolve();
      });
      req.end(body);
    });
  const total = job.seconds * job.rate;
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  const started = performance.now();
  // A fixed schedule (every 10 ms, what is due): a slow server cannot slow the offered load.
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * job.rate));
      for (; sent < due; sent++) {
        const r = job.rooms[sent % job.rooms.length];
        const token = r.tokens[Math.floor(sent / job.rooms.length) % r.tokens.length];
        const at = performance.timeOrigin + performance.now();
        inFlight.push(post(r.id, token, `message ${sent} t=${at.toFixed(3)}`));
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 10);
  });
  await Promise.all(inFlight);
  agent.destroy();
  process.send?.({ posted: ok, failed, firstError }, () => process.exit(0));
}

// ---------------------------------------------------------------- server (this process)

function ask(child: ChildProcess, msg: object, key: string): Promise<Record<string, number | string>> {
  return new Promise((resolve) => {
    const on = (m: Record<string, number | string>) => {
      if (key in m) {
        child.off("message", on);
        resolve(m);
      }
    };
    child.on("message", on);
    child.send(msg);
  });
}

async function serverMain(): Promise<void> {
  const loadAtStart = load();
  const began = performance.now();
  const dir = mkdtempSync(join(tmpdir(), "herald-bench-steady-"));
  const store = await openStore({ sqlitePath: join(dir, "herald.db") });
  const config = testConfig({ dataDir: dir, webDist: join(dir, "none"), logLevel: "warn" });
  const services = await createServices(config, { store });
  const now = Date.now();
  const first = await insertUser(store.db, { username: "u0", passwordHash: "x", role: "member" }, now);
  const users = Array.from({ length: N - 1 }, (_, i) => ({
    ...first,
    id: `u${i + 1}`,
    username: `u${i + 1}`,
    username_lower: `u${i + 1}`,
    prefs: JSON.stringify({ desktop: "all" }),
  }));
  await store.db
    .updateTable("users")
    .set({ prefs: JSON.stringify({ desktop: "all" }) })
    .execute();
  for (let i = 0; i < users.length; i += 500)
    await store.db
      .insertInto("users")
      .values(users.slice(i, i + 500))
      .execute();
  const ids = [first.id, ...users.map((u) => u.id)];
  const tokens: string[] = [];
  for (const id of ids) tokens.push((await insertToken(store.db, id, "bench", ["read", "write"], now)).token);
  const rooms: PosterJob["rooms"] = [];
  for (let r = 0; r < ROOMS; r++) {
    const members = ids.slice(r * PER_ROOM, (r + 1) * PER_ROOM);
    const room = await store.db
      .transaction()
      .execute((trx) =>
        createRoom(trx, { kind: "channel", name: `r${r}`, createdBy: members[0] }, members, now),
      );
    rooms.push({ id: room.id, tokens: tokens.slice(r * PER_ROOM, (r + 1) * PER_ROOM) });
  }
  const floor = await runPhase(await floorServer(rooms, ids, tokens), tokens, rooms);
  const app = await buildApp(services, ["api", "gateway"]);
  const started: Stoppable[] = [];
  // `herald serve --roles=api,gateway`; the worker is left out (bench:delivery): no member here is offline
  // with a push subscription anyway.
  for (const m of roleModules) {
    if ((m.role !== "api" && m.role !== "gateway") || !m.start) continue;
    const s = await m.start(services, app);
    if (s) started.push(s);
  }
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  const herald = await runPhase({ base, close: () => app.close() }, tokens, rooms, async () => {
    for (const s of started.reverse()) await s.stop();
  });
  await services.decisions.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });

  const total = SECONDS * RATE;
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)} ×` : "—");
  const row = (name: string, r: Phase) =>
    `| ${name} | ${r.ok.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} / ${r.failed}${r.firstError ? ` (${r.firstError})` : ""} | ${r.lost} / ${r.dups} of ${r.expected.toLocaleString("en-US")} | ${Math.round(r.p50)} / ${Math.round(r.p99)} / ${Math.round(r.max)} ms | ${Math.round(r.cpu)} % | ${r.load} |`;
  const met = herald.lost === 0 && herald.dups === 0 && herald.failed === 0 && herald.p99 <= 100;
  const section = `## Gateway steady load

Command: \`npm run bench:gateway\` (second part: \`node bench/gateway-steady.bench.ts ${SECONDS} ${RATE}\`) — ${utcMinute()}, ${Math.round((performance.now() - began) / 1000)} s.
Machine: ${machine()}. Load average at start: ${loadAtStart}; at end: ${load()}.
${N.toLocaleString("en-US")} connected clients with their own tokens (one child process), ${ROOMS} rooms × ${PER_ROOM} members, ${RATE} messages/s for
${SECONDS} s POSTed over HTTP (keep-alive, up to 64 at once) on a fixed schedule by a poster in another child process;
every member at desktop level "all", so each message is a banner for its ${PER_ROOM - 1} other members.
Post → banner runs from the poster's send (its wall-clock time is in the text) until a client has the message
with its banner. **Herald**: its api and gateway roles as \`herald serve --roles=api,gateway\` starts them, on
SQLite (SqlGatewayStore, the decision recorder, in-process bus) — included: the HTTP post path, the commit, the
outbox hook, the bus, the gateway's decisions and their rows, the frame, the client parsing it; left out: the
worker, TLS, a network, Redis (see "Gateway" for the Redis bus). **Floor**, the same run, the same poster,
clients and schedule: a bare \`node:http\` + \`ws\` server in the same process that answers each POST 201 and
writes one pre-built frame of the same shape (message + banner + badge) to the room's other members' sockets —
no store, no auth lookup, no decisions. Banners still missing ${DRAIN_S} s after the last post are counted lost.

| run | posts answered 201 / failed | banners lost / duplicated | post → banner p50 / p99 / max | server CPU (one core) | load (1 min) after |
|---|---|---|---|---|---|
${row("floor (bare ws)", floor)}
${row("**Herald**", herald)}

Herald ÷ floor: p50 **${ratio(herald.p50, floor.p50)}**, p99 **${ratio(herald.p99, floor.p99)}**. Server CPU per post (one message to
${PER_ROOM - 1} members, the comparable number on a shared machine): floor ${floor.cpuPerPost.toFixed(2)} ms, Herald **${herald.cpuPerPost.toFixed(2)} ms**
(${ratio(herald.cpuPerPost, floor.cpuPerPost)}) — one free core would carry about ${Math.round(1000 / herald.cpuPerPost).toLocaleString("en-US")} such posts/s. At ${RATE} posts/s Herald needed
${Math.round((herald.cpuPerPost * RATE) / 10)} % of one core and got ${Math.round(herald.cpu)} %: ${herald.cpuPerPost * RATE > herald.cpu * 10 ? "less than it needed: posts wait while it is short of CPU" : "what it needed"}; its main thread
waited for a core (runnable, not running) ${(herald.waitedMs / 1000).toFixed(1)} s of the ${(herald.windowMs / 1000).toFixed(1)} s run (floor: ${(floor.waitedMs / 1000).toFixed(1)} s of ${(floor.windowMs / 1000).toFixed(1)} s).
Target (0 lost, 0 duplicated, p99 ≤ 100 ms at ${RATE} messages/s): **${met ? "met" : "not met"}** in this run.
`;
  console.log(section);
  writeSection("## Gateway steady load", section);
}

interface Phase {
  ok: number;
  failed: number;
  firstError: string;
  expected: number;
  lost: number;
  dups: number;
  p50: number;
  p99: number;
  max: number;
  cpu: number;
  /** The server's main thread: time it was runnable but waiting for a core (Linux schedstat), and the window, ms. */
  waitedMs: number;
  windowMs: number;
  /** Server CPU (user + system) per post answered, ms. */
  cpuPerPost: number;
  load: string;
}

/** Time this process's main thread spent runnable but without a core so far (ms; 0 where /proc has no schedstat). */
function runQueueWaitMs(): number {
  try {
    return Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[1]) / 1e6;
  } catch {
    return 0;
  }
}

/** One load run against a server: fresh clients process, the poster, then wait for the banners to drain. */
async function runPhase(
  server: { base: string; close: () => Promise<unknown> },
  tokens: string[],
  rooms: PosterJob["rooms"],
  stopRoles?: () => Promise<void>,
): Promise<Phase> {
  const clients = fork(new URL("./gateway/clients.ts", import.meta.url), [], { stdio: "inherit" });
  const url = `${server.base.replace("http", "ws")}/api/v1/realtime`;
  await ask(clients, { cmd: "open", url, n: N, hello: true, tokens }, "opened");
  await new Promise((r) => setTimeout(r, 2000));
  await ask(clients, { cmd: "track" }, "tracking");
  const cpu0 = process.cpuUsage();
  const wait0 = runQueueWaitMs();
  const wall0 = performance.now();
  const poster = fork(import.meta.filename, [], { env: { ...process.env, BENCH_ROLE: "poster" } });
  const job: PosterJob = { base: server.base, rooms, seconds: SECONDS, rate: RATE };
  const posted = await ask(poster, job, "posted");
  const expected = Number(posted.posted) * (PER_ROOM - 1);
  // Banners still on their way when the last post was answered: wait until all are in, or DRAIN_S.
  const until = performance.now() + DRAIN_S * 1000;
  while (
    performance.now() < until &&
    Number((await ask(clients, { cmd: "banners" }, "banners")).banners) < expected
  )
    await new Promise((r) => setTimeout(r, 100));
  const rep = (await ask(clients, { cmd: "report" }, "report")) as Record<string, number>;
  const cpu1 = process.cpuUsage(cpu0);
  poster.kill();
  await ask(clients, { cmd: "close" }, "closed");
  clients.kill();
  await stopRoles?.();
  await server.close();
  return {
    ok: Number(posted.posted),
    failed: Number(posted.failed),
    firstError: String(posted.firstError ?? ""),
    expected,
    lost: expected - rep.banners,
    dups: rep.dups,
    p50: rep.p50,
    p99: rep.p99,
    max: rep.max,
    cpu: ((cpu1.user + cpu1.system) / 1000 / (performance.now() - wall0)) * 100,
    waitedMs: runQueueWaitMs() - wait0,
    windowMs: performance.now() - wall0,
    cpuPerPost: (cpu1.user + cpu1.system) / 1000 / Math.max(1, Number(posted.posted)),
    load: load().split(" / ")[0],
  };
}

/**
 * The floor: what any server must do for this load — accept each POST, answer 201, write one frame per other
 * member (built once per message) — with no store, no decisions and a token → user map in memory.
 */
async function floorServer(
  rooms: PosterJob["rooms"],
  ids: string[],
  tokens: string[],
): Promise<{ base: string; close: () => Promise<unknown> }> {
  const userOf = new Map(tokens.map((t, i) => [t, ids[i]]));
  const membersOf = new Map(rooms.map((r) => [r.id, r.tokens.map((t) => userOf.get(t)!)]));
  const socketOf = new Map<string, WebSocket>();
  let seq = 0;
  const server = createServer((req, res) => {
    const m = /^\/api\/v1\/rooms\/([^/]+)\/messages$/.exec(req.url ?? "");
    const sender = userOf.get((req.headers.authorization ?? "").slice("Bearer ".length));
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      const members = m ? membersOf.get(m[1]) : undefined;
      if (req.method !== "POST" || !members || !sender) {
        res.writeHead(404).end();
        return;
      }
      const { text } = JSON.parse(body) as { text: string };
      const id = `f${++seq}`;
      const createdAt = Date.now();
      const message = { id, roomId: m![1], seq, senderId: sender, text, createdAt };
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ message }));
      const frame = JSON.stringify({
        t: "multi",
        events: [
          { t: "message", roomId: m![1], seq, message },
          { t: "notify", roomId: m![1], messageId: id, banner: { title: `${sender} in #room`, body: text } },
          { t: "badge", count: 1 },
        ],
      });
      for (const u of members) if (u !== sender) socketOf.get(u)?.send(frame);
    });
  });
  // Fastify's keep-alive (72 s), not node:http's 5 s: an idle keep-alive socket closed under the poster resets a post.
  server.keepAliveTimeout = 72_000;
  const wss = new WebSocketServer({ server, path: "/api/v1/realtime", perMessageDeflate: false });
  wss.on("connection", (ws, req) => {
    const u = userOf.get((req.headers.authorization ?? "").slice("Bearer ".length));
    if (u) socketOf.set(u, ws);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise((r) => wss.close(r));
      await new Promise((r) => server.close(r));
    },
  };
}

if (process.env.BENCH_ROLE === "poster") process.once("message", (job: PosterJob) => void posterMain(job));
else await serverMain();
