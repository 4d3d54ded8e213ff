// Builds a Herald app for tests on either store: a temp SQLite file, or a fresh PostgreSQL schema (dropped on
// close). The store comes from the caller, else from HERALD_TEST_STORE=postgres|sqlite (default sqlite), so one
// suite file can run on both: test/http/postgres.test.ts re-runs the main HTTP suites with it set.
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
import { dropPgSchema, openStore } from "../../src/store/db.ts";
import { freshSchemaName, PG_URL } from "../store/pg.ts";

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

export async function openTestStore(kind: StoreKind = testStoreKind()): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), "herald-test-"));
  const schema = kind === "postgres" ? freshSchemaName("http") : null;
  const store = schema
    ? await openStore({ databaseUrl: PG_URL, pgSchema: schema })
    : await openStore({ sqlitePath: join(dir, "herald.db") });
  return {
    store,
    dir,
    async dispose() {
      await store.close();
      if (schema) await dropPgSchema(PG_URL, schema);
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
  opts: { store?: StoreKind; config?: Partial<Config>; clock?: ManualClock } = {},
): Promise<TestApp> {
  const kind = opts.store ?? testStoreKind();
  const clock = opts.clock ?? new ManualClock();
  const ts = await openTestStore(kind);
  const config = testConfig({ dataDir: ts.dir, webDist: join(ts.dir, "no-web"), ...opts.config });
  const services = await createServices(config, { clock, store: ts.store });
  const app = await buildApp(services);
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
