// Structured access log: one JSON line per answered request, for production (HERALD_ACCESS_LOG; unset = on
// when NODE_ENV=production). It names the route pattern, never the raw URL (paths carry ids and query strings
// may carry `access_token`), and no header, cookie, body or message text: what an operator needs to follow
// traffic and errors, nothing an attacker could reuse.
import type { Services } from "../services.ts";
import type { App } from "./types.ts";

export function accessLogEnabled(setting: boolean | null, env: NodeJS.ProcessEnv = process.env): boolean {
  return setting ?? env.NODE_ENV === "production";
}

export function installAccessLog(app: App, services: Services): void {
  if (!accessLogEnabled(services.config.accessLog)) return;
  const log = services.log.child({ log: "access" });
  // A callback hook: logging never waits, so no promise per request.
  app.addHook("onResponse", (req, reply, done) => {
    const length = reply.getHeader("content-length");
    log.info(
      {
        reqId: req.id,
        method: req.method,
        route: req.routeOptions.url ?? "unmatched",
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        bytes: typeof length === "number" || typeof length === "string" ? Number(length) : undefined,
        ip: req.ip,
        userId: req.principal?.userId,
        via: req.principal?.via,
      },
      "request",
    );
    done();
  });
}
