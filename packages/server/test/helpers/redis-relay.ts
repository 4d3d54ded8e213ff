// A TCP relay to the test Redis that a test cuts and restores: a Redis outage without stopping the shared Redis.
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { REDIS_URL } from "../cluster/redis-available.ts";

export interface Relay {
  port: number;
  /** The Redis URL through the relay. */
  url: string;
  cut(): Promise<void>;
}

/** Forwards a local port to Redis; cut() closes every relayed connection and stops listening. */
export async function relay(port = 0): Promise<Relay> {
  const target = new URL(REDIS_URL);
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on("close", () => open.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const addr = server.address();
  if (addr === null || typeof addr === "string") throw new Error("relay has no port");
  const url = new URL(REDIS_URL);
  url.port = String(addr.port);
  return {
    port: addr.port,
    url: url.toString(),
    async cut() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
