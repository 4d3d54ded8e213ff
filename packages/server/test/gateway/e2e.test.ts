// The gateway inside the real server: HTTP post → transaction → after-commit hook → bus → gateway fan-out →
// WebSocket, on SQLite, with a session cookie and a token; badges equal core's recount (BDG-6).
import assert from "node:assert/strict";
import { test } from "node:test";
import { WebSocket } from "ws";
import { gatewayRole } from "../../src/gateway/role.ts";
import { harness, signIn } from "../http/harness.ts";

type Frame = Record<string, unknown> & { t: string };

function open(url: string, headers: Record<string, string>) {
  return new Promise<{ ws: WebSocket; frames: Frame[] }>((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const frames: Frame[] = [];
    ws.on("message", (d) => {
      const f = JSON.parse(d.toString()) as Frame;
      if (f.t === "multi") frames.push(...(f.events as Frame[]));
      else frames.push(f);
    });
    ws.on("open", () => resolve({ ws, frames }));
    ws.on("unexpected-response", (_q, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on("error", reject);
  });
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 1500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), `timed out: ${what}`);
};

test("[GEN-7] [DSK-4] [BDG-6] a DM posted over HTTP reaches the recipient's socket with banner and exact badge", async () => {
  const h = await harness();
  const stopper = await gatewayRole.start!(h.services, h.app);
  await h.app.listen({ port: 0, host: "127.0.0.1" });
  try {
    const alice = await h.user("member", "alice");
    const bob = await h.user("member", "bob");
    const port = (h.app.server.address() as { port: number }).port;
    const url = `ws://127.0.0.1:${port}/api/v1/realtime`;
    const session = await signIn(h.app, "bob", bob.password);
    const { ws, frames } = await open(url, { cookie: session.cookie });
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
    await until(() => frames.some((f) => f.t === "ready"), "ready");
    const dm = await h.app.inject({
      method: "POST",
      url: "/api/v1/dms",
      headers: alice.h,
      payload: { userIds: [bob.id] },
    });
    assert.ok(dm.statusCode < 300, dm.body);
    const roomId = (dm.json().room ?? dm.json()).id as string;
    // Bob joined a new room while connected: the gateway learns it from membership.changed.
    await until(() => frames.some((f) => f.t === "membership"), "membership");
    const post = await h.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${roomId}/messages`,
      headers: alice.h,
      payload: { text: "lunch?\nsecond line" },
    });
    assert.equal(post.statusCode, 201, post.body);
    await until(() => frames.some((f) => f.t === "notify"), "notify");
    const notify = frames.find((f) => f.t === "notify")!;
    assert.equal(notify.trigger, "dm");
    assert.deepEqual(notify.banner, { title: "alice", body: "lunch?", senderId: alice.id });
    const badge = frames.findLast((f) => f.t === "badge")!;
    const http = (await h.app.inject({ method: "GET", url: "/api/v1/me/badge", headers: bob.h })).json();
    assert.equal(badge.total, http.total);
    assert.equal(badge.total, 1);
    // An unauthenticated upgrade is refused.
    await assert.rejects(open(url, {}), /HTTP 401/);
    ws.close();
  } finally {
    await stopper?.stop();
    await h.close();
  }
});
