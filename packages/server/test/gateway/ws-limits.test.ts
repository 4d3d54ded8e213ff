// GEN-6 on the realtime socket: the handshake (hello, with or without resume) never counts against the frame
// budgets, so a hello always gets ready even while the user's other sockets are rate limited; past the
// per-user socket cap a new socket is closed with 4409 before it costs anything.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_RATE_LIMITS } from "../../src/gateway/rate-limit.ts";
import { makeHarness } from "./helpers/harness.ts";

const tight = { ...DEFAULT_RATE_LIMITS, userPerSecond: 1, userBurst: 5, connectionsPerUser: 3 };

test("[GEN-6] a hello past the user's frame budget still gets ready", async () => {
  const h = await makeHarness({ limits: tight });
  h.store.addUser("ann");
  try {
    const a = await h.connect("ann");
    assert.ok(a.flushToClient().some((f) => f.t === "ready"));
    // Spend the user's whole budget on the first socket: the later frames are refused.
    for (let i = 0; i < 10; i++) a.send({ t: "ping" });
    a.flushToServer();
    await h.settle();
    assert.ok(a.flushToClient().some((f) => f.t === "error" && f.code === "rate_limited"));
    // A second socket of the same user (a new tab, a reconnect with resume): its hello is answered.
    const b = await h.connect("ann", { deviceId: "ann-tab-2", resume: { rooms: {}, userCursor: null } });
    const got = b.flushToClient();
    assert.ok(
      got.some((f) => f.t === "ready"),
      `ready, got ${JSON.stringify(got.map((f) => f.t))}`,
    );
    assert.equal(b.closed, null);
    // After the handshake the budget applies again: the budget is still spent.
    b.send({ t: "ping" });
    b.flushToServer();
    await h.settle();
    assert.ok(b.flushToClient().some((f) => f.t === "error" && f.code === "rate_limited"));
  } finally {
    await h.close();
  }
});

test("[GEN-6] a second hello on one socket is not a handshake: it counts and is refused", async () => {
  const h = await makeHarness({ limits: { ...tight, userBurst: 1, connBurst: 1 } });
  h.store.addUser("ann");
  try {
    const a = await h.connect("ann");
    a.flushToClient();
    for (let i = 0; i < 3; i++) a.send({ t: "hello", deviceId: "again", deviceKind: "web" });
    a.flushToServer();
    await h.settle();
    const errors = a.flushToClient().filter((f) => f.t === "error");
    assert.ok(
      errors.some((f) => f.code === "rate_limited"),
      JSON.stringify(errors),
    );
  } finally {
    await h.close();
  }
});

test("[GEN-6] past the per-user socket cap a new socket is closed with 4409; closing one frees a place", async () => {
  const h = await makeHarness({ limits: tight });
  h.store.addUser("ann");
  h.store.addUser("bob");
  try {
    const open = [await h.connect("ann"), await h.connect("ann"), await h.connect("ann")];
    for (const s of open) assert.equal(s.closed, null);
    const fourth = await h.connect("ann");
    assert.deepEqual(fourth.closed, { code: 4409, reason: "too many connections" });
    assert.ok(!fourth.flushToClient().some((f) => f.t === "ready"));
    // Another user is not affected.
    const bob = await h.connect("bob");
    assert.ok(bob.flushToClient().some((f) => f.t === "ready"));
    open[0].drop();
    await h.settle();
    const again = await h.connect("ann");
    assert.equal(again.closed, null);
    assert.ok(again.flushToClient().some((f) => f.t === "ready"));
  } finally {
    await h.close();
  }
});

test("[GEN-6] the socket cap counts the user's sockets on every node: one past it on another node gets 4409", async () => {
  const first = await makeHarness({ limits: tight, nodeId: "node-a" });
  const second = await makeHarness({
    limits: tight,
    nodeId: "node-b",
    store: first.store,
    clock: first.clock,
    presenceStore: first.presenceStore,
  });
  first.store.addUser("ann");
  try {
    const onA = [await first.connect("ann"), await first.connect("ann")];
    await first.settle();
    const third = await second.connect("ann");
    await second.settle();
    assert.equal(third.closed, null, "two on node A and one on node B is the cap of 3");
    const fourth = await second.connect("ann");
    await second.settle();
    assert.deepEqual(fourth.closed, { code: 4409, reason: "too many connections" });
    // A place freed on node A is free for node B once A has reported it.
    onA[0].drop();
    await first.settle();
    const again = await second.connect("ann");
    await second.settle();
    assert.equal(again.closed, null);
    assert.deepEqual(first.errors, []);
    assert.deepEqual(second.errors, []);
  } finally {
    await second.close();
    await first.close();
  }
});
