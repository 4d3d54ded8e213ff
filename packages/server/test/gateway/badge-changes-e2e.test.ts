// Deletes and `@all` edits move badges through the real server (SQLite): HTTP → transaction → after-commit →
// bus → gateway recount → WebSocket, equal to GET /me/badge (BDG-4, BDG-6, TRG-3).
import assert from "node:assert/strict";
import { test } from "node:test";
import { WebSocket } from "ws";
import { gatewayRole } from "../../src/gateway/role.ts";
import { type Harness, harness } from "../http/harness.ts";

type Frame = Record<string, unknown> & { t: string };

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

test("[BDG-4] [BDG-6] [TRG-3] delete and an @all edit over HTTP move the connected member's badge to the recount", async () => {
  const h = await harness();
  const stopper = await gatewayRole.start!(h.services, h.app);
  await h.app.listen({ port: 0, host: "127.0.0.1" });
  try {
    const alice = await h.user("member", "alice");
    const bob = await h.user("member", "bob");
    const port = (h.app.server.address() as { port: number }).port;
    const { ws, frames } = await client(`ws://127.0.0.1:${port}/api/v1/realtime`, bob.h);
    const room = (
      await call(h, "POST", "/rooms", alice.h, { kind: "channel", name: "eng", memberIds: [bob.id] })
    ).room as { id: string };
    await until(() => frames.some((f) => f.t === "membership"), "membership");
    const httpBadge = async () => (await call(h, "GET", "/me/badge", bob.h)).total as number;
    const lastBadge = () => frames.findLast((f) => f.t === "badge")?.total;

    const m1 = (await call(h, "POST", `/rooms/${room.id}/messages`, alice.h, { text: "hi @bob" })).message;
    await until(() => lastBadge() === 1, "mention counted");
    await call(h, "DELETE", `/messages/${m1.id}`, alice.h);
    await until(() => frames.some((f) => f.t === "message.deleted"), "deleted");
    await until(() => lastBadge() === 0, "badge after the delete");
    assert.equal(lastBadge(), await httpBadge());

    const m2 = (await call(h, "POST", `/rooms/${room.id}/messages`, alice.h, { text: "standup" })).message;
    await until(() => frames.some((f) => f.t === "message" && f.seq === m2.seq), "plain message");
    await call(h, "PATCH", `/messages/${m2.id}`, alice.h, { text: "@all standup" });
    await until(() => lastBadge() === 1, "badge after the @all edit");
    assert.equal(lastBadge(), await httpBadge());
    const updated = frames.findIndex((f) => f.t === "message.updated");
    assert.ok(!frames.slice(updated).some((f) => f.t === "notify"), "TRG-3: an @all edit notifies nobody");

    // BDG-1 / BDG-2: a deleted unread DM leaves the numbered badge.
    const dm = await call(h, "POST", "/dms", alice.h, { userIds: [bob.id] });
    const dmId = (dm.room ?? dm).id as string;
    await until(() => frames.filter((f) => f.t === "membership").length === 2, "dm membership");
    const d1 = (await call(h, "POST", `/rooms/${dmId}/messages`, alice.h, { text: "lunch?" })).message;
    await until(() => lastBadge() === 2, "dm unread counted");
    await call(h, "DELETE", `/messages/${d1.id}`, alice.h);
    await until(() => lastBadge() === 1, "badge after the dm delete");
    assert.equal(lastBadge(), await httpBadge());
    ws.close();
  } finally {
    await stopper?.stop();
    await h.close();
  }
});
