// Plugs the gateway into `herald serve --roles=…` (roles.ts): the api role publishes committed domain events
// on the bus and answers `@here` from presence; the gateway role runs the WebSocket gateway on
// /api/v1/realtime of the same HTTP server.
import { clusterFor } from "../cluster/factory.ts";
import { presenceActivity, presenceViews } from "../decisions/activity.ts";
import { gatewayRecorder } from "../decisions/gateway-adapter.ts";
import { SESSION_COOKIE } from "../http/auth/hook.ts";
import type { RoleModule } from "../roles.ts";
import { nobodyOnline, type Services } from "../services.ts";
import { sessionByToken, tokenByValue } from "../store/accounts.ts";
import { publishAfterCommit } from "./domain.ts";
import { Gateway } from "./gateway.ts";
import { systemClock } from "./manual-clock.ts";
import { gatewayMetrics } from "./metrics.ts";
import type { Authenticator } from "./ports.ts";
import { DEFAULT_RATE_LIMITS } from "./rate-limit.ts";
import { SqlGatewayStore } from "./sql-store.ts";
import { attachRealtime } from "./ws-adapter.ts";

const ports = (s: Services) => clusterFor(s, s.config.redisUrl, s.clock, s.config.redisPrefix);

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/** Session cookie or access token, as the HTTP auth hook accepts them (TOK-2). */
export function realtimeAuthenticator(s: Services): Authenticator {
  return async ({ cookie, token }) => {
    if (token) {
      const row = await tokenByValue(s.store.db, token);
      return row?.active ? { userId: row.user_id, tokenId: row.id } : null;
    }
    const value = cookieValue(cookie, SESSION_COOKIE);
    if (!value) return null;
    const row = await sessionByToken(s.store.db, value, s.clock.now());
    return row?.active ? { userId: row.user_id, sessionId: row.id } : null;
  };
}

export const gatewayHooksRole: RoleModule = {
  role: "api",
  name: "gateway event publishing",
  register(_app, services) {
    // Ports are created on first use, so a process that never posts opens no Redis connection.
    // The sender-name cache (DSK-4 titles) empties on any local write to `users` (a rename), else in 60 s.
    const lookups = new SqlGatewayStore(services.store.db, {
      writes: services.store.writes,
      now: () => services.clock.now(),
    });
    services.hooks.add({
      afterCommit: async (ev) => {
        const p = ports(services);
        await p.ready;
        await publishAfterCommit(p.bus, lookups, ev);
      },
    });
    // MEN-2 `@here`: online members at send time, from the shared Presence port (a test's own fake wins).
    if (services.presence === nobodyOnline) {
      services.presence = {
        online: async () => {
          const p = ports(services);
          await p.ready;
          return p.presence.online();
        },
      };
    }
    services.explainSources.activity ??= presenceActivity(ports(services).presence);
    services.explainSources.views ??= presenceViews(ports(services).presence);
  },
};

export const gatewayRole: RoleModule = {
  role: "gateway",
  name: "realtime gateway",
  async start(services, app) {
    const p = ports(services);
    await p.ready;
    const store = new SqlGatewayStore(services.store.db, {
      writes: services.store.writes,
      now: () => services.clock.now(),
    });
    const c = services.config;
    const gateway = new Gateway({
      limits: {
        ...DEFAULT_RATE_LIMITS,
        connPerSecond: c.rateWsPerSec,
        connBurst: c.rateWsBurst,
        userPerSecond: c.rateWsUserPerSec,
        userBurst: c.rateWsUserBurst,
        connectionsPerUser: c.wsConnectionsPerUser,
      },
      nodeId: p.nodeId,
      store,
      bus: p.bus,
      presenceStore: p.presence,
      clock: services.clock,
      timer: systemClock,
      recorder: gatewayRecorder(services.decisions),
      onError: (e) => services.log.error({ err: e }, "gateway error"),
      openDirectory: c.userDirectory,
      metrics: gatewayMetrics(services),
    });
    await gateway.start();
    const rt = attachRealtime(app.server, {
      gateway,
      authenticate: realtimeAuthenticator(services),
      publicUrl: services.config.publicUrl ?? undefined,
    });
    // Events published while this node's subscription was down never reached it: its clients resume from the
    // store (missed messages by room seq, inbox items rebuilt) instead of waiting for events that are gone.
    p.bus.onResubscribed?.(() => {
      services.log.warn("bus subscription back after a Redis outage: clients reconnect and resume");
      gateway.rooms.forgetSeqs();
      rt.reconnectAll();
    });
    // Heartbeat for the presence facts' TTL (PRS-4 across nodes).
    const beat = setInterval(() => gateway.presence.refreshAll(), 30_000);
    beat.unref();
    return {
      stop: async () => {
        clearInterval(beat);
        await rt.close();
        await gateway.stop();
        await p.close();
      },
    };
  },
};
