// What /readyz asks before a load balancer sends traffic here: the database answers, and Redis answers when
// REDIS_URL is set (the bus, presence and shared rate limits live there; a node cut off from it would take
// posts whose banners never leave it).
import { Redis } from "ioredis";
import { sql } from "kysely";
import type { Services } from "../services.ts";

export interface Readiness {
  /** null when ready, else what does not answer, in words. */
  check(): Promise<string | null>;
  close(): void;
}

const PROBE_TIMEOUT_MS = 2_000;

export function readiness(services: Services): Readiness {
  const url = services.config.redisUrl;
  // One connection of its own, made on the first probe: a probe never waits in an offline queue — while the
  // connection is down it fails at once, and ioredis keeps reconnecting in the background.
  let redis: Redis | null = null;
  const client = (u: string): Redis => {
    if (!redis) {
      redis = new Redis(u, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: PROBE_TIMEOUT_MS,
        lazyConnect: true,
      });
      // Errors surface as failed probes; ioredis reports each reconnect attempt here.
      redis.on("error", () => {});
    }
    return redis;
  };
  const within = <T>(p: Promise<T>): Promise<T> =>
    Promise.race([
      p,
      new Promise<T>((_, reject) =>
        setTimeout(() => reject(new Error("timed out")), PROBE_TIMEOUT_MS).unref(),
      ),
    ]);

  return {
    async check() {
      try {
        await within(sql`select 1`.execute(services.store.db));
      } catch (err) {
        services.log.warn({ err }, "readiness: the database does not answer");
        return "the database does not answer";
      }
      if (!url) return null;
      try {
        const r = client(url);
        if (r.status === "wait") await within(r.connect());
        await within(r.ping());
      } catch (err) {
        services.log.warn({ err }, "readiness: Redis does not answer");
        return "Redis does not answer";
      }
      return null;
    },
    close() {
      redis?.disconnect();
      redis = null;
    },
  };
}
