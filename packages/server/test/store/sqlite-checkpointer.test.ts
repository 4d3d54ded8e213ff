// The SQLite checkpointer (store/sqlite-checkpointer.ts): the WAL is copied back by a worker thread, not by the
// main connection's COMMIT; the WAL stays bounded with the thread, without it, and when it falls behind.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Kysely, sql } from "kysely";
import { openStore } from "../../src/store/db.ts";
import { openSqlite } from "../../src/store/sqlite.ts";
import type { Checkpointer, CheckpointerOptions } from "../../src/store/sqlite-checkpointer.ts";

const dir = mkdtempSync(join(tmpdir(), "herald-ckpt-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `t${++files}.db`);

interface Opened {
  path: string;
  raw: DatabaseSync;
  checkpointer: Checkpointer | null;
  close(): Promise<void>;
}

async function open(options: CheckpointerOptions | false, path = freshPath()): Promise<Opened> {
  const { dialect, raw, checkpointer } = openSqlite(path, { checkpointer: options });
  const db = new Kysely<unknown>({ dialect });
  // Through Kysely, so that its destroy() closes the database as the store's close does.
  await sql`CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v BLOB)`.execute(db);
  return { path, raw, checkpointer, close: () => db.destroy() };
}

/** WAL length in pages, from the file's size (a WAL file never shrinks when the log starts over). */
function walPages(o: Opened): number {
  const wal = `${o.path}-wal`;
  if (!existsSync(wal)) return 0;
  const page = (o.raw.prepare("PRAGMA page_size").get() as { page_size: number }).page_size;
  return Math.floor(statSync(wal).size / (page + 24));
}

/**
 * Writes `rows` rows of about a page each as a server does: small transactions with the event loop free in
 * between. Answers the WAL file's largest size seen, in pages.
 */
async function write(o: Opened, rows: number): Promise<number> {
  const insert = o.raw.prepare("INSERT INTO t (v) VALUES (randomblob(3000))");
  let most = 0;
  for (let n = 0; n < rows; n += 2) {
    o.raw.exec("BEGIN");
    insert.run();
    insert.run();
    o.raw.exec("COMMIT");
    most = Math.max(most, walPages(o));
    await new Promise((r) => setImmediate(r));
    if (n % 20 === 0) await sleep(1);
  }
  return most;
}

/** Waits for the thread to have opened its connection (a worker thread takes a moment to start). */
async function threadReady(o: Opened): Promise<void> {
  for (let i = 0; i < 500 && !o.checkpointer?.stats().ready; i++) await sleep(10);
  assert.ok(o.checkpointer?.stats().ready, "the thread started");
}

const autocheckpoint = (raw: DatabaseSync) =>
  (raw.prepare("PRAGMA wal_autocheckpoint").get() as { wal_autocheckpoint: number }).wal_autocheckpoint;

test("the main connection does not checkpoint at SQLite's 1,000 pages: it leaves that to the thread", async () => {
  // The thread not started yet: nothing copies the WAL back, and the main connection does not either.
  const o = await open({ startAfterMs: 60_000, fallbackFrames: 10_000 });
  try {
    assert.equal(autocheckpoint(o.raw), 10_000);
    const most = await write(o, 3000);
    assert.ok(most >= 2500, `the WAL grew to ${most} pages, so the main connection checkpointed`);
  } finally {
    await o.close();
  }
});

test("under sustained writes the thread copies the WAL back and starts it over, so it stays bounded", async () => {
  // The main connection's fallback is far away: only the thread can keep the WAL short.
  const o = await open({ startAfterMs: 0, pollMs: 5, restartFrames: 300, fallbackFrames: 1_000_000 });
  try {
    assert.equal(autocheckpoint(o.raw), 1_000_000);
    await threadReady(o);
    const most = await write(o, 6000);
    const stats = o.checkpointer?.stats();
    assert.ok(stats?.running, "the thread runs");
    assert.ok((stats?.restarts ?? 0) >= 3, `the log was started over ${stats?.restarts} times`);
    assert.ok(most <= 2000, `the WAL grew to ${most} pages of 6,000 written`);
    const rows = o.raw.prepare("SELECT count(*) AS n FROM t").get() as { n: number };
    assert.equal(rows.n, 6000);
  } finally {
    await o.close();
  }
});

test("the thread stops when the store closes, before the main connection, which then removes the WAL", async () => {
  const o = await open({ startAfterMs: 0, pollMs: 5 });
  await threadReady(o);
  await write(o, 800);
  for (let i = 0; i < 200 && !o.checkpointer?.stats().passes; i++) await sleep(10);
  assert.ok(o.checkpointer?.stats().running, "the thread runs");
  await o.close();
  const gone = await Promise.race([o.checkpointer?.exited.then(() => true), sleep(2000).then(() => false)]);
  assert.ok(gone, "the thread ended");
  assert.equal(o.checkpointer?.stats().running, false);
  // The last connection to close checkpoints and deletes the WAL: the thread's had closed already.
  assert.equal(existsSync(`${o.path}-wal`), false);
});

test("a store from openStore, closed before its thread starts, closes cleanly and removes its WAL", async () => {
  const path = freshPath();
  const store = await openStore({ sqlitePath: path });
  await sql`select 1`.execute(store.db);
  await store.close();
  assert.equal(existsSync(`${path}-wal`), false);
});

test("the thread gone, the main connection checkpoints as SQLite does by default", async () => {
  const o = await open({ startAfterMs: 0, pollMs: 5, restartFrames: 300, fallbackFrames: 1_000_000 });
  try {
    await threadReady(o);
    const warned = new Promise<Error>((r) => process.once("warning", r));
    await o.checkpointer?.kill();
    await o.checkpointer?.exited;
    assert.match((await warned).message, /checkpointer thread ended/);
    assert.equal(autocheckpoint(o.raw), 1000);
    const most = await write(o, 4000);
    assert.ok(most <= 1100, `the WAL grew to ${most} pages without the thread`);
  } finally {
    await o.close();
  }
});

test("a thread that falls behind: the main connection checkpoints at the fallback mark", async () => {
  // A thread that runs but passes once a minute.
  const o = await open({ startAfterMs: 0, pollMs: 60_000, restartFrames: 300, fallbackFrames: 2000 });
  try {
    await threadReady(o);
    const most = await write(o, 6000);
    assert.ok(o.checkpointer?.stats().running, "the thread runs");
    assert.ok(most <= 2100, `the WAL grew to ${most} pages`);
  } finally {
    await o.close();
  }
});

test("two stores on one file each checkpoint from a thread, and both close cleanly", async () => {
  const a = await open({ startAfterMs: 0, pollMs: 5, restartFrames: 300, fallbackFrames: 1_000_000 });
  const b = await open({ startAfterMs: 0, pollMs: 5, restartFrames: 300, fallbackFrames: 1_000_000 }, a.path);
  try {
    await threadReady(a);
    await threadReady(b);
    const [ma, mb] = await Promise.all([write(a, 3000), write(b, 3000)]);
    assert.ok(Math.max(ma, mb) <= 3000, `the WAL grew to ${Math.max(ma, mb)} pages of 6,000 written`);
    const rows = a.raw.prepare("SELECT count(*) AS n FROM t").get() as { n: number };
    assert.equal(rows.n, 6000);
  } finally {
    await a.close();
    await b.close();
  }
  assert.equal(existsSync(`${a.path}-wal`), false);
});

test("a running thread does not keep the process alive when the store is never closed", () => {
  const url = new URL("../../src/store/sqlite.ts", import.meta.url).href;
  const code = `
    const { openSqlite } = await import(${JSON.stringify(url)});
    const { checkpointer } = openSqlite(${JSON.stringify(freshPath())}, { checkpointer: { startAfterMs: 0 } });
    while (!checkpointer.stats().ready) await new Promise((r) => setTimeout(r, 10));
    console.log("ready");`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
    timeout: 20_000,
    encoding: "utf8",
  });
  assert.equal(r.signal, null, "the process had to be killed");
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), "ready");
});

test("an in-memory database has no checkpointer", async () => {
  const { checkpointer, raw } = openSqlite(":memory:");
  assert.equal(checkpointer, null);
  raw.close();
});
