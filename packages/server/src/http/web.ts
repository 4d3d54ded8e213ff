// Serves the built web app (packages/web/dist) at /, with index.html for client-side routes; a placeholder page
// until the web app is built.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { Services } from "../services.ts";
import { SESSION_COOKIE } from "./auth/hook.ts";
import { errorBody } from "./errors.ts";
import type { App } from "./types.ts";

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Herald</title></head>
<body><h1>Herald is running</h1><p>The web app is not built yet (<code>npm run build -w packages/web</code>).
The API is at <a href="/api/v1/docs">/api/v1/docs</a>.</p></body></html>`;

export async function webRoutes(app: App, services: Services): Promise<void> {
  const dist = resolve(services.config.webDist);
  const built = existsSync(resolve(dist, "index.html"));
  if (built) {
    await app.register(fastifyStatic, {
      root: dist,
      prefix: "/",
      wildcard: false,
      // "/" too goes to the fallback below, which tells a signed-in browser what to fetch early.
      index: false,
      // The build writes a brotli and a gzip copy of each asset: sent as is, never compressed per request.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => reply.header("cache-control", cacheControlFor(path)),
    });
  } else {
    app.get("/", { schema: { hide: true }, config: { auth: "none" } }, async (_req, reply) =>
      reply.type("text/html; charset=utf-8").send(PLACEHOLDER),
    );
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split("?")[0];
    if (built && req.method === "GET" && !path.startsWith("/api/") && !/\.[a-z0-9]+$/i.test(path)) {
      const preload = firstScreenPreload(path, req.cookies[SESSION_COOKIE] !== undefined);
      if (preload) reply.header("link", preload);
      // The same page goes out with or without the hint: a cache must tell the two apart.
      reply.header("vary", "cookie");
      return reply.header("cache-control", cacheControlFor("index.html")).sendFile("index.html");
    }
    return reply.status(404).send(errorBody("route_not_found", `no route ${req.method} ${path}`));
  });
}

/**
 * Files under assets/ carry a hash of their content in their name, so a browser keeps them for a year and
 * never asks again. Everything else (index.html, the service worker, widget.js that customers' pages embed
 * by a fixed name) is asked for again each time, so a new release reaches every browser on its next load.
 */
export function cacheControlFor(path: string): string {
  return /(^|[\\/])assets[\\/]/.test(path) ? "public, max-age=31536000, immutable" : "no-cache";
}

/**
 * The app asks for the session, then (signed in) for the room list, and only once its scripts have run. A
 * browser that brings a session cookie is told to fetch both while it loads the scripts, so the room list does
 * not wait for two round trips after them. The app's own fetches (credentials included) then take these
 * answers. The widget and the reset page use neither; a visitor without a cookie only meets the sign-in page.
 */
export function firstScreenPreload(path: string, hasSessionCookie: boolean): string | null {
  if (!hasSessionCookie || path === "/widget" || path === "/reset-password") return null;
  return ["/api/v1/auth/session", "/api/v1/rooms"]
    .map((url) => `<${url}>; rel=preload; as=fetch; crossorigin=use-credentials`)
    .join(", ");
}
