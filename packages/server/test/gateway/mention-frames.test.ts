// The realtime `message` frames carry what the message notified (MEN-1, MEN-2), the same as REST: the web app
// highlights exactly that. Through the real server: HTTP → after-commit → bus → gateway → WebSocket.
import assert from "node:assert/strict";
import { test } from "node:test";
import { WebSocket } from "ws";
import { gatewayRole } from "../../src/gateway/role.ts";
import { type Harness, harness } from "../http/harness.ts";

type Frame = Record<string, unknown> & { t: string; message?: { mentions?: unknown } };

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 1500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), `timed out: ${what}`);
}

async function client(url: string, headers: Record<string, string>) {
  const ws = new WebSocket(url, { headers });
  const frames: Frame[] = [];
  ws.on("message", (d) => {
    const f = JSON.parse(d.toString()) as Frame;
    frames.push(...(f.t === "multi" ? (f.events as Frame[]) : [f]));
  });
  await new Promise((resolve, reject) => {
    ws.on("open", resolve);
    ws.on("error", reject);
  });
  const hello = { t: "hello", deviceId: "d1", deviceKind: "web", permission: "granted", focused: false };
  ws.send(JSON.stringify({ ...hello, visible: true }));
  await until(() => frames.some((f) => f.t === "ready"), "ready");
  return { ws, frames };
}

async function call(
  h: Harness,
  method: string,
  url: string,
  headers: Record<string, string>,
  payload?: object,
) {
  const r = await h.app.inject({ method: method as "POST", url: `/api/v1${url}`, headers, payload });
  assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json();
}

test("[MEN-1] [MEN-2] message frames carry the mentions REST shows, never anyone's keywords", async () => {
  const h = await harness();
  const stopper = await gatewayRole.start?.(h.services, h.app);
  await h.app.listen({ port: 0, host: "127.0.0.1" });
  try {
    const alice = await h.user("member", "alice");
    const jose = await h.user("member", "José");
    const bob = await h.user("member", "bob");
    await call(h, "PUT", "/me/preferences", bob.h, { keywords: ["lunch"] });
    const port = (h.app.server.address() as { port: number }).port;
    const { ws, frames } = await client(`ws://127.0.0.1:${port}/api/v1/realtime`, bob.h);
    const room = (
      await call(h, "POST", "/rooms", alice.h, {
        kind: "channel",
        name: "eng",
        memberIds: [bob.id, jose.id],
      })
    ).room as { id: string };
    await until(() => frames.some((f) => f.t === "membership"), "membership");

    const posted = (
      await call(h, "POST", `/rooms/${room.id}/messages`, alice.h, { text: "lunch, @JOSÉ? @all" })
    ).message;
    const expected = { users: [{ id: jose.id, username: "José" }], all: true, here: false };
    assert.deepEqual(posted.mentions, expected);
    await until(() => frames.some((f) => f.t === "message" && f.seq === posted.seq), "message frame");
    const frame = frames.find((f) => f.t === "message" && f.seq === posted.seq);
    assert.deepEqual(
      frame?.message?.mentions,
      expected,
      "the frame shows what REST shows; bob's keyword is not in it",
    );

    await call(h, "PATCH", `/messages/${posted.id}`, alice.h, { text: "lunch, @bob?" });
    await until(() => frames.some((f) => f.t === "message.updated"), "message.updated frame");
    const edited = frames.find((f) => f.t === "message.updated");
    assert.deepEqual(edited?.message?.mentions, {
      users: [{ id: bob.id, username: "bob" }],
      all: false,
      here: false,
    });
    ws.close();
  } finally {
    await stopper?.stop();
    await h.close();
  }
});
