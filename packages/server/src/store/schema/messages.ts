// Messages, threads and the O(1) mention model (group_mentions once per message, mentions only per named user).

export interface MessagesTable {
  id: string;
  room_id: string;
  seq: number;
  sender_id: string | null;
  text: string;
  kind: "user" | "system";
  thread_root_id: string | null;
  /** Sequence inside the thread (1, 2, …) for replies; null for room messages. */
  thread_seq: number | null;
  /** 1 when the message shows in the room (roots, room messages, replies also posted to the room). */
  in_room: number;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
  /** What the text notified by name and group, as JSON `MentionView` (events.ts); null: nothing. */
  mention_view: string | null;
  /** The files sent with the message, as JSON `FileView[]` (events.ts); null: none. */
  files?: string | null;
}

/** A file sent with a message; its bytes are in the FileStore under `id` (files/ports.ts). */
export interface FilesTable {
  id: string;
  room_id: string;
  message_id: string;
  uploader_id: string | null;
  /** The name the sender gave it (shown and offered when saving), never a path on the server. */
  name: string;
  /** The media type read from its content (files/sniff.ts), never from its name. */
  type: string;
  size: number;
  created_at: number;
}

export interface ThreadsTable {
  root_id: string;
  room_id: string;
  last_seq: number;
  reply_count: number;
  last_reply_at: number;
}

export interface ThreadFollowsTable {
  root_id: string;
  user_id: string;
  /** 0 after an explicit unfollow: the row keeps the read position and stops re-following by the root author. */
  following: number;
  last_read_seq: number;
}

export interface GroupMentionsTable {
  room_id: string;
  seq: number;
  message_id: string;
  sender_id: string;
  kind: "all" | "here";
  thread_root_id: string | null;
}

export type MentionKind = "mention" | "keyword" | "here";

export interface MentionsTable {
  room_id: string;
  seq: number;
  message_id: string;
  user_id: string;
  kind: MentionKind;
  thread_root_id: string | null;
  thread_seq: number | null;
}

export interface MessageTables {
  messages: MessagesTable;
  threads: ThreadsTable;
  thread_follows: ThreadFollowsTable;
  group_mentions: GroupMentionsTable;
  mentions: MentionsTable;
  files: FilesTable;
}
