// Deleted messages leave unread (BDG-1, BDG-6) without touching members' rows: unread subtracts the deleted
// sequences above the member's read position, read through these partial indexes (deletions are rare, so
// they stay small whatever the room size). And the widget finds a contact by its token (401
// invalid_contact_token for an unknown one) without a scan. Never edit once committed.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: Kysely's Migration interface is declared over Kysely<any>.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await sql`create index messages_deleted_room on messages (room_id, seq) where deleted_at is not null`.execute(
    db,
  );
  await sql`create index messages_deleted_thread on messages (thread_root_id, thread_seq) where deleted_at is not null`.execute(
    db,
  );
  await db.schema.createIndex("contacts_token").on("contacts").columns(["token_hash"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("contacts_token").execute();
  await sql`drop index messages_deleted_thread`.execute(db);
  await sql`drop index messages_deleted_room`.execute(db);
}
