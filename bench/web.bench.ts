// npm run bench:web — the web app's first load in Chromium over loopback: how much JavaScript it fetches before
// the room list shows (as sent, brotli; and what the same files weigh gzipped), and how long from navigation
// start until the room list is on screen. A signed-in member with 30 rooms opens /chat; the browser cache is
// cold for each of the RUNS loads (a fresh profile each time). Results go to "## Web app" in docs/BENCHMARKS.md.
import { statSync } from "node:fs";
import { join } from "node:path";
import type { Request } from "playwright-core";
import { Client, makeUser } from "../packages/web/test/client.ts";
import { launchBrowser, openAs, startServer } from "../packages/web/test/harness.ts";
import { load, machine, utcMinute, writeSection } from "./lib/report.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ROOMS = 30;
const DIST = join(import.meta.dirname, "../packages/web/dist");
/** Targets of the chat-app issue: ≤ 150 KB of JavaScript gzipped on the first load, room list ≤ 1 s. */
const JS_BUDGET_GZIP = 150 * 1024;
const ROOM_LIST_BUDGET_MS = 1000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

type Shown = { __roomListShown?: number };

/**
 * Runs in the page before its scripts: notes (page clock) when the `rows`-th room row is in the document and
 * the frame that draws it has been painted, i.e. after that frame's animation callback, in the next task.
 */
function markRoomListShown(rows: number): void {
  const seen = new MutationObserver(() => {
    if (document.querySelectorAll('nav[aria-label="Rooms"] a.room-link').length < rows) return;
    seen.disconnect();
    requestAnimationFrame(() => {
      const next = new MessageChannel();
      next.port1.onmessage = () => {
        (window as unknown as Shown).__roomListShown = performance.now();
      };
      next.port2.postMessage(null);
    });
  });
  seen.observe(document, { childList: true, subtree: true });
}

const loadAtStart = load();
const server = await startServer();
const browser = await launchBrowser();
try {
  const admin = await Client.login(server.url, "admin", server.adminPassword);
  const member = await makeUser(admin, "reader");
  for (let i = 0; i < ROOMS; i++) {
    const room = (await admin.post("/rooms", { kind: "channel", name: `room-${i}` })) as {
      room?: { id: string };
    };
    const id = room.room?.id ?? (room as unknown as { id: string }).id;
    await admin.post(`/rooms/${id}/members`, { userIds: [member.user.id] });
    await admin.post(`/rooms/${id}/messages`, {
      text: `Welcome to **room ${i}** — see https://example.org/${i}`,
    });
  }
  const times: number[] = [];
  const shown: number[] = [];
  let scripts: { path: string; transferred: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const u = await openAs(browser, server, member);
    await u.context.addInitScript(markRoomListShown, ROOMS);
    const loaded: Request[] = [];
    u.page.on("requestfinished", (r) => {
      if (r.resourceType() === "script") loaded.push(r);
    });
    await u.page.goto("/chat");
    await u.page
      .locator('nav[aria-label="Rooms"] a.room-link')
      .nth(ROOMS - 1)
      .waitFor({ timeout: 15_000 });
    // Navigation start → the moment the test heard of the last row, from the page's own clock.
    const ms = await u.page.evaluate(() => performance.now());
    times.push(ms);
    shown.push(
      await u.page
        .waitForFunction(() => (window as unknown as Shown).__roomListShown ?? 0)
        .then((h) => h.jsonValue()),
    );
    scripts = await Promise.all(
      loaded.map(async (r) => ({
        path: new URL(r.url()).pathname,
        transferred: (await r.sizes()).responseBodySize,
      })),
    );
    await u.context.close();
  }
  const gzip = scripts.reduce((n, s) => n + sizeOf(join(DIST, `${s.path}.gz`)), 0);
  const brotli = scripts.reduce((n, s) => n + sizeOf(join(DIST, `${s.path}.br`)), 0);
  const raw = scripts.reduce((n, s) => n + sizeOf(join(DIST, s.path)), 0);
  const sent = scripts.reduce((n, s) => n + s.transferred, 0);
  const t = median(shown);
  const heard = median(times);
  const text = `## Web app

Command: \`npm run bench:web\` (bench/web.bench.ts) — ${utcMinute()}.
Machine: ${machine()}, headless Chromium (Debian's), loopback. Load average at start: ${loadAtStart}; at end: ${load()}.
A member with ${ROOMS} rooms opens \`/chat\` in a fresh browser profile (cold cache), ${RUNS} times. "Room list" is
navigation start until the frame showing the last room row has been painted, on the page's own clock (a
mutation observer, then the frame's animation callback and the task after it). "As the test heard it" is
read with the same clock once Playwright had seen the row and asked the page again: it adds that wait, in
which the page is busy with what starts after the list (the realtime connection, the inbox count, my
settings). The scripts are those fetched before that moment.

| first load | measured | target |
|---|---|---|
| JavaScript files fetched | ${scripts.length} (${kb(raw)} uncompressed) | |
| as sent (the server sends the build's brotli copies) | ${kb(sent)} | |
| the same files gzipped | **${kb(gzip)}** | ≤ ${kb(JS_BUDGET_GZIP)} ${gzip <= JS_BUDGET_GZIP ? "(met)" : "(**not met**)"} |
| the same files brotli | ${kb(brotli)} | |
| room list on screen, median of ${RUNS} | **${t.toFixed(0)} ms** (runs: ${shown.map((x) => x.toFixed(0)).join(", ")}) | ≤ ${ROOM_LIST_BUDGET_MS} ms ${t <= ROOM_LIST_BUDGET_MS ? "(met)" : "(**not met**)"} |
| the same, as the test heard it, median | ${heard.toFixed(0)} ms (runs: ${times.map((x) => x.toFixed(0)).join(", ")}) | |

Included: HTML, every script and stylesheet of the first screen, the session check, the room list request and
the realtime connection's start. A browser with a session cookie is told (a \`Link\` preload on the page) to
fetch the session and the room list while it loads the scripts; the app renders its first screen once it has
both, with each room's settings in the room list's answer. Left out: network latency (loopback), a warm
cache (a returning user fetches no script again: hashed assets are cached for a year).
`;
  console.log(text);
  writeSection("## Web app", text);
} finally {
  await browser.close();
  await server.stop();
}
