// [GEN-8] /metrics (admin token or local address), /healthz, /readyz, and the metrics the server owns:
// HTTP requests by route and status, messages posted, fan-out sizes and post latency.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { deliveryMetrics, gatewayMetrics } from "../../src/metrics.ts";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

/** The value of one sample line, e.g. `name{a="b"} 3`; null when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries(
      [...(m[2] ?? "").matchAll(/([a-z_]+)="([^"]*)"/g)].map((x) => [x[1], x[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return null;
}

describe("[GEN-8] metrics and health", () => {
  let h: Harness;
  let proxied: Harness;
  let member: TestUser;
  before(async () => {
    h = await harness();
    // Behind a trusted proxy (inject connects from 127.0.0.1) the client address comes from X-Forwarded-For.
    proxied = await harness({ config: { trustProxy: ["127.0.0.1"] } });
    member = await h.user("member");
  });
  after(async () => {
    await h.close();
    await proxied.close();
  });

  const remote = { "x-forwarded-for": "203.0.113.7" };

  test("/healthz and /readyz answer without auth; /readyz names the store", async () => {
    const hz = await h.app.inject({ method: "GET", url: "/healthz" });
    assert.equal(hz.statusCode, 200);
    assert.deepEqual(hz.json(), { ok: true });
    const rz = await h.app.inject({ method: "GET", url: "/readyz" });
    assert.equal(rz.statusCode, 200);
    assert.equal(rz.json().ok, true);
    assert.equal(rz.json().store, h.services.store.dialect);
  });

  test("/readyz is 503 not_ready when the database does not answer", async () => {
    const t = await harness();
    await t.services.store.close();
    const rz = await t.app.inject({ method: "GET", url: "/readyz" });
    assert.equal(rz.statusCode, 503);
    assert.equal(rz.json().error.code, "not_ready");
    assert.equal((await t.app.inject({ method: "GET", url: "/healthz" })).statusCode, 200);
    await t.close();
  });

  test("/metrics from a local address needs no token", async () => {
    const r = await h.app.inject({ method: "GET", url: "/metrics" });
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers["content-type"]), /text\/plain/);
    assert.match(r.body, /process_cpu_seconds_total/);
  });

  test("/metrics from elsewhere: 403 without a token or with a member's, 200 with an admin token", async () => {
    const u = await proxied.user("member");
    const anon = await proxied.app.inject({ method: "GET", url: "/metrics", headers: remote });
    assert.equal(anon.statusCode, 403);
    assert.equal(anon.json().error.code, "admin_only");
    const m = await proxied.app.inject({ method: "GET", url: "/metrics", headers: { ...remote, ...u.h } });
    assert.equal(m.statusCode, 403);
    const a = await proxied.app.inject({
      method: "GET",
      url: "/metrics",
      headers: { ...remote, ...proxied.admin.h },
    });
    assert.equal(a.statusCode, 200);
    assert.match(a.body, /herald_http_requests_total/);
  });

  test("an admin's token without the admin scope is refused from elsewhere", async () => {
    const s = await proxied.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: proxied.admin.username, password: proxied.admin.password },
    });
    const cookie = String(s.headers["set-cookie"]).split(";")[0];
    const t = await proxied.app.inject({
      method: "POST",
      url: "/api/v1/me/tokens",
      headers: { cookie, "x-csrf-token": s.json().csrfToken },
      payload: { name: "ro", scopes: ["read"] },
    });
    assert.equal(t.statusCode, 201);
    const r = await proxied.app.inject({
      method: "GET",
      url: "/metrics",
      headers: { ...remote, authorization: `Bearer ${t.json().token}` },
    });
    assert.equal(r.statusCode, 403);
  });

  test("HTTP requests are counted by method, route pattern and status", async () => {
    await h.app.inject({ method: "GET", url: "/api/v1/me", headers: member.h });
    await h.app.inject({ method: "GET", url: "/api/v1/me", headers: member.h });
    await h.app.inject({ method: "GET", url: "/api/v1/me" });
    await h.app.inject({ method: "GET", url: "/api/v1/rooms/nope-1", headers: member.h });
    await h.app.inject({ method: "GET", url: "/api/v1/rooms/nope-2", headers: member.h });
    const text = (await h.app.inject({ method: "GET", url: "/metrics" })).body;
    const q = (route: string, status: string) =>
      sample(text, "herald_http_requests_total", { method: "GET", route, status });
    assert.equal(q("/api/v1/me", "200"), 2);
    assert.equal(q("/api/v1/me", "401"), 1);
    // One series for every room id.
    assert.equal(q("/api/v1/rooms/:id", "404"), 2);
  });

  test("messages posted, fan-out recipients per message and post latency", async () => {
    const owner = await h.user("member");
    const others = await Promise.all([h.user(), h.user(), h.user()]);
    const room = await h.app.inject({
      method: "POST",
      url: "/api/v1/rooms",
      headers: owner.h,
      payload: { kind: "channel", name: "metrics", memberIds: others.map((o) => o.id) },
    });
    assert.equal(room.statusCode, 201);
    const roomId = room.json().room.id;
    const before = (await h.app.inject({ method: "GET", url: "/metrics" })).body;
    const posted0 = sample(before, "herald_messages_posted_total", { room_kind: "channel" }) ?? 0;
    const fan0 = sample(before, "herald_message_fanout_recipients_sum") ?? 0;
    for (const text of ["one", "two"]) {
      const r = await h.app.inject({
        method: "POST",
        url: `/api/v1/rooms/${roomId}/messages`,
        headers: owner.h,
        payload: { text },
      });
      assert.equal(r.statusCode, 201);
    }
    const bad = await h.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${roomId}/messages`,
      headers: owner.h,
      payload: { text: " " },
    });
    assert.equal(bad.statusCode, 400);
    const text = (await h.app.inject({ method: "GET", url: "/metrics" })).body;
    assert.equal(sample(text, "herald_messages_posted_total", { room_kind: "channel" }), posted0 + 2);
    // 4 members, sender excluded: 3 recipients each.
    assert.equal(sample(text, "herald_message_fanout_recipients_sum"), fan0 + 6);
    assert.equal(sample(text, "herald_message_fanout_recipients_bucket", { le: "2" }), 0);
    assert.ok((sample(text, "herald_message_fanout_recipients_bucket", { le: "5" }) ?? 0) >= 2);
    assert.ok((sample(text, "herald_message_post_duration_seconds_count", { status: "201" }) ?? 0) >= 2);
    assert.equal(sample(text, "herald_message_post_duration_seconds_count", { status: "400" }), 1);
  });

  // The outbox depth and inbound frames are driven by real traffic in metrics-traffic.test.ts.
  test("gateway and scheduler metrics come from the shared module and show on /metrics", async () => {
    const g = gatewayMetrics(h.services.metrics);
    assert.equal(gatewayMetrics(h.services.metrics).connections, g.connections, "same object on reuse");
    g.connections.set(3);
    g.frames.inc({ direction: "out" }, 5);
    const d = deliveryMetrics(h.services.metrics);
    d.deliveries.inc({ channel: "push", outcome: "sent", reason: "PSH-2" });
    const text = (await h.app.inject({ method: "GET", url: "/metrics" })).body;
    assert.equal(sample(text, "herald_gateway_connections"), 3);
    assert.equal(sample(text, "herald_gateway_frames_total", { direction: "out" }), 5);
    assert.equal(
      sample(text, "herald_deliveries_total", { channel: "push", outcome: "sent", reason: "PSH-2" }),
      1,
    );
  });
});
