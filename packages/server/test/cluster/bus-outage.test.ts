// The Redis bus through Redis outages, each node's connection cut on its own through a TCP relay (the shared
// Redis stays up): an event published while the publisher cannot reach Redis is kept and published, in
// order, once it can (pub/sub itself would forget it); a subscriber whose connection came back hears so
// (events may have passed meanwhile: the gateway then has its clients resume from the store).
import assert from "node:assert/strict";
import { test } from "node:test";
import { PUBLISH_ANSWER_WAIT_MS, RedisBus } from "../../src/cluster/bus.ts";
import { relay } from "../helpers/redis-relay.ts";
import { until } from "./nodes.ts";
import { REDIS_URL, redisSkipReason, uniquePrefix } from "./redis-available.ts";

const skip = await redisSkipReason();

test(
  "[GEN-7] events published while Redis is away arrive in order once it answers; a subscriber hears it resubscribed",
  { skip },
  async () => {
    let toA = await relay();
    let toB = await relay();
    const prefix = uniquePrefix("bus-outage");
    const a = new RedisBus({ url: toA.url, prefix });
    const b = new RedisBus({ url: toB.url, prefix });
    try {
      await Promise.all([a.connect(), b.connect()]);
      const got: unknown[] = [];
      let resubscribed = 0;
      await b.subscribe("x", (p) => got.push(p));
      b.onResubscribed(() => resubscribed++);
      await a.publish("x", 1);
      await until("the first event", () => got.length === 1);

      // The publisher loses Redis: publishing neither throws nor waits (the post that published is answered).
      await toA.cut();
      await a.publish("x", 2);
      await a.publish("x", 3);
      assert.deepEqual(got, [1]);
      toA = await relay(toA.port);
      await until(`the kept events (${got})`, () => got.length === 3);

      // The subscriber loses Redis and comes back: it is told, and hears what is published afterwards.
      await toB.cut();
      toB = await relay(toB.port);
      await until("the subscription back", () => resubscribed === 1);
      await a.publish("x", 4);
      await until(`the event after (${got})`, () => got.length === 4);
      assert.deepEqual(got, [1, 2, 3, 4]);
    } finally {
      await a.close();
      await b.close();
      await toA.cut();
      await toB.cut();
    }
  },
);

test(
  "[GEN-7] a publish on its way when Redis goes away lets its caller go on; the event arrives once, when Redis is back",
  { skip },
  async () => {
    const toA = await relay();
    const prefix = uniquePrefix("bus-in-flight");
    const a = new RedisBus({ url: toA.url, prefix });
    const b = new RedisBus({ url: REDIS_URL, prefix });
    try {
      await Promise.all([a.connect(), b.connect()]);
      const got: unknown[] = [];
      await b.subscribe("x", (p) => got.push(p));
      await a.publish("x", 1);
      await until("the first event", () => got.length === 1);

      // The command leaves, Redis never sees it, and the connection drops: ioredis holds it until it reconnects.
      toA.stall();
      const started = performance.now();
      const published = a.publish("x", 2).then(() => performance.now() - started);
      await new Promise((r) => setTimeout(r, 50));
      toA.refuse();
      const waited = await Promise.race([
        published,
        new Promise<string>((r) => setTimeout(r, 10_000, "hung")),
      ]);
      assert.notEqual(waited, "hung", "the publish waited for Redis to come back");
      assert.ok((waited as number) < PUBLISH_ANSWER_WAIT_MS + 2000, `answered after ${waited} ms`);
      assert.deepEqual(got, [1]);

      toA.restore();
      await until(`the held event (${got})`, () => got.length === 2);
      await a.publish("x", 3);
      await until(`the event after (${got})`, () => got.length === 3);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(got, [1, 2, 3]);
    } finally {
      await a.close();
      await b.close();
      await toA.cut();
    }
  },
);
