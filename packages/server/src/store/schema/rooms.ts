// Rooms and memberships. Unread is derived: rooms.last_seq against memberships.last_read_seq.

export type RoomKind = "channel" | "group" | "dm" | "gdm" | "conversation";

export interface RoomsTable {
  id: string;
  kind: RoomKind;
  name: string;
  topic: string;
  /** Sorted member ids for dm/gdm so get-or-create finds the same room; null otherwise. */
  dm_key: string | null;
  created_by: string | null;
  /** Room sequence: the seq of its newest message. */
  last_seq: number;
  member_count: number;
  created_at: number;
}

export interface MembershipsTable {
  room_id: string;
  user_id: string;
  last_read_seq: number;
  /** Saved room preferences PRF-30 … PRF-35 (JSON, only what the user saved). */
  prefs: string;
  joined_at: number;
}

export interface RoomTables {
  rooms: RoomsTable;
  memberships: MembershipsTable;
}
