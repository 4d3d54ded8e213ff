// Search benchmark: what the full-text index (migration 0015) costs the post path, and how long a search takes.
// Per store (SQLite, PostgreSQL): two apps side by side, both migrated to the latest, one with migration 0015
// taken back (no index), the other with the index the database keeps on every post; messages are POSTed through the real
// route (in-process inject, so no socket noise) in alternating rounds, and the ratio of the two times is the
// cost — a ratio taken in the same run, since absolute times on a shared machine move with the load. Then, with
// BENCH_SEARCH_MESSAGES messages of 12 words from a 2,000-word vocabulary in the indexed database, the latency
// of GET /search for a common word, a rare word, two words and a prefix (median and p95 of 40 each).
// Run: npm run bench:search   (BENCH_POSTS per app per round, BENCH_ROUNDS, BENCH_SEARCH_MESSAGES,
// BENCH_STORES=sqlite,postgres)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp, createServices } from "../packages/server/src/app.ts";
import { testConfig } from "../packages/server/src/config.ts";
import type { App } from "../packages/server/src/http/types.ts";
import { insertToken, insertUser } from "../packages/server/src/store/accounts.ts";
import type { Store } from "../packages/server/src/store/db.ts";
import { dropPgSchema, openStore } from "../packages/server/src/store/db.ts";
import { down as dropSearchIndex } from "../packages/server/src/store/migrations/0015_message_search.ts";
import { migrateToLatest } from "../packages/server/src/store/migrator.ts";
import { createRoom } from "../packages/server/src/store/rooms.ts";
import { load, machine, utcMinute, writeSection } from "./lib/report.ts";

const POSTS = Number(process.env.BENCH_POSTS ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SEARCH_MESSAGES = Number(process.env.BENCH_SEARCH_MESSAGES ?? 20_000);
const STORES = (process.env.BENCH_STORES ?? "sqlite,postgres").split(",");
const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

// A fixed vocabulary and a seeded generator: every run writes the same texts.
let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const VOCAB = Array.from({ length: 2000 }, (_, i) => `w${i.toString(36)}x${"abcdefgh"[i % 8]}`);
/** Zipf-like: low indexes are common words, high ones rare. */
const word = () => VOCAB[Math.floor(VOCAB.length * rand() ** 3)];
const text = () => Array.from({ length: 12 }, word).join(" ");

interface Side {
  store: Store;
  app: App;
  headers: Record<string, string>;
  roomId: string;
  close(): Promise<void>;
}

async function side(kind: string, indexed: boolean): Promise<Side> {
  const dir = mkdtempSync(join(tmpdir(), "herald-bench-search-"));
  const schema = `bench_search_${process.pid}_${indexed ? "on" : "off"}`;
  const store =
    kind === "postgres"
      ? await openStore({ databaseUrl: PG_URL, pgSchema: schema })
      : await openStore({ sqlitePath: join(dir, "herald.db") });
  await migrateToLatest(store.db);
  // The same schema without the search index: migration 0015 taken back.
  if (!indexed) await dropSearchIndex(store.db);
  const services = await createServices(
    testConfig({ dataDir: dir, webDist: join(dir, "none"), logLevel: "warn" }),
    {
      store,
      migrated: true,
    },
  );
  const now = Date.now();
  const a = await insertUser(store.db, { username: "alice", passwordHash: "x", role: "member" }, now);
  const b = await insertUser(store.db, { username: "bob", passwordHash: "x", role: "member" }, now);
  const room = await store.db
    .transaction()
    .execute((trx) =>
      createRoom(trx, { kind: "channel", name: "bench", createdBy: a.id }, [a.id, b.id], now),
    );
  const token = (await insertToken(store.db, a.id, "bench", ["read", "write"], now)).token;
  const app = await buildApp(services);
  return {
    store,
    app,
    headers: { authorization: `Bearer ${token}` },
    roomId: room.id,
    async close() {
      await app.close();
      await store.close();
      if (kind === "postgres") await dropPgSchema(PG_URL, schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function post(s: Side, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const r = await s.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${s.roomId}/messages`,
      headers: s.headers,
      payload: { text: text() },
    });
    if (r.statusCode !== 201) throw new Error(`post → ${r.statusCode} ${r.body}`);
  }
  return performance.now() - t0;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function searchTimes(s: Side, q: string): Promise<{ p50: number; p95: number; found: number }> {
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    const r = await s.app.inject({
      method: "GET",
      url: `/api/v1/search?q=${encodeURIComponent(q)}`,
      headers: s.headers,
    });
    times.push(performance.now() - t0);
    if (r.statusCode !== 200) throw new Error(`search → ${r.statusCode} ${r.body}`);
    found = r.json().messages.length;
  }
  return { p50: pct(times, 0.5), p95: pct(times, 0.95), found };
}

async function run(kind: string): Promise<string[]> {
  const plain = await side(kind, false);
  const indexed = await side(kind, true);
  try {
    await post(plain, 50);
    await post(indexed, 50);
    let tPlain = 0;
    let tIndexed = 0;
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which goes first, so a load swing hits both alike.
      if (r % 2 === 0) {
        tPlain += await post(plain, POSTS);
        tIndexed += await post(indexed, POSTS);
      } else {
        tIndexed += await post(indexed, POSTS);
        tPlain += await post(plain, POSTS);
      }
    }
    const n = POSTS * ROUNDS;
    const lines = [
      `| ${kind} | post, no index | ${((tPlain / n) * 1000).toFixed(0)} µs | 1.00 |`,
      `| ${kind} | post, with the search index | ${((tIndexed / n) * 1000).toFixed(0)} µs | ${(tIndexed / tPlain).toFixed(2)} |`,
    ];
    // Fill the indexed database, in bulk: this measures search, not posting.
    const have = n + 50;
    const now = Date.now();
    const rows = Array.from({ length: Math.max(0, SEARCH_MESSAGES - have) }, (_, i) => ({
      id: `bulk${i}`,
      room_id: indexed.roomId,
      seq: 1_000_000 + i,
      sender_id: null,
      text: text(),
      kind: "user" as const,
      thread_root_id: null,
      thread_seq: null,
      in_room: 1,
      created_at: now + i,
      edited_at: null,
      deleted_at: null,
      mention_view: null,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await indexed.store.db
        .insertInto("messages")
        .values(rows.slice(i, i + 500))
        .execute();
    const searches: [string, string][] = [
      ["a common word", VOCAB[0]],
      ["a rare word", VOCAB[1900]],
      ["two words", `${VOCAB[3]} ${VOCAB[40]}`],
      ["a prefix", VOCAB[5].slice(0, 3)],
    ];
    for (const [what, q] of searches) {
      const t = await searchTimes(indexed, q);
      lines.push(
        `| ${kind} | search ${what} (\`${q}\`) in ${SEARCH_MESSAGES.toLocaleString("en")} messages, first page of ${t.found} | median ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms | |`,
      );
    }
    return lines;
  } finally {
    await plain.close();
    await indexed.close();
  }
}

const loadAtStart = load();
const rows: string[] = [];
for (const kind of STORES) rows.push(...(await run(kind)));
const section = `## Search

What the message search index (migration 0015: an FTS5 table kept by triggers on SQLite, a GIN expression
index on PostgreSQL) costs each post, and how long GET /search takes. Posts go through the real route
in-process (\`app.inject\`), ${POSTS} × ${ROUNDS} per app in alternating rounds; the ratio is against the same
store without the index in the same run. Searches: 40 each through the route, a member of the one room.
Words are drawn so that low-numbered ones are common: the common word is in about 60 % of the messages.
SQLite reads matches newest first from the FTS5 index and stops at the page; PostgreSQL reads every match
to order them by time, so there the time grows with the matches, not the page.

| store | what | time | ratio |
|---|---|---|---|
${rows.join("\n")}

Command: \`npm run bench:search\` — ${utcMinute()}.
Machine: ${machine()}. Load average at start: ${loadAtStart}; at end: ${load()}.
`;
console.log(section);
writeSection("## Search", section);
process.exit(0);
