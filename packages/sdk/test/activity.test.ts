import assert from "node:assert/strict";
import { test } from "node:test";
import { ActivityTracker, activityDue, stateDiff } from "../src/activity.ts";
import type { ClientFrame } from "../src/types.ts";
import { FakeTimers } from "./fakes.ts";

function env() {
  const listeners = new Map<string, () => void>();
  const target = {
    addEventListener: (t: string, fn: () => void) => void listeners.set(t, fn),
    removeEventListener: (t: string) => void listeners.delete(t),
  };
  const doc = { ...target, focused: true, visibilityState: "visible", hasFocus: () => doc.focused };
  return { listeners, window: target, document: doc, fire: (t: string) => listeners.get(t)?.() };
}

test("[PRS-2] activity is reported at most every 10 s on user input", () => {
  assert.equal(activityDue(null, 0), true);
  assert.equal(activityDue(0, 9_999), false);
  assert.equal(activityDue(0, 10_000), true);
  const e = env();
  const timers = new FakeTimers();
  const sent: ClientFrame[] = [];
  const t = new ActivityTracker({ env: e, send: (f) => sent.push(f), timers });
  t.start();
  for (let i = 0; i < 50; i++) {
    e.fire("pointermove");
    e.fire("keydown");
    timers.advance(500);
  }
  assert.deepEqual(
    sent.filter((f) => f.t === "activity").length,
    3,
    "25 s of constant input: at 0, 10 and 20 s",
  );
  t.stop();
  assert.equal(e.listeners.size, 0);
});

test("[DSK-2] focus, visibility and view changes are sent as state frames, only when they change", () => {
  const e = env();
  const sent: ClientFrame[] = [];
  const t = new ActivityTracker({ env: e, send: (f) => sent.push(f), timers: new FakeTimers() });
  t.start();
  e.document.focused = false;
  e.fire("blur");
  e.fire("blur");
  e.document.visibilityState = "hidden";
  e.fire("visibilitychange");
  t.setView({ roomId: "r1" });
  t.setView({ roomId: "r1" });
  t.setView({ roomId: "r1", threadId: "m5" });
  assert.deepEqual(sent, [
    { t: "state", focused: false },
    { t: "state", visible: false },
    { t: "state", view: { roomId: "r1" } },
    { t: "state", view: { roomId: "r1", threadId: "m5" } },
  ]);
});

test("[PRS-3] screen locked / system idle is reported, and input clears it", () => {
  const e = env();
  const sent: ClientFrame[] = [];
  const t = new ActivityTracker({ env: e, send: (f) => sent.push(f), timers: new FakeTimers() });
  t.setIdle(true, true);
  t.input();
  assert.deepEqual(sent, [
    { t: "state", locked: true, idle: true },
    { t: "state", locked: false, idle: false },
    { t: "activity" },
  ]);
  assert.equal(stateDiff(t.state, { ...t.state }), null);
});

test("[PRS-8] only input is activity: starting, focus and scroll send none; input during an outage is not throttled away", () => {
  const e = env();
  const timers = new FakeTimers();
  const sent: ClientFrame[] = [];
  let open = true;
  const t = new ActivityTracker({
    env: e,
    send: (f) => open && sent.push(f) > 0,
    timers,
  });
  t.start();
  e.fire("scroll");
  e.fire("focus");
  assert.deepEqual(
    sent.filter((f) => f.t === "activity"),
    [],
  );
  assert.ok(!e.listeners.has("scroll"), "the app's own scrolling is not the user");
  open = false;
  e.fire("keydown");
  open = true;
  timers.advance(1_000);
  e.fire("pointerdown");
  assert.deepEqual(sent, [{ t: "activity" }], "reported once the socket is back, not 10 s later");
  t.stop();
});
