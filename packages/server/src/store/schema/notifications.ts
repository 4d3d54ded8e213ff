// In-app notification inbox (GEN-1). Rows exist only for personal triggers (dm, mention, keyword, thread),
// support events and missed calls; @all/@here items are derived from group_mentions / mentions rows, and a
// derived item gets a row only once its user reads or snoozes it by hand.

export type NotificationType = "dm" | "mention" | "keyword" | "thread" | "group" | "support" | "call";

export interface NotificationsTable {
  user_id: string;
  /** newId(), or `g.<messageId>` for a materialized group item. */
  id: string;
  type: NotificationType;
  /** Support event type (SUP-2 … SUP-7) or `missed_call`; null for message triggers. */
  event: string | null;
  room_id: string | null;
  message_id: string | null;
  /** Room sequence whose reading reads the item (null: only an explicit read does). */
  seq: number | null;
  thread_root_id: string | null;
  /** Thread sequence whose reading (thread read position) reads the item. */
  thread_seq: number | null;
  conversation_id: string | null;
  call_id: string | null;
  actor_id: string | null;
  created_at: number;
  read_at: number | null;
  snoozed_until: number | null;
}

/** "Mark all read": one watermark per user, so derived group items need no row each. */
export interface NotificationMarksTable {
  user_id: string;
  read_all_at: number;
}

export interface NotificationTables {
  notifications: NotificationsTable;
  notification_marks: NotificationMarksTable;
}
