// [GEN-8] /readyz with REDIS_URL set: 503 not_ready while Redis does not answer, 200 again once it does. Redis is
// reached through a TCP relay the test cuts and restores, standing in for a Redis outage.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { clusterFor } from "../../src/cluster/factory.ts";
import { redisSkipReason, uniquePrefix } from "../cluster/redis-available.ts";
import { type Relay, relay } from "../helpers/redis-relay.ts";
import { type Harness, harness } from "./harness.ts";

const skip = await redisSkipReason();

describe("readiness with Redis", { skip }, () => {
  let h: Harness;
  let r: Relay;
  const readyz = async () => {
    const res = await h.app.inject({ method: "GET", url: "/readyz" });
    return {
      status: res.statusCode,
      body: res.json() as { ok?: boolean; error?: { code: string; message: string } },
    };
  };
  /** Probes until the answer has `status` (ioredis reconnects on its own schedule, backing off up to 2 s), at
   *  most 30 s: far above what it takes on a loaded CI machine. */
  const until = async (status: number) => {
    const end = Date.now() + 30_000;
    while (Date.now() < end) {
      const got = await readyz();
      if (got.status === status) return got;
      await new Promise((res) => setTimeout(res, 50));
    }
    return readyz();
  };

  before(async () => {
    r = await relay();
    h = await harness({ config: { redisUrl: r.url, redisPrefix: uniquePrefix("readyz") } });
  });
  after(async () => {
    // The api hooks opened the node's bus and presence connections; only a started gateway role closes them.
    const s = h.services;
    await clusterFor(s, s.config.redisUrl, s.clock, s.config.redisPrefix).close();
    await h?.close();
    await r?.cut().catch(() => {});
  });

  test("[GEN-8] /readyz is 200 while the database and Redis answer", async () => {
    const got = await until(200);
    assert.equal(got.status, 200);
    assert.equal(got.body.ok, true);
  });

  test("[GEN-8] /readyz is 503 not_ready while Redis is unreachable, and 200 again once it is back", async () => {
    assert.equal((await until(200)).status, 200);
    r.refuse();
    const down = await until(503);
    assert.equal(down.status, 503);
    assert.equal(down.body.error?.code, "not_ready");
    assert.equal(down.body.error?.message, "Redis does not answer");
    assert.equal(
      (await h.app.inject({ method: "GET", url: "/healthz" })).statusCode,
      200,
      "the process is up",
    );
    r.restore();
    assert.equal((await until(200)).status, 200);
  });
});
