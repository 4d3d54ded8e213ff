// PostgreSQL stores for tests: each test file (its own process under node --test) gets schemas of its own in the
// test database, so files run in parallel. Migrating a schema costs seconds on PostgreSQL, so a schema is
// migrated once per process and handed to the file's next store emptied (TRUNCATE), not dropped and rebuilt.
// The process drops its schemas when it ends; schemas left by a killed run are dropped by a later one.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { dropPgSchema, openStore, type Store } from "../../src/store/db.ts";
import { migrateToLatest } from "../../src/store/migrator.ts";
import { PG_URL, pgAvailable } from "../store/pg.ts";

const PREFIX = "ht_";
/** Older than this, a schema of this prefix belongs to a run that was killed before it could drop it. */
const STALE_SECONDS = 6 * 3600;

const free: string[] = [];
const mine = new Set<string>();
let admin: pg.Pool | null = null;
let swept = false;

function adminPool(): pg.Pool {
  admin ??= new pg.Pool({ connectionString: PG_URL, max: 2 });
  return admin;
}

/** A migrated, empty schema on the test database, and its store; dispose() empties it for the next caller. */
export async function openPgTestStore(): Promise<{ store: Store; schema: string; dispose(): Promise<void> }> {
  if (!(await pgAvailable()))
    throw new Error(`the tests were asked to run on PostgreSQL, which does not answer at ${PG_URL}`);
  if (!swept) {
    swept = true;
    await dropStale();
    process.on("beforeExit", dropMine);
  }
  let schema = free.pop();
  const fresh = schema === undefined;
  if (schema === undefined) {
    schema = `${PREFIX}${Math.floor(Date.now() / 1000)}_${process.pid}_${randomBytes(3).toString("hex")}`;
    mine.add(schema);
  }
  const store = await openStore({ databaseUrl: PG_URL, pgSchema: schema });
  if (fresh) await migrateToLatest(store.db);
  const name = schema;
  return {
    store,
    schema: name,
    async dispose() {
      await store.close();
      await empty(name);
      free.push(name);
    },
  };
}

/** Every table but the migrator's own, in one statement (CASCADE: the foreign keys between them). */
async function empty(schema: string): Promise<void> {
  const r = await adminPool().query<{ list: string | null }>(
    `select string_agg(format('%I.%I', schemaname, tablename), ', ') as list from pg_tables
     where schemaname = $1 and tablename not like 'kysely\\_%'`,
    [schema],
  );
  if (r.rows[0].list) await adminPool().query(`truncate ${r.rows[0].list} cascade`);
}

async function dropStale(): Promise<void> {
  const r = await adminPool().query<{ nspname: string }>(
    "select nspname from pg_namespace where nspname like $1",
    [`${PREFIX}%`],
  );
  const now = Date.now() / 1000;
  for (const { nspname } of r.rows) {
    const born = Number(nspname.slice(PREFIX.length).split("_")[0]);
    if (Number.isFinite(born) && now - born > STALE_SECONDS) await dropPgSchema(PG_URL, nspname);
  }
}

let dropping = false;
async function dropMine(): Promise<void> {
  // beforeExit fires again once this work drains; the schemas are dropped once.
  if (dropping) return;
  dropping = true;
  for (const s of mine) await dropPgSchema(PG_URL, s);
  await admin?.end();
}
