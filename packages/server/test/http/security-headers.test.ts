// Security headers (helmet): a CSP without inline script on the app, the API and the docs; nosniff and
// no-referrer everywhere; no framing of the app (frame-ancestors 'none'); the widget page framable only from
// HERALD_WIDGET_FRAME_ORIGINS; the built web app really has no inline script and no public source map.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Harness } from "./harness.ts";
import { harness } from "./harness.ts";

const WEB_DIST = resolve(import.meta.dirname, "../../../web/dist");

function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

describe("security headers", () => {
  let h: Harness;
  let framed: Harness;
  before(async () => {
    h = await harness({ config: { webDist: WEB_DIST } });
    framed = await harness({ config: { webDist: WEB_DIST, widgetFrameOrigins: ["https://shop.example"] } });
  });
  after(async () => {
    await h.close();
    await framed.close();
  });

  test("API answers carry nosniff, no-referrer, a CSP and frame-ancestors 'none'", async () => {
    const r = await h.app.inject({ method: "GET", url: "/api/v1/auth/session" });
    assert.equal(r.statusCode, 401);
    assert.equal(r.headers["x-content-type-options"], "nosniff");
    assert.equal(r.headers["referrer-policy"], "no-referrer");
    assert.equal(r.headers["x-frame-options"], "DENY");
    const csp = directives(String(r.headers["content-security-policy"]));
    assert.deepEqual(csp.get("frame-ancestors"), ["'none'"]);
    assert.deepEqual(csp.get("script-src"), ["'self'"]);
    assert.ok(!csp.has("upgrade-insecure-requests"), "a plain-HTTP install is not told to upgrade");
  });

  test("the web app page has a CSP with no inline script, and the page needs none", async () => {
    if (!existsSync(resolve(WEB_DIST, "index.html"))) assert.fail("build the web app first (npm run build)");
    const r = await h.app.inject({ method: "GET", url: "/" });
    assert.equal(r.statusCode, 200);
    const csp = directives(String(r.headers["content-security-policy"]));
    assert.ok(!String(csp.get("script-src")).includes("unsafe-inline"));
    assert.deepEqual(csp.get("frame-ancestors"), ["'none'"]);
    // Every script of the built page is a file of this origin: the CSP lets the app run.
    const scripts = [...r.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length > 0);
    for (const [, attrs, body] of scripts) {
      assert.match(attrs, /\bsrc="\/[^/]/, "a same-origin script file");
      assert.equal(body.trim(), "", "no inline script");
    }
    assert.ok(!/\son[a-z]+=/i.test(r.body), "no inline event handlers");
    // A client-side route (index.html fallback) gets the same headers.
    const deep = await h.app.inject({ method: "GET", url: "/settings" });
    assert.deepEqual(directives(String(deep.headers["content-security-policy"])).get("frame-ancestors"), [
      "'none'",
    ]);
  });

  test("no source maps are published", async () => {
    const assets = readdirSync(resolve(WEB_DIST, "assets"));
    assert.deepEqual(
      assets.filter((f) => f.endsWith(".map")),
      [],
      "vite build must not emit source maps (sourcemap: false)",
    );
    for (const f of assets.filter((a) => a.endsWith(".js"))) {
      const r = await h.app.inject({ method: "GET", url: `/assets/${f}` });
      assert.ok(!r.body.includes("sourceMappingURL"), f);
    }
  });

  test("the API docs run under their own CSP: inline scripts allowed by hash only, never framed", async () => {
    const r = await h.app.inject({ method: "GET", url: "/api/v1/docs/" });
    assert.equal(r.statusCode, 200);
    const csp = directives(String(r.headers["content-security-policy"]));
    const scriptSrc = csp.get("script-src") ?? [];
    assert.ok(!scriptSrc.includes("'unsafe-inline'"));
    assert.deepEqual(csp.get("frame-ancestors"), ["'none'"]);
    assert.ok(!csp.has("upgrade-insecure-requests"));
    for (const [, body] of r.body.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
      const hash = `'sha256-${createHash("sha256").update(body).digest("base64")}'`;
      assert.ok(scriptSrc.includes(hash), `inline script allowed by ${hash}`);
    }
    // Its script files are served from this origin (the initializer is generated per install).
    assert.ok([...r.body.matchAll(/<script[^>]*\bsrc="\.\//g)].length >= 3);
    for (const [, src] of r.body.matchAll(/<script[^>]*\bsrc="\.\/([^"]+)"/g)) {
      const s = await h.app.inject({ method: "GET", url: `/api/v1/docs/${src}` });
      assert.equal(s.statusCode, 200, src);
    }
  });

  test("the widget page is framable only from the configured origins", async () => {
    const none = await h.app.inject({ method: "GET", url: "/widget?key=abc" });
    assert.equal(none.statusCode, 200);
    assert.deepEqual(directives(String(none.headers["content-security-policy"])).get("frame-ancestors"), [
      "'none'",
    ]);
    const some = await framed.app.inject({ method: "GET", url: "/widget?key=abc" });
    assert.deepEqual(directives(String(some.headers["content-security-policy"])).get("frame-ancestors"), [
      "https://shop.example",
    ]);
    assert.equal(some.headers["x-frame-options"], undefined);
    // The rest of that install is still not framable.
    const app = await framed.app.inject({ method: "GET", url: "/" });
    assert.deepEqual(directives(String(app.headers["content-security-policy"])).get("frame-ancestors"), [
      "'none'",
    ]);
  });
});
