// Real-browser check in Debian's Chromium: the SDK bundled by Vite draws the
// favicon badge and title (BDG-5, PRM-4) and shows one banner per device through
// the Notification API (stubbed) with real Web Locks and localStorage (DSK-3).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { build } from "vite";
import { type WebSocket, WebSocketServer } from "ws";

const CHROMIUM = "/usr/bin/chromium";
const SRC = fileURLToPath(new URL("../src/index.ts", import.meta.url));
let dir = "";
let server: Server | null = null;
let browser: Browser | null = null;
let origin = "";
let wss: WebSocketServer | null = null;
const sockets: { ws: WebSocket; frames: { t: string; [k: string]: unknown }[] }[] = [];

const PAGE = `<!doctype html><html><head><title>Herald</title>
<script>
  window.__banners = [];
  window.Notification = class {
    static permission = "granted";
    static requestPermission() { return Promise.resolve("granted"); }
    constructor(title, options) { window.__banners.push({ title, body: options.body, tag: options.tag }); }
    close() {}
  };
</script>
<script src="/sdk.js"></script></head><body></body></html>`;

before(async () => {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI === "true") throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
    return;
  }
  dir = await mkdtemp(join(tmpdir(), "herald-sdk-browser-"));
  const entry = join(dir, "entry.ts");
  await writeFile(
    entry,
    `import * as sdk from ${JSON.stringify(SRC)};\n(globalThis as any).HeraldSDK = sdk;\n`,
  );
  await build({
    configFile: false,
    logLevel: "warn",
    publicDir: false,
    build: {
      outDir: dir,
      emptyOutDir: false,
      minify: false,
      lib: { entry, formats: ["iife"], name: "X", fileName: () => "sdk.js" },
    },
  });
  const bundle = await readFile(join(dir, "sdk.js"), "utf8");
  server = createServer((req, res) => {
    const js = req.url === "/sdk.js";
    res.setHeader("content-type", `${js ? "text/javascript" : "text/html"}; charset=utf-8`);
    res.end(js ? bundle : PAGE);
  });
  wss = new WebSocketServer({ server, path: "/api/v1/realtime" });
  wss.on("connection", (ws) => {
    const entry = { ws, frames: [] as { t: string }[] };
    sockets.push(entry);
    ws.on("message", (data) => entry.frames.push(JSON.parse(String(data))));
  });
  await new Promise<void>((r) => server?.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
});

after(async () => {
  await browser?.close();
  wss?.close();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("[BDG-5] [PRM-4] favicon badge, title and signed-out mark in Chromium", async (t) => {
  if (!browser) return t.skip("no /usr/bin/chromium (install Debian's chromium)");
  const page = await browser.newPage();
  await page.goto(origin);
  const result = await page.evaluate(() => {
    const sdk = (globalThis as unknown as { HeraldSDK: typeof import("../src/index.ts") }).HeraldSDK;
    const display = new sdk.BadgeDisplay({ document, navigator }, "Herald");
    display.update({ total: 3, dot: true });
    const title = document.title;
    const href = document.querySelector<HTMLLinkElement>('link[rel~="icon"]')?.href ?? "";
    display.update({ signedOut: true });
    return { title, href, signedOut: document.title };
  });
  assert.equal(result.title, "(3) Herald");
  assert.equal(result.signedOut, "(!) Herald — signed out");
  assert.match(result.href, /^data:image\/png;base64,/);
  // The badge circle is drawn in the top-right corner, in red.
  const pixel = await page.evaluate(async (href) => {
    const img = new Image();
    img.src = href;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = 64;
    c.height = 64;
    const g = c.getContext("2d");
    g?.drawImage(img, 0, 0);
    return Array.from(g?.getImageData(56, 6, 1, 1).data ?? []);
  }, result.href);
  assert.deepEqual(pixel, [0xe0, 0x1e, 0x5a, 255]);
  await page.close();
});

test("[DSK-3] two tabs of one device: one banner, through Web Locks and shared localStorage", async (t) => {
  if (!browser) return t.skip("no /usr/bin/chromium (install Debian's chromium)");
  const context = await browser.newContext();
  const tabs = [await context.newPage(), await context.newPage()];
  for (const p of tabs) await p.goto(origin);
  const setup = () => {
    const sdk = (globalThis as unknown as { HeraldSDK: typeof import("../src/index.ts") }).HeraldSDK;
    const leader = new sdk.LockLeader(
      navigator.locks as unknown as import("../src/leader.ts").LockManagerLike,
    );
    const presenter = new sdk.BannerPresenter({
      notification: window.Notification as unknown as import("../src/banners.ts").NotificationCtorLike,
      leader,
      shown: new sdk.ShownBanners(localStorage, () => Date.now()),
      masterOn: () => true,
    });
    (globalThis as unknown as { show: () => string }).show = () =>
      presenter.show({
        id: "m1",
        title: "Alice in #general",
        body: "<b>hi</b>",
        tag: sdk.roomTag("r1"),
        stay: 10,
      }).outcome;
  };
  for (const p of tabs) await p.evaluate(setup);
  await tabs[0].waitForTimeout(100);
  const outcomes = [];
  for (const p of tabs)
    outcomes.push(await p.evaluate(() => (globalThis as unknown as { show: () => string }).show()));
  assert.deepEqual(outcomes.sort(), ["notification", "skipped"]);
  const banners = (
    await Promise.all(
      tabs.map((p) => p.evaluate(() => (window as unknown as { __banners: unknown[] }).__banners)),
    )
  ).flat();
  assert.deepEqual(banners, [{ title: "Alice in #general", body: "<b>hi</b>", tag: "room-r1" }]);
  await context.close();
});

test("[GEN-7] [BDG-5] createHerald in Chromium: hello, badge and banner from a live WebSocket, no second banner on resume", async (t) => {
  if (!browser) return t.skip("no /usr/bin/chromium (install Debian's chromium)");
  const page = await browser.newPage();
  await page.goto(origin);
  sockets.length = 0;
  await page.evaluate(() => {
    const sdk = (globalThis as unknown as { HeraldSDK: typeof import("../src/index.ts") }).HeraldSDK;
    const h = sdk.createHerald({ title: "Herald" });
    (globalThis as unknown as { herald: unknown }).herald = h;
    h.start({ user: { id: "u1", username: "a", displayName: "A", role: "member" }, csrfToken: "c" });
  });
  const waitFor = async (cond: () => boolean) => {
    for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(cond());
  };
  await waitFor(() => sockets[0]?.frames.length > 0);
  const hello = sockets[0].frames[0];
  assert.equal(hello.t, "hello");
  assert.equal(hello.deviceKind, "web");
  assert.equal(hello.permission, "granted");
  assert.equal(typeof hello.deviceId, "string");
  const notify = {
    t: "notify",
    cursor: 8,
    messageId: "m1",
    roomId: "r1",
    trigger: "mention",
    banner: { title: "Alice in #general", body: "hi <b>there</b>" },
    sound: { name: "chime", volume: 50 },
  };
  sockets[0].ws.send(
    JSON.stringify({ t: "ready", userId: "u1", userCursor: 7, badge: { total: 0, dot: false } }),
  );
  sockets[0].ws.send(
    JSON.stringify({
      t: "multi",
      events: [
        { t: "message", roomId: "r1", seq: 12, message: { id: "m1" } },
        notify,
        { t: "badge", cursor: 9, total: 4, dot: true, rooms: {} },
      ],
    }),
  );
  await page.waitForFunction(() => document.title === "(4) Herald");
  sockets[0].ws.close(1012);
  await waitFor(() => sockets.length === 2 && sockets[1].frames.length > 0);
  assert.deepEqual(sockets[1].frames[0].resume, { rooms: { r1: 12 }, userCursor: 9 });
  sockets[1].ws.send(
    JSON.stringify({ t: "ready", userId: "u1", userCursor: 7, badge: { total: 4, dot: true } }),
  );
  sockets[1].ws.send(JSON.stringify(notify));
  await page.waitForTimeout(200);
  const banners = await page.evaluate(() => (window as unknown as { __banners: unknown[] }).__banners);
  assert.deepEqual(banners, [{ title: "Alice in #general", body: "hi <b>there</b>", tag: "room-r1" }]);
  await page.evaluate(() => (globalThis as unknown as { herald: { stop(): void } }).herald.stop());
  await page.close();
});
