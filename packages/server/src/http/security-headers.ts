// Security headers on every answer, through helmet: a Content-Security-Policy with no inline script
// (the Vite build has none), X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer, and
// frame-ancestors 'none' (plus X-Frame-Options: DENY for old browsers) so no other site frames the app.
// Two pages differ: the API docs (/api/v1/docs, swagger-ui) get the plugin's own CSP, which allows its two
// inline scripts by hash only; the contact widget page (/widget?key=…) may be framed by its inbox's website
// origins and HERALD_WIDGET_FRAME_ORIGINS (site-wide), and the embed script (/widget.js) loads from any site.
import type { FastifyReply } from "fastify";
import helmet from "helmet";
import { publicUrlOf } from "../config.ts";
import type { Services } from "../services.ts";
import { inboxByKey } from "../support/store.ts";
import { originsOf } from "../support/widget-contact.ts";
import type { App } from "./types.ts";

const WIDGET_PAGE = "/widget";
const WIDGET_SCRIPT = "/widget.js";

/**
 * Who may frame the widget page: the website origins of the inbox its ?key= names (admins set them per inbox),
 * plus HERALD_WIDGET_FRAME_ORIGINS for every inbox. An unknown or missing key: the site-wide ones only.
 */
async function widgetOrigins(services: Services, url: string, site: readonly string[]): Promise<string[]> {
  const key = new URLSearchParams(url.slice(url.indexOf("?") + 1)).get("key") ?? undefined;
  const inbox = url.includes("?") ? await inboxByKey(services.store.db, key) : undefined;
  const own = inbox ? originsOf(inbox) : [];
  return [...new Set([...site, ...own])];
}

type Middleware = (req: never, res: never, next: (err?: unknown) => void) => void;

/**
 * The headers helmet sets, read once by running its middleware on a recorder. They depend on nothing in the
 * request (no nonce, no per-request option), and running helmet's chain of a dozen middlewares on every
 * request cost more than setting the headers.
 */
function headersOf(middleware: Middleware): [string, string][] {
  const out: [string, string][] = [];
  const res = {
    setHeader: (name: string, value: string) => out.push([name, String(value)]),
    removeHeader: () => {},
  };
  let failed: unknown = null;
  middleware({} as never, res as never, (err) => {
    failed = err ?? null;
  });
  if (failed) throw failed;
  return out;
}

export function frameAncestors(origins: readonly string[]): string {
  return origins.length ? origins.join(" ") : "'none'";
}

export async function installSecurityHeaders(app: App, services: Services): Promise<void> {
  const https = publicUrlOf(services.config).startsWith("https:");
  // Built once at start: the @fastify/helmet plugin builds the middleware (parsing every CSP directive) per request.
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // React sets style properties through the DOM (allowed); no stylesheet comes from elsewhere.
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        // 'self' covers the same-origin WebSocket (ws: / wss:) in current browsers.
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        mediaSrc: ["'self'", "data:", "blob:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only over HTTPS: on a plain-HTTP install it would send the page's requests to a port nobody serves.
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: https ? { maxAge: 15_552_000, includeSubDomains: false } : false,
  });
  const fixed = headersOf(headers);
  app.addHook("onRequest", (_req, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of fixed) raw.setHeader(name, value);
    done();
  });
  const siteOrigins = services.config.widgetFrameOrigins;
  // A callback hook, not an async one: every answer passes here and all but the widget page's need no promise.
  app.addHook("onSend", (req, reply, payload, done) => {
    const url = req.url;
    // Every other path answers here without cutting the URL apart: both widget paths start with "/widget".
    if (!url.startsWith(WIDGET_PAGE)) return done(null, payload);
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    // The embed script runs on customers' pages (another origin): it must load cross-origin.
    if (path === WIDGET_SCRIPT) reply.header("cross-origin-resource-policy", "cross-origin");
    if (path !== WIDGET_PAGE) return done(null, payload);
    widgetOrigins(services, req.url, siteOrigins).then(
      (origins) => {
        widgetHeaders(reply, frameAncestors(origins));
        done(null, payload);
      },
      (err: Error) => done(err),
    );
  });
}

/** The widget page's framing headers: its ancestors instead of 'none'. */
function widgetHeaders(reply: FastifyReply, widgetAncestors: string): void {
  const csp = reply.getHeader("content-security-policy");
  if (typeof csp === "string")
    reply.header(
      "content-security-policy",
      csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${widgetAncestors}`),
    );
  // X-Frame-Options cannot name several origins; CSP frame-ancestors decides for every current browser.
  if (widgetAncestors !== "'none'") reply.removeHeader("x-frame-options");
}

/** swagger-ui's own CSP (hashes of its inline scripts), with our framing and upgrade rules. */
export function docsCsp(services: Services): (header: string) => string {
  const https = publicUrlOf(services.config).startsWith("https:");
  return (header) => {
    let h = header.replace(/frame-ancestors [^;]*/, "frame-ancestors 'none'");
    // swagger-ui sets a few inline styles at run time (no script): allowed on the docs page only.
    h = h.replace(/style-src ([^;]*)/, (_m, v: string) => `style-src ${v.trim()} 'unsafe-inline'`);
    if (!https) h = h.replace(/\s*upgrade-insecure-requests;?/, "");
    return h;
  };
}
