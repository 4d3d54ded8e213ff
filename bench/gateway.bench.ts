// npm run bench:gateway — raw ws ceiling vs gateway `@all` fan-out to N connected clients, and memory per
// idle connection. Client load runs in a child process on loopback. Writes the "## Gateway" section of docs/BENCHMARKS.md.
// Usage: node --expose-gc bench/gateway.bench.ts [N=10000]
import { type ChildProcess, fork } from "node:child_process";
import os from "node:os";
import Fastify from "fastify";
import { WebSocketServer } from "ws";
import { InProcessBus } from "../packages/server/src/cluster/bus.ts";
import { InProcessPresenceStore } from "../packages/server/src/cluster/presence.ts";
import { Gateway } from "../packages/server/src/gateway/gateway.ts";
import { systemClock } from "../packages/server/src/gateway/manual-clock.ts";
import { attachRealtime } from "../packages/server/src/gateway/ws-adapter.ts";
import { MemoryStore } from "../packages/server/test/gateway/helpers/memory-store.ts";
import { load, machine, utcMinute, writeSection } from "./lib/report.ts";

const N = Number(process.argv[2] ?? 10_000);
const ROUNDS = 5;

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

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function raw(child: ChildProcess): Promise<number[]> {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false });
  await new Promise((r) => wss.on("listening", r));
  const port = (wss.address() as { port: number }).port;
  await ask(child, { cmd: "open", url: `ws://127.0.0.1:${port}/`, n: N }, "opened");
  const frame = JSON.stringify({
    t: "message",
    roomId: "all",
    seq: 1,
    message: { id: "m1", text: "@all hello" },
  });
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    await ask(child, { cmd: "expect", types: ["message"] }, "armed");
    const done = ask(child, {}, "done");
    const t0 = performance.timeOrigin + performance.now();
    const buf = Buffer.from(frame);
    for (const ws of wss.clients) ws.send(buf);
    times.push((await done).last - t0);
  }
  await ask(child, { cmd: "close" }, "closed");
  await new Promise((r) => wss.close(r));
  return times;
}

async function gateway(child: ChildProcess): Promise<{ times: number[]; perConnKB: number }> {
  const store = new MemoryStore();
  const ids = Array.from({ length: N + 1 }, (_, i) => `u${i}`);
  for (const id of ids) store.addUser(id, { desktop: "mentions" });
  store.addRoom("all", "channel", ids);
  const bus = new InProcessBus();
  const gw = new Gateway({
    nodeId: "bench",
    store,
    bus,
    presenceStore: new InProcessPresenceStore(systemClock),
    clock: systemClock,
    timer: systemClock,
  });
  await gw.start();
  const app = Fastify();
  await app.listen({ port: 0, host: "127.0.0.1" });
  attachRealtime(app.server, {
    gateway: gw,
    authenticate: async ({ token }) => (token ? { userId: token } : null),
  });
  const port = (app.server.address() as { port: number }).port;
  gc();
  const before = process.memoryUsage().rss;
  await ask(
    child,
    { cmd: "open", url: `ws://127.0.0.1:${port}/api/v1/realtime`, n: N, hello: true },
    "opened",
  );
  await new Promise((r) => setTimeout(r, 2000));
  await gw.idle();
  gc();
  const perConnKB = (process.memoryUsage().rss - before) / N / 1024;
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    await ask(child, { cmd: "expect", types: ["message", "banner", "badge"] }, "armed");
    const done = ask(child, {}, "done");
    const t0 = performance.timeOrigin + performance.now();
    await bus.publish("message.created", store.post("all", `u${N}`, `@all round ${r}`, Date.now()));
    times.push((await done).last - t0);
  }
  await ask(child, { cmd: "close" }, "closed");
  await gw.stop();
  await app.close();
  return { times, perConnKB };
}

const loadAtStart = load();
const child = fork(new URL("./gateway/clients.ts", import.meta.url), [], { stdio: "inherit" });
const rawTimes = await raw(child);
const gw = await gateway(child);
child.kill();
const out = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  clients: N,
  rawMs: rawTimes.map(Math.round),
  rawMedianMs: Math.round(median(rawTimes)),
  atAllMs: gw.times.map(Math.round),
  atAllMedianMs: Math.round(median(gw.times)),
  ratio: Number((median(gw.times) / median(rawTimes)).toFixed(2)),
  rssPerIdleConnectionKB: Number(gw.perConnKB.toFixed(1)),
};
console.log(JSON.stringify(out, null, 2));
writeSection(
  "## Gateway",
  `## Gateway

Command: \`npm run bench:gateway\` (first part: \`node --expose-gc bench/gateway.bench.ts ${N}\`) — ${utcMinute()}.
Machine: ${machine()}. Load average at start: ${loadAtStart}; at end: ${load()}.
Client load runs in a child process (\`bench/gateway/clients.ts\`) on loopback; the gateway runs in the bench
process on the in-process bus and presence adapters with an in-memory store, behind the real \`ws\` adapter on
a Fastify server. The post is injected on the bus exactly as the after-commit hook publishes it (the HTTP post
path is \`bench:api\`). Both sides hold ${N.toLocaleString("en-US")} sockets (raise \`ulimit -n\` for a bigger N).

| measure | result | target |
|---|---|---|
| raw ceiling: bare \`ws\` server writes one pre-built frame to ${N.toLocaleString("en-US")} sockets, until the last client has it (median of ${ROUNDS}: ${out.rawMs.join(", ")} ms) | ${out.rawMedianMs} ms | — |
| \`@all\` in a ${N.toLocaleString("en-US")}-member room, ${N.toLocaleString("en-US")} clients: until the last client has message + banner + badge (median of ${ROUNDS}: ${out.atAllMs.join(", ")} ms) | ${out.atAllMedianMs} ms ⇒ **${out.ratio} × raw** | ≤ 2 × raw |
| memory per idle connection (RSS growth after GC ÷ ${N.toLocaleString("en-US")} connections, gateway process) | **${out.rssPerIdleConnectionKB} KB** | ≤ 20 KB |
`,
);
