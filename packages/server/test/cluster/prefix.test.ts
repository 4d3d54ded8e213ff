// HERALD_REDIS_PREFIX: two installs on one Redis never hear each other's bus events or see each other's
// presence; one install's processes (same prefix) do.
import assert from "node:assert/strict";
import { test } from "node:test";
import { clusterFor } from "../../src/cluster/factory.ts";
import { ManualClock } from "../../src/gateway/manual-clock.ts";
import { REDIS_URL, uniquePrefix } from "./redis-available.ts";

test("HERALD_REDIS_PREFIX: two prefixes on one Redis do not cross-talk; one prefix is one install", async () => {
  const clock = new ManualClock();
  const [pa, pb] = [uniquePrefix("install-a"), uniquePrefix("install-b")];
  const a1 = clusterFor({}, REDIS_URL, clock, pa);
  const a2 = clusterFor({}, REDIS_URL, clock, pa);
  const b = clusterFor({}, REDIS_URL, clock, pb);
  try {
    await Promise.all([a1.ready, a2.ready, b.ready]);
    const heardByB: unknown[] = [];
    const heardByA2: unknown[] = [];
    await b.bus.subscribe("message.created", (p) => heardByB.push(p));
    await a2.bus.subscribe("message.created", (p) => heardByA2.push(p));
    await a1.bus.publish("message.created", { n: 1 });
    // B's own event, published after A's, arriving proves A's would have arrived first.
    await b.bus.publish("message.created", { n: 2 });
    for (let i = 0; i < 500 && (heardByB.length < 1 || heardByA2.length < 1); i++)
      await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(heardByB, [{ n: 2 }]);
    assert.deepEqual(heardByA2, [{ n: 1 }]);
    // Presence: a status written by install A is not B's.
    await a1.presence.setStatus("u1", "online");
    const seen = async (p: typeof a1) => (await p.presence.statuses(["u1"])).get("u1");
    assert.equal(await seen(a2), "online");
    assert.notEqual(await seen(b), "online");
  } finally {
    await a1.close();
    await a2.close();
    await b.close();
  }
});
