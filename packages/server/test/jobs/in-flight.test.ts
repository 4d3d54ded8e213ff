// HERALD_PUSH_IN_FLIGHT: how many push sends a worker keeps in flight (docs/OPERATIONS.md). A push service far
// away caps a worker at in-flight ÷ round trip, so the bound is a setting; the sender's sockets per push
// service origin follow it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { loadConfig } from "../../src/config.ts";
import { IN_FLIGHT, sendMarked } from "../../src/jobs/attempts.ts";
import type { JobContext } from "../../src/jobs/context.ts";
import { openTestStore, type TestStore } from "../helpers/app.ts";

let t: TestStore;
before(async () => {
  t = await openTestStore();
});
after(() => t.dispose());

test("HERALD_PUSH_IN_FLIGHT is read and validated at boot (default IN_FLIGHT)", () => {
  const defaults = loadConfig({});
  assert.ok(defaults.ok);
  assert.equal(defaults.config.pushInFlight, IN_FLIGHT);
  const set = loadConfig({ HERALD_PUSH_IN_FLIGHT: "256" });
  assert.ok(set.ok);
  assert.equal(set.config.pushInFlight, 256);
  const bad = loadConfig({ HERALD_PUSH_IN_FLIGHT: "0" });
  assert.ok(!bad.ok);
  assert.match(bad.errors.join("\n"), /HERALD_PUSH_IN_FLIGHT/);
});

test("sendMarked keeps exactly the given number of sends in flight, never more", async () => {
  const ctx = { db: t.store.db, clock: { now: () => Date.now() } } as unknown as JobContext;
  for (const inFlight of [3, 10]) {
    let running = 0;
    let most = 0;
    const jobs = Array.from({ length: 25 }, (_, i) => `row${i}`);
    await sendMarked(
      ctx,
      jobs,
      (id) => [id],
      async () => {
        running++;
        most = Math.max(most, running);
        // Yield a few turns so every send of the chunk has started before any ends.
        for (let k = 0; k < 3; k++) await new Promise((r) => setImmediate(r));
        running--;
      },
      inFlight,
    );
    assert.equal(most, inFlight);
  }
});
