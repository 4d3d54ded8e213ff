import assert from "node:assert/strict";
import { test } from "node:test";
import { MESSAGE_TONES as CORE_MESSAGE, RING_TONES as CORE_RING } from "../../core/src/settings.ts";
import { SoundPlayer } from "../src/sounds.ts";
import { MESSAGE_TONES, RING_TONES, TONES } from "../src/tones.ts";
import { FakeAudioContext, FakeTimers, tick } from "./fakes.ts";

test("[PRF-8] [PRF-10] ≥ 5 message tones and ≥ 3 ring tones, the same names as packages/core", () => {
  assert.deepEqual([...MESSAGE_TONES], [...CORE_MESSAGE]);
  assert.deepEqual([...RING_TONES], [...CORE_RING]);
  assert.ok(MESSAGE_TONES.length >= 5 && RING_TONES.length >= 3);
  for (const name of [...MESSAGE_TONES, ...RING_TONES]) {
    const t = TONES[name];
    assert.ok(t.notes.length > 0, name);
    assert.ok(
      t.notes.every((n) => n.at + n.dur <= t.period),
      `${name} fits its loop period`,
    );
  }
});

test("[PRF-9] volume 0–100 scales the output; 0 plays nothing", () => {
  const ctx = new FakeAudioContext();
  const player = new SoundPlayer({ createContext: () => ctx, timers: new FakeTimers(), gestureTarget: null });
  player.play("chime", { volume: 50 });
  assert.equal(ctx.outputs()[0].gain.value, 0.25);
  const silent = player.play("ding", { volume: 0 });
  assert.equal(silent.isPlaying(), false);
  player.play("pop", { volume: 250 });
  assert.equal(ctx.outputs()[1].gain.value, 1, "clamped to 100");
});

test("[DSK-7] test playback loops until stopped, and plays once otherwise", () => {
  const timers = new FakeTimers();
  const ctx = new FakeAudioContext();
  const player = new SoundPlayer({ createContext: () => ctx, timers, gestureTarget: null });
  const once = player.play("bell");
  const n = ctx.oscillators.length;
  timers.advance(2500);
  assert.equal(once.isPlaying(), false);
  const loop = player.play("digital", { loop: true });
  timers.advance(2000 * 3);
  const cycles = (ctx.oscillators.length - n) / TONES.digital.notes.length;
  assert.equal(cycles, 4, "first cycle + one per 2 s period");
  loop.stop();
  assert.equal(loop.isPlaying(), false);
  timers.advance(10_000);
  assert.equal((ctx.oscillators.length - n) / TONES.digital.notes.length, 4);
  assert.equal(timers.pending(), 0);
});

test("[DSK-7] autoplay blocked: reported once, resumed by the next user gesture", async () => {
  const ctx = new FakeAudioContext();
  ctx.state = "suspended";
  ctx.resume = () => {
    ctx.resumes++;
    if (gestured) ctx.state = "running";
    return Promise.resolve();
  };
  let gestured = false;
  const listeners = new Map<string, () => void>();
  const target = {
    addEventListener: (t: string, fn: () => void) => void listeners.set(t, fn),
    removeEventListener: (t: string) => void listeners.delete(t),
  };
  let blocked = 0;
  let unblocked = 0;
  const player = new SoundPlayer({
    createContext: () => ctx,
    timers: new FakeTimers(),
    gestureTarget: target,
    onAutoplayBlocked: () => blocked++,
    onAutoplayUnblocked: () => unblocked++,
  });
  player.play("chime");
  player.play("chime");
  assert.equal(blocked, 1, "one prompt, not one per sound");
  assert.equal(player.isBlocked(), true);
  assert.equal(ctx.oscillators.length, 0, "no burst of stale tones on resume");
  assert.ok(listeners.has("pointerdown"));
  gestured = true;
  listeners.get("pointerdown")?.();
  await tick();
  assert.equal(unblocked, 1);
  assert.equal(player.isBlocked(), false);
  assert.equal(listeners.size, 0, "gesture listeners removed");
  player.play("chime");
  assert.ok(ctx.oscillators.length > 0);
});
