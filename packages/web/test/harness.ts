// E2E harness: a real Herald server as a child process (temp data dir, free port) and Debian's Chromium
// driven by playwright-core, with a Notification stub and a Web Audio hook installed in every page.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { installStubs, type StubOptions } from "./stubs.ts";

const ROOT = resolve(import.meta.dirname, "../../..");
export const RESULTS = join(ROOT, "test-results");

/** How long one step (a page load, a frame, a banner) may take on a loaded 2-core CI machine running two
 *  files at once: far above what it takes there, so a failure means it never happens. */
export const STEP_MS = 60_000;
/** The server's start (TypeScript stripped, stores opened) on that machine, below the 300 s hook timeout. */
const SERVER_START_MS = 240_000;

export interface Server {
  url: string;
  adminPassword: string;
  stop(): Promise<void>;
}

/** `env` adds settings for one file's server (e.g. native push credentials). */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), "herald-web-e2e-"));
  const adminPassword = `admin-${Math.random().toString(36).slice(2)}-pw`;
  const child = spawn(process.execPath, [join(ROOT, "packages/server/src/main.ts"), "serve"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      HERALD_DATA_DIR: dataDir,
      HERALD_ADMIN_PASSWORD: adminPassword,
      HERALD_WEB_DIST: join(ROOT, "packages/web/dist"),
      HERALD_LOG_LEVEL: "warn",
      // The local RFC 8030 push peer listens on loopback, which push endpoints may not be by default.
      HERALD_PUSH_ALLOW_HOSTS: "127.0.0.1",
      // Tests sign in many times from one address.
      HERALD_RATE_LOGIN_PER_MIN: "1000",
      HERALD_RATE_POST_PER_MIN: "10000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await waitForUrl(child);
  // A server that dies mid-test explains itself: print its last words.
  let errTail = "";
  child.stderr?.on("data", (d: Buffer) => {
    errTail = (errTail + d.toString()).slice(-4000);
  });
  let stopping = false;
  child.once("exit", (code, signal) => {
    if (!stopping) console.error(`herald server exited (${code ?? signal}):\n${errTail}`);
  });
  return {
    url,
    adminPassword,
    async stop() {
      stopping = true;
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((ok, fail) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      // A server left running would keep the test file's process alive after its tests failed.
      child.kill("SIGKILL");
      fail(new Error(`server did not start in ${SERVER_START_MS / 1000} s\n${out}\n${err}`));
    }, SERVER_START_MS);
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+?)\s/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1].replace(/\/$/, "").replace("localhost", "127.0.0.1"));
      }
    });
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}\n${out}\n${err}`));
    });
  });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      // Sounds must start without a click so the Web Audio hook sees them.
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export interface UserPage {
  context: BrowserContext;
  page: Page;
}

/** A new browser profile (= device) with the stubs installed, signed in through the API cookie. */
export async function openAs(
  browser: Browser,
  server: Server,
  session: { cookie: string } | null,
  stub: StubOptions = {},
  viewport = DESKTOP,
): Promise<UserPage> {
  const context = await browser.newContext({ viewport, baseURL: server.url });
  context.setDefaultTimeout(STEP_MS);
  context.setDefaultNavigationTimeout(STEP_MS);
  await context.addInitScript(installStubs, stub);
  if (session) {
    const cookies = session.cookie.split("; ").map((kv) => {
      const i = kv.indexOf("=");
      return { name: kv.slice(0, i), value: kv.slice(i + 1), url: server.url };
    });
    await context.addCookies(cookies);
  }
  const page = await context.newPage();
  return { context, page };
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `${name}.png`) });
}

/** Records of the Notification stub and Web Audio hook (see stubs.ts). */
export interface Recorded {
  banners: { title: string; body: string; tag?: string }[];
  sounds: { at: number; loop: boolean; kind: string }[];
  asked: number;
}

export function recorded(page: Page): Promise<Recorded> {
  return page.evaluate(() => (window as unknown as { __herald: Recorded }).__herald);
}

/** Makes the page report it lost (or regained) focus, as when the user switches windows. */
export async function setFocus(page: Page, focused: boolean): Promise<void> {
  await page.evaluate((f) => (window as unknown as { __setFocus(f: boolean): void }).__setFocus(f), focused);
  await syncGateway(page);
}

/** Waits until the page's realtime connection is ready (its hello answered). */
export async function connected(page: Page): Promise<void> {
  await page.locator('output[data-connected="true"]').waitFor({ state: "attached" });
}

/** Waits until the gateway has read every frame the page sent so far (its focus and the room in view). */
export async function syncGateway(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __syncGateway(): Promise<void> }).__syncGateway());
}

/** Sound starts within 150 ms of each other are one sound (a tone is a few oscillator notes). */
export function soundCount(r: Recorded, since = 0): number {
  const starts = r.sounds.filter((s) => s.at >= since).map((s) => s.at);
  let n = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const t of starts) {
    if (t - last > 150) n++;
    last = t;
  }
  return n;
}

export async function until<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  ms = STEP_MS,
): Promise<T> {
  const end = performance.now() + ms;
  let last: unknown;
  while (performance.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for: ${what}${last ? ` (last error: ${String(last)})` : ""}`);
}

/** Nothing should happen: wait a fixed settle time (used only to assert absence). */
export function settle(ms = 1500): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Holds the answer of the next `method` request to `url` (a Playwright glob), as on a loaded machine where the
 * server has handled a send and the page has not heard back yet. `atServer` resolves once the server answered;
 * `release()` lets the page have that answer.
 */
export async function holdAnswer(
  page: Page,
  url: string,
  method = "POST",
): Promise<{ atServer: Promise<void>; release: () => void }> {
  let release!: () => void;
  const held = new Promise<void>((r) => {
    release = r;
  });
  let reached!: () => void;
  const atServer = new Promise<void>((r) => {
    reached = r;
  });
  await page.route(
    url,
    async (route) => {
      if (route.request().method() !== method) return route.fallback();
      const res = await route.fetch();
      reached();
      await held;
      await route.fulfill({ response: res });
    },
    { times: 1 },
  );
  return { atServer, release };
}

/**
 * Resolves a moment after the page's next GET of a path matching `path` has been answered: a send's answer
 * makes the page read the thread again, and nothing on screen says when the send has finished.
 */
export async function settledAfterRead(page: Page, path: RegExp): Promise<void> {
  const req = await page.waitForRequest((r) => r.method() === "GET" && path.test(new URL(r.url()).pathname));
  await (await req.response())?.finished();
  await page.evaluate(() => new Promise((ok) => setTimeout(() => requestAnimationFrame(ok), 100)));
}

/** How many POSTs to `path` (a URL's path, exactly) the page has made from now on: what left the browser,
 *  whether or not the server took it. */
export function postsTo(page: Page, path: string): () => number {
  let n = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === path) n++;
  });
  return () => n;
}

/** Types `text` into the focused box through an input method, as Japanese is typed: `reading` is composed, Enter
 *  is pressed to take the IME's candidate (a keydown the page sees with isComposing set) and `text` is committed.
 *  Only the keydown is sent, as an IME swallows the key: no line break comes from it. */
export async function imeType(page: Page, reading: string, text: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.imeSetComposition", {
    text: reading,
    selectionStart: reading.length,
    selectionEnd: reading.length,
  });
  const enter = { key: "Enter", code: "Enter", windowsVirtualKeyCode: 13 };
  await cdp.send("Input.dispatchKeyEvent", { type: "rawKeyDown", ...enter });
  await cdp.send("Input.dispatchKeyEvent", { type: "keyUp", ...enter });
  await cdp.send("Input.insertText", { text });
  await cdp.detach();
}

/** The Enter keydown Safari sends as it ends a composition: isComposing already false, keyCode 229. */
export async function imeEndingEnter(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const enter = { key: "Enter", code: "Enter", windowsVirtualKeyCode: 229 };
  await cdp.send("Input.dispatchKeyEvent", { type: "rawKeyDown", ...enter });
  await cdp.send("Input.dispatchKeyEvent", { type: "keyUp", ...enter });
  await cdp.detach();
}
