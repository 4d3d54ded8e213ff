// PostgreSQL is required when CI=true (a suite must fail, not skip); elsewhere a missing server skips with a note.
import { probePostgres } from "../store/pg.ts";

export const PG_URL = process.env.DATABASE_URL_TEST ?? "postgres://postgres@127.0.0.1:5432/test";

export async function pgSkipReason(): Promise<string | false> {
  const down = await probePostgres(PG_URL);
  if (down === null) return false;
  if (process.env.CI === "true") throw new Error(`PostgreSQL at ${PG_URL} is required when CI=true: ${down}`);
  return `PostgreSQL unreachable at ${PG_URL} (set CI=true to make this a failure)`;
}

export function uniqueSchema(name: string): string {
  return `t_${name}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
