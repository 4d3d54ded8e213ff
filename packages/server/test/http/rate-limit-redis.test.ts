// GEN-6 across nodes: with REDIS_URL every node counts in the same Redis buckets, under HERALD_REDIS_PREFIX, so
// a cluster enforces one limit and two installs sharing one Redis never count each other's requests.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, test } from "node:test";
import { AppError } from "../../src/http/errors.ts";
import { RateLimiter } from "../../src/http/rate-limit.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

async function status(p: Promise<void>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (err) {
    if (err instanceof AppError) return err.status;
    throw err;
  }
}

describe("[GEN-6] rate limits shared through Redis", () => {
  const open: RateLimiter[] = [];
  const node = (prefix: string) => {
    const l = new RateLimiter({ redisUrl: REDIS_URL, prefix });
    open.push(l);
    return l;
  };
  after(async () => {
    for (const l of open) await l.close();
  });

  test("two nodes of one install share a limit of 30 posts a minute", async () => {
    const prefix = `herald-test-${randomUUID()}:`;
    const [a, b] = [node(prefix), node(prefix)];
    // Until connected each node counts alone (no offline queue, by design): start once both are.
    await Promise.all([a.ready(), b.ready()]);
    const codes: number[] = [];
    for (let i = 0; i < 60; i++) codes.push(await status((i % 2 ? a : b).hit(["post:user:u1"], 30)));
    assert.equal(codes.filter((c) => c === 200).length, 30);
    assert.equal(codes.filter((c) => c === 429).length, 30);
  });

  test("two installs with different prefixes on one Redis do not count each other", async () => {
    const [x, y] = [node(`herald-test-${randomUUID()}:`), node(`herald-test-${randomUUID()}:`)];
    await Promise.all([x.ready(), y.ready()]);
    for (let i = 0; i < 5; i++) assert.equal(await status(x.hit(["post:user:u1"], 5)), 200);
    assert.equal(await status(x.hit(["post:user:u1"], 5)), 429);
    assert.equal(await status(y.hit(["post:user:u1"], 5)), 200);
  });
});
