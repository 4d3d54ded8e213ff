// GEN-6 on the client: the SDK honours the server's `rate_limited` error (holds its optional frames, sends the
// latest state once the hold ends) and backs off from the close codes 4429 and 4409 instead of reconnecting
// at once — not even a nudge (tab visible, back online) skips that wait.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Connection, type WebSocketLike } from "../src/connection.ts";
import type { ClientFrame } from "../src/types.ts";
import { FakeTimers } from "./fakes.ts";

class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: ClientFrame[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function setup() {
  const timers = new FakeTimers();
  const sockets: FakeSocket[] = [];
  const conn = new Connection({
    url: "ws://herald.test/api/v1/realtime",
    deviceId: "dev-1",
    deviceKind: "web",
    getState: () => ({ permission: "granted", focused: true, visible: true, view: { roomId: "r1" } }),
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    timers,
    random: () => 0.5,
    pingIntervalMs: 1_000_000,
  });
  return { conn, timers, sockets };
}

const ready = { t: "ready", userId: "u", userCursor: 1, badge: { total: 0, dot: false } };

test("[GEN-6] after rate_limited the SDK holds its frames and sends the latest state when the hold ends", () => {
  const { conn, timers, sockets } = setup();
  conn.connect();
  sockets[0].open();
  sockets[0].receive(ready);
  assert.equal(conn.send({ t: "activity" }), true);
  sockets[0].receive({ t: "error", code: "rate_limited", message: "too many frames; slow down" });
  const before = sockets[0].sent.length;
  assert.equal(conn.send({ t: "activity" }), false, "held: the caller retries later");
  assert.equal(conn.send({ t: "state", focused: false }), false);
  assert.equal(conn.send({ t: "state", visible: false }), false);
  assert.equal(conn.send({ t: "ping" }), false);
  assert.equal(sockets[0].sent.length, before, "nothing goes out during the hold");
  timers.advance(1_000);
  assert.deepEqual(sockets[0].sent.slice(before), [{ t: "state", focused: false, visible: false }]);
  assert.equal(conn.send({ t: "activity" }), true);
  // A second rate_limited soon after holds twice as long.
  sockets[0].receive({ t: "error", code: "rate_limited", message: "" });
  timers.advance(1_999);
  assert.equal(conn.send({ t: "activity" }), false);
  timers.advance(1);
  assert.equal(conn.send({ t: "activity" }), true);
});

test("[GEN-6] closed with 4429 the SDK waits at least 7.5–15 s (doubling) before reconnecting; nudge does not skip it", () => {
  const { conn, timers, sockets } = setup();
  conn.connect();
  sockets[0].open();
  sockets[0].receive(ready);
  sockets[0].drop(4429);
  assert.equal(conn.status, "waiting");
  conn.nudge();
  timers.advance(11_249);
  assert.equal(sockets.length, 1, "no reconnect before the slow-down wait (0.5 jitter of 15 s)");
  timers.advance(1);
  assert.equal(sockets.length, 2);
  // Refused again before ready (4409: too many sockets): the wait doubles.
  sockets[1].open();
  sockets[1].drop(4409);
  conn.nudge();
  timers.advance(22_499);
  assert.equal(sockets.length, 2);
  timers.advance(1);
  assert.equal(sockets.length, 3);
  // Once ready, the next ordinary drop retries on the normal backoff again.
  sockets[2].open();
  sockets[2].receive(ready);
  sockets[2].drop(1006);
  timers.advance(375);
  assert.equal(sockets.length, 4);
});
