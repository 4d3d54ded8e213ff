// Role modules of the delivery scheduler. `deliveryOutboxRole` (api): the outbox rows are written inside the
// message transaction by every process that posts. `schedulerRole` (worker): the worker loop, woken by
// after-commit events, by the bus's presence crossings (user.inactive / user.offline) when a bus is there,
// and by its own timer.

import { clusterFor } from "../cluster/factory.ts";
import { systemClock as systemTimer } from "../gateway/manual-clock.ts";
import type { Timer } from "../gateway/ports.ts";
import { loadAdminSettings } from "../http/preferences/resolve.ts";
import type { RoleModule } from "../roles.ts";
import type { Services } from "../services.ts";
import { badgesFor } from "./badges.ts";
import { createChannels } from "./channels.ts";
import { deliveryCounter, type JobContext } from "./context.ts";
import { LocalPosts, schedulerHooks } from "./hooks.ts";
import { durableLoginAlerts, durableMailer } from "./mail.ts";
import { sqlQueue } from "./queue.ts";
import { Scheduler } from "./scheduler.ts";

/** Upper bound on how stale the worker's admin settings may be when a workspace event was missed. */
export const ADMIN_TTL_MS = 5_000;

const schedulers = new WeakMap<Services, Scheduler>();
const hooked = new WeakMap<Services, LocalPosts>();

/** The worker's scheduler in this process, if it runs here (the gateway may call wakeUser directly). */
export function schedulerOf(services: Services): Scheduler | null {
  return schedulers.get(services) ?? null;
}

function addHooks(services: Services): LocalPosts {
  const seen = hooked.get(services);
  if (seen) return seen;
  const local = new LocalPosts();
  hooked.set(services, local);
  const scheduler = () => schedulerOf(services);
  services.hooks.add(schedulerHooks(services.store.db, scheduler, local, services.decisions));
  // Verification mails and LGN-1 alerts go through the outbox: durable, retried, dev mailbox without SMTP.
  services.mailer = durableMailer(services, scheduler);
  services.loginAlerts = durableLoginAlerts(services, scheduler);
  return local;
}

export async function createScheduler(services: Services, timer: Timer | null): Promise<Scheduler> {
  const { store, clock, config } = services;
  const channels = await createChannels(store.db, config, clock);
  let adminAt = clock.now();
  const ctx: JobContext = {
    db: store.db,
    clock,
    channels,
    log: services.log,
    recorder: services.decisions,
    counter: deliveryCounter(services.metrics),
    activity: services.explainSources.activity,
    views: services.explainSources.views,
    badges: (userIds) => badgesFor(store.db, userIds, ctx.admin),
    admin: await loadAdminSettings(store.db),
    timeScale: config.deliveryTimeScale,
    contactEmailMinutes: config.widgetOfflineEmailMinutes,
    pushInFlight: config.pushInFlight,
  };
  const scheduler = new Scheduler({
    ctx,
    queue: sqlQueue(store.db, store.dialect, config.deliveryLeaseMs),
    timer,
    async refresh(settingsChanged) {
      ctx.activity = services.explainSources.activity;
      ctx.views = services.explainSources.views;
      // Reloaded on the workspace settings event (local or from the bus) and at least every ADMIN_TTL_MS
      // (a missed bus message), not on every pass: it was a query per pass on the path of every message.
      const now = clock.now();
      if (!settingsChanged && now - adminAt < ADMIN_TTL_MS && now >= adminAt) return;
      adminAt = now;
      ctx.admin = await loadAdminSettings(store.db);
    },
  });
  schedulers.set(services, scheduler);
  addHooks(services);
  return scheduler;
}

export const deliveryOutboxRole: RoleModule = {
  role: "api",
  name: "delivery-outbox",
  register: (_app, services) => {
    addHooks(services);
  },
};

export const schedulerRole: RoleModule = {
  role: "worker",
  name: "scheduler",
  async register(_app, services) {
    await createScheduler(services, systemTimer);
  },
  async start(services) {
    const s = schedulerOf(services) ?? (await createScheduler(services, systemTimer));
    // SQLite has a single worker: claims left by a killed process are ours to take back at once.
    if (services.store.dialect === "sqlite")
      await services.store.db
        .updateTable("deliveries")
        .set({ state: "pending" })
        .where("state", "=", "claimed")
        .execute();
    const offs: (() => Promise<void>)[] = [];
    const cluster = clusterFor(
      services,
      services.config.redisUrl,
      services.clock,
      services.config.redisPrefix,
    );
    await cluster.ready;
    // PSH-2: the moment a user crosses the threshold (or goes offline), their due pushes go out.
    for (const topic of ["user.inactive", "user.offline"])
      offs.push(await cluster.bus.subscribe(topic, (p) => void s.wakeUser((p as { userId: string }).userId)));
    // Rows written by api processes elsewhere: run now rather than at the next sweep.
    // A message posted in this process was handled by its own after-commit hook (LocalPosts).
    const local = addHooks(services);
    const id = (p: unknown) => (p as { message?: { id?: string } }).message?.id ?? "";
    offs.push(
      await cluster.bus.subscribe("message.created", (p) => {
        if (!local.postedHere(id(p))) s.poke();
      }),
    );
    offs.push(await cluster.bus.subscribe("room.read", () => s.poke()));
    // PRF-21: an admin default saved by another process (the gateway publishes it as workspace.changed).
    offs.push(await cluster.bus.subscribe("workspace.changed", () => s.settingsChanged()));
    s.start();
    return {
      async stop() {
        for (const off of offs) await off();
        await s.stop();
        await s.ctx.channels.close();
      },
    };
  },
};
