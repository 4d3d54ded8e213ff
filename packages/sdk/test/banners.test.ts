import assert from "node:assert/strict";
import { test } from "node:test";
import { plainFirstLine } from "@herald/core";
import { bannerText } from "../src/banner-plain.ts";
import { bannerBody, bannerTitle } from "../src/banner-text.ts";
import {
  BannerPresenter,
  type BannerRequest,
  notifyToBanner,
  renderToast,
  roomTag,
  type Toast,
} from "../src/banners.ts";
import { ShownBanners } from "../src/dedup.ts";
import { ChannelLeader, LockLeader, soloLeader, type TabLeader } from "../src/leader.ts";
import { FakeBus, FakeLocks, FakeTimers, fakeNotificationApi, fakeStore, tick } from "./fakes.ts";

function presenter(
  opts: { leader?: TabLeader; master?: () => boolean; permission?: NotificationPermission } = {},
) {
  const timers = new FakeTimers();
  const api = fakeNotificationApi(opts.permission ?? "granted");
  const toasts: Toast[] = [];
  let focused = 0;
  const p = new BannerPresenter({
    notification: api.Notification,
    leader: opts.leader ?? soloLeader,
    shown: new ShownBanners(fakeStore(), timers.now),
    masterOn: opts.master ?? (() => true),
    focusWindow: () => void focused++,
    onToast: (t) => toasts.push(t),
    timers,
  });
  return { p, timers, shown: api.shown, toasts, focused: () => focused };
}

const req = (over: Partial<BannerRequest> = {}): BannerRequest => ({
  id: "m1",
  title: "Alice in #general",
  body: "hi",
  tag: roomTag("r1"),
  stay: 10,
  ...over,
});

test("[DSK-4] title is the sender, plus ' in #room' outside DMs", () => {
  assert.equal(bannerTitle("Alice", "channel", "general"), "Alice in #general");
  assert.equal(bannerTitle("Alice", "group", "#secret"), "Alice in #secret");
  assert.equal(bannerTitle("Alice", "dm", "alice,bob"), "Alice");
  assert.equal(bannerTitle("Alice", "gdm", "a,b,c"), "Alice");
});

test("[DSK-4] body is the first line as plain text, at most 200 characters, never HTML", () => {
  assert.equal(bannerBody("\n\n  first line  \nsecond"), "first line");
  const html = '<img src=x onerror="alert(1)"> & <b>bold</b>';
  assert.equal(bannerBody(html), html, "text is kept as text: nothing is parsed or escaped into markup");
  const long = "x".repeat(500);
  const body = bannerBody(long);
  assert.equal(Array.from(body).length, 200);
  assert.ok(body.endsWith("…"));
  const emoji = "😀".repeat(300);
  const cut = bannerBody(emoji);
  assert.equal(Array.from(cut).length, 200);
  assert.ok(!/[\uD800-\uDBFF]…$/.test(cut), "never cuts inside a surrogate pair");
  assert.equal(bannerBody("tab\there\u0007bell"), "tab here bell", "control characters become spaces");
  assert.deepEqual(bannerText({ senderName: "Bob", roomKind: "dm", text: "yo\nthere" }), {
    title: "Bob",
    body: "yo",
  });
});

test("[DSK-4] notify frames become banners; the toast fallback writes text with textContent", () => {
  const b = notifyToBanner(
    {
      t: "notify",
      cursor: 7,
      messageId: "m9",
      roomId: "r1",
      trigger: "mention",
      banner: {
        senderName: "Alice",
        roomName: "general",
        roomKind: "channel",
        text: "<script>x</script>\nmore",
      },
    },
    20,
  );
  assert.ok(b);
  assert.equal(b.title, "Alice in #general");
  assert.equal(b.body, "<script>x</script>");
  assert.equal(b.tag, roomTag("r1"));
  assert.equal(b.stay, 20, "PRF-14 default from the preferences when the server sends none");
  assert.equal(notifyToBanner({ t: "notify", cursor: 1, roomId: "r", trigger: "all" }, 10), null);

  const made: { tag: string; textContent: string | null; innerHTML?: string; children: unknown[] }[] = [];
  const doc = {
    createElement(tag: string) {
      const el = {
        tag,
        textContent: null as string | null,
        className: "",
        children: [] as unknown[],
        setAttribute() {},
        append(...c: unknown[]) {
          el.children.push(...c);
        },
        addEventListener() {},
      };
      made.push(el);
      return el;
    },
  } as unknown as Document;
  renderToast(doc, { id: "1", title: b.title, body: b.body, stay: 10, click() {} });
  assert.equal(made.find((e) => e.tag === "div" && e.textContent)?.textContent, "<script>x</script>");
  assert.ok(
    made.every((e) => e.innerHTML === undefined),
    "innerHTML is never set",
  );
});

test("[DSK-5] a banner closes after PRF-14 seconds; 'until closed' sets requireInteraction and no timer", () => {
  const { p, timers, shown } = presenter();
  assert.deepEqual(p.show(req({ stay: 5 })), { outcome: "notification" });
  assert.equal(shown[0].options.silent, true, "the SDK plays its own tone");
  timers.advance(4999);
  assert.equal(shown[0].closed, false);
  timers.advance(1);
  assert.equal(shown[0].closed, true);

  p.show(req({ id: "m2", stay: 30, tag: roomTag("r2") }));
  timers.advance(29_999);
  assert.equal(shown[1].closed, false);
  timers.advance(1);
  assert.equal(shown[1].closed, true);

  p.show(req({ id: "m3", stay: "until_closed" }));
  assert.equal(shown[2].options.requireInteraction, true);
  timers.advance(3_600_000);
  assert.equal(shown[2].closed, false);
  assert.equal(timers.pending(), 0);
});

test("[DSK-5] PRF-47 applies to support banners the same way", () => {
  const { p, timers, shown } = presenter();
  p.show(req({ id: "pending:c1", tag: "conv-c1", stay: 20 }));
  timers.advance(20_000);
  assert.equal(shown[0].closed, true);
});

test("[DSK-6] clicking a banner focuses the window, closes it and runs the open callback", () => {
  let opened = 0;
  const { p, shown, focused } = presenter();
  p.show(req({ onClick: () => opened++ }));
  shown[0].onclick?.({});
  assert.equal(focused(), 1);
  assert.equal(opened, 1);
  assert.equal(shown[0].closed, true);
});

test("[PSH-5] one banner per room: a newer banner of the same room replaces the older", () => {
  const { p, shown } = presenter();
  p.show(req({ id: "a" }));
  p.show(req({ id: "b" }));
  assert.equal(shown[0].closed, true);
  assert.equal(shown[1].closed, false);
  assert.deepEqual(p.openTags(), [roomTag("r1")]);
});

test("[PRF-49] desktop master switch off: no banner and no toast", () => {
  let master = false;
  const { p, shown, toasts } = presenter({ master: () => master });
  assert.deepEqual(p.show(req()), { outcome: "skipped", reason: "master_off" });
  assert.equal(shown.length + toasts.length, 0);
  master = true;
  assert.deepEqual(p.show(req()), { outcome: "notification" });
});

test("[PRM-3] without permission banners fall back to in-app toasts", () => {
  const { p, shown, toasts } = presenter({ permission: "denied" });
  assert.deepEqual(p.show(req()), { outcome: "toast" });
  assert.equal(shown.length, 0);
  assert.equal(toasts[0].title, "Alice in #general");
  assert.deepEqual(p.show(req()), { outcome: "skipped", reason: "duplicate" });
});

test("[DSK-3] one tab per device shows the banner (Web Locks leader; the lock passes on when it closes)", async () => {
  const locks = new FakeLocks();
  const store = fakeStore();
  const timers = new FakeTimers();
  const api = fakeNotificationApi("granted");
  const tabs = [0, 1, 2].map(() => {
    const leader = new LockLeader(locks);
    const p = new BannerPresenter({
      notification: api.Notification,
      leader,
      shown: new ShownBanners(store, timers.now),
      masterOn: () => true,
      timers,
    });
    return { leader, p };
  });
  await tick();
  assert.deepEqual(
    tabs.map((t) => t.leader.isLeader()),
    [true, false, false],
  );
  const results = tabs.map((t) => t.p.show(req()).outcome);
  assert.deepEqual(results, ["notification", "skipped", "skipped"]);
  assert.equal(api.shown.length, 1);
  tabs[0].leader.stop();
  await tick();
  assert.deepEqual(
    tabs.map((t) => t.leader.isLeader()),
    [false, true, false],
  );
  assert.equal(tabs[1].p.show(req({ id: "m2" })).outcome, "notification");
  assert.equal(tabs[1].p.show(req({ id: "m2" })).outcome, "skipped", "and never twice");
  assert.equal(api.shown.length, 2);
});

test("[DSK-3] BroadcastChannel fallback elects exactly one leader and re-elects when it leaves", () => {
  const bus = new FakeBus();
  const timers = new FakeTimers();
  const a = new ChannelLeader({ channel: bus.channel(), id: "b-tab", timers });
  const b = new ChannelLeader({ channel: bus.channel(), id: "a-tab", timers });
  timers.advance(1000);
  timers.advance(5000);
  const leaders = () => [a.isLeader(), b.isLeader()].filter(Boolean).length;
  assert.equal(leaders(), 1, "two tabs that start together settle on one leader");
  const c = new ChannelLeader({ channel: bus.channel(), id: "0-late", timers });
  timers.advance(5000);
  assert.equal(c.isLeader(), false, "a late tab hears the leader and does not claim");
  const [leader, other] = a.isLeader() ? [a, b] : [b, a];
  leader.stop();
  timers.advance(5000);
  assert.equal([other.isLeader(), c.isLeader()].filter(Boolean).length, 1);
  other.stop();
  c.stop();
});

test("[DSK-3] BroadcastChannel fallback: when two leaders meet, the lowest id keeps the lead", () => {
  const bus = new FakeBus();
  const timers = new FakeTimers();
  // Two tabs that could not hear each other (e.g. both claimed in the same beat).
  const ca = bus.channel();
  const cb = bus.channel();
  const a = new ChannelLeader({ channel: ca, id: "tab-2", timers });
  const b = new ChannelLeader({ channel: cb, id: "tab-1", timers });
  const deafA = ca.onmessage;
  const deafB = cb.onmessage;
  ca.onmessage = null;
  cb.onmessage = null;
  timers.advance(1000);
  assert.deepEqual([a.isLeader(), b.isLeader()], [true, true]);
  ca.onmessage = deafA;
  cb.onmessage = deafB;
  timers.advance(1000);
  assert.deepEqual([a.isLeader(), b.isLeader()], [false, true]);
  a.stop();
  b.stop();
});

test("[DSK-3] notify banners go to the tab the gateway chose, even when it is not the leader; still once per device", () => {
  const store = fakeStore();
  const timers = new FakeTimers();
  const api = fakeNotificationApi("granted");
  const notLeader: TabLeader = { isLeader: () => false, onChange: () => () => {}, stop: () => {} };
  const tab = (leader: TabLeader) =>
    new BannerPresenter({
      notification: api.Notification,
      leader,
      shown: new ShownBanners(store, timers.now),
      masterOn: () => true,
      timers,
    });
  const frame = {
    t: "notify" as const,
    cursor: 1,
    messageId: "m1",
    roomId: "r1",
    trigger: "dm",
    banner: { title: "Al", body: "yo" },
  };
  const b = notifyToBanner(frame, 10);
  assert.ok(b);
  assert.equal(tab(notLeader).show(b).outcome, "notification");
  assert.deepEqual(tab(soloLeader).show(b), { outcome: "skipped", reason: "duplicate" });
  assert.equal(api.shown.length, 1);
});

test("[DSK-4] with no body from the server, the banner shows core's plain first line (Markdown removed)", () => {
  const text = "**Deploy** is `done`, see [the log](https://example.com/log)\nsecond line";
  const b = notifyToBanner(
    {
      t: "notify",
      cursor: 8,
      messageId: "m10",
      roomId: "r1",
      trigger: "mention",
      banner: { senderName: "Alice", roomName: "general", roomKind: "channel", text },
    },
    20,
  );
  assert.ok(b);
  assert.equal(b.body, plainFirstLine(text, 200));
  assert.ok(!b.body.includes("**") && !b.body.includes("]("), b.body);
});
