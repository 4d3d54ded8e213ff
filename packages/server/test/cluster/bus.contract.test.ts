// One contract suite for the Bus port, run against the in-process and the Redis adapter.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Bus, InProcessBus, RedisBus } from "../../src/cluster/bus.ts";
import { REDIS_URL, redisSkipReason, uniquePrefix } from "./redis-available.ts";

interface Pair {
  a: Bus;
  b: Bus;
  close(): Promise<void>;
}

function waitFor(check: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let tries = 0;
    const tick = () => {
      if (check()) return resolve();
      if (++tries > 400) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 5);
    };
    tick();
  });
}

function contract(name: string, makePair: () => Promise<Pair>, skip: () => Promise<string | false>) {
  describe(`Bus contract: ${name}`, async () => {
    const reason = await skip();
    test("[GEN-7] events reach subscribers on every node in publish order", { skip: reason }, async () => {
      const { a, b, close } = await makePair();
      const gotA: unknown[] = [];
      const gotB: unknown[] = [];
      await a.subscribe("message.created", (p) => gotA.push(p));
      await b.subscribe("message.created", (p) => gotB.push(p));
      for (let i = 0; i < 20; i++) await a.publish("message.created", { i });
      await waitFor(() => gotA.length === 20 && gotB.length === 20, "20 events on both nodes");
      assert.deepEqual(
        gotB.map((p) => (p as { i: number }).i),
        [...Array(20).keys()],
      );
      assert.deepEqual(gotA, gotB);
      await close();
    });

    test("topics are separate and unsubscribe stops delivery", { skip: reason }, async () => {
      const { a, b, close } = await makePair();
      const got: string[] = [];
      const off = await b.subscribe("t1", () => got.push("t1"));
      await b.subscribe("t2", () => got.push("t2"));
      await a.publish("t1", {});
      await a.publish("t2", {});
      await waitFor(() => got.length === 2, "both topics");
      await off();
      await a.publish("t1", {});
      await a.publish("t2", {});
      await waitFor(() => got.length === 3, "t2 only");
      await new Promise((r) => setTimeout(r, 30));
      assert.deepEqual(got, ["t1", "t2", "t2"]);
      await close();
    });

    test("payloads are copies, never shared objects", { skip: reason }, async () => {
      const { a, b, close } = await makePair();
      const sent = { nested: { n: 1 } };
      let received: { nested: { n: number } } | undefined;
      await b.subscribe("x", (p) => {
        received = p as typeof sent;
      });
      await a.publish("x", sent);
      sent.nested.n = 2;
      await waitFor(() => received !== undefined, "delivery");
      assert.equal(received?.nested.n, 1);
      await close();
    });
  });
}

contract(
  "in-process",
  async () => {
    const bus = new InProcessBus();
    return { a: bus, b: bus, close: () => bus.close() };
  },
  async () => false,
);

contract(
  "redis",
  async () => {
    const prefix = uniquePrefix("bus");
    const a = new RedisBus({ url: REDIS_URL, prefix });
    const b = new RedisBus({ url: REDIS_URL, prefix });
    await a.connect();
    await b.connect();
    return {
      a,
      b,
      close: async () => {
        await a.close();
        await b.close();
      },
    };
  },
  redisSkipReason,
);
