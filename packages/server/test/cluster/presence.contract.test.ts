// One contract suite for the Presence port, run against the in-process and the Redis adapter.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Redis } from "ioredis";
import {
  ACTIVITY_TTL_MS,
  InProcessPresenceStore,
  type NodeFacts,
  type PresenceStore,
  RedisPresenceStore,
} from "../../src/cluster/presence.ts";
import { ManualClock } from "../../src/gateway/manual-clock.ts";
import { REDIS_URL, redisSkipReason, uniquePrefix } from "./redis-available.ts";

interface Pair {
  clock: ManualClock;
  a: PresenceStore;
  b: PresenceStore;
  close(): Promise<void>;
}

const facts = (over: Partial<NodeFacts> = {}): NodeFacts => ({
  connections: 1,
  desktopConnections: 1,
  lockedSince: null,
  desktopGoneAt: null,
  goneAt: null,
  ...over,
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function contract(name: string, makePair: () => Promise<Pair>, skip: () => Promise<string | false>) {
  describe(`Presence contract: ${name}`, async () => {
    const reason = await skip();
    test(
      "[PRS-4] facts of every node are visible to every node until they expire",
      { skip: reason },
      async () => {
        const { clock, a, b, close } = await makePair();
        await a.report("u1", "node-a", facts({ lockedSince: 10 }));
        await b.report("u1", "node-b", facts({ connections: 2, desktopConnections: 0 }));
        const seen = await b.facts("u1");
        assert.equal(seen.length, 2);
        assert.deepEqual(seen.map((f) => f.connections).sort(), [1, 2]);
        // GEN-6's cluster-wide socket cap reads the other nodes' facts only.
        assert.deepEqual(
          (await a.facts("u1", "node-a")).map((f) => f.connections),
          [2],
        );
        await a.remove("u1", "node-a");
        assert.equal((await a.facts("u1")).length, 1);
        // A node that stops reporting (crashed) drops out after the TTL.
        clock.advance(91_000);
        assert.deepEqual(await a.facts("u1"), []);
        assert.deepEqual(await a.facts("nobody"), []);
        await close();
      },
    );

    test(
      "[PRS-6] a status change reaches every node once; repeats are not changes",
      { skip: reason },
      async () => {
        const { a, b, close } = await makePair();
        const seenA: string[] = [];
        const seenB: string[] = [];
        await a.onStatus((u, s) => seenA.push(`${u}:${s}`));
        await b.onStatus((u, s) => seenB.push(`${u}:${s}`));
        assert.equal(await a.setStatus("u1", "online"), true);
        assert.equal(await b.setStatus("u1", "online"), false);
        assert.equal(await b.setStatus("u1", "away"), true);
        await until(() => seenA.length === 2 && seenB.length === 2, "two changes on both nodes");
        assert.deepEqual(seenA, ["u1:online", "u1:away"]);
        assert.deepEqual(seenB, seenA);
        await close();
      },
    );

    test(
      "[PRS-8] last input is kept per user across nodes: the latest wins whatever order nodes write in",
      { skip: reason },
      async () => {
        const { clock, a, b, close } = await makePair();
        assert.deepEqual(await a.lastActivity("u1"), { desktop: null, any: null, desktopDevice: null });
        const t = clock.now();
        await a.recordActivity("u1", { desktop: t - 5_000, any: t - 5_000, desktopDevice: "web" });
        // A phone's input moves only "any"; an older report from a slower node lowers nothing.
        await b.recordActivity("u1", { desktop: null, any: t - 1_000 });
        await b.recordActivity("u1", { desktop: t - 9_000, any: t - 9_000, desktopDevice: "desktop" });
        const kept = { desktop: t - 5_000, any: t - 1_000, desktopDevice: "web" };
        assert.deepEqual(await b.lastActivity("u1"), kept);
        // It outlives the node's connection facts (a reload, a redeploy): only input ever changes it.
        await a.report("u1", "node-a", facts());
        await a.remove("u1", "node-a");
        clock.advance(91_000);
        assert.deepEqual(await a.facts("u1"), []);
        assert.deepEqual(await a.lastActivity("u1"), kept);
        assert.deepEqual(await a.lastActivity("u2"), { desktop: null, any: null, desktopDevice: null });
        await close();
      },
    );

    test("[PRS-1] unknown users are offline; statuses are read in bulk", { skip: reason }, async () => {
      const { a, b, close } = await makePair();
      await a.setStatus("u1", "busy");
      await a.setStatus("u2", "online");
      await a.setStatus("u2", "offline");
      const got = await b.statuses(["u1", "u2", "u3"]);
      assert.deepEqual(Object.fromEntries(got), { u1: "busy", u2: "offline", u3: "offline" });
      assert.equal((await b.statuses([])).size, 0);
      await close();
    });

    test(
      "[MEN-2] every node lists the users online now, whichever node set them",
      { skip: reason },
      async () => {
        const { a, b, close } = await makePair();
        assert.deepEqual(await b.online(), []);
        await a.setStatus("u1", "online");
        await b.setStatus("u2", "online");
        await a.setStatus("u3", "away");
        await a.setStatus("u4", "online");
        await b.setStatus("u4", "busy");
        await a.setStatus("u5", "online");
        await b.setStatus("u5", "offline");
        await b.setStatus("u1", "online"); // again: listed once
        assert.deepEqual((await a.online()).sort(), ["u1", "u2"]);
        assert.deepEqual((await b.online()).sort(), ["u1", "u2"]);
        await close();
      },
    );
  });
}

contract(
  "in-process",
  async () => {
    const clock = new ManualClock();
    const store = new InProcessPresenceStore(clock);
    return { clock, a: store, b: store, close: () => store.close() };
  },
  async () => false,
);

contract(
  "redis",
  async () => {
    const clock = new ManualClock();
    const prefix = uniquePrefix("presence");
    const a = new RedisPresenceStore(clock, { url: REDIS_URL, prefix });
    const b = new RedisPresenceStore(clock, { url: REDIS_URL, prefix });
    await a.connect();
    await b.connect();
    return {
      clock,
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

test("[PRS-8] in-process: last input is kept for ACTIVITY_TTL_MS (≥ 2 h) after it was last written", async () => {
  assert.ok(ACTIVITY_TTL_MS >= 2 * 3600_000);
  const clock = new ManualClock();
  const store = new InProcessPresenceStore(clock);
  const t = clock.now();
  await store.recordActivity("u1", { desktop: t, any: t, desktopDevice: "web" });
  clock.advance(ACTIVITY_TTL_MS - 1);
  assert.deepEqual(await store.lastActivity("u1"), { desktop: t, any: t, desktopDevice: "web" });
  clock.advance(1);
  assert.deepEqual(await store.lastActivity("u1"), { desktop: null, any: null, desktopDevice: null });
  await store.close();
});

describe("Presence: redis last-activity key", async () => {
  const reason = await redisSkipReason();
  test(
    "[PRS-8] one key per user, expiring ACTIVITY_TTL_MS (≥ 2 h) after the last write",
    { skip: reason },
    async () => {
      const prefix = uniquePrefix("presence");
      const store = new RedisPresenceStore(new ManualClock(), { url: REDIS_URL, prefix });
      await store.connect();
      const raw = new Redis(REDIS_URL);
      try {
        await store.recordActivity("u1", { desktop: 5, any: 7, desktopDevice: "web" });
        const ttl = await raw.pttl(`${prefix}activity:u1`);
        assert.ok(ttl > ACTIVITY_TTL_MS - 60_000 && ttl <= ACTIVITY_TTL_MS, `pttl ${ttl}`);
        assert.deepEqual(await raw.hgetall(`${prefix}activity:u1`), {
          desktop: "5",
          any: "7",
          device: "web",
        });
      } finally {
        raw.disconnect();
        await store.close();
      }
    },
  );
});
