// GEN-6: the WebSocket frame limits are settings (docs/OPERATIONS.md), so benchmarks and tests can raise them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadConfig } from "../../src/config.ts";

test("[GEN-6] WebSocket rate limits come from HERALD_RATE_WS_*, validated at boot with every error at once", () => {
  const ok = loadConfig({
    HERALD_RATE_WS_PER_SEC: "1000",
    HERALD_RATE_WS_BURST: "5000",
    HERALD_RATE_WS_USER_PER_SEC: "2000",
    HERALD_RATE_WS_USER_BURST: "9000",
  });
  assert.ok(ok.ok);
  assert.deepEqual(
    [ok.config.rateWsPerSec, ok.config.rateWsBurst, ok.config.rateWsUserPerSec, ok.config.rateWsUserBurst],
    [1000, 5000, 2000, 9000],
  );
  const defaults = loadConfig({});
  assert.ok(defaults.ok);
  assert.deepEqual([defaults.config.rateWsPerSec, defaults.config.rateWsBurst], [20, 60]);
  const bad = loadConfig({ HERALD_RATE_WS_PER_SEC: "0", HERALD_RATE_WS_USER_BURST: "lots" });
  assert.ok(!bad.ok);
  assert.equal(bad.errors.length, 2);
  assert.match(bad.errors.join("\n"), /HERALD_RATE_WS_PER_SEC/);
});
