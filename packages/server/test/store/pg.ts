// PostgreSQL for tests: a fresh schema per run. In CI (CI=true) PostgreSQL is required; elsewhere the pg runs
// are skipped with a message when the server is unreachable.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let cached: Promise<boolean> | null = null;

export function pgAvailable(): Promise<boolean> {
  cached ??= (async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("select 1");
      return true;
    } catch (err) {
      if (process.env.CI === "true")
        throw new Error(`PostgreSQL is required in CI: ${(err as Error).message}`);
      console.log(`# PostgreSQL unreachable at ${PG_URL}: pg runs skipped (${(err as Error).message})`);
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return cached;
}

export function freshSchemaName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}
