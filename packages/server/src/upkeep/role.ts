// Worker upkeep: the retention prune on a timer, and the outbox's queue depth on /metrics. Both belong to the
// worker role: the process that owns the outbox also answers for its size and keeps it bounded.
import { sql } from "kysely";
import { deliveryQueueDepth } from "../metrics.ts";
import type { RoleModule } from "../roles.ts";
import type { Services } from "../services.ts";
import type { Store } from "../store/db.ts";
import { pruneOnce, retentionAges } from "./prune.ts";

/** Pending (due or waiting: quiet hours, PRF-17, retry back-off) and claimed rows, by channel. */
export function outboxDepth(store: Store) {
  return async (): Promise<Record<string, number>> => {
    const r = await sql<{ channel: string; n: number | string }>`
      select channel, count(*) as n from deliveries where state in ('pending', 'claimed') group by channel`.execute(
      store.db,
    );
    return Object.fromEntries(r.rows.map((x) => [x.channel, Number(x.n)]));
  };
}

export const queueDepthRole: RoleModule = {
  role: "worker",
  name: "delivery queue depth",
  register(_app, services) {
    deliveryQueueDepth(services.metrics, outboxDepth(services.store));
  },
};

/** First prune soon after start (not at once: a booting cluster has enough to do), then every interval. */
const FIRST_RUN_MS = 30_000;

export function startRetention(services: Services, firstRunMs = FIRST_RUN_MS): { stop(): Promise<void> } {
  const { config, log } = services;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const run = () => {
    running = pruneOnce(services.store, retentionAges(config), services.clock.now(), {
      batch: config.retentionBatch,
      stopped: () => stopped,
    })
      .then((n) => {
        if (Object.values(n).some((x) => x > 0)) log.info({ pruned: n }, "retention: old rows deleted");
      })
      .catch((err: unknown) => log.error({ err }, "retention prune failed"))
      .finally(() => {
        if (!stopped) arm(config.retentionIntervalMin * 60_000);
      });
  };
  const arm = (ms: number) => {
    timer = setTimeout(run, ms);
    timer.unref();
  };
  arm(firstRunMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export const retentionRole: RoleModule = {
  role: "worker",
  name: "retention",
  async start(services) {
    return startRetention(services);
  },
};
