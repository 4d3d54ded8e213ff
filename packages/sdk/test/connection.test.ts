import assert from "node:assert/strict";
import { test } from "node:test";
import { backoffDelay } from "../src/backoff.ts";
import { BannerPresenter, notifyToBanner } from "../src/banners.ts";
import { Connection, type WebSocketLike } from "../src/connection.ts";
import { ShownBanners } from "../src/dedup.ts";
import { detectDeviceKind, getDeviceId } from "../src/device.ts";
import { soloLeader } from "../src/leader.ts";
import type { ClientFrame, HelloFrame } from "../src/types.ts";
import { FakeTimers, fakeNotificationApi, fakeStore, tick } from "./fakes.ts";

class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: ClientFrame[] = [];
  closedWith: number | null = null;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }
  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function setup(o: { checkSession?: () => Promise<boolean> } = {}) {
  const timers = new FakeTimers();
  const sockets: FakeSocket[] = [];
  const conn = new Connection({
    url: "ws://herald.test/api/v1/realtime",
    deviceId: "dev-1",
    deviceKind: "web",
    getState: () => ({ permission: "granted", focused: true, visible: true, view: { roomId: "r1" } }),
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    timers,
    random: () => 0.5,
    checkSession: o.checkSession,
  });
  return { conn, timers, sockets, last: () => sockets[sockets.length - 1] };
}

test("[GEN-7] reconnect uses exponential backoff with jitter, reset after ready", () => {
  assert.equal(
    backoffDelay(0, () => 0),
    250,
  );
  assert.equal(
    backoffDelay(0, () => 0.999),
    500,
  );
  assert.equal(
    backoffDelay(3, () => 0.5),
    3000,
  );
  assert.equal(
    backoffDelay(20, () => 1 - 1e-9),
    30_000,
    "capped",
  );
  const { conn, timers, sockets } = setup();
  conn.connect();
  sockets[0].drop();
  assert.equal(conn.status, "waiting");
  timers.advance(374);
  assert.equal(sockets.length, 1);
  timers.advance(1);
  assert.equal(sockets.length, 2, "first retry after 375 ms (0.5 jitter of 500)");
  sockets[1].drop();
  timers.advance(749);
  assert.equal(sockets.length, 2);
  timers.advance(1);
  assert.equal(sockets.length, 3, "second retry doubles");
  sockets[2].open();
  sockets[2].receive({ t: "ready", userId: "u", userCursor: "c0", badge: { total: 0, dot: false } });
  sockets[2].drop();
  timers.advance(375);
  assert.equal(sockets.length, 4, "attempts reset once the server said ready");
});

test("[GEN-7] hello carries device facts, then resume with the last room seqs and user cursor", () => {
  const { conn, sockets } = setup();
  conn.connect();
  sockets[0].open();
  const hello = sockets[0].sent[0] as HelloFrame;
  assert.deepEqual(hello, {
    t: "hello",
    deviceId: "dev-1",
    deviceKind: "web",
    permission: "granted",
    focused: true,
    visible: true,
    view: { roomId: "r1" },
  });
  sockets[0].receive({ t: "ready", userId: "u", userCursor: 10, badge: { total: 0, dot: false } });
  sockets[0].receive({
    t: "multi",
    events: [
      { t: "message", roomId: "r1", seq: 41, message: { id: "m41" } },
      { t: "notify", cursor: 11, messageId: "m41", roomId: "r1", trigger: "mention" },
    ],
  });
  sockets[0].receive({ t: "message", roomId: "r2", seq: 7, message: { id: "x" } });
  sockets[0].receive({ t: "message", roomId: "r1", seq: 40, message: { id: "late" } });
  sockets[0].drop();
  conn.nudge();
  sockets[1].open();
  const resume = (sockets[1].sent[0] as HelloFrame).resume;
  assert.deepEqual(resume, { rooms: { r1: 41, r2: 7 }, userCursor: 11 });
});

test("[GEN-7] resume names the server log its cursor came from (ready.log), and only that socket's", () => {
  const { conn, sockets } = setup();
  conn.connect();
  sockets[0].open();
  sockets[0].receive({
    t: "ready",
    userId: "u",
    userCursor: 10,
    log: "node-a-log",
    badge: { total: 0, dot: false },
  });
  sockets[0].receive({ t: "notify", cursor: 12, messageId: "m1", roomId: "r1", trigger: "dm" });
  sockets[0].drop();
  conn.nudge();
  sockets[1].open();
  assert.deepEqual((sockets[1].sent[0] as HelloFrame).resume, {
    rooms: {},
    userCursor: 12,
    log: "node-a-log",
  });
  // A server that names no log: the next resume claims none (its cursor is read the old way).
  sockets[1].receive({ t: "ready", userId: "u", userCursor: 20, badge: { total: 0, dot: false } });
  sockets[1].drop();
  conn.nudge();
  sockets[2].open();
  assert.deepEqual((sockets[2].sent[0] as HelloFrame).resume, { rooms: {}, userCursor: 20 });
});

test("[GEN-7] multi frames are unpacked in order to the listeners", () => {
  const { conn, sockets } = setup();
  const seen: string[] = [];
  conn.onEvent((e) => seen.push(e.t));
  conn.on("badge", (e) => seen.push(`badge:${e.total}`));
  conn.connect();
  sockets[0].open();
  sockets[0].receive({
    t: "multi",
    events: [
      { t: "message", roomId: "r", seq: 1, message: {} },
      { t: "badge", total: 2, dot: true, rooms: {} },
    ],
  });
  assert.deepEqual(seen, ["message", "badge:2", "badge"]);
});

test("[GEN-7] no second banner for what was shown before a reconnect", () => {
  const { conn, sockets } = setup();
  const timers = new FakeTimers();
  const api = fakeNotificationApi("granted");
  const presenter = new BannerPresenter({
    notification: api.Notification,
    leader: soloLeader,
    shown: new ShownBanners(fakeStore(), timers.now),
    masterOn: () => true,
    timers,
  });
  conn.on("notify", (n) => {
    const b = notifyToBanner(n, 10);
    if (b) presenter.show(b);
  });
  const notify = {
    t: "notify",
    cursor: 5,
    messageId: "m1",
    roomId: "r1",
    trigger: "dm",
    banner: { senderName: "Al", roomKind: "dm", text: "hey" },
  };
  conn.connect();
  sockets[0].open();
  sockets[0].receive({ t: "ready", userId: "u", userCursor: 4, badge: { total: 0, dot: false } });
  sockets[0].receive(notify);
  sockets[0].drop();
  conn.nudge();
  sockets[1].open();
  assert.equal((sockets[1].sent[0] as HelloFrame).resume?.userCursor, 5);
  // A server replaying from an older cursor (or a race at the edge) must not double the banner.
  sockets[1].receive({ t: "ready", userId: "u", userCursor: 5, badge: { total: 1, dot: false } });
  sockets[1].receive(notify);
  sockets[1].receive({ ...notify, cursor: 6, messageId: "m2" });
  assert.deepEqual(
    api.shown.map((n) => n.options.body),
    ["hey", "hey"],
  );
  assert.equal(api.shown.length, 2, "m1 once, m2 once");
});

test("[GEN-7] the banner dedup is per device: it survives a page reload (shared storage)", () => {
  const store = fakeStore();
  const timers = new FakeTimers();
  assert.equal(new ShownBanners(store, timers.now).claim("m1"), true);
  assert.equal(new ShownBanners(store, timers.now).claim("m1"), false);
  timers.advance(25 * 3600_000);
  const later = new ShownBanners(store, timers.now);
  assert.equal(later.claim("m2"), true);
  assert.equal(later.has("m1"), false, "entries older than the 24 h resume window are dropped");
});

test("[PRM-4] a close before ready with an expired session stops reconnecting and reports unauthorized", async () => {
  const { conn, timers, sockets } = setup({ checkSession: () => Promise.resolve(false) });
  const statuses: string[] = [];
  conn.onStatus((s) => statuses.push(s));
  conn.connect();
  sockets[0].drop();
  await tick();
  timers.advance(60_000);
  assert.equal(sockets.length, 1);
  assert.equal(conn.status, "unauthorized");
  assert.deepEqual(statuses, ["connecting", "waiting", "unauthorized"]);
  conn.restart();
  assert.equal(sockets.length, 2, "restart after a new sign-in");
});

test("[GEN-7] a silent half-open socket is detected by the heartbeat and replaced", () => {
  const { conn, timers, sockets } = setup();
  conn.connect();
  sockets[0].open();
  timers.advance(25_000);
  assert.deepEqual(sockets[0].sent.at(-1), { t: "ping" });
  timers.advance(25_000);
  assert.equal(sockets[0].closedWith, null, "two pings without an answer are tolerated");
  timers.advance(25_000);
  assert.equal(sockets[0].closedWith, 4000, "the third tick finds 75 s of silence");
  timers.advance(1000);
  assert.equal(sockets.length, 2);
});

test("[§1] device id is kept in local storage; device kind from UA and display mode", () => {
  const store = fakeStore();
  const id = getDeviceId(store, () => "abc");
  assert.equal(id, "abc");
  assert.equal(
    getDeviceId(store, () => "other"),
    "abc",
  );
  const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
  const android =
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36";
  const desktop = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";
  assert.equal(detectDeviceKind(iphone, true), "mobile");
  assert.equal(detectDeviceKind(android, false), "mobile");
  assert.equal(detectDeviceKind(desktop, true), "desktop");
  assert.equal(detectDeviceKind(desktop, false), "web");
});
