// Revoked credentials close sockets at once (PRM-4, TOK-1, GEN-5): `user.sessions_revoked` on the bus closes the
// matching sockets with 4401 on every node, ahead of anything still queued, and detaches them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type Bus, InProcessBus, RedisBus } from "../../src/cluster/bus.ts";
import { InProcessPresenceStore } from "../../src/cluster/presence.ts";
import type { SessionsRevoked } from "../../src/gateway/events.ts";
import { Gateway } from "../../src/gateway/gateway.ts";
import { ManualClock } from "../../src/gateway/manual-clock.ts";
import { REDIS_URL, redisSkipReason, uniquePrefix } from "../cluster/redis-available.ts";
import { makeHarness } from "./helpers/harness.ts";
import { MemoryStore } from "./helpers/memory-store.ts";
import { TestSocketPair } from "./helpers/socket-pair.ts";

const revoked = (e: Omit<SessionsRevoked, "type">): SessionsRevoked => ({
  type: "user.sessions_revoked",
  ...e,
});

test("[GEN-5] [PRM-4] after deactivation every socket of the user is closed (4401) and receives nothing more", async () => {
  const h = await makeHarness();
  for (const u of ["alice", "bob"]) h.store.addUser(u);
  h.store.addRoom("general", "channel", ["alice", "bob"]);
  const laptop = await h.connect("bob", { deviceId: "laptop" }, { sessionId: "s1" });
  const script = await h.connect("bob", { deviceId: "bot" }, { tokenId: "t1" });
  const alice = await h.connect("alice");
  for (const p of [laptop, script, alice]) p.flushToClient();
  // The message is published first, the revocation right after: the revocation must not wait behind it.
  const post = h.bus.publish("message.created", h.store.post("general", "alice", "hi @bob", h.clock.now()));
  const revoke = h.bus.publish("user.sessions_revoked", revoked({ userId: "bob" }));
  await Promise.all([post, revoke]);
  await h.settle();
  assert.deepEqual(laptop.closed, { code: 4401, reason: "signed out" });
  assert.deepEqual(script.closed, { code: 4401, reason: "signed out" });
  assert.equal(laptop.pendingToClient() + script.pendingToClient(), 0, "nothing after the revocation");
  assert.equal(h.gateway.locals.get("bob")?.conns.size ?? 0, 0, "detached at once");
  assert.equal(alice.closed, null, "other users keep their sockets");
  await h.publish(h.store.post("general", "alice", "anyone?", h.clock.now()));
  assert.equal(laptop.pendingToClient() + script.pendingToClient(), 0);
  assert.equal(laptop.writesAfterClose + script.writesAfterClose, 0, "no write is even attempted");
  assert.deepEqual(h.errors, []);
  await h.close();
});

test("[TOK-1] [PRM-4] a signed-out session or a deleted / regenerated token closes only its own sockets", async () => {
  const h = await makeHarness();
  h.store.addUser("bob");
  const tab1 = await h.connect("bob", { deviceId: "laptop" }, { sessionId: "s1" });
  const tab2 = await h.connect("bob", { deviceId: "laptop" }, { sessionId: "s1" });
  const phone = await h.connect("bob", { deviceId: "phone" }, { sessionId: "s2" });
  const bot = await h.connect("bob", { deviceId: "bot" }, { tokenId: "t1" });
  const other = await h.connect("bob", { deviceId: "ci" }, { tokenId: "t2" });
  await h.publish(revoked({ userId: "bob", sessionId: "s1" }));
  assert.equal(tab1.closed?.code, 4401);
  assert.equal(tab2.closed?.code, 4401);
  assert.equal(phone.closed, null);
  assert.equal(bot.closed, null);
  await h.publish(revoked({ userId: "bob", tokenId: "t1" }));
  // (read through a function: the assertion above narrowed `bot.closed` to null for the type checker)
  const code = (p: TestSocketPair) => p.closed?.code;
  assert.equal(code(bot), 4401, "TOK-1: the old token stops working at once");
  assert.equal(other.closed, null);
  assert.equal(phone.closed, null);
  // Another user's ids never match: the event names the user.
  await h.publish(revoked({ userId: "carol", sessionId: "s2" }));
  assert.equal(phone.closed, null);
  assert.equal(h.gateway.locals.get("bob")?.conns.size, 2);
  await h.close();
});

test("[PRM-4] a socket whose credential was checked just before a revocation is closed when it connects after it", async () => {
  const h = await makeHarness();
  h.store.addUser("bob");
  const checkedAt = h.clock.now(); // the upgrade's auth query starts…
  h.clock.advance(5);
  await h.publish(revoked({ userId: "bob", sessionId: "s1" })); // …the session is signed out meanwhile…
  h.clock.advance(5);
  const late = new TestSocketPair(h.gateway, "bob", { sessionId: "s1", authenticatedAt: checkedAt });
  assert.equal(late.closed?.code, 4401, "…so the socket it opens is closed at once");
  late.send({
    t: "hello",
    deviceId: "d",
    deviceKind: "web",
    permission: "granted",
    focused: false,
    visible: true,
  });
  late.flushToServer();
  await h.settle();
  assert.equal(late.pendingToClient(), 0, "and its hello is not answered");
  const other = new TestSocketPair(h.gateway, "bob", { sessionId: "s2", authenticatedAt: checkedAt });
  assert.equal(other.closed, null, "another session of the user is not affected");
  await h.publish(revoked({ userId: "bob" }));
  h.clock.advance(5);
  const fresh = new TestSocketPair(h.gateway, "bob", { sessionId: "s3", authenticatedAt: h.clock.now() });
  assert.equal(fresh.closed, null, "a credential checked after the revocation is fine");
  await h.close();
});

async function twoNodes(bus: [Bus, Bus]) {
  const clock = new ManualClock();
  const store = new MemoryStore();
  store.addUser("bob");
  const nodes: Gateway[] = [];
  for (const [i, b] of bus.entries()) {
    const gw = new Gateway({
      nodeId: `node-${i}`,
      store,
      bus: b,
      presenceStore: new InProcessPresenceStore(clock),
      clock,
      timer: clock,
    });
    await gw.start();
    nodes.push(gw);
  }
  const hello = (p: TestSocketPair, deviceId: string) => {
    p.send({ t: "hello", deviceId, deviceKind: "web", permission: "granted", focused: false, visible: true });
    p.flushToServer();
  };
  const a = new TestSocketPair(nodes[0], "bob", { sessionId: "s1" });
  const b = new TestSocketPair(nodes[1], "bob", { sessionId: "s1" });
  const c = new TestSocketPair(nodes[1], "bob", { sessionId: "s2" });
  hello(a, "d1");
  hello(b, "d2");
  hello(c, "d3");
  return { nodes, a, b, c };
}

async function until(check: () => boolean, what: string) {
  // A deadline, not a count of tries: on a loaded machine each timer fires late.
  const end = performance.now() + 30_000;
  while (performance.now() < end && !check()) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), `timed out: ${what}`);
}

test("[PRM-4] a revocation published on one node closes the session's sockets on every node (in-process bus)", async () => {
  const bus = new InProcessBus();
  const { nodes, a, b, c } = await twoNodes([bus, bus]);
  await bus.publish("user.sessions_revoked", revoked({ userId: "bob", sessionId: "s1" }));
  await until(() => a.closed !== null && b.closed !== null, "both nodes closed s1");
  assert.equal(a.closed?.code, 4401);
  assert.equal(b.closed?.code, 4401);
  assert.equal(c.closed, null);
  for (const n of nodes) await n.stop();
  await bus.close();
});

test("[PRM-4] a revocation published on one node closes the session's sockets on every node (Redis bus)", async (t) => {
  const reason = await redisSkipReason();
  if (reason) return t.skip(reason);
  const prefix = uniquePrefix("revoke");
  const buses = [new RedisBus({ url: REDIS_URL, prefix }), new RedisBus({ url: REDIS_URL, prefix })] as const;
  for (const b of buses) await b.connect();
  const { nodes, a, b, c } = await twoNodes([buses[0], buses[1]]);
  // Published by the API node (node 0's bus); node 1 learns it through Redis.
  await buses[0].publish("user.sessions_revoked", revoked({ userId: "bob", sessionId: "s1" }));
  await until(() => a.closed !== null && b.closed !== null, "both nodes closed s1");
  assert.equal(b.closed?.code, 4401);
  assert.equal(c.closed, null);
  for (const n of nodes) await n.stop();
  for (const bus of buses) await bus.close();
});
