// A TCP relay to the test Redis that a test cuts and restores: a Redis outage without stopping the shared Redis.
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { REDIS_URL } from "../cluster/redis-available.ts";

export interface Relay {
  port: number;
  /** The Redis URL through the relay. */
  url: string;
  /** Closes every relayed connection and stops listening (the port is free again). */
  cut(): Promise<void>;
  /**
   * Redis away while the relay keeps its port: every relayed connection is closed, and new ones are closed as
   * soon as they open, so no other process of a parallel test run can take the port before `restore()`.
   * (ioredis never fails a command queued for retries against such a peer; a client with retries hangs.)
   */
  refuse(): void;
  /** Forwards again after `refuse()`. */
  restore(): void;
  /** What clients send from now on is held, not forwarded: with `refuse()` after it, a command on its way
   *  when Redis went away. */
  stall(): void;
}

/** Forwards a local port to Redis. */
export async function relay(port = 0): Promise<Relay> {
  const target = new URL(REDIS_URL);
  const open = new Set<Socket>();
  const pairs = new Map<Socket, Socket>();
  let refusing = false;
  const server: Server = createServer((client) => {
    if (refusing) {
      client.on("error", () => {});
      client.destroy();
      return;
    }
    const upstream = createConnection(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on("close", () => open.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
    pairs.set(client, upstream);
    client.on("close", () => pairs.delete(client));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const addr = server.address();
  if (addr === null || typeof addr === "string") throw new Error("relay has no port");
  const url = new URL(REDIS_URL);
  url.port = String(addr.port);
  const closeAll = () => {
    for (const s of open) s.destroy();
  };
  return {
    port: addr.port,
    url: url.toString(),
    async cut() {
      closeAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    refuse() {
      refusing = true;
      closeAll();
    },
    restore() {
      refusing = false;
    },
    stall() {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        client.pause();
      }
    },
  };
}
