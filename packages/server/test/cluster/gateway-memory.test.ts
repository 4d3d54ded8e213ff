// A gateway node's memory with 1,000 connected clients: one `serve --roles=api,gateway` process started as
// docs/OPERATIONS.md says (nodes.ts: Node 24, --max-semi-space-size=8 --max-old-space-size=256) on a fresh
// PostgreSQL database and a redis-server of its own. 1,000 members of one room connect with a token and hello,
// then an `@all` reaches every one of them; the process's peak resident set (VmHWM, what the kernel counted)
// must stay within 300 MB per process (docs/OPERATIONS.md, "Sizing"). Without the heap flag V8 let the old
// generation grow to ~240 MB of mostly dead connect-time query objects before collecting (a peak of
// 320–400 MB), while the live heap after a full collection is ~55 MB with these 1,000 clients.
// PostgreSQL and redis-server are required when CI=true; elsewhere the suite is skipped with a note when
// either is missing. It chooses its own store (test/helpers/matrix.ts: not run again by the PostgreSQL pass).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { WebSocket } from "ws";
import { insertToken, insertUser } from "../../src/store/accounts.ts";
import { openStore, type Store } from "../../src/store/db.ts";
import { createRoom } from "../../src/store/rooms.ts";
import { PG_URL, pgAvailable } from "../store/pg.ts";
import { freePort, HeraldNode, PrivateRedis, until } from "./nodes.ts";
import { seedMembers, seedMemberTokens } from "./seed.ts";

function redisServerMissing(): string | false {
  if (PrivateRedis.available()) return false;
  if (process.env.CI === "true") throw new Error("redis-server is required when CI=true (the cluster suite)");
  return "redis-server is not installed (required when CI=true)";
}

const skip = !(await pgAvailable()) ? "PostgreSQL unreachable (required when CI=true)" : redisServerMissing();

const CLIENTS = 1_000;
const LIMIT_MB = 300;

function peakMb(pid: number): number {
  const kb = /^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

describe("a gateway node's memory with 1,000 connected clients", { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), "herald-gateway-memory-"));
  const dbName = `herald_gwmem_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  let store: Store;
  let redis: PrivateRedis;
  let node: HeraldNode;
  let databaseUrl = "";
  const sockets: WebSocket[] = [];

  before(async () => {
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
    store = await openStore({ databaseUrl });
    const { migrateToLatest } = await import("../../src/store/migrator.ts");
    await migrateToLatest(store.db);
    redis = new PrivateRedis(await freePort());
    await redis.start();
    node = new HeraldNode("gw", "api,gateway", {
      DATABASE_URL: databaseUrl,
      REDIS_URL: `${redis.url}/0`,
      HERALD_REDIS_PREFIX: `${dbName}:`,
      HERALD_DATA_DIR: join(dir, "gw"),
      HERALD_WEB_DIST: join(dir, "no-web"),
      HERALD_LOG_LEVEL: "warn",
      HOST: "127.0.0.1",
      PORT: "0",
      HERALD_RATE_POST_PER_MIN: "100000",
      HERALD_RATE_TOKEN_PER_MIN: "1000000",
    });
    await node.start();
  });

  after(async () => {
    for (const ws of sockets) ws.terminate();
    await node?.kill();
    await redis?.stop();
    await store?.close().catch(() => {});
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  test(`1,000 clients connect and get an @all; the node's peak RSS stays ≤ ${LIMIT_MB} MB`, async (t) => {
    const now = Date.now();
    const sender = await insertUser(store.db, { username: "sender", passwordHash: "x", role: "admin" }, now);
    const room = await store.db
      .transaction()
      .execute((trx) =>
        createRoom(trx, { kind: "channel", name: "everyone", createdBy: sender.id }, [sender.id], now),
      );
    const sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    try {
      await seedMembers(sql, room.id, CLIENTS, now);
      const tokens = await seedMemberTokens(sql, CLIENTS, "memory", now);
      const senderToken = (await insertToken(store.db, sender.id, "memory", ["read", "write"], now)).token;

      // Connects in waves of 500, as browsers reconnecting after a restart arrive.
      const got = new Map<WebSocket, Set<string>>();
      for (let i = 0; i < CLIENTS; i += 500) {
        await Promise.all(
          tokens.slice(i, i + 500).map(
            (token, k) =>
              new Promise<void>((resolve, reject) => {
                const ws = new WebSocket(node.ws, { headers: { authorization: `Bearer ${token}` } });
                const seen = new Set<string>();
                got.set(ws, seen);
                sockets.push(ws);
                ws.on("message", (d) => {
                  const f = JSON.parse(d.toString()) as { t: string; events?: { t: string }[] };
                  for (const e of f.t === "multi" ? (f.events ?? []) : [f]) seen.add(e.t);
                });
                ws.once("error", reject);
                ws.once("open", () => {
                  ws.send(
                    JSON.stringify({
                      t: "hello",
                      deviceId: `d${i + k}`,
                      deviceKind: "web",
                      permission: "granted",
                      focused: false,
                      visible: true,
                    }),
                  );
                  resolve();
                });
              }),
          ),
        );
      }
      await until("every client ready", () => [...got.values()].every((s) => s.has("ready")), 120_000);
      const res = await fetch(`${node.url}/api/v1/rooms/${room.id}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${senderToken}`, "content-type": "application/json" },
        body: JSON.stringify({ text: "@all hello everyone" }),
      });
      assert.equal(res.status, 201, await res.text());
      await until(
        "every client has the @all",
        () => [...got.values()].every((s) => s.has("message")),
        120_000,
      );

      const peak = peakMb(node.pid);
      t.diagnostic(`gateway peak RSS ${peak.toFixed(0)} MB with ${CLIENTS} clients`);
      assert.ok(
        peak <= LIMIT_MB,
        `gateway peak RSS ${peak.toFixed(0)} MB with ${CLIENTS} clients, above ${LIMIT_MB} MB`,
      );
    } finally {
      await sql.end();
    }
  });
});
