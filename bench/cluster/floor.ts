// The raw floor of bench/cluster.bench.ts, one process per Herald gateway node: a bare `ws` server on loopback
// whose HTTP POST takes a JSON array of frames and publishes it on Redis, and every floor process (this one
// included) sends those frames, pre-built once, to each of its sockets — Herald's hops (HTTP in, Redis bus,
// WebSocket out) without a store or a decision. Prints "floor listening at <port>" when ready.
import { createServer } from "node:http";
import { Redis } from "ioredis";
import { WebSocketServer } from "ws";

const redisUrl = process.env.FLOOR_REDIS_URL ?? "redis://127.0.0.1:6379";
const channel = process.env.FLOOR_CHANNEL ?? "floor";

const pub = new Redis(redisUrl);
const sub = new Redis(redisUrl);
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    pub.publish(channel, Buffer.concat(chunks).toString()).then(
      () => res.writeHead(201).end(),
      () => res.writeHead(500).end(),
    );
  });
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on("connection", (ws) => ws.on("error", () => {}));

sub.on("message", (_channel: string, text: string) => {
  const frames = (JSON.parse(text) as string[]).map((f) => Buffer.from(f));
  for (const ws of wss.clients) for (const f of frames) ws.send(f);
});
await sub.subscribe(channel);
server.listen(0, "127.0.0.1", () => {
  const addr = server.address();
  console.log(`floor listening at ${typeof addr === "object" && addr ? addr.port : 0}`);
});
process.on("SIGTERM", () => process.exit(0));
