// PostgreSQL for tests: a fresh schema per run. In CI (CI=true) PostgreSQL is required; elsewhere the pg runs
// are skipped with a message when the server is unreachable.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let cached: Promise<boolean> | null = null;

/**
 * null when PostgreSQL answers, else why not. A few tries with a generous timeout: on a loaded 2-core machine
 * a first connection can take seconds, and a suite must not fail (in CI) for a slow start.
 */
export async function probePostgres(url = PG_URL): Promise<string | null> {
  let last = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.query("select 1");
      return null;
    } catch (err) {
      last = (err as Error).message;
    } finally {
      await client.end().catch(() => {});
    }
  }
  return last;
}

export function pgAvailable(): Promise<boolean> {
  cached ??= (async () => {
    const down = await probePostgres();
    if (down === null) return true;
    if (process.env.CI === "true") throw new Error(`PostgreSQL is required in CI: ${down}`);
    console.log(`# PostgreSQL unreachable at ${PG_URL}: pg runs skipped (${down})`);
    return false;
  })();
  return cached;
}

export function freshSchemaName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}
