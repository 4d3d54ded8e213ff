// [GEN-8] The metrics report what really happened: the outbox's waiting deliveries (read from the table at
// scrape time) and WebSocket frames received, driven by real posts and a real socket; and every metric
// docs/OPERATIONS.md names is exported by a process running every role.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { WebSocket } from "ws";
import { gatewayRole } from "../../src/gateway/role.ts";
import { jobsFixture } from "../jobs/fixture.ts";
import { harness } from "./harness.ts";

/** The value of one sample line, e.g. `name{a="b"} 3`; null when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split("\n")) {
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries(
      [...(m[2] ?? "").matchAll(/([a-z_]+)="([^"]*)"/g)].map((x) => [x[1], x[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return null;
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 1500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), `timed out: ${what}`);
}

test("[GEN-8] herald_delivery_queue_depth is the outbox's waiting pushes: up with posts, down once sent", async () => {
  const f = await jobsFixture();
  try {
    const scrape = async () => (await f.h.app.inject({ method: "GET", url: "/metrics" })).body;
    assert.equal(sample(await scrape(), "herald_delivery_queue_depth", { channel: "push" }), 0);
    assert.equal(sample(await scrape(), "herald_delivery_queue_depth", { channel: "email" }), 0);
    const alice = await f.h.user("member");
    const bob = await f.h.user("member");
    const carol = await f.h.user("member");
    await f.subscribe(bob);
    await f.subscribe(carol);
    const room = await f.room(alice, [bob, carol]);
    await f.post(alice, room, `@${bob.username} one`);
    await f.post(alice, room, `@${carol.username} two`);
    await f.post(alice, room, `@${bob.username} @${carol.username} three`);
    const waiting = await f.h.services.store.db
      .selectFrom("deliveries")
      .select(["channel", (e) => e.fn.countAll<number>().as("n")])
      .where("state", "in", ["pending", "claimed"])
      .groupBy("channel")
      .execute();
    const push = Number(waiting.find((w) => w.channel === "push")?.n ?? 0);
    assert.ok(push >= 4, `four mention pushes wait in the outbox (${push})`);
    assert.equal(sample(await scrape(), "herald_delivery_queue_depth", { channel: "push" }), push);
    // Nobody is connected: PSH-2 lets the pushes go once due; the worker sends them and the depth falls.
    f.h.clock.advance(10 * 60_000);
    for (let i = 0; i < 4; i++) await f.s.tick();
    assert.equal(sample(await scrape(), "herald_delivery_queue_depth", { channel: "push" }), 0);
    assert.ok(f.peer.received.length >= 4, "the pushes really left");
  } finally {
    await f.close();
  }
});

test("[GEN-8] herald_gateway_frames_total{direction=in} counts the frames a client sends", async () => {
  const h = await harness();
  const stopper = await gatewayRole.start?.(h.services, h.app);
  await h.app.listen({ port: 0, host: "127.0.0.1" });
  try {
    const bob = await h.user("member");
    const scrape = async () => (await h.app.inject({ method: "GET", url: "/metrics" })).body;
    const before = sample(await scrape(), "herald_gateway_frames_total", { direction: "in" }) ?? 0;
    const port = (h.app.server.address() as { port: number }).port;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/realtime`, { headers: bob.h });
    const got: string[] = [];
    ws.on("message", (d) => got.push(JSON.parse(d.toString()).t));
    await new Promise((resolve, reject) => {
      ws.on("open", resolve);
      ws.on("error", reject);
    });
    assert.equal(sample(await scrape(), "herald_gateway_connections"), 1);
    ws.send(
      JSON.stringify({
        t: "hello",
        deviceId: "d1",
        deviceKind: "web",
        permission: "granted",
        focused: true,
        visible: true,
      }),
    );
    await until(() => got.includes("ready"), "ready");
    for (let i = 0; i < 3; i++) ws.send(JSON.stringify({ t: "ping" }));
    await until(() => got.filter((t) => t === "pong").length === 3, "three pongs");
    assert.equal(sample(await scrape(), "herald_gateway_frames_total", { direction: "in" }), before + 4);
    ws.close();
    await until(() => ws.readyState === WebSocket.CLOSED, "closed");
  } finally {
    await stopper?.stop();
    await h.close();
  }
});

test("[GEN-8] every metric docs/OPERATIONS.md lists is on /metrics of a process running every role", async () => {
  const doc = readFileSync(new URL("../../../../docs/OPERATIONS.md", import.meta.url), "utf8");
  const section = doc.slice(doc.indexOf("## Metrics"), doc.indexOf("\n## ", doc.indexOf("## Metrics") + 3));
  const names = [...section.matchAll(/^\| `(herald_[a-z_]+)` \|/gm)].map((m) => m[1]);
  assert.ok(names.length >= 8, `the doc's metric table (${names.length} rows)`);
  const h = await harness();
  const stopper = await gatewayRole.start?.(h.services, h.app);
  try {
    const text = (await h.app.inject({ method: "GET", url: "/metrics" })).body;
    const exported = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    assert.deepEqual(
      names.filter((n) => !exported.has(n)),
      [],
      "documented but not exported",
    );
    const undocumented = [...exported].filter((n) => n.startsWith("herald_") && !names.includes(n));
    assert.deepEqual(undocumented, [], "exported but not documented");
  } finally {
    await stopper?.stop();
    await h.close();
  }
});
