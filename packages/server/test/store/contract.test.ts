// One store contract suite, run against SQLite and PostgreSQL (a fresh schema per run).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DEFAULT_ADMIN_SETTINGS } from "@herald/core";
import { sql } from "kysely";
import { insertUser } from "../../src/store/accounts.ts";
import type { Store } from "../../src/store/db.ts";
import { dropPgSchema, openStore } from "../../src/store/db.ts";
import { insertMessage, type MentionRows } from "../../src/store/messages.ts";
import { migrateToLatest } from "../../src/store/migrator.ts";
import { loadReadStates, markRoomRead } from "../../src/store/reads.ts";
import { addMembers, createRoom } from "../../src/store/rooms.ts";
import { freshSchemaName, PG_URL, pgAvailable } from "./pg.ts";

const TABLES = [
  "users",
  "rooms",
  "memberships",
  "messages",
  "threads",
  "thread_follows",
  "group_mentions",
  "mentions",
] as const;
const none: MentionRows = { users: [], keywords: [], here: [], group: null };

async function rowCounts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await store.db
      .selectFrom(t)
      .select((e) => e.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

function contract(name: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> } | null>) {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let skip = false;
    before(async () => {
      const s = await open();
      if (!s) {
        skip = true;
        return;
      }
      ({ store, cleanup } = s);
      await migrateToLatest(store.db);
    });
    after(async () => {
      if (!skip) await cleanup();
    });

    test("migrations are idempotent", async (t) => {
      if (skip) return t.skip("PostgreSQL unreachable");
      assert.deepEqual(await migrateToLatest(store.db), []);
    });

    test("posting a plain message into a 2,000-member room writes O(1) rows", async (t) => {
      if (skip) return t.skip("PostgreSQL unreachable");
      const now = 1_700_000_000_000;
      const first = await insertUser(
        store.db,
        { username: `${name}-u0`, passwordHash: "x", role: "member" },
        now,
      );
      const rows = Array.from({ length: 1999 }, (_, i) => ({
        ...first,
        id: `${name}-id${i}`,
        username: `${name}-u${i + 1}`,
        username_lower: `${name}-u${i + 1}`,
      }));
      for (let i = 0; i < rows.length; i += 400)
        await store.db
          .insertInto("users")
          .values(rows.slice(i, i + 400))
          .execute();
      const ids = [first.id, ...rows.map((r) => r.id)];
      const room = await store.db
        .transaction()
        .execute((trx) => createRoom(trx, { kind: "channel", name: "big", createdBy: ids[0] }, ids, now));
      assert.equal(room.member_count, 2000);
      const before = await rowCounts(store);
      const changesBefore = store.dialect === "sqlite" ? await totalChanges(store) : 0;
      const posted = await store.db.transaction().execute((trx) =>
        insertMessage(
          trx,
          {
            roomId: room.id,
            senderId: ids[0],
            text: "hello",
            kind: "user",
            threadRootId: null,
            alsoInRoom: false,
            mentions: none,
          },
          now,
        ),
      );
      const afterCounts = await rowCounts(store);
      assert.equal(posted.message.seq, 1);
      assert.deepEqual(afterCounts, { ...before, messages: before.messages + 1 });
      if (store.dialect === "sqlite") {
        // rooms.last_seq update + messages insert + the sender's read position, and the search index's own
        // rows for the message: the same count as a post into a room of one.
        const bigRoomChanges = (await totalChanges(store)) - changesBefore;
        const solo = await store.db
          .transaction()
          .execute((trx) =>
            createRoom(trx, { kind: "channel", name: "solo", createdBy: ids[0] }, [ids[0]], now),
          );
        const soloBefore = await totalChanges(store);
        await store.db.transaction().execute((trx) =>
          insertMessage(
            trx,
            {
              roomId: solo.id,
              senderId: ids[0],
              text: "hello",
              kind: "user",
              threadRootId: null,
              alsoInRoom: false,
              mentions: none,
            },
            now,
          ),
        );
        assert.equal(bigRoomChanges, (await totalChanges(store)) - soloBefore);
        assert.ok(bigRoomChanges <= 16, `${bigRoomChanges} row changes for one post`);
      }
      const states = await loadReadStates(store.db, ids[1], DEFAULT_ADMIN_SETTINGS);
      assert.equal(states[0].lastSeq - states[0].lastReadSeq, 1);
      assert.equal(await markRoomRead(store.db, room.id, ids[1], null), 1);
    });

    test("sequences stay gap-free under concurrent posts", async (t) => {
      if (skip) return t.skip("PostgreSQL unreachable");
      const now = 1_700_000_000_000;
      const u = await insertUser(
        store.db,
        { username: `${name}-seq`, passwordHash: "x", role: "member" },
        now,
      );
      const room = await store.db
        .transaction()
        .execute((trx) => createRoom(trx, { kind: "group", name: "g", createdBy: u.id }, [u.id], now));
      const posts = Array.from({ length: 20 }, () =>
        store.db.transaction().execute((trx) =>
          insertMessage(
            trx,
            {
              roomId: room.id,
              senderId: u.id,
              text: "x",
              kind: "user",
              threadRootId: null,
              alsoInRoom: false,
              mentions: none,
            },
            now,
          ),
        ),
      );
      const seqs = (await Promise.all(posts)).map((p) => p.message.seq).sort((a, b) => a - b);
      assert.deepEqual(
        seqs,
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      await store.db.transaction().execute((trx) => addMembers(trx, room.id, [u.id], now));
    });
  });
}

async function totalChanges(store: Store): Promise<number> {
  const r = await sql<{ n: number }>`select total_changes() as n`.execute(store.db);
  return Number(r.rows[0].n);
}

contract("sqlite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "herald-contract-"));
  const store = await openStore({ sqlitePath: join(dir, "h.db") });
  const cleanup = async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { store, cleanup };
});

contract("postgres", async () => {
  if (!(await pgAvailable())) return null;
  const schema = freshSchemaName("contract");
  const store = await openStore({ databaseUrl: PG_URL, pgSchema: schema });
  const cleanup = async () => {
    await store.close();
    await dropPgSchema(PG_URL, schema);
  };
  return { store, cleanup };
});
