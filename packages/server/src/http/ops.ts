// Operational endpoints outside /api/v1: /healthz (process up), /readyz (database and Redis answer), /metrics
// (Prometheus, GEN-8: for admin tokens or the local address), and the server's own metrics: HTTP requests by
// route and status, messages posted, fan-out sizes and post latency (metrics.ts names them).
import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { httpMetrics, messageMetrics } from "../metrics.ts";
import type { Services } from "../services.ts";
import { ErrorSchema, errorBody } from "./errors.ts";
import { readiness } from "./readiness.ts";
import type { App } from "./types.ts";

const LOCAL = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const FORWARDING = ["x-forwarded-for", "forwarded", "x-real-ip"];

/** Whether the bearer token presented is the configured metrics token (compared in constant time). */
export function isMetricsToken(services: Services, token: string): boolean {
  const want = services.config.metricsToken;
  if (!want) return false;
  const a = Buffer.from(token);
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GEN-8's "local address", which proxy headers can never fake: a connection whose socket is loopback, carrying
 * no forwarding header, while no proxy is configured and no metrics token is set. Behind a proxy (whatever
 * HERALD_TRUST_PROXY says) the proxy's own connection is local, so the exception is off and a token is needed.
 */
function directLocal(req: FastifyRequest, services: Services): boolean {
  if (services.config.trustProxy !== false || services.config.metricsToken) return false;
  if (FORWARDING.some((h) => req.headers[h] !== undefined)) return false;
  return LOCAL.has(req.socket.remoteAddress ?? "");
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  return typeof h === "string" && /^Bearer /i.test(h) ? h.slice(7).trim() : null;
}
const POST_ROUTE = "/api/v1/rooms/:id/messages";

/** Counts every answered request and times message posts. Install before the routes: hooks reach later ones. */
export function installRequestMetrics(app: App, services: Services): void {
  const http = httpMetrics(services.metrics);
  const msg = messageMetrics(services.metrics);
  // A callback hook, not an async one: every answer passes here and nothing in it waits, so no promise and
  // microtask hop per request.
  app.addHook("onResponse", (req, reply, done) => {
    // The route pattern, never the raw URL: ids in paths would make one series per room.
    const route = req.routeOptions.url ?? "unmatched";
    const status = String(reply.statusCode);
    http.requests.inc({ method: req.method, route, status });
    if (req.method === "POST" && route === POST_ROUTE)
      msg.postSeconds.observe({ status }, reply.elapsedTime / 1000);
    done();
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
  const ok = Type.Boolean({ description: "always true" });
  app.get(
    "/healthz",
    { ...opts, schema: { hide: true, response: { 200: Type.Object({ ok }) } } },
    async () => ({ ok: true }),
  );

  const ready = readiness(services);
  app.addHook("onClose", async () => ready.close());
  const readyz = {
    200: Type.Object({ ok, store: Type.Union([Type.Literal("sqlite"), Type.Literal("postgres")]) }),
    503: ErrorSchema,
  };
  app.get("/readyz", { ...opts, schema: { hide: true, response: readyz } }, async (_req, reply) => {
    const down = await ready.check();
    if (down) return reply.status(503).send(errorBody("not_ready", down));
    return { ok: true, store: services.store.dialect };
  });

  app.get("/metrics", opts, async (req, reply) => {
    const p = req.principal;
    const token = bearer(req);
    const allowed =
      (token !== null && isMetricsToken(services, token)) ||
      (p?.role === "admin" && p.scopes.has("admin")) ||
      directLocal(req, services);
    if (!allowed)
      return reply
        .status(403)
        .send(errorBody("admin_only", "metrics need the metrics token, an admin token or a local address"));
    reply.header("content-type", services.metrics.contentType);
    return services.metrics.metrics();
  });
}
