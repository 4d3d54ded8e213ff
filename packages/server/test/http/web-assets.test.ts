// The built web app is served as the build wrote it: the brotli or gzip copy when the browser accepts one
// (never compressed per request), hashed assets cached for a year, everything else asked for again each time.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { type Harness, harness } from "./harness.ts";

const SCRIPT = `console.log(${JSON.stringify("herald ".repeat(400))});`;

function fakeBuild(): string {
  const dist = mkdtempSync(join(tmpdir(), "herald-web-dist-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(
    join(dist, "index.html"),
    '<!doctype html><script type="module" src="/assets/app-Ab12.js"></script>',
  );
  writeFileSync(join(dist, "assets", "app-Ab12.js"), SCRIPT);
  writeFileSync(join(dist, "assets", "app-Ab12.js.br"), brotliCompressSync(SCRIPT));
  writeFileSync(join(dist, "assets", "app-Ab12.js.gz"), gzipSync(SCRIPT));
  writeFileSync(join(dist, "widget.js"), "/* embed */");
  return dist;
}

describe("web app assets", () => {
  let h: Harness;
  before(async () => {
    h = await harness({ config: { webDist: fakeBuild() } });
  });
  after(() => h.close());

  test("a hashed asset goes out as the build's brotli copy, then gzip, then plain; cached for a year", async () => {
    const get = (encoding: string) =>
      h.app.inject({ method: "GET", url: "/assets/app-Ab12.js", headers: { "accept-encoding": encoding } });
    const br = await get("gzip, deflate, br");
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers["content-encoding"], "br");
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), SCRIPT);
    assert.equal(br.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.match(String(br.headers["content-type"]), /javascript/);
    const gz = await get("gzip");
    assert.equal(gz.headers["content-encoding"], "gzip");
    assert.equal(gunzipSync(gz.rawPayload).toString(), SCRIPT);
    const plain = await get("identity");
    assert.equal(plain.headers["content-encoding"], undefined);
    assert.equal(plain.body, SCRIPT);
  });

  test("index.html, a client-side route and widget.js are asked for again on every load", async () => {
    for (const url of ["/", "/chat/some-room", "/widget.js"]) {
      const r = await h.app.inject({ method: "GET", url });
      assert.equal(r.statusCode, 200, url);
      assert.equal(r.headers["cache-control"], "no-cache", url);
    }
    const missing = await h.app.inject({ method: "GET", url: "/assets/app-Ab12.js.map" });
    assert.equal(missing.statusCode, 404);
  });
});
