// The SDK's frame routing through a real Connection (fake socket), AlertManager, BannerPresenter and
// SoundPlayer (fake Web Audio): PRF-50 assigned.unread, the support notify options PRF-44 … PRF-48 and
// ready.rebuilt (GEN-7).
import assert from "node:assert/strict";
import { test } from "node:test";
import { plainFirstLine } from "@herald/core";
import { type AlertAction, AlertManager, REMINDER_EVERY_MS } from "../src/alerts.ts";
import { BannerPresenter } from "../src/banners.ts";
import { Connection, type WebSocketLike } from "../src/connection.ts";
import { ShownBanners } from "../src/dedup.ts";
import { soloLeader } from "../src/leader.ts";
import { NotifyRouter, type OpenTarget, type ResyncInfo } from "../src/notify-router.ts";
import { type ClientPreferences, DEFAULT_CLIENT_PREFERENCES, mergePreferences } from "../src/prefs.ts";
import { SoundPlayer } from "../src/sounds.ts";
import { FakeAudioContext, FakeTimers, fakeNotificationApi, fakeStore } from "./fakes.ts";

class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(): void {}
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
}

function setup(o: { focused?: boolean; view?: { roomId?: string; conversationId?: string } } = {}) {
  const timers = new FakeTimers();
  const ctx = new FakeAudioContext();
  const sounds = new SoundPlayer({ createContext: () => ctx, timers, gestureTarget: null });
  const { Notification, shown: notes } = fakeNotificationApi("granted");
  const shown = new ShownBanners(fakeStore(), () => timers.now());
  let prefs: ClientPreferences = DEFAULT_CLIENT_PREFERENCES;
  const banners = new BannerPresenter({
    notification: Notification,
    leader: soloLeader,
    shown,
    masterOn: () => prefs.agent.desktopMaster,
    timers,
  });
  const actions: AlertAction[] = [];
  const opened: { target: OpenTarget; id?: string }[] = [];
  const markedRead: string[] = [];
  const resyncs: ResyncInfo[] = [];
  const reminders: string[][] = [];
  const state = { focused: o.focused ?? false, view: o.view ?? {} };
  const alerts = new AlertManager({
    play: (tone, p) => sounds.play(tone, p),
    banners,
    prefs: () => ({ ...prefs.account, ...prefs.agent }),
    focused: () => state.focused,
    view: () => state.view,
    onReminder: (ids) => reminders.push(ids),
    timers,
  });
  const router = new NotifyRouter({
    banners,
    alerts,
    play: (tone, p) => sounds.play(tone, p),
    claim: (k) => shown.claim(k),
    prefs: () => prefs,
    focused: () => state.focused,
    view: () => state.view,
    open: (target, id) => opened.push({ target, id }),
    markNotificationRead: (id) => markedRead.push(id),
    onAlertAction: (a) => actions.push(a),
    onResync: (i) => resyncs.push(i),
  });
  let socket: FakeSocket | null = null;
  const conn = new Connection({
    url: "ws://herald.test/api/v1/realtime",
    deviceId: "dev-1",
    deviceKind: "web",
    getState: () => ({ permission: "granted", focused: state.focused, visible: true, view: {} }),
    createSocket: () => {
      socket = new FakeSocket();
      return socket;
    },
    timers,
  });
  router.attach(conn);
  conn.connect();
  (socket as unknown as FakeSocket).open();
  const receive = (f: unknown) => (socket as unknown as FakeSocket).receive(f);
  const setPrefs = (patch: Parameters<typeof mergePreferences>[1]) => {
    prefs = mergePreferences(prefs, patch);
    alerts.refreshReminder();
  };
  receive({ t: "ready", userId: "u1", userCursor: 1, badge: { total: 0, dot: false } });
  return { timers, ctx, notes, actions, opened, markedRead, resyncs, reminders, receive, setPrefs, state };
}

/** A support notify as the gateway sends it (src/support → user.event → support-notify.ts). */
function supportNotify(over: Record<string, unknown> = {}) {
  return {
    t: "notify",
    cursor: 5,
    notificationId: "ev1",
    roomId: "room-c1",
    messageId: "m9",
    conversationId: "c1",
    trigger: "support",
    event: "assigned_conversation_message",
    banner: { title: "Dana", body: "Hello?", stay: 20, click: "pickup" },
    sound: { name: "digital", loop: false },
    alsoWhenFocused: false,
    ...over,
  };
}

test("[PRF-50] the gateway's assigned.unread frame drives the 30 s reminder, only while PRF-50 is on", () => {
  const t = setup();
  t.receive({ t: "assigned.unread", cursor: 2, conversationIds: ["c1"] });
  t.timers.advance(REMINDER_EVERY_MS * 2);
  assert.equal(t.reminders.length, 0, "PRF-50 is off by default");
  t.setPrefs({ agent: { remindUnread: true } });
  t.timers.advance(REMINDER_EVERY_MS - 1);
  assert.equal(t.reminders.length, 0);
  t.timers.advance(1);
  assert.deepEqual(t.reminders, [["c1"]], "turning PRF-50 on reminds for the set the server sent");
  assert.equal(t.ctx.outputs().length, 1, "with the message tone (PRF-46)");
  t.receive({ t: "assigned.unread", cursor: 3, conversationIds: ["c1", "c2"] });
  t.timers.advance(REMINDER_EVERY_MS);
  assert.deepEqual(t.reminders.at(-1), ["c1", "c2"]);
  t.receive({ t: "assigned.unread", cursor: 4, conversationIds: [] });
  t.timers.advance(REMINDER_EVERY_MS * 4);
  assert.equal(t.reminders.length, 2, "an empty set stops it");
  t.receive({ t: "assigned.unread", cursor: 5, conversationIds: ["c3"] });
  t.setPrefs({ agent: { remindUnread: false } });
  t.timers.advance(REMINDER_EVERY_MS * 4);
  assert.equal(t.reminders.length, 2, "turning PRF-50 off stops it");
  t.setPrefs({ agent: { remindUnread: true } });
  // A new hello: the server sends the set again only when it is not empty, so ready starts from empty.
  t.receive({ t: "ready", userId: "u1", userCursor: 9, badge: { total: 0, dot: false } });
  t.timers.advance(REMINDER_EVERY_MS * 4);
  assert.equal(t.reminders.length, 2, "a set that emptied while away does not keep reminding");
});

test("[PRF-47] [PRF-48] support banner: stays the frame's seconds; a click performs the chosen action and reads it", () => {
  const t = setup();
  t.receive(supportNotify());
  assert.equal(t.notes.length, 1);
  assert.equal(t.notes[0].title, "Dana");
  t.timers.advance(19_999);
  assert.equal(t.notes[0].closed, false, "PRF-47 20 s, not PRF-14's 10 s");
  t.timers.advance(1);
  assert.equal(t.notes[0].closed, true);

  t.receive(supportNotify({ notificationId: "ev2", cursor: 6 }));
  t.notes[1].onclick?.({});
  assert.deepEqual(t.actions, [{ kind: "pickup", conversationId: "c1" }]);
  assert.deepEqual(t.markedRead, ["ev2"], "DSK-6: the click marks the item read");

  t.receive(
    supportNotify({ notificationId: "ev3", cursor: 7, banner: { title: "Dana", body: "x", click: "focus" } }),
  );
  t.notes[2].onclick?.({});
  assert.deepEqual(t.actions.at(-1), { kind: "focus", conversationId: "c1" });
  assert.equal(t.opened.length, 0, "focus does not navigate");

  t.receive(
    supportNotify({ notificationId: "ev4", cursor: 8, banner: { title: "Dana", body: "x", click: "open" } }),
  );
  t.notes[3].onclick?.({});
  assert.deepEqual(t.opened, [
    { target: { roomId: "room-c1", threadId: undefined, messageId: "m9", conversationId: "c1" }, id: "ev4" },
  ]);
});

test("[PRF-51] [PRF-44] support notify: nothing while focused unless PRF-44; never for the conversation in view", () => {
  const a = setup({ focused: true, view: { roomId: "room-x" } });
  a.receive(supportNotify());
  assert.equal(a.notes.length + a.ctx.outputs().length, 0, "focused, PRF-44 off: no banner, no sound");
  a.receive(supportNotify({ notificationId: "ev2", alsoWhenFocused: true }));
  assert.equal(a.notes.length, 1, "PRF-44 on: banner even with focus");
  assert.equal(a.ctx.outputs().length, 1, "and its sound");
  const b = setup({ focused: true, view: { conversationId: "c1" } });
  b.receive(supportNotify({ alsoWhenFocused: true }));
  assert.equal(b.notes.length + b.ctx.outputs().length, 0, "the conversation in view: never");
  const c = setup({ focused: false, view: { conversationId: "c1" } });
  c.receive(supportNotify());
  assert.equal(c.notes.length, 1, "not focused: shown");
});

test("[PRF-46] [PRF-45] support notify plays the frame's tone; a looping one stops on read or click", () => {
  const t = setup();
  t.receive(supportNotify({ sound: { name: "digital", loop: true } }));
  assert.equal(t.ctx.outputs().length, 1);
  const first = t.ctx.oscillators.length;
  t.timers.advance(10_000);
  assert.ok(t.ctx.oscillators.length > first, "loops (PRF-45)");
  t.receive({ t: "read", cursor: 6, roomId: "room-c1", seq: 4 });
  assert.equal(t.ctx.outputs()[0].disconnected, true, "a read of the conversation stops it");
  t.receive(supportNotify({ notificationId: "ev2", cursor: 7, sound: { name: "soft", loop: true } }));
  t.notes.at(-1)?.onclick?.({});
  assert.equal(t.ctx.outputs()[1].disconnected, true, "a click stops it");
  t.receive(supportNotify({ notificationId: "ev3", cursor: 8, sound: { name: "soft" } }));
  const n = t.ctx.oscillators.length;
  t.timers.advance(60_000);
  assert.equal(t.ctx.oscillators.length, n, "no loop unless asked");
});

test("[PRF-49] support notify: the audio master switch silences it; the desktop master hides its banner", () => {
  const t = setup();
  t.setPrefs({ agent: { audioMaster: false, desktopMaster: false } });
  t.receive(supportNotify());
  assert.equal(t.ctx.outputs().length + t.notes.length, 0);
});

test("[GEN-7] ready.rebuilt: the app refetches through onResync; rebuilt items never banner or sound", () => {
  const t = setup();
  assert.deepEqual(t.resyncs, [], "a plain ready needs no refetch");
  t.receive({ t: "ready", userId: "u1", userCursor: 50, badge: { total: 2, dot: true }, rebuilt: true });
  assert.deepEqual(t.resyncs, [{ rebuilt: true, gap: false }]);
  const chat = {
    t: "notify",
    cursor: 51,
    messageId: "m1",
    roomId: "r1",
    trigger: "mention",
    banner: { title: "Alice in #general", body: "hi" },
    sound: { name: "chime" },
  };
  t.receive({ ...chat, replay: true });
  t.receive({ ...supportNotify({ cursor: 52 }), replay: true });
  assert.equal(t.notes.length + t.ctx.outputs().length, 0, "replayed rebuilt items: no banner, no sound");
  t.receive({ ...chat, messageId: "m2", cursor: 53 });
  assert.equal(t.notes.length, 1, "live events after the rebuild alert as usual");
  t.receive({
    t: "ready",
    userId: "u1",
    userCursor: 60,
    badge: { total: 0, dot: false },
    gap: true,
    rebuilt: true,
  });
  assert.deepEqual(t.resyncs.at(-1), { rebuilt: true, gap: true });
  t.receive({ t: "ready", userId: "u1", userCursor: 70, badge: { total: 0, dot: false } });
  t.receive({ ...chat, messageId: "m3", cursor: 71, replay: true });
  assert.equal(t.notes.length, 2, "a log replay (not rebuilt) still shows a banner the device never got");
});

test("[DSK-4] a chat banner the server sent without a body shows core's plain first line once the parser loads", async () => {
  const t = setup();
  const text = "**Deploy** is `done`, see [the log](https://example.com/log)\nsecond line";
  t.receive({
    t: "notify",
    cursor: 2,
    messageId: "m9",
    roomId: "r1",
    trigger: "mention",
    banner: { senderName: "Alice", roomName: "general", roomKind: "channel", text },
  });
  // The parser is loaded for this banner only (a body from the server shows at once, as the tests above do).
  for (let i = 0; i < 50 && t.notes.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(t.notes.length, 1);
  assert.equal(t.notes[0].title, "Alice in #general");
  assert.equal(t.notes[0].options.body, plainFirstLine(text, 200));
  assert.ok(!t.notes[0].options.body?.includes("**"), t.notes[0].options.body);
});
