// The users connected to this node, with what the gateway keeps for each: snapshot, badge, resume log.
import type { UserBadge } from "./badges.ts";
import type { Connection } from "./connection.ts";
import type { UserSnapshot } from "./ports.ts";
import type { UserLog } from "./user-log.ts";

export interface LocalUser {
  userId: string;
  conns: Set<Connection>;
  /** Resolves once snapshot, rooms and badge are loaded; false when the user no longer exists. */
  loaded: Promise<boolean>;
  snapshot: UserSnapshot | null;
  badge: UserBadge | null;
  log: UserLog;
  rooms: Set<string>;
  /** PRF-50: assigned support conversations with unread messages (assigned.ts). */
  assigned: Set<string>;
}
