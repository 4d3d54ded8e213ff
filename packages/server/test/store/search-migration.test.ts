// Migration 0015 on a database written by the previous version: messages already there are found by search,
// except deleted ones and system lines. Runs on the store of this process (HERALD_TEST_STORE): SQLite, and
// PostgreSQL in the store matrix.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Store } from "../../src/store/db.ts";
import { dropPgSchema, openStore } from "../../src/store/db.ts";
import { migrateTo, migrateToLatest } from "../../src/store/migrator.ts";
import { searchMessages } from "../../src/store/search.ts";
import { testStoreKind } from "../helpers/app.ts";
import { freshSchemaName, PG_URL } from "./pg.ts";

const BEFORE = "0014_message_files";

async function open(): Promise<{ store: Store; cleanup(): Promise<void> }> {
  if (testStoreKind() === "postgres") {
    const schema = freshSchemaName("m0015");
    const store = await openStore({ databaseUrl: PG_URL, pgSchema: schema });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await dropPgSchema(PG_URL, schema);
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "herald-m0015-"));
  const store = await openStore({ sqlitePath: join(dir, "h.db") });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe(`migration 0015: message search (${testStoreKind()})`, () => {
  let store: Store;
  let cleanup = async () => {};

  before(async () => {
    ({ store, cleanup } = await open());
    const db = store.db;
    await migrateTo(db, BEFORE);
    await db
      .insertInto("users")
      .values({
        id: "u1",
        username: "alice",
        username_lower: "alice",
        display_name: "Alice",
        email_verified: 0,
        role: "member",
        timezone: "UTC",
        password_hash: "x",
        active: 1,
        prefs: "{}",
        agent_prefs: "{}",
        presence_choice: "auto",
        dnd_on: 0,
        created_at: 1,
      })
      .execute();
    await db
      .insertInto("rooms")
      .values({
        id: "r1",
        kind: "channel",
        name: "general",
        topic: "",
        created_by: "u1",
        last_seq: 3,
        member_count: 1,
        created_at: 1,
      })
      .execute();
    await db
      .insertInto("memberships")
      .values({ room_id: "r1", user_id: "u1", last_read_seq: 3, prefs: "{}", joined_at: 1 })
      .execute();
    const message = (id: string, seq: number, text: string, extra: object = {}) => ({
      id,
      room_id: "r1",
      seq,
      sender_id: "u1",
      text,
      kind: "user" as const,
      in_room: 1,
      created_at: seq,
      ...extra,
    });
    await db
      .insertInto("messages")
      .values([
        message("m1", 1, "the heron came back"),
        message("m2", 2, "a heron that was deleted", { deleted_at: 5 }),
        message("m3", 3, "heron joined", { kind: "system" }),
      ])
      .execute();
    await migrateToLatest(db);
  });
  after(() => cleanup());

  test("messages written before the migration are found; deleted ones and system lines are not", async () => {
    const found = await searchMessages(store, { userId: "u1", words: ["heron"], limit: 10 });
    assert.deepEqual(
      found.hits.map((h) => h.message.id),
      ["m1"],
    );
    // The index goes on from there: an edit written straight to the table moves it.
    await store.db
      .updateTable("messages")
      .set({ text: "the egret came back" })
      .where("id", "=", "m1")
      .execute();
    assert.deepEqual((await searchMessages(store, { userId: "u1", words: ["heron"], limit: 10 })).hits, []);
    const egret = await searchMessages(store, { userId: "u1", words: ["egret"], limit: 10 });
    assert.deepEqual(
      egret.hits.map((h) => h.message.id),
      ["m1"],
    );
    await store.db.deleteFrom("messages").where("id", "=", "m1").execute();
    assert.deepEqual((await searchMessages(store, { userId: "u1", words: ["egret"], limit: 10 })).hits, []);
  });
});
