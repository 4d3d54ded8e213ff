// Full-text search over messages, kept up to date by the database itself on post, edit and delete, so no write
// path can forget it. Only messages people wrote and that are not deleted are indexed. Words are split at
// anything that is not a letter or digit on both stores (store/search.ts splits queries the same way), with no
// stemming and no stop words, so one query finds the same messages on SQLite and PostgreSQL.
// - SQLite: an FTS5 table whose rowid is a `message_search_docs` row, an INTEGER PRIMARY KEY that stays put
//   (a plain table's implicit rowid may change on VACUUM); triggers on `messages` keep both in step.
// - PostgreSQL: a GIN expression index on the message text; PostgreSQL maintains it with every write. Dots,
//   slashes, `@` and colons become spaces first, else its parser keeps `example.com` or an address as one word.
// Never edit once committed.
import type { Kysely } from "kysely";
import { PostgresAdapter, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The indexed expression; store/search.ts queries with the very same text so the index is used. */
export const PG_VECTOR = "to_tsvector('simple'::regconfig, regexp_replace(text, '[./@:]+', ' ', 'g'))";

export async function up(db: AnyDb): Promise<void> {
  if (isPostgres(db)) {
    await sql
      .raw(
        `CREATE INDEX messages_search_idx ON messages USING gin (${PG_VECTOR}) ` +
          "WHERE deleted_at IS NULL AND kind = 'user'",
      )
      .execute(db);
    return;
  }
  await sql`CREATE TABLE message_search_docs (doc INTEGER PRIMARY KEY, message_id TEXT NOT NULL UNIQUE)`.execute(
    db,
  );
  await sql`CREATE VIRTUAL TABLE message_search USING fts5(text, tokenize = 'unicode61 remove_diacritics 0')`.execute(
    db,
  );
  await sql
    .raw(`CREATE TRIGGER message_search_insert AFTER INSERT ON messages
      WHEN new.kind = 'user' AND new.deleted_at IS NULL BEGIN
        INSERT INTO message_search_docs (message_id) VALUES (new.id);
        INSERT INTO message_search (rowid, text) VALUES (last_insert_rowid(), new.text);
      END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_search
          WHERE rowid = (SELECT doc FROM message_search_docs WHERE message_id = old.id);
        DELETE FROM message_search_docs WHERE message_id = old.id;
      END`)
    .execute(db);
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
  // Messages written before this migration.
  await sql`INSERT INTO message_search_docs (message_id)
    SELECT id FROM messages WHERE kind = 'user' AND deleted_at IS NULL ORDER BY created_at`.execute(db);
  await sql`INSERT INTO message_search (rowid, text)
    SELECT d.doc, m.text FROM message_search_docs d JOIN messages m ON m.id = d.message_id`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP INDEX IF EXISTS messages_search_idx`.execute(db);
    return;
  }
  for (const t of ["message_search_insert", "message_search_delete", "message_search_update"])
    await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
  await sql`DROP TABLE IF EXISTS message_search`.execute(db);
  await sql`DROP TABLE IF EXISTS message_search_docs`.execute(db);
}
