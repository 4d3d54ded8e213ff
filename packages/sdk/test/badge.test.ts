import assert from "node:assert/strict";
import { test } from "node:test";
import { BadgeDisplay, badgeView, countText, drawFavicon } from "../src/badge.ts";
import { tick } from "./fakes.ts";

const base = { total: 0, dot: false, showBadge: true, signedOut: false };

test("[BDG-5] the numbered badge shows in the title, on the favicon and on the app badge", () => {
  const v = badgeView({ ...base, total: 3, dot: true }, "Herald");
  assert.equal(v.title, "(3) Herald");
  assert.deepEqual(v.mark, { kind: "count", text: "3" });
  assert.deepEqual(v.app, { kind: "count", n: 3 });
  assert.equal(badgeView({ ...base, total: 250 }, "Herald").title, "(99+) Herald");
  assert.equal(countText(100), "99+");
});

test("[SUP-3] support contacts waiting count in the title, favicon and app badge with the unread total", () => {
  const v = badgeView({ ...base, total: 2, waiting: 1 }, "Herald");
  assert.equal(v.title, "(3) Herald");
  assert.deepEqual(v.mark, { kind: "count", text: "3" });
  assert.equal(badgeView({ ...base, waiting: 2 }, "Herald").title, "(2) Herald");
  assert.equal(badgeView({ ...base, waiting: 2, showBadge: false }, "Herald").title, "Herald");
});

test("[BDG-3] no number but unread rooms: the dot", () => {
  const v = badgeView({ ...base, dot: true }, "Herald");
  assert.equal(v.title, "• Herald");
  assert.deepEqual(v.mark, { kind: "dot" });
  assert.deepEqual(v.app, { kind: "dot" });
  const none = badgeView(base, "Herald");
  assert.equal(none.title, "Herald");
  assert.equal(none.mark, null);
  assert.deepEqual(none.app, { kind: "clear" });
});

test("[PRF-15] badge off: no number, no dot, anywhere", () => {
  const v = badgeView({ ...base, total: 5, dot: true, showBadge: false }, "Herald");
  assert.equal(v.title, "Herald");
  assert.equal(v.mark, null);
  assert.deepEqual(v.app, { kind: "clear" });
});

test("[PRM-4] signed out: logged-out mark on favicon and title, even with the badge off", () => {
  const v = badgeView({ ...base, total: 5, signedOut: true, showBadge: false }, "Herald");
  assert.equal(v.title, "(!) Herald — signed out");
  assert.deepEqual(v.mark, { kind: "signed-out" });
  assert.deepEqual(v.app, { kind: "clear" });
});

function fakeDom() {
  const ops: string[] = [];
  const ctx = new Proxy(
    {},
    {
      get: (_t, prop) =>
        typeof prop === "string" && /^[a-z]/.test(prop)
          ? (...a: unknown[]) => ops.push(`${prop}(${a.join(",")})`)
          : undefined,
      set: () => true,
    },
  );
  let canvases = 0;
  const head = {
    children: [] as { rel: string; href: string; type: string }[],
    appendChild(c: { rel: string; href: string; type: string }) {
      head.children.push(c);
    },
  };
  const document = {
    title: "",
    head,
    querySelector: () => head.children[0] ?? null,
    createElement(tag: string) {
      if (tag === "canvas") {
        const n = ++canvases;
        return {
          width: 0,
          height: 0,
          getContext: () => ctx,
          toDataURL: () => `data:image/png;base64,CANVAS${n}`,
        };
      }
      return { rel: "", href: "", type: "" };
    },
  };
  const badges: string[] = [];
  const navigator = {
    setAppBadge: (n?: number) => {
      badges.push(n === undefined ? "dot" : String(n));
      return Promise.resolve();
    },
    clearAppBadge: () => {
      badges.push("clear");
      return Promise.resolve();
    },
  };
  return { document, navigator, badges, ops, head };
}

test("[BDG-5] BadgeDisplay writes title, favicon link and App Badging API; [PRF-15] off clears them", async () => {
  const dom = fakeDom();
  const display = new BadgeDisplay(
    { document: dom.document as unknown as Document, navigator: dom.navigator },
    "Herald",
  );
  display.update({ total: 2, dot: true });
  assert.equal(dom.document.title, "(2) Herald");
  assert.match(dom.head.children[0].href, /^data:image\/png;base64,CANVAS/);
  assert.equal(dom.head.children[0].rel, "icon");
  assert.ok(
    dom.ops.some((o) => o.startsWith("fillText(2,")),
    "the count is drawn on the favicon",
  );
  display.update({ total: 0 });
  assert.equal(dom.document.title, "• Herald");
  display.update({ showBadge: false });
  assert.equal(dom.document.title, "Herald");
  display.update({ signedOut: true });
  assert.equal(dom.document.title, "(!) Herald — signed out");
  assert.ok(dom.ops.some((o) => o.startsWith("fillText(!,")));
  await tick();
  assert.deepEqual(dom.badges, ["2", "dot", "clear"]);
});

test("[BDG-5] favicon drawing: count badge uses a wider circle for 99+", () => {
  const ops: string[] = [];
  const g = new Proxy(
    {},
    {
      get: (_t, p) =>
        typeof p === "string" ? (...a: unknown[]) => ops.push(`${p}(${a.join(",")})`) : undefined,
      set: () => true,
    },
  );
  const canvas = {
    width: 0,
    height: 0,
    getContext: () => g as CanvasRenderingContext2D,
    toDataURL: () => "data:x",
  };
  assert.equal(drawFavicon(canvas, null, { kind: "count", text: "99+" }), "data:x");
  assert.ok(ops.includes(`arc(40,24,24,0,${Math.PI * 2})`));
  assert.equal(canvas.width, 64);
});

test("[BDG-5] nothing to show: the page's own icon is left alone, and loaded under a mark only once one shows", () => {
  const dom = fakeDom();
  const icon = { rel: "icon", href: "https://app.test/favicon.svg", type: "image/svg+xml" };
  dom.head.appendChild(icon);
  const loaded: string[] = [];
  const saved = (globalThis as { Image?: unknown }).Image;
  (globalThis as { Image?: unknown }).Image = class {
    onload: (() => void) | null = null;
    set src(v: string) {
      loaded.push(v);
    }
  };
  try {
    const display = new BadgeDisplay(
      { document: dom.document as unknown as Document, navigator: dom.navigator },
      "Herald",
    );
    display.update({ total: 0, dot: false });
    assert.deepEqual(loaded, [], "no image loaded while there is no mark");
    assert.deepEqual(icon, { rel: "icon", href: "https://app.test/favicon.svg", type: "image/svg+xml" });
    display.update({ total: 4 });
    assert.match(icon.href, /^data:image\/png;base64,CANVAS/);
    assert.deepEqual(loaded, ["https://app.test/favicon.svg"], "the base icon, loaded once a mark shows");
    display.update({ total: 0 });
    assert.deepEqual(icon, { rel: "icon", href: "https://app.test/favicon.svg", type: "image/svg+xml" });
    display.update({ total: 2 });
    assert.equal(loaded.length, 1, "loaded once");
  } finally {
    (globalThis as { Image?: unknown }).Image = saved;
  }
});
