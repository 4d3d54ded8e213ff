// Client addresses behind proxies (GEN-6, GEN-8): HERALD_TRUST_PROXY names the proxies (addresses / CIDRs) or
// a hop count; a spoofed X-Forwarded-For never opens /metrics nor escapes a rate limit.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadConfig } from "../../src/config.ts";
import type { Harness } from "./harness.ts";
import { harness } from "./harness.ts";

const PROXY = "10.1.0.5";

describe("proxies and client addresses", () => {
  let behind: Harness;
  let hops: Harness;
  let bare: Harness;
  before(async () => {
    behind = await harness({ config: { trustProxy: ["10.1.0.0/24"], rateLoginPerMin: 3 } });
    hops = await harness({ config: { trustProxy: 1, rateLoginPerMin: 3 } });
    bare = await harness({ config: { metricsToken: "m-secret-123" } });
  });
  after(async () => {
    await behind.close();
    await hops.close();
    await bare.close();
  });

  const metrics = (h: Harness, headers: Record<string, string>, remoteAddress: string) =>
    h.app.inject({ method: "GET", url: "/metrics", headers, remoteAddress });

  test("[GEN-8] a spoofed leftmost X-Forwarded-For of 127.0.0.1 does not open /metrics", async () => {
    // Through the trusted proxy: the proxy appends the real client after whatever the client sent.
    const viaProxy = await metrics(behind, { "x-forwarded-for": "127.0.0.1, 203.0.113.9" }, PROXY);
    assert.equal(viaProxy.statusCode, 403);
    // Straight from the internet, not through the proxy: the header is not believed at all.
    const direct = await metrics(behind, { "x-forwarded-for": "127.0.0.1" }, "203.0.113.9");
    assert.equal(direct.statusCode, 403);
    const hop = await metrics(hops, { "x-forwarded-for": "127.0.0.1, 203.0.113.9" }, "127.0.0.1");
    assert.equal(hop.statusCode, 403);
  });

  test("[GEN-8] behind a proxy even the proxy's own local connection needs a token", async () => {
    const local = await metrics(behind, { "x-forwarded-for": "127.0.0.1" }, "127.0.0.1");
    assert.equal(local.statusCode, 403);
    const admin = await metrics(behind, { ...behind.admin.h, "x-forwarded-for": "203.0.113.9" }, PROXY);
    assert.equal(admin.statusCode, 200);
  });

  test("[GEN-8] with HERALD_METRICS_TOKEN set, /metrics needs it (or an admin token), even locally", async () => {
    assert.equal((await metrics(bare, {}, "127.0.0.1")).statusCode, 403);
    const wrong = await metrics(bare, { authorization: "Bearer m-secret-124" }, "127.0.0.1");
    assert.notEqual(wrong.statusCode, 200);
    const right = await metrics(bare, { authorization: "Bearer m-secret-123" }, "203.0.113.9");
    assert.equal(right.statusCode, 200);
    assert.match(right.body, /process_cpu_seconds_total/);
  });

  test("[GEN-8] without a proxy, a local connection carrying forwarding headers is not local", async () => {
    const h = await harness();
    try {
      assert.equal((await metrics(h, {}, "127.0.0.1")).statusCode, 200);
      assert.equal((await metrics(h, { "x-forwarded-for": "198.51.100.1" }, "127.0.0.1")).statusCode, 403);
    } finally {
      await h.close();
    }
  });

  test("[GEN-6] a client varying its X-Forwarded-For stays in one rate-limit bucket", async () => {
    for (const h of [behind, hops]) {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await h.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { login: `who${i}`, password: "x" },
          // hops: the proxy is 10.1.0.5 and appends the client; the client spoofs a new leftmost each time.
          headers: { "x-forwarded-for": `192.0.2.${i + 1}, 203.0.113.50` },
          remoteAddress: PROXY,
        });
        codes.push(r.statusCode);
      }
      assert.deepEqual(codes, [401, 401, 401, 429]);
    }
  });

  test("[GEN-6] clients behind the trusted proxy get their own buckets", async () => {
    const h = await harness({ config: { trustProxy: ["10.1.0.0/24"], rateLoginPerMin: 1 } });
    try {
      for (const client of ["198.51.100.1", "198.51.100.2", "198.51.100.3"]) {
        const r = await h.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { login: "nobody", password: "x" },
          headers: { "x-forwarded-for": client },
          remoteAddress: PROXY,
        });
        assert.equal(r.statusCode, 401, client);
      }
    } finally {
      await h.close();
    }
  });

  test("HERALD_TRUST_PROXY takes a hop count or addresses / CIDRs, and refuses to trust every hop", () => {
    const ok = (v: string) => loadConfig({ HERALD_TRUST_PROXY: v });
    const two = ok("2");
    assert.ok(two.ok && two.config.trustProxy === 2);
    const list = ok("10.0.0.0/8, 127.0.0.1,::1");
    assert.ok(list.ok && JSON.stringify(list.config.trustProxy) === '["10.0.0.0/8","127.0.0.1","::1"]');
    const off = ok("false");
    assert.ok(off.ok && off.config.trustProxy === false);
    for (const bad of ["true", "yes", "10.0.0.0/33", "proxy.example", "1.2.3"]) {
      const r = ok(bad);
      assert.ok(!r.ok, bad);
      assert.match(r.errors[0], /HERALD_TRUST_PROXY/);
    }
    const prefix = loadConfig({ HERALD_REDIS_PREFIX: "team a" });
    assert.ok(!prefix.ok);
  });
});
