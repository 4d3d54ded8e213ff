// One contract suite for the Presence port, run against the in-process and the Redis adapter.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
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
  lastDesktopActivity: 1,
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
        await a.report("u1", "node-a", facts({ lastDesktopActivity: 10 }));
        await b.report("u1", "node-b", facts({ connections: 2, desktopConnections: 0 }));
        const seen = await b.facts("u1");
        assert.equal(seen.length, 2);
        assert.deepEqual(seen.map((f) => f.connections).sort(), [1, 2]);
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
