// GEN-6 in one process: what RateLimiter.hit counts and answers. No store: the in-memory limiter only.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AppError } from "../../src/http/errors.ts";
import { consumeOr429, type Limiter, RateLimiter } from "../../src/http/rate-limit.ts";

async function refusal(p: Promise<void>): Promise<AppError | null> {
  try {
    await p;
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

async function points(l: RateLimiter, key: string, limit: number): Promise<number> {
  const res = await l.limiter("hits", { points: limit, duration: 60 }).get(key);
  return res?.consumedPoints ?? 0;
}

test("[GEN-6] hit counts every key, and answers 429 with Retry-After once a key is past its limit", async () => {
  const l = new RateLimiter();
  for (let i = 0; i < 3; i++) assert.equal(await refusal(l.hit(["a", "b"], 3)), null);
  assert.equal(await points(l, "a", 3), 3);
  assert.equal(await points(l, "b", 3), 3);
  const err = await refusal(l.hit(["a"], 3));
  assert.equal(err?.status, 429);
  assert.equal(err?.code, "rate_limited");
  const retryAfter = Number(err?.headers["retry-after"]);
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry after ${retryAfter}`);
  await l.close();
});

test("[GEN-6] hit counts keys in order and a refused key stops the count", async () => {
  const l = new RateLimiter();
  // "first" is at its limit: the second key of the next hit is not counted.
  await l.hit(["first"], 1);
  assert.equal((await refusal(l.hit(["first", "second"], 1)))?.status, 429);
  assert.equal(await points(l, "second", 1), 0);
  // The other order: "second" is counted, then "first" refuses.
  assert.equal((await refusal(l.hit(["second", "first"], 1)))?.status, 429);
  assert.equal(await points(l, "second", 1), 1);
  // Separate limits keep separate buckets.
  assert.equal(await refusal(l.hit(["first"], 5)), null);
  assert.equal(await refusal(l.hit([], 1)), null);
  await l.close();
});

test("[GEN-6] a limiter failure that is not a refusal reaches the caller as it is", async () => {
  const boom = new Error("store away");
  const failing: Limiter = {
    consume: () => Promise.reject(boom),
    get: () => Promise.resolve(null),
    delete: () => Promise.resolve(false),
  };
  await assert.rejects(consumeOr429(failing, "k"), (err) => err === boom);
});
