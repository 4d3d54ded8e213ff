// What the console shows around a conversation: the pages a contact wrote from (0012) and the canned replies
// agents insert (0013).

/** A page the contact was on when writing: the widget's page address and referrer. */
export interface ContactPagesTable {
  id: string;
  contact_id: string;
  conversation_id: string;
  url: string;
  referrer: string | null;
  seen_at: number;
}

/** An admin-kept reply agents insert with `/shortcut`. `shortcut` is unique, compared folded (lower case). */
export interface CannedRepliesTable {
  id: string;
  shortcut: string;
  text: string;
  created_at: number;
  updated_at: number;
}

export interface ConversationDetailTables {
  contact_pages: ContactPagesTable;
  canned_replies: CannedRepliesTable;
}
