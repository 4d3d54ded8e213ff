// The server suites' store matrix. scripts/test.sh runs every server test file once with the other packages
// (SQLite, the default), then again with HERALD_TEST_STORE=postgres — all but the files below, which choose
// their stores themselves. Run as a script, this prints the files of the PostgreSQL pass, one a line; nothing
// (and a note) when PostgreSQL does not answer outside CI; it fails when CI=true and PostgreSQL does not answer.
import { existsSync, globSync } from "node:fs";
import { join, relative } from "node:path";
import pg from "pg";
import { PG_URL } from "../store/pg.ts";

/** Files that already run on PostgreSQL (both stores in one file, or PostgreSQL only): not run twice. */
export const OWN_STORES: Readonly<Record<string, string>> = {
  "store/contract.test.ts": "the store contract, on both stores in one file",
  "store/username-migration.test.ts": "migration 0007 from a pre-0007 schema, on both stores",
  "decisions/recorder.test.ts": "the decision recorder, on both stores",
  "gateway/store-contract.test.ts": "the SqlGatewayStore contract, on both stores",
  "gateway/fuzz.test.ts": "the BDG-6 fuzz, on memory, SQLite and PostgreSQL",
  "upkeep/retention.test.ts": "retention, on both stores",
  "security/unstorable-text.test.ts": "GEN-4 unstorable text, on both stores",
  "security/sqlite.test.ts": "the security suite on SQLite; security/postgres.test.ts runs it on PostgreSQL",
  "security/postgres.test.ts": "the security suite on PostgreSQL",
  "jobs/postgres.test.ts": "two workers claiming one outbox (FOR UPDATE SKIP LOCKED, PostgreSQL only)",
  "support/pickup-pg.test.ts": "concurrent pick-ups racing on PostgreSQL row locks",
  "release/release.test.ts": "the release folder, started on PostgreSQL and Redis",
  "native/devices.test.ts": "native push device registration, on both stores in one file",
  "cluster/processes.test.ts": "four Herald processes on a PostgreSQL database and a Redis of its own",
  "cluster/gateway-memory.test.ts": "a gateway process on a PostgreSQL database and a Redis of its own",
};

/** Files that cannot run on PostgreSQL, each saying why in its first lines too. */
export const SQLITE_ONLY: Readonly<Record<string, string>> = {
  "jobs/crash.test.ts": "kills and restarts a server child on copies of one seeded SQLite file",
  "http/cli.test.ts": "the CLI on a data folder, whose store is its SQLite file",
  "http/auth-cache.test.ts":
    "counts statements through a node:sqlite driver that records them (spy-store.ts)",
  "http/mention-reads.test.ts":
    "counts statements through a node:sqlite driver that records them (spy-store.ts)",
  "cluster/sqlite-worker.test.ts": "one worker per SQLite file: the lock is on the data folder's SQLite file",
};

const TEST_ROOT = join(import.meta.dirname, "..");

/** Server test files (paths from the repository root) that the PostgreSQL pass runs. */
export function postgresPass(): string[] {
  const skip = { ...OWN_STORES, ...SQLITE_ONLY };
  for (const f of Object.keys(skip))
    if (!existsSync(join(TEST_ROOT, f))) throw new Error(`test/helpers/matrix.ts lists ${f}, which is gone`);
  const repo = join(TEST_ROOT, "../../..");
  return globSync("**/*.test.ts", { cwd: TEST_ROOT })
    .filter((f) => !(f in skip))
    .sort()
    .map((f) => relative(repo, join(TEST_ROOT, f)));
}

async function pgAnswers(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

if (import.meta.main) {
  const down = await pgAnswers();
  if (down === null) console.log(postgresPass().join("\n"));
  else if (process.env.CI === "true") {
    console.error(`PostgreSQL is required in CI (${PG_URL}): ${down}`);
    process.exitCode = 1;
  } else
    console.error(
      `PostgreSQL does not answer at ${PG_URL} (${down}): its pass of the server suites is skipped`,
    );
}
