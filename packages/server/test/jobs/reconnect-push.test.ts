// Presence facts from the real gateway (WebSockets, session handling, presence service and port, wired as
// gatewayRole does) feeding the push scheduler, with a stepped clock whose timers fire at their own instants:
// the found cases of PRS-8 (re-opening a socket is not activity) and PRS-4 (a phone in use keeps its user
// online for `@here`).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { WebSocket } from "ws";
import { clusterFor } from "../../src/cluster/factory.ts";
import type { PresenceStore } from "../../src/cluster/presence.ts";
import { presenceActivity } from "../../src/decisions/activity.ts";
import { Gateway } from "../../src/gateway/gateway.ts";
import type { Timer, TimerHandle } from "../../src/gateway/ports.ts";
import { realtimeAuthenticator } from "../../src/gateway/role.ts";
import { SqlGatewayStore } from "../../src/gateway/sql-store.ts";
import { attachRealtime } from "../../src/gateway/ws-adapter.ts";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

type Frame = Record<string, unknown> & { t: string };

let f: JobsFixture;
let alice: TestUser;
let presence: PresenceStore;
let url: string;
let stop: () => Promise<void>;
let gateway: Gateway;
const pending = new Map<number, { at: number; fn: () => void }>();
let nextTimer = 1;

/** The gateway's timers on the test clock: they fire when `advanceTo` passes their instant. */
const timer: Timer = {
  setTimeout(fn, ms) {
    const id = nextTimer++;
    pending.set(id, { at: f.h.clock.now() + Math.max(0, ms), fn });
    return { id } as TimerHandle;
  },
  clearTimeout(h) {
    pending.delete((h as { id: number }).id);
  },
};

/** Steps the clock to `t`, firing every gateway timer due on the way at its own instant (presence crossings). */
async function advanceTo(t: number): Promise<void> {
  for (;;) {
    let next: [number, { at: number; fn: () => void }] | undefined;
    for (const e of pending) if (e[1].at <= t && (!next || e[1].at < next[1].at)) next = e;
    if (!next) break;
    pending.delete(next[0]);
    f.h.clock.set(Math.max(f.h.clock.now(), next[1].at));
    next[1].fn();
    await gateway.idle();
  }
  f.h.clock.set(t);
}

const until = async (check: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 1500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.fail(`timed out: ${what}`);
};

/** Open connections of the user as the Presence port sees them (every node's facts summed). */
const connections = async (userId: string) =>
  (await presence.facts(userId)).reduce((n, x) => n + x.connections, 0);

/** One client (a browser tab, or the phone app): hello on open, input only when told. */
async function openTab(u: TestUser, deviceKind: "web" | "mobile" = "web") {
  const before = await connections(u.id);
  const ws = new WebSocket(url, { headers: u.h });
  const frames: Frame[] = [];
  ws.on("message", (d) => frames.push(JSON.parse(d.toString()) as Frame));
  await new Promise((resolve, reject) => {
    ws.on("open", resolve);
    ws.on("error", reject);
  });
  ws.send(
    JSON.stringify({
      t: "hello",
      deviceId: `${u.id}-${deviceKind}`,
      deviceKind,
      permission: "granted",
      focused: true,
      visible: true,
    }),
  );
  await until(() => frames.some((x) => x.t === "ready"), "ready");
  await until(async () => (await connections(u.id)) === before + 1, "connection on the Presence port");
  return {
    /** The user types / clicks in this client now. */
    async input() {
      const at = f.h.clock.now();
      ws.send(JSON.stringify({ t: "activity" }));
      await until(async () => (await presence.lastActivity(u.id)).any === at, "input recorded");
    },
    async close() {
      const n = await connections(u.id);
      ws.close();
      await until(async () => (await connections(u.id)) === n - 1, "connection gone from the Presence port");
    },
  };
}

before(async () => {
  f = await jobsFixture();
  const services = f.h.services;
  const ports = clusterFor(services, services.config.redisUrl, services.clock);
  presence = ports.presence;
  gateway = new Gateway({
    nodeId: ports.nodeId,
    store: new SqlGatewayStore(services.store.db, {
      writes: services.store.writes,
      now: () => f.h.clock.now(),
    }),
    bus: ports.bus,
    presenceStore: presence,
    clock: services.clock,
    timer,
    onError: (e) => assert.fail(`gateway error: ${e}`),
  });
  await gateway.start();
  const rt = attachRealtime(f.h.app.server, { gateway, authenticate: realtimeAuthenticator(services) });
  stop = async () => {
    await rt.close();
    await gateway.stop();
  };
  await f.h.app.listen({ port: 0, host: "127.0.0.1" });
  url = `ws://127.0.0.1:${(f.h.app.server.address() as { port: number }).port}/api/v1/realtime`;
  // The scheduler reads activity from the gateway's Presence port, as in production (not the fixture's fake).
  services.explainSources.activity = presenceActivity(presence);
  alice = await f.h.user("member");
});
after(async () => {
  await stop();
  await f.close();
});

async function fresh() {
  const bob = await f.h.user("member");
  const sub = await f.subscribe(bob);
  const room = await f.room(alice, [bob]);
  return { bob, sub, room };
}

test("[PRS-8][PSH-2] a reload while a mention push waits does not move it: it goes 60 s after the last input", async () => {
  const { bob, sub, room } = await fresh();
  const t0 = f.h.clock.now();
  const tab = await openTab(bob);
  await tab.input();
  const msg = await f.post(alice, room, `@${bob.username} ping`);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 0, "bob is at the keyboard");
  assert.equal(await f.dueAt(bob.id), t0 + 60_000);
  // 45 s later the tab reloads: the socket closes and a new one says hello.
  await advanceTo(t0 + 45_000);
  await tab.close();
  const reloaded = await openTab(bob);
  await f.s.tick();
  await advanceTo(t0 + 59_999);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 0, "not before 60 s of inactivity");
  await advanceTo(t0 + 60_000);
  await f.s.tick();
  assert.deepEqual(
    f.pushesFor(sub).map((p) => p.id),
    [msg],
    "due at the last input + 60 s, not the reload + 60 s",
  );
  await reloaded.close();
});

test("[PRS-8][PSH-2] a tab that reconnects every 40 s still lets the push go at 60 s", async () => {
  const { bob, sub, room } = await fresh();
  const t0 = f.h.clock.now();
  let tab = await openTab(bob);
  await tab.input();
  const msg = await f.post(alice, room, `@${bob.username} are you there?`);
  await f.s.tick();
  for (const at of [40_000, 59_999]) {
    await advanceTo(t0 + at);
    if (at === 40_000) {
      await tab.close();
      tab = await openTab(bob);
    }
    await f.s.tick();
    assert.equal(f.pushesFor(sub).length, 0, `nothing at ${at} ms`);
  }
  await advanceTo(t0 + 60_000);
  await f.s.tick();
  assert.deepEqual(
    f.pushesFor(sub).map((p) => p.id),
    [msg],
  );
  // Flaky network keeps going: more reconnects send nothing twice.
  for (const at of [80_000, 120_000]) {
    await advanceTo(t0 + at);
    await tab.close();
    tab = await openTab(bob);
    await f.s.tick();
  }
  assert.equal(f.pushesFor(sub).length, 1);
  await tab.close();
});

test("[PRS-4][MEN-2] a user on the phone only, desktop closed 31 s ago, is reached by @here (and pushed at once)", async () => {
  const { bob, sub, room } = await fresh();
  const t0 = f.h.clock.now();
  const desk = await openTab(bob);
  await desk.input();
  const phone = await openTab(bob, "mobile");
  await advanceTo(t0 + 30_000);
  await desk.close();
  await advanceTo(t0 + 40_000);
  await phone.input();
  await advanceTo(t0 + 61_000);
  const msg = await f.post(alice, room, "@here standup in 5");
  await f.s.tick();
  await f.s.tick();
  const got = f.pushesFor(sub);
  assert.deepEqual(
    got.map((p) => p.id),
    [msg],
    "online through the phone's input; no desktop/web for 30 s so the push goes at once (PSH-2)",
  );
  await phone.close();
});
