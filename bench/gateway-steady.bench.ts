// Steady load: 5,000 connected clients, 200 rooms of 25 members, 500 messages/s for 60 s (defaults).
// Posts are injected on the bus as the post hook would after commit (the HTTP post path is measured by
// bench:api). Every member has desktop level "all", so each message is a banner for its 24 other members.
// Usage: node --expose-gc bench/gateway-steady.bench.ts [seconds=60] [rate=500]
import { fork } from "node:child_process";
import os from "node:os";
import Fastify from "fastify";
import { InProcessBus } from "../packages/server/src/cluster/bus.ts";
import { InProcessPresenceStore } from "../packages/server/src/cluster/presence.ts";
import { Gateway } from "../packages/server/src/gateway/gateway.ts";
import { systemClock } from "../packages/server/src/gateway/manual-clock.ts";
import { attachRealtime } from "../packages/server/src/gateway/ws-adapter.ts";
import { MemoryStore } from "../packages/server/test/gateway/helpers/memory-store.ts";
import { load, machine, utcMinute, writeSection } from "./lib/report.ts";

const SECONDS = Number(process.argv[2] ?? 60);
const RATE = Number(process.argv[3] ?? 500);
const ROOMS = 200;
const PER_ROOM = 25;
const N = ROOMS * PER_ROOM;

const loadAtStart = load();
const store = new MemoryStore();
for (let i = 0; i < N; i++) store.addUser(`u${i}`, { desktop: "all" });
for (let r = 0; r < ROOMS; r++) {
  store.addRoom(
    `r${r}`,
    "channel",
    Array.from({ length: PER_ROOM }, (_, j) => `u${r * PER_ROOM + j}`),
  );
}
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

const child = fork(new URL("./gateway/clients.ts", import.meta.url), [], { stdio: "inherit" });
const ask = (msg: object, key: string) =>
  new Promise<Record<string, number>>((resolve) => {
    const on = (m: Record<string, number>) => {
      if (key in m) {
        child.off("message", on);
        resolve(m);
      }
    };
    child.on("message", on);
    child.send(msg);
  });
await ask({ cmd: "open", url: `ws://127.0.0.1:${port}/api/v1/realtime`, n: N, hello: true }, "opened");
await new Promise((r) => setTimeout(r, 2000));
await ask({ cmd: "track" }, "tracking");

// Posts on a fixed schedule (every 10 ms, RATE/100 at a time) so a slow gateway cannot slow the offered load.
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
let sent = 0;
const total = SECONDS * RATE;
const started = performance.now();
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
    for (; sent < due; sent++) {
      const room = `r${sent % ROOMS}`;
      const sender = `u${(sent % ROOMS) * PER_ROOM + (Math.floor(sent / ROOMS) % PER_ROOM)}`;
      bus.publish("message.created", store.post(room, sender, `message ${sent}`, Date.now())).catch((e) => {
        console.error(e);
        process.exitCode = 1;
      });
    }
    if (sent >= total) {
      clearInterval(tick);
      resolve();
    }
  }, 10);
});
await new Promise((r) => setTimeout(r, 3000));
const rep = await ask({ cmd: "report" }, "report");
const cpu1 = process.cpuUsage(cpu0);
const serverCpu = ((cpu1.user + cpu1.system) / 1000 / (performance.now() - wall0)) * 100;
const expected = total * (PER_ROOM - 1);
console.log(
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}`,
      clients: N,
      rooms: `${ROOMS} × ${PER_ROOM}`,
      messages: total,
      seconds: SECONDS,
      rate: RATE,
      bannersExpected: expected,
      bannersReceived: rep.banners,
      lost: expected - rep.banners,
      duplicated: rep.dups,
      p50Ms: Math.round(rep.p50),
      p99Ms: Math.round(rep.p99),
      maxMs: Math.round(rep.max),
      gatewayCpuPercent: Math.round(serverCpu),
      clientProcessCpuSeconds: Math.round(rep.cpuMs / 1000),
      loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))),
    },
    null,
    2,
  ),
);
const lost = expected - rep.banners;
writeSection(
  "## Gateway steady load",
  `## Gateway steady load

Command: \`npm run bench:gateway\` (second part: \`node bench/gateway-steady.bench.ts ${SECONDS} ${RATE}\`) — ${utcMinute()}.
Machine: ${machine()}. Load average at start: ${loadAtStart}; at end: ${load()}.
${N.toLocaleString("en-US")} connected clients (child process), ${ROOMS} rooms × ${PER_ROOM} members, ${RATE} messages/s for ${SECONDS} s posted on a
fixed schedule; every member at desktop level "all", so each message is a banner for its ${PER_ROOM - 1} other members.

| measure | result | target |
|---|---|---|
| banners lost / duplicated | **${lost} / ${rep.dups}** of ${expected.toLocaleString("en-US")} | 0 / 0 |
| post → banner event p50 / p99 / max | ${Math.round(rep.p50)} / **${Math.round(rep.p99)}** / ${Math.round(rep.max)} ms | p99 ≤ 100 ms |
| gateway CPU | ${Math.round(serverCpu)} % of one core | — |
| client process CPU | ${Math.round(rep.cpuMs / 1000)} s | — |
`,
);
child.kill();
await gw.stop();
await app.close();
