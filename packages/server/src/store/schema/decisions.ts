// Recorded notification decisions (EXP-3). One row per notified member and channel; members who got nothing
// for the same reason share ONE aggregate row (user_id null, count = how many).

export interface DecisionsTable {
  event_kind: "message" | "support" | "call";
  event_id: string;
  /** null for an aggregate row. */
  user_id: string | null;
  channel: "banner" | "sound" | "push" | "email" | "inbox";
  outcome: string;
  trigger: string | null;
  /** Rule IDs in chain order, JSON array. */
  rules: string;
  /** Short human facts, JSON array. */
  facts: string;
  count: number;
  at: number;
}

export interface DecisionTables {
  decisions: DecisionsTable;
}
