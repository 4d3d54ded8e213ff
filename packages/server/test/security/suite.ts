// The permanent security suite, for one store: every route of the OpenAPI document × nine identities against
// the access table (access.ts), then bad input on every route. One server per store; requests go in parallel
// batches. Asserted: a route missing from the table fails; a denied identity gets 401/403/404 and no row
// changes; an allowed one is never denied; nobody outside a private room or a conversation ever receives its
// text; bad input is a 4xx (never a 5xx) and a rejected write leaves every table's row count as it was.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { type Harness, harness } from "../http/harness.ts";
import { pgAvailable } from "../store/pg.ts";
import { ACCESS, type Row } from "./access.ts";
import {
  buildWorld,
  CONVERSATION_READERS,
  CONVERSATION_SECRET,
  headersOf,
  ROOM_READERS,
  ROOM_SECRET,
  type Subject,
  WHO,
  type Who,
  type World,
} from "./world.ts";

const DENIED = new Set([401, 403, 404]);
const BATCH = 12;

export interface Route {
  method: string;
  /** OpenAPI path without the /api/v1 prefix, e.g. /rooms/{id}. */
  path: string;
  key: string;
  /** Whether the route declares a JSON body. */
  hasBody: boolean;
}

export async function routesOf(h: Harness): Promise<Route[]> {
  const doc = (await h.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json() as {
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
  };
  const out: Route[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    const path = p.replace(/^\/api\/v1/, "");
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase();
      out.push({ method, path, key: `${method} ${path}`, hasBody: op.requestBody !== undefined });
    }
  }
  return out;
}

export function urlOf(r: Route, row: Row, w: World, s: Subject, id = s.id): string {
  const path = r.path.replace("{id}", id).replace("{rootId}", id).replace("{userId}", s.userId);
  const q = row.query?.(w, s);
  return `/api/v1${path}${q ? `?${q}` : ""}`;
}

function send(
  w: World,
  r: Route,
  url: string,
  headers: Record<string, string>,
  payload: unknown,
): Promise<LightMyRequestResponse> {
  return w.h.app.inject({
    method: r.method as "GET",
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function inBatches<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await Promise.all(items.slice(i, i + BATCH).map(run));
}

const tableLists = new WeakMap<Harness, Promise<string[]>>();

/** This store's own tables (on PostgreSQL, of this run's schema only: other runs share the database). */
function tablesOf(h: Harness, pg: boolean): Promise<string[]> {
  let list = tableLists.get(h);
  if (!list) {
    const { db } = h.services.store;
    list = (
      pg
        ? sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
        : sql<{ name: string }>`select name from sqlite_master where type = 'table'
            and name not like 'sqlite_%'`.execute(db)
    ).then((r) => r.rows.map((t) => t.name).filter((n) => !n.startsWith("kysely_")));
    tableLists.set(h, list);
  }
  return list;
}

/** Row counts of every table, in one round trip: a rejected request must leave all of them as they were. */
async function rowCounts(h: Harness, pg: boolean): Promise<Record<string, number>> {
  // Decisions of earlier posts are buffered and written a moment later: write them first, so what is counted
  // is the effect of the requests in between.
  await h.services.decisions.flush();
  const { db } = h.services.store;
  const tables = await tablesOf(h, pg);
  const counts = sql.join(tables.map((t) => sql`(select count(*) from ${sql.table(t)}) as ${sql.id(t)}`));
  const { rows } = await sql<Record<string, number | string>>`select ${counts}`.execute(db);
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}

function leakCheck(who: Who, cell: string, res: LightMyRequestResponse): void {
  if (res.statusCode >= 300) return;
  if (!ROOM_READERS.includes(who))
    assert.ok(!res.body.includes(ROOM_SECRET), `${cell}: private room text reached ${who}`);
  if (!CONVERSATION_READERS.includes(who))
    assert.ok(!res.body.includes(CONVERSATION_SECRET), `${cell}: conversation text reached ${who}`);
}

/** Bad values for one JSON value, by kind: what an attacker sends instead of the valid one. */
function badStrings(): [string, unknown, "reject" | "any"][] {
  return [
    ["NUL", "a\u0000b", "reject"],
    ["lone surrogate", "a\ud800b", "reject"],
    ["20 KiB text", "x".repeat(20 * 1024), "any"],
    ["RTL override", "\u202eevil\u202c ‏שלום", "any"],
    ["number instead of text", 12345, "reject"],
  ];
}

function mutations(valid: unknown): [string, unknown, "reject" | "any"][] {
  const out: [string, unknown, "reject" | "any"][] = [];
  const base =
    valid && typeof valid === "object" && !Array.isArray(valid) ? (valid as Record<string, unknown>) : {};
  out.push(["unknown field", { ...base, zzUnknown: 1 }, "reject"]);
  out.push(["array body", [base], "reject"]);
  for (const [k, v] of Object.entries(base)) {
    if (typeof v === "string")
      for (const [name, bad, want] of badStrings()) out.push([`${k}: ${name}`, { ...base, [k]: bad }, want]);
    if (typeof v === "number")
      for (const bad of [1e308, 2 ** 64, -1, 1.5]) out.push([`${k}: ${bad}`, { ...base, [k]: bad }, "any"]);
    if (Array.isArray(v)) {
      out.push([`${k}: 10,000 items`, { ...base, [k]: Array.from({ length: 10_000 }, () => "x") }, "reject"]);
      out.push([`${k}: NUL item`, { ...base, [k]: ["a\u0000"] }, "reject"]);
    }
    out.push([`${k}: object instead`, { ...base, [k]: { nested: { deeper: [1, 2] } } }, "reject"]);
  }
  return out;
}

export function securitySuite(store: "sqlite" | "postgres"): void {
  const pg = store === "postgres";
  describe(`[GEN-4] [GEN-5] security suite on ${store}`, () => {
    let h: Harness | null = null;
    let w: World;
    let routes: Route[];
    before(async () => {
      if (store === "postgres" && !(await pgAvailable())) return;
      // Native push devices register only where a platform is usable: a push proxy (never contacted here).
      h = await harness({
        pg: store === "postgres",
        config: { pushProxyUrl: "https://push-proxy.example.test" },
      });
      w = await buildWorld(h);
      routes = await routesOf(h);
    });
    after(() => h?.close());

    test(`[GEN-5] every route of the OpenAPI document has a row in the access table (${store})`, (t) => {
      if (!h) return t.diagnostic("PostgreSQL unreachable: skipped outside CI");
      const missing = routes.filter((r) => !ACCESS[r.key]).map((r) => r.key);
      assert.deepEqual(missing, [], "write who may call these routes in test/security/access.ts");
      const known = new Set(routes.map((r) => r.key));
      const stale = Object.keys(ACCESS).filter((k) => !known.has(k));
      assert.deepEqual(stale, [], "these rows name routes that no longer exist");
      assert.ok(routes.length >= 80, `the document lists ${routes.length} routes`);
    });

    test(`[GEN-5] every route × nine identities: denied cells get 401/403/404 and change nothing, allowed cells are served, nothing leaks (${store})`, async (t) => {
      if (!h) return t.diagnostic("PostgreSQL unreachable: skipped outside CI");
      const world = w;
      const rows = routes.filter((r) => ACCESS[r.key]);
      // Denied cells: one subject per route, made before counting, then every denied request in parallel.
      const denied: { r: Route; row: Row; s: Subject; who: Who }[] = [];
      await inBatches(rows, async (r) => {
        const row = ACCESS[r.key];
        const s = await world.subject(row.subject);
        for (const who of WHO) if (!row.allow.includes(who)) denied.push({ r, row, s, who });
      });
      const before = await rowCounts(h, pg);
      const failures: string[] = [];
      await inBatches(denied, async ({ r, row, s, who }) => {
        const res = await send(
          world,
          r,
          urlOf(r, row, world, s),
          headersOf(world, who, s),
          row.body?.(world, s, who),
        );
        const cell = `${r.key} as ${who}`;
        if (row.upgrade) {
          if (res.statusCode < 300 || res.statusCode >= 500) failures.push(`${cell}: ${res.statusCode}`);
          return;
        }
        if (!DENIED.has(res.statusCode))
          failures.push(`${cell}: expected 401/403/404, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        leakCheck(who, cell, res);
      });
      assert.deepEqual(failures, [], "denied cells");
      assert.deepEqual(await rowCounts(h, pg), before, "a denied request changed a table");

      // Allowed cells: a fresh subject per identity, so one identity's change does not decide the next's answer.
      const allowed: { r: Route; row: Row; who: Who }[] = [];
      for (const r of rows)
        for (const who of ACCESS[r.key].allow) allowed.push({ r, row: ACCESS[r.key], who });
      const servedFailures: string[] = [];
      const run = async ({ r, row, who }: { r: Route; row: Row; who: Who }) => {
        const s = await world.subject(row.subject);
        const res = await send(
          world,
          r,
          urlOf(r, row, world, s),
          headersOf(world, who, s),
          row.body?.(world, s, who),
        );
        const cell = `${r.key} as ${who}`;
        if (row.resign) await world.resign(who);
        if (res.statusCode >= 500)
          servedFailures.push(`${cell}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (!row.upgrade && DENIED.has(res.statusCode))
          servedFailures.push(
            `${cell}: allowed by the table but got ${res.statusCode} ${res.body.slice(0, 200)}`,
          );
        leakCheck(who, cell, res);
      };
      // Routes that end or change a session run one at a time, after the others (they would sign out a
      // request running beside them).
      await inBatches(
        allowed.filter((a) => !a.row.resign),
        run,
      );
      for (const a of allowed.filter((x) => x.row.resign)) await run(a);
      assert.deepEqual(servedFailures, [], "allowed cells");
      t.diagnostic(`${denied.length} denied cells, ${allowed.length} allowed cells`);
    });

    test(`[GEN-4] bad input on every route: never a 5xx, rejected writes leave no row behind (${store})`, async (t) => {
      if (!h) return t.diagnostic("PostgreSQL unreachable: skipped outside CI");
      const world = w;
      const harness = h;
      const failures: string[] = [];
      const rows = routes.filter((r) => ACCESS[r.key] && !ACCESS[r.key].resign && !ACCESS[r.key].upgrade);
      type Case = {
        r: Route;
        row: Row;
        s: Subject;
        who: Who;
        name: string;
        url: string;
        payload: unknown;
        raw?: string;
        want: "reject" | "any";
      };
      const cases: Case[] = [];
      await inBatches(rows, async (r) => {
        const row = ACCESS[r.key];
        const who = row.allow.includes("admin") ? "admin" : row.allow[0];
        const s = await world.subject(row.subject);
        const url = urlOf(r, row, world, s);
        // A fresh valid body per request (unique names and tokens), so requests differ only in what is bad.
        const fresh = () => row.body?.(world, s, who);
        const valid = fresh();
        const add = (name: string, u: string, payload: unknown, want: "reject" | "any", raw?: string) =>
          cases.push({ r, row, s, who, name, url: u, payload, want, ...(raw === undefined ? {} : { raw }) });
        add("malformed JSON", url, undefined, "reject", '{"text": "unterminated');
        add("1 MiB body", url, { blob: "x".repeat(1024 * 1024 + 10) }, "reject");
        for (const [name, payload, want] of mutations(valid)) add(name, url, payload, want);
        if (r.path.includes("{")) {
          for (const [name, id] of [
            ["../ id", "..%2F..%2Fadmin%2Fsettings"],
            ["dot-dot id", ".."],
            ["10 KiB id", "a".repeat(10 * 1024)],
            ["NUL id", "a%00b"],
            ["lone surrogate id", "%ED%A0%80"],
            ["RTL id", encodeURIComponent("\u202e1234")],
            ["huge number id", "9".repeat(400)],
          ] as const)
            add(name, urlOf(r, row, world, s, id), fresh(), "any");
        }
        for (const [name, q] of [
          ["query NUL", "limit=%00&q=%00"],
          ["query huge number", "limit=1e400&before=99999999999999999999999"],
          ["query array", "limit=1&limit=2"],
          ["query long", `q=${"z".repeat(8000)}`],
        ] as const)
          add(name, `${url}${url.includes("?") ? "&" : "?"}${q}`, fresh(), "any");
      });
      // Each batch is counted before and after: where every request of a batch was refused, no table changed.
      for (let i = 0; i < cases.length; i += BATCH) {
        const batch = cases.slice(i, i + BATCH);
        const before = await rowCounts(harness, pg);
        const results = await Promise.all(
          batch.map(async (c) => {
            const headers = {
              ...headersOf(world, c.who, c.s),
              ...(c.raw !== undefined ? { "content-type": "application/json" } : {}),
            };
            const res = await world.h.app.inject({
              method: c.r.method as "POST",
              url: c.url,
              headers,
              ...(c.raw !== undefined
                ? { payload: c.raw }
                : c.payload === undefined
                  ? {}
                  : { payload: c.payload as object }),
            });
            return { c, res };
          }),
        );
        let allRefused = true;
        for (const { c, res } of results) {
          const cell = `${c.r.key} as ${c.who}, ${c.name}`;
          if (res.statusCode >= 500) failures.push(`${cell}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (res.statusCode < 400) allRefused = false;
          if (c.want === "reject" && res.statusCode < 400 && c.r.hasBody)
            failures.push(`${cell}: accepted (${res.statusCode}) what must be refused`);
          leakCheck(c.who, cell, res);
        }
        if (allRefused)
          assert.deepEqual(
            await rowCounts(harness, pg),
            before,
            `a refused request wrote rows (batch at ${batch[0].r.key})`,
          );
      }
      assert.deepEqual(failures, [], `bad input (${cases.length} requests)`);
      t.diagnostic(`${cases.length} bad-input requests`);
    });
  });
}
