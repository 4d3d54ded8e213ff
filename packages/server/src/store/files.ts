// The `files` rows: which room and message a stored file belongs to. The bytes are the FileStore's.
import type { FileView, MessageView } from "../events.ts";
import type { Db, Tx } from "./db.ts";
import type { FilesTable, MessagesTable } from "./schema/messages.ts";

/** A stored message's files as `{ files }`, or nothing when it has none or was deleted. */
export function filesOf(m: Pick<MessagesTable, "files" | "deleted_at">): { files?: FileView[] } {
  return m.deleted_at || !m.files ? {} : { files: JSON.parse(m.files) as FileView[] };
}

/** `{ files: names }` of a stored message's files, for the line a notification shows; nothing when none. */
export function fileNames(m: Pick<MessagesTable, "files" | "deleted_at">): { files?: string[] } {
  const { files } = filesOf(m);
  return files ? { files: files.map((f) => f.name) } : {};
}

/** Records files with the message just written (same transaction): their rows and the message's column. */
export async function attachFiles(
  trx: Tx,
  message: MessageView,
  files: FileView[],
  uploaderId: string,
  now: number,
): Promise<MessageView> {
  await trx
    .updateTable("messages")
    .set({ files: JSON.stringify(files) })
    .where("id", "=", message.id)
    .execute();
  await trx
    .insertInto("files")
    .values(
      files.map((f) => ({
        id: f.id,
        room_id: message.roomId,
        message_id: message.id,
        uploader_id: uploaderId,
        name: f.name,
        type: f.type,
        size: f.size,
        created_at: now,
      })),
    )
    .execute();
  return { ...message, files };
}

export function fileById(db: Db, id: string): Promise<FilesTable | undefined> {
  return db.selectFrom("files").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Deletes a message's file rows and returns their ids, so the bytes can go once the transaction commits. */
export async function deleteMessageFiles(trx: Tx, messageId: string): Promise<string[]> {
  const rows = await trx.deleteFrom("files").where("message_id", "=", messageId).returning("id").execute();
  return rows.map((r) => r.id);
}
