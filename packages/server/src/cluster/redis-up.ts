// A node's Redis connections when Redis is away: ioredis keeps reconnecting on its own, so a node started before
// Redis (or during a restart) waits for it instead of failing its start, and says so in one line per outage —
// not one per connection and attempt ("Unhandled error event" from a client with no error listener).
import type { Redis } from "ioredis";

/** url → whether an outage of it is being reported. */
const down = new Map<string, boolean>();

function shown(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    u.username = "";
    return u.toString();
  } catch {
    return "REDIS_URL";
  }
}

/** Listens to the client's errors (so none is unhandled) and reports an outage once, and its end. */
export function watchRedis(client: Redis, url: string): void {
  client.on("error", (err: Error) => {
    if (down.get(url)) return;
    down.set(url, true);
    console.warn(`herald: Redis at ${shown(url)} does not answer (${err.message}); retrying until it does`);
  });
  client.on("ready", () => {
    if (!down.get(url)) return;
    down.set(url, false);
    console.warn(`herald: Redis at ${shown(url)} answers again`);
  });
}

/** Connects a lazy client and resolves once it is ready: a failed first attempt is retried, never thrown. */
export async function connectWhenUp(client: Redis): Promise<void> {
  if (client.status === "ready") return;
  const ready = new Promise<void>((resolve) => client.once("ready", () => resolve()));
  if (client.status === "wait") client.connect().catch(() => {});
  await ready;
}
