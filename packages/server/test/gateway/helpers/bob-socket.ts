// One server with the gateway and bob on a web client, for tests that post over HTTP and read bob's notify
// frames: the real path HTTP post → gateway fan-out → WebSocket.
import assert from "node:assert/strict";
import { WebSocket } from "ws";
import { gatewayRole } from "../../../src/gateway/role.ts";
import { type Harness, harness, signIn, type TestUser } from "../../http/harness.ts";

export type Frame = Record<string, unknown> & { t: string };

export const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 1500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), `timed out: ${what}`);
};

/**
 * A realtime socket as a web client opens it (unfocused, visible, permission granted): every frame it receives
 * is collected (multi frames unpacked); answers once the server said ready.
 */
export async function openClient(
  url: string,
  headers: Record<string, string>,
  deviceId: string,
  resume?: unknown,
): Promise<{ ws: WebSocket; frames: Frame[] }> {
  const ws = new WebSocket(url, { headers });
  const frames: Frame[] = [];
  ws.on("message", (d) => {
    const f = JSON.parse(d.toString()) as Frame;
    if (f.t === "multi") frames.push(...(f.events as Frame[]));
    else frames.push(f);
  });
  await new Promise((resolve, reject) => {
    ws.on("open", resolve);
    ws.on("error", reject);
  });
  const hello = {
    t: "hello",
    deviceId,
    deviceKind: "web",
    permission: "granted",
    focused: false,
    visible: true,
  };
  ws.send(JSON.stringify({ ...hello, resume }));
  await until(() => frames.some((f) => f.t === "ready"), "ready");
  return { ws, frames };
}

/** A server with the gateway, bob connected on a web client; returns what bob's socket receives. */
export async function withBob(
  run: (x: { h: Harness; alice: TestUser; bob: TestUser; frames: Frame[] }) => Promise<void>,
) {
  const h = await harness();
  const stopper = await gatewayRole.start!(h.services, h.app);
  await h.app.listen({ port: 0, host: "127.0.0.1" });
  const alice = await h.user("member", "alice");
  const bob = await h.user("member", "bob");
  const port = (h.app.server.address() as { port: number }).port;
  const session = await signIn(h.app, "bob", bob.password);
  const { ws, frames } = await openClient(
    `ws://127.0.0.1:${port}/api/v1/realtime`,
    { cookie: session.cookie },
    "d1",
  );
  try {
    await run({ h, alice, bob, frames });
  } finally {
    ws.close();
    await stopper?.stop();
    await h.close();
  }
}

export async function post(h: Harness, who: TestUser, roomId: string, text: string) {
  const r = await h.app.inject({
    method: "POST",
    url: `/api/v1/rooms/${roomId}/messages`,
    headers: who.h,
    payload: { text },
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().message.id as string;
}

export async function channel(h: Harness, owner: TestUser, members: TestUser[], frames: Frame[]) {
  const r = await h.app.inject({
    method: "POST",
    url: "/api/v1/rooms",
    headers: owner.h,
    payload: { kind: "channel", name: "launch", memberIds: members.map((m) => m.id) },
  });
  assert.equal(r.statusCode, 201, r.body);
  await until(() => frames.some((f) => f.t === "membership"), "membership");
  return r.json().room.id as string;
}

export const notifyOf = (frames: Frame[], messageId: string) =>
  frames.find((f) => f.t === "notify" && f.messageId === messageId);
