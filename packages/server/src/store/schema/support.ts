// Support (SUP-1 … SUP-9) and calls (CAL-1, CAL-2). A conversation is a room of kind `conversation` plus a
// `conversations` row; its messages are ordinary messages, with author and privacy in conversation_messages.

export type ConversationStatus = "pending" | "open" | "resolved";

export interface InboxesTable {
  id: string;
  name: string;
  /** SHA-256 of the inbox API key: what the widget's requests are looked up by. */
  key_hash: string;
  key_prefix: string;
  /** The key itself (public: it sits in the customer's page), for admins to copy again; null before 0009. */
  widget_key: string | null;
  created_at: number;
  /** JSON array of website origins that may frame the widget page (CSP frame-ancestors); 0010. */
  frame_origins?: string;
  /** Minutes an agent reply may stay unseen before it is emailed to the contact; null = site setting. */
  offline_email_minutes?: number | null;
}

export interface InboxAgentsTable {
  inbox_id: string;
  user_id: string;
  created_at: number;
}

export interface ContactsTable {
  id: string;
  inbox_id: string;
  name: string;
  email: string | null;
  /** SHA-256 of the contact token the widget uses after starting a conversation. */
  token_hash: string;
  created_at: number;
  /** 1 once the contact used one-click unsubscribe (0010). */
  email_off?: number;
}

export interface ConversationsTable {
  id: string;
  inbox_id: string;
  room_id: string;
  contact_id: string;
  status: ConversationStatus;
  assignee_id: string | null;
  contact_left: number;
  created_at: number;
  updated_at: number;
  /** Room position the contact has seen in the open widget, and the one the last contact email carried (0010). */
  contact_seen_seq?: number;
  contact_emailed_seq?: number;
}

export interface ConversationParticipantsTable {
  conversation_id: string;
  user_id: string;
}

export interface ConversationMessagesTable {
  message_id: string;
  conversation_id: string;
  author: "contact" | "agent";
  /** 1 for a private note (SUP-6): never shown to the contact. */
  private: number;
}

export type CallState = "ringing" | "ongoing" | "ended";
export type CallMemberState = "ringing" | "answered" | "declined" | "missed" | "left";

export interface CallsTable {
  id: string;
  room_id: string;
  caller_id: string;
  state: CallState;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
}

export interface CallMembersTable {
  call_id: string;
  user_id: string;
  state: CallMemberState;
  /** 1 when ring.start was sent (CAL-1 allowed it): only those get ring.stop. */
  rang: number;
  updated_at: number;
}

export interface SupportTables {
  inboxes: InboxesTable;
  inbox_agents: InboxAgentsTable;
  contacts: ContactsTable;
  conversations: ConversationsTable;
  conversation_participants: ConversationParticipantsTable;
  conversation_messages: ConversationMessagesTable;
  calls: CallsTable;
  call_members: CallMembersTable;
}
