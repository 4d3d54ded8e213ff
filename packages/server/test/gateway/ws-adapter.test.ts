// The ws adapter on a real Fastify server (ephemeral port): auth, Origin, frame cap, hello → ready → fan-out.
import assert from "node:assert/strict";
import { test } from "node:test";
import Fastify from "fastify";
import { WebSocket } from "ws";
import { attachRealtime } from "../../src/gateway/ws-adapter.ts";
import { makeHarness } from "./helpers/harness.ts";

async function setup() {
  const h = await makeHarness();
  h.store.addUser("alice");
  h.store.addUser("bob");
  h.store.addRoom("dm1", "dm", ["alice", "bob"]);
  const app = Fastify();
  await app.listen({ port: 0, host: "127.0.0.1" });
  const rt = attachRealtime(app.server, {
    gateway: h.gateway,
    publicUrl: "https://herald.example",
    authenticate: async ({ cookie, token }) =>
      cookie === "herald_session=bob-session" || token === "bob-token" ? { userId: "bob" } : null,
  });
  const port = (app.server.address() as { port: number }).port;
  const url = `ws://127.0.0.1:${port}/api/v1/realtime`;
  return {
    h,
    url,
    close: async () => {
      await rt.close();
      await app.close();
      await h.close();
    },
  };
}

function open(
  url: string,
  headers: Record<string, string>,
): Promise<{ ws: WebSocket; frames: Record<string, unknown>[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const frames: Record<string, unknown>[] = [];
    ws.on("message", (d) => frames.push(JSON.parse(d.toString())));
    ws.on("open", () => resolve({ ws, frames }));
    ws.on("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on("error", reject);
  });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 1500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), "condition not reached");
};

test("[GEN-5] realtime refuses unauthenticated upgrades and foreign origins", async () => {
  const t = await setup();
  await assert.rejects(open(t.url, {}), /HTTP 401/);
  await assert.rejects(
    open(t.url, { cookie: "herald_session=bob-session", origin: "https://evil.example" }),
    /HTTP 403/,
  );
  const ok = await open(t.url, { cookie: "herald_session=bob-session", origin: "https://herald.example" });
  ok.ws.close();
  await t.close();
});

test("[GEN-7] hello → ready, then a DM arrives as one multi frame with its banner", async () => {
  const t = await setup();
  const { ws, frames } = await open(t.url, { authorization: "Bearer bob-token" });
  ws.send(
    JSON.stringify({
      t: "hello",
      deviceId: "d1",
      deviceKind: "web",
      permission: "granted",
      focused: false,
      visible: true,
    }),
  );
  await until(() => frames.length === 1);
  assert.equal(frames[0].t, "ready");
  await t.h.publish(t.h.store.post("dm1", "alice", "hello bob", t.h.clock.now()));
  await until(() => frames.length === 2);
  const events = frames[1].events as { t: string; banner?: unknown }[];
  assert.deepEqual(
    events.map((e) => e.t),
    ["message", "notify", "badge"],
  );
  assert.ok(events[1].banner);
  ws.close();
  await t.close();
});

test("[GEN-6] frames over 64 KiB close the connection (1009); a flood gets rate_limited", async () => {
  const t = await setup();
  const a = await open(t.url, { authorization: "Bearer bob-token" });
  const closed = new Promise<number>((r) => a.ws.on("close", (code) => r(code)));
  a.ws.send("x".repeat(70_000));
  assert.equal(await closed, 1009);
  const b = await open(t.url, { authorization: "Bearer bob-token" });
  b.ws.send(JSON.stringify({ t: "hello", deviceId: "d2", deviceKind: "web" }));
  for (let i = 0; i < 80; i++) b.ws.send('{"t":"ping"}');
  await until(() => b.frames.some((f) => f.t === "error" && f.code === "rate_limited"));
  b.ws.close();
  await t.close();
});
