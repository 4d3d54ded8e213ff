// Migration 0007 on a database written by the previous version: usernames get their folded key (§1) and keep
// their spelling; messages get the mention view their stored mention rows say. Run on SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Store } from "../../src/store/db.ts";
import { dropPgSchema, openStore } from "../../src/store/db.ts";
import { messageById, messageView } from "../../src/store/messages.ts";
import { refoldedKeys } from "../../src/store/migrations/0007_unicode_names_message_mentions.ts";
import { migrateTo, migrateToLatest } from "../../src/store/migrator.ts";
import { freshSchemaName, PG_URL, pgAvailable } from "./pg.ts";

const BEFORE = "0006_deleted_seqs_contact_tokens";

function user(id: string, username: string, lower: string) {
  return {
    id,
    username,
    username_lower: lower,
    display_name: username,
    email_verified: 0,
    role: "member" as const,
    timezone: "UTC",
    password_hash: "x",
    active: 1,
    prefs: "{}",
    agent_prefs: "{}",
    presence_choice: "auto" as const,
    dnd_on: 0,
    created_at: Number(id.replace(/\D/g, "")),
  };
}

function suite(name: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> } | null>) {
  describe(`migration 0007 (${name})`, () => {
    let store: Store | null = null;
    let cleanup = async () => {};
    before(async () => {
      const s = await open();
      if (!s) return;
      ({ store, cleanup } = s);
      const db = s.store.db;
      await migrateTo(db, BEFORE);
      // As the previous version wrote them: ASCII names, key = toLowerCase (an NFD name kept its NFD key).
      await db
        .insertInto("users")
        .values([
          user("u1", "Bob.Smith", "bob.smith"),
          user("u2", "alice", "alice"),
          user("u3", "Jose\u0301", "jose\u0301"),
        ])
        .execute();
      await db
        .insertInto("rooms")
        .values({
          id: "r1",
          kind: "channel",
          name: "general",
          topic: "",
          created_by: "u2",
          last_seq: 2,
          member_count: 0,
          created_at: 1,
        })
        .execute();
      const message = (id: string, seq: number, text: string) => ({
        id,
        room_id: "r1",
        seq,
        sender_id: "u2",
        text,
        kind: "user" as const,
        in_room: 1,
        created_at: seq,
      });
      await db
        .insertInto("messages")
        .values([message("m1", 1, "hi @Bob.Smith @here"), message("m2", 2, "plain")])
        .execute();
      await db
        .insertInto("mentions")
        .values({ room_id: "r1", seq: 1, message_id: "m1", user_id: "u1", kind: "mention" })
        .execute();
      await db
        .insertInto("group_mentions")
        .values({ room_id: "r1", seq: 1, message_id: "m1", sender_id: "u2", kind: "here" })
        .execute();
      await migrateToLatest(db);
    });
    after(() => cleanup());

    test("[§1] existing ASCII users keep their name and are found by their folded key", async (t) => {
      if (!store) return t.diagnostic("PostgreSQL unreachable");
      const rows = await store.db
        .selectFrom("users")
        .select(["id", "username", "username_lower"])
        .orderBy("id")
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.username, r.username_lower]),
        [
          ["Bob.Smith", "bob.smith"],
          ["alice", "alice"],
          // The NFD name keeps its spelling; its key is now NFC, so `@José` typed either way finds it.
          ["Jose\u0301", "jos\u00e9"],
        ],
      );
    });

    test("[MEN-1] a message posted before the migration shows the mentions its stored rows recorded", async (t) => {
      if (!store) return t.diagnostic("PostgreSQL unreachable");
      const m1 = await messageById(store.db, "m1");
      const m2 = await messageById(store.db, "m2");
      assert.ok(m1 && m2);
      assert.deepEqual(messageView(m1).mentions, {
        users: [{ id: "u1", username: "Bob.Smith" }],
        all: false,
        here: true,
      });
      assert.deepEqual(messageView(m2).mentions, { users: [], all: false, here: false });
    });
  });
}

describe("migration 0007: refolded keys", () => {
  test("[§1] a key only changes when the folded name is free; no name is lost", () => {
    const changes = refoldedKeys([
      { id: "a", username: "ÉMILE", username_lower: "émile" },
      { id: "b", username: "Σίσυφος", username_lower: "σίσυφος" },
      // Written outside the API: folds like `b`; keeps its old key rather than taking b's.
      { id: "c", username: "ΣΊΣΥΦΟΣ", username_lower: "σίσυφοσ-old" },
    ]);
    assert.deepEqual([...changes], [["b", "σίσυφοσ"]]);
  });
});

suite("sqlite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "herald-m0007-"));
  const store = await openStore({ sqlitePath: join(dir, "h.db") });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

suite("postgres", async () => {
  if (!(await pgAvailable())) return null;
  const schema = freshSchemaName("m0007");
  const store = await openStore({ databaseUrl: PG_URL, pgSchema: schema });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await dropPgSchema(PG_URL, schema);
    },
  };
});
