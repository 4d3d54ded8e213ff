// SQLite message search (0015): an edit keeps the message's doc number instead of taking a new one, so the doc
// order stays the order messages were posted. Search then reads matches newest first straight from the FTS5
// index by doc (rowid) and stops at the page, instead of reading every match to sort it by time — a word in
// most messages was ~15 times slower that way. PostgreSQL: nothing to do. Never edit once committed.
import type { Kysely } from "kysely";
import { PostgresAdapter, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: AnyDb): Promise<void> {
  if (isPostgres(db)) return;
  await sql`DROP TRIGGER message_search_update`.execute(db);
  await sql
    .raw(`CREATE TRIGGER message_search_update AFTER UPDATE OF text, deleted_at, kind ON messages BEGIN
        DELETE FROM message_search
          WHERE rowid = (SELECT doc FROM message_search_docs WHERE message_id = old.id);
        DELETE FROM message_search_docs
          WHERE message_id = old.id AND NOT (new.kind = 'user' AND new.deleted_at IS NULL);
        INSERT OR IGNORE INTO message_search_docs (message_id)
          SELECT new.id WHERE new.kind = 'user' AND new.deleted_at IS NULL;
        INSERT INTO message_search (rowid, text)
          SELECT doc, new.text FROM message_search_docs WHERE message_id = new.id;
      END`)
    .execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  if (isPostgres(db)) return;
  await sql`DROP TRIGGER message_search_update`.execute(db);
  await sql
    .raw(`CREATE TRIGGER message_search_update AFTER UPDATE OF text, deleted_at, kind ON messages BEGIN
        DELETE FROM message_search
          WHERE rowid = (SELECT doc FROM message_search_docs WHERE message_id = old.id);
        DELETE FROM message_search_docs WHERE message_id = old.id;
        INSERT INTO message_search_docs (message_id)
          SELECT new.id WHERE new.kind = 'user' AND new.deleted_at IS NULL;
        INSERT INTO message_search (rowid, text)
          SELECT last_insert_rowid(), new.text WHERE new.kind = 'user' AND new.deleted_at IS NULL;
      END`)
    .execute(db);
}
