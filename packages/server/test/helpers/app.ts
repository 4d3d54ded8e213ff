// Builds a Herald app for tests on either store: a temp SQLite file, or an empty PostgreSQL schema of this test
// process (pg-schemas.ts). The store comes from the caller, else from HERALD_TEST_STORE=postgres|sqlite (default
// sqlite): scripts/test.sh runs the server suites once on each (matrix.ts lists the files that choose their own).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp, createServices } from "../../src/app.ts";
import { ManualClock } from "../../src/clock.ts";
import type { Config } from "../../src/config.ts";
import { testConfig } from "../../src/config.ts";
import type { App } from "../../src/http/types.ts";
import type { Services } from "../../src/services.ts";
import type { Store } from "../../src/store/db.ts";
import { openStore } from "../../src/store/db.ts";
import { migrateToLatest } from "../../src/store/migrator.ts";
import { openPgTestStore } from "./pg-schemas.ts";

export type StoreKind = "sqlite" | "postgres";

/** The store the suites of this process run on (HERALD_TEST_STORE). */
export function testStoreKind(): StoreKind {
  const v = process.env.HERALD_TEST_STORE;
  if (v === undefined || v === "" || v === "sqlite") return "sqlite";
  if (v === "postgres") return "postgres";
  throw new Error(`HERALD_TEST_STORE must be sqlite or postgres, not ${v}`);
}

export interface TestStore {
  store: Store;
  /** Temp folder of this run (SQLite file, web dist placeholder); removed by dispose. */
  dir: string;
  dispose(): Promise<void>;
}

/** A migrated, empty store. */
export async function openTestStore(kind: StoreKind = testStoreKind()): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), "herald-test-"));
  const pg = kind === "postgres" ? await openPgTestStore() : null;
  const store = pg?.store ?? (await openStore({ sqlitePath: join(dir, "herald.db") }));
  if (!pg) await migrateToLatest(store.db);
  return {
    store,
    dir,
    async dispose() {
      if (pg) await pg.dispose();
      else await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestApp {
  app: App;
  services: Services;
  clock: ManualClock;
  store: StoreKind;
  close(): Promise<void>;
}

export async function buildTestApp(
  opts: {
    store?: StoreKind;
    config?: Partial<Config>;
    clock?: ManualClock;
    /** Runs on the built app before it is ready: the one moment app-wide hooks may still be added. */
    prepare?: (app: App) => void;
  } = {},
): Promise<TestApp> {
  const kind = opts.store ?? testStoreKind();
  const clock = opts.clock ?? new ManualClock();
  const ts = await openTestStore(kind);
  const config = testConfig({ dataDir: ts.dir, webDist: join(ts.dir, "no-web"), ...opts.config });
  const services = await createServices(config, { clock, store: ts.store, migrated: true });
  const app = await buildApp(services);
  opts.prepare?.(app);
  await app.ready();
  return {
    app,
    services,
    clock,
    store: kind,
    async close() {
      await app.close();
      await ts.dispose();
    },
  };
}
