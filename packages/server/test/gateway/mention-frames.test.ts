// The realtime `message` frames carry what the message notified (MEN-1, MEN-2), the same as REST: the web app
// highlights exactly that. Through the real server: HTTP → after-commit → bus → gateway → WebSocket.
import assert from "node:assert/strict";
import { test } from "node:test";
import { gatewayRole } from "../../src/gateway/role.ts";
import { type Harness, harness } from "../http/harness.ts";
import { type Frame, openClient, until } from "./helpers/bob-socket.ts";

type MessageFrame = Frame & { message?: { mentions?: unknown } };

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
    const { ws, frames } = await openClient(`ws://127.0.0.1:${port}/api/v1/realtime`, bob.h, "d1");
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
    const frame = frames.find((f) => f.t === "message" && f.seq === posted.seq) as MessageFrame | undefined;
    assert.deepEqual(
      frame?.message?.mentions,
      expected,
      "the frame shows what REST shows; bob's keyword is not in it",
    );

    await call(h, "PATCH", `/messages/${posted.id}`, alice.h, { text: "lunch, @bob?" });
    await until(() => frames.some((f) => f.t === "message.updated"), "message.updated frame");
    const edited = frames.find((f) => f.t === "message.updated") as MessageFrame | undefined;
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
