// Operational endpoints outside /api/v1: /healthz (process up), /readyz (database answers), /metrics
// (Prometheus, GEN-8: for admin tokens or the local address), and the server's own metrics: HTTP requests by
// route and status, messages posted, fan-out sizes and post latency (metrics.ts names them).
import { sql } from "kysely";
import { httpMetrics, messageMetrics } from "../metrics.ts";
import type { Services } from "../services.ts";
import { errorBody } from "./errors.ts";
import type { App } from "./types.ts";

const LOCAL = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const POST_ROUTE = "/api/v1/rooms/:id/messages";

/** Counts every answered request and times message posts. Install before the routes: hooks reach later ones. */
export function installRequestMetrics(app: App, services: Services): void {
  const http = httpMetrics(services.metrics);
  const msg = messageMetrics(services.metrics);
  app.addHook("onResponse", async (req, reply) => {
    // The route pattern, never the raw URL: ids in paths would make one series per room.
    const route = req.routeOptions.url ?? "unmatched";
    const status = String(reply.statusCode);
    http.requests.inc({ method: req.method, route, status });
    if (req.method === "POST" && route === POST_ROUTE)
      msg.postSeconds.observe({ status }, reply.elapsedTime / 1000);
  });
  services.hooks.add({
    afterCommit(ev) {
      if (ev.type !== "message.created") return;
      msg.posted.inc({ room_kind: ev.room.kind });
      // Every member but the sender gets the message frame (thread-only replies too: clients show the count).
      msg.fanout.observe(Math.max(0, ev.room.memberCount - (ev.message.senderId ? 1 : 0)));
    },
  });
}

export function opsRoutes(app: App, services: Services): void {
  const opts = { schema: { hide: true }, config: { auth: "none" as const } };
  app.get("/healthz", opts, async () => ({ ok: true }));

  app.get("/readyz", opts, async (_req, reply) => {
    try {
      await sql`select 1`.execute(services.store.db);
      return { ok: true, store: services.store.dialect };
    } catch (err) {
      services.log.warn({ err }, "readiness check failed");
      return reply.status(503).send(errorBody("not_ready", "the database does not answer"));
    }
  });

  app.get("/metrics", opts, async (req, reply) => {
    const p = req.principal;
    // req.ip, not the socket: behind a trusted local proxy every client would otherwise look local.
    const allowed = LOCAL.has(req.ip) || (p?.role === "admin" && p.scopes.has("admin"));
    if (!allowed)
      return reply
        .status(403)
        .send(errorBody("admin_only", "metrics need an admin token or a local address"));
    reply.header("content-type", services.metrics.contentType);
    return services.metrics.metrics();
  });
}
