// The shared e2e fixture: one Herald server and one Chromium per test file, the first admin signed in, and
// every browser profile a test opens closed after the file. A file's own setup (users, rooms) goes in
// `app.setup(fn)`, never in a second top-level `before`: node:test starts top-level before hooks without
// waiting for the previous one, so a second hook would see the app not yet up.
import { after, before } from "node:test";
import type { Browser, Page } from "playwright-core";
import { Client } from "./client.ts";
import { connected, launchBrowser, openAs, type Server, startServer, type UserPage } from "./harness.ts";
import type { StubOptions } from "./stubs.ts";

type Viewport = { width: number; height: number };

export class E2EApp {
  server!: Server;
  browser!: Browser;
  admin!: Client;
  readonly #profiles: UserPage[] = [];
  readonly #setups: (() => Promise<unknown>)[] = [];
  readonly #env: Record<string, string>;

  constructor(env: Record<string, string> = {}) {
    this.#env = env;
  }

  /** Runs `fn` once the server, browser and admin are ready (in registration order). */
  setup(fn: () => Promise<unknown>): void {
    this.#setups.push(fn);
  }

  /** A new browser profile (= device), signed in as `who` (null: signed out); closed after the file. */
  async profile(
    who: Client | null,
    stub: StubOptions = { permission: "granted" },
    viewport?: Viewport,
  ): Promise<UserPage> {
    const u = await openAs(this.browser, this.server, who, stub, viewport);
    this.#profiles.push(u);
    return u;
  }

  /** A new profile at `path`; signed in, it waits until the realtime connection is ready. */
  async as(who: Client | null, path: string, viewport?: Viewport): Promise<Page> {
    const { page } = await this.profile(who, undefined, viewport);
    await page.goto(path);
    if (who) await connected(page);
    return page;
  }

  async start(): Promise<void> {
    this.server = await startServer(this.#env);
    this.browser = await launchBrowser();
    this.admin = await Client.login(this.server.url, "admin", this.server.adminPassword);
    for (const fn of this.#setups) await fn();
  }

  async stop(): Promise<void> {
    for (const u of this.#profiles) await u.context.close().catch(() => undefined);
    await this.browser?.close();
    await this.server?.stop();
  }
}

/** `env`: extra server settings for this file. */
export function appFixture(env: Record<string, string> = {}): E2EApp {
  const app = new E2EApp(env);
  before(() => app.start());
  after(() => app.stop());
  return app;
}
