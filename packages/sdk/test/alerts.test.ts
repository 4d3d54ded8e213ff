import assert from "node:assert/strict";
import { test } from "node:test";
import { type AlertAction, AlertManager, type AlertPrefs, callTag, pendingTag } from "../src/alerts.ts";
import type { BannerRequest } from "../src/banners.ts";
import { DEFAULT_CLIENT_PREFERENCES } from "../src/prefs.ts";
import { SoundPlayer } from "../src/sounds.ts";
import { FakeAudioContext, FakeTimers } from "./fakes.ts";

function setup(over: Partial<AlertPrefs> = {}, focused = false, conversationInView?: string, leader = true) {
  const timers = new FakeTimers();
  const ctx = new FakeAudioContext();
  const sounds = new SoundPlayer({ createContext: () => ctx, timers, gestureTarget: null });
  const banners: BannerRequest[] = [];
  const closed: string[] = [];
  const actions: AlertAction[] = [];
  let prefs: AlertPrefs = {
    ...DEFAULT_CLIENT_PREFERENCES.account,
    ...DEFAULT_CLIENT_PREFERENCES.agent,
    ...over,
  };
  const m = new AlertManager({
    play: (tone, o) => sounds.play(tone, o),
    banners: {
      show: (b) => {
        banners.push(b);
        return { outcome: "notification" };
      },
      closeTag: (t) => void closed.push(t),
    },
    prefs: () => prefs,
    focused: () => focused,
    view: () => ({ conversationId: conversationInView }),
    onAction: (a) => actions.push(a),
    isLeader: () => leader,
    displayName: (id) => ({ u2: "Bob", u3: "Carol" })[id],
    timers,
  });
  const setPrefs = (p: Partial<AlertPrefs>) => {
    prefs = { ...prefs, ...p };
  };
  return { m, timers, ctx, banners, closed, actions, setPrefs };
}

const pending = { t: "pending.start" as const, conversationId: "c1", inboxId: "i1", contactName: "Dana" };
const ring = { t: "ring.start" as const, callId: "k1", roomId: "r1", from: "u2" };

test("[SUP-3] pending contact loops its sound until pending.stop, which stops it at once", () => {
  const { m, timers, ctx, banners, closed } = setup();
  m.handle(pending);
  assert.equal(ctx.outputs().length, 1);
  const first = ctx.oscillators.length;
  timers.advance(10_000);
  assert.ok(ctx.oscillators.length > first * 3, "the tone repeats (PRF-45 loop)");
  assert.equal(banners[0].title, "Dana is waiting");
  assert.equal(banners[0].tag, pendingTag("c1"));
  m.handle({ t: "pending.stop", conversationId: "c1", inboxId: "i1" });
  const out = ctx.outputs()[0];
  assert.equal(out.gain.value, 0, "silenced immediately (well within SUP-3's 1 s)");
  assert.equal(out.disconnected, true);
  const after = ctx.oscillators.length;
  timers.advance(60_000);
  assert.equal(ctx.oscillators.length, after, "no further cycles");
  assert.deepEqual(closed, [pendingTag("c1")]);
  assert.deepEqual(m.pending(), []);
});

test("[PRF-45] pending audio 'once' plays a single cycle", () => {
  const { m, timers, ctx } = setup({ pending: { ...DEFAULT_CLIENT_PREFERENCES.agent.pending, loop: false } });
  m.handle(pending);
  const n = ctx.oscillators.length;
  timers.advance(60_000);
  assert.equal(ctx.oscillators.length, n);
});

test("[PRF-51] pending alert: nothing while focused unless PRF-44; never for the conversation in view", () => {
  const a = setup({}, true);
  a.m.handle(pending);
  assert.equal(a.ctx.oscillators.length + a.banners.length, 0);
  const also = { ...DEFAULT_CLIENT_PREFERENCES.agent.pending, alsoWhenFocused: true };
  const b = setup({ pending: also }, true);
  b.m.handle(pending);
  assert.ok(b.ctx.oscillators.length > 0);
  assert.equal(b.banners.length, 1);
  const c = setup({ pending: also }, true, "c1");
  c.m.handle(pending);
  assert.equal(c.ctx.oscillators.length + c.banners.length, 0);
});

test("[PRF-48] pending banner click performs the chosen action", () => {
  const { m, banners, actions } = setup({
    pending: { ...DEFAULT_CLIENT_PREFERENCES.agent.pending, click: "pickup" },
  });
  m.handle(pending);
  banners[0].onClick?.();
  assert.deepEqual(actions, [{ kind: "pickup", conversationId: "c1" }]);
});

test("[PRF-49] audio master off: no ring, no pending sound; desktop master off: no banners", () => {
  const { m, ctx, banners } = setup({ audioMaster: false });
  m.handle(pending);
  m.handle(ring);
  assert.equal(ctx.oscillators.length, 0);
  assert.equal(banners.length, 2);
  const d = setup({ desktopMaster: false });
  d.m.handle(pending);
  d.m.handle(ring);
  assert.equal(d.banners.length, 0);
  assert.ok(d.ctx.oscillators.length > 0);
});

test("[CAL-1] a call rings in a loop with a banner until closed; [CAL-2] ring.stop stops it", () => {
  const { m, timers, ctx, banners, closed } = setup();
  m.handle(ring);
  m.handle(ring); // replayed on resume: still one ring
  assert.equal(ctx.outputs().length, 1);
  assert.equal(banners.length, 1);
  assert.equal(banners[0].title, "Bob is calling");
  assert.equal(banners[0].stay, "until_closed");
  timers.advance(9_000);
  m.handle({ t: "ring.stop", callId: "k1", roomId: "r1", from: "u2" });
  assert.equal(ctx.outputs()[0].gain.value, 0);
  assert.deepEqual(closed, [callTag("k1")]);
  assert.deepEqual(m.ringing(), []);
});

test("[CAL-2] ringing stops by itself after 30 s, and at once on answer or decline", () => {
  const a = setup();
  a.m.handle(ring);
  a.timers.advance(29_999);
  assert.equal(a.m.ringing().length, 1);
  a.timers.advance(1);
  assert.equal(a.m.ringing().length, 0);
  assert.equal(a.ctx.outputs()[0].disconnected, true);

  const b = setup();
  b.m.handle(ring);
  b.m.answer("k1");
  assert.equal(b.ctx.outputs()[0].disconnected, true);
  assert.deepEqual(b.actions, [{ kind: "call.answer", callId: "k1", roomId: "r1" }]);
  const c = setup();
  c.m.handle(ring);
  c.m.decline("k1");
  assert.deepEqual(c.actions, [{ kind: "call.decline", callId: "k1", roomId: "r1" }]);
});

test("[PRF-50] reminder every 30 s while assigned conversations have unread messages", () => {
  const { m, timers, ctx, setPrefs } = setup({ remindUnread: true });
  m.setUnreadAssigned(["c1"]);
  timers.advance(29_999);
  assert.equal(ctx.outputs().length, 0);
  timers.advance(1);
  assert.equal(ctx.outputs().length, 1);
  timers.advance(30_000);
  assert.equal(ctx.outputs().length, 2);
  m.setUnreadAssigned([]);
  timers.advance(120_000);
  assert.equal(ctx.outputs().length, 2, "stops when nothing is unread");
  setPrefs({ remindUnread: false });
  m.setUnreadAssigned(["c1"]);
  timers.advance(120_000);
  assert.equal(ctx.outputs().length, 2, "off by default (PRF-50)");
});

test("[DSK-3] ring and pending frames reach every tab: only the leader tab plays the loop", () => {
  const { m, ctx, banners } = setup({}, false, undefined, false);
  m.handle(ring);
  m.handle(pending);
  assert.equal(ctx.oscillators.length, 0);
  assert.equal(banners.length, 2, "banners go to the presenter, which applies the leader check itself");
  m.handle({ t: "ring.stop", callId: "k1", roomId: "r1", from: "u2" });
  m.handle({ t: "pending.stop", conversationId: "c1", inboxId: "i1" });
  assert.deepEqual(m.ringing(), []);
  assert.deepEqual(m.pending(), []);
});

test("[CAL-1] the ring banner names the caller from the app's directory when the frame has only an id", () => {
  const { m, banners } = setup();
  m.handle({ t: "ring.start", callId: "k2", roomId: "r1", from: "u3" });
  assert.equal(banners[0].title, "Carol is calling");
});
