// Whether a plain room message (trigger `all`, no group mention) can reach ANY member's push or email. Trigger
// `all` passes a level only when that level is `all` (core's levelAllows), and a level is `all` only when some
// saved preference says so: a member's room override, a member's account, or an admin default (account or
// room defaults, PRF-21). When none does, the post writes no room row and the worker never sees the message.
//
// Read in the message transaction from the database itself (two partial-index probes of migration 0005 and the
// one `defaults` settings row), not from a cache: a preference saved by any process, a moment before, counts.
// The test is a superset (any "all" anywhere in the saved JSON, desktop included, since push follows desktop
// under PRF-20): a false positive only costs the room row the worker used to get for every message.
import { sql } from "kysely";
import type { Db } from "../store/db.ts";
import { Prepared } from "../store/prepared.ts";

/** The predicate of migration 0005's partial indexes, as a literal (a bound parameter would not match them). */
export const LEVEL_ALL = sql.raw(`'%"all"%'`);

/** The probe itself, for a room id expression (the post path also runs it inside its insert: store/messages.ts). */
export function levelAllProbe(roomId: unknown) {
  return sql<number>`case when exists (select 1 from memberships m where m.room_id = ${roomId} and m.prefs like ${LEVEL_ALL})
        or exists (select 1 from users u where u.prefs like ${LEVEL_ALL}
          and exists (select 1 from memberships um where um.room_id = ${roomId} and um.user_id = u.id))
        or exists (select 1 from workspace_settings w where w.key = 'defaults' and w.value like ${LEVEL_ALL})
        then 1 else 0 end`;
}

const anyLevelAll = new Prepared<{ roomId: string }, { hit: number }>((db, arg) =>
  db.selectNoFrom(levelAllProbe(arg("roomId")).as("hit")),
);

/** Probe answers the message's own insert statement already read, per transaction (PostgreSQL post path). */
const answered = new WeakMap<Db, Map<string, boolean>>();

/** Keeps the probe's answer read by the statement that inserted `messageId` in this transaction. */
export function noteLevelAll(trx: Db, messageId: string, hit: boolean): void {
  let m = answered.get(trx);
  if (!m) {
    m = new Map();
    answered.set(trx, m);
  }
  m.set(messageId, hit);
}

/** True when some member of the room may have push or email level `all` there (see above). */
export async function roomHasLevelAll(exec: Db, roomId: string, messageId?: string): Promise<boolean> {
  const known = messageId === undefined ? undefined : answered.get(exec);
  const hit = messageId === undefined ? undefined : known?.get(messageId);
  if (hit !== undefined) {
    known?.delete(messageId as string);
    return hit;
  }
  const r = await anyLevelAll.first(exec, { roomId });
  return Number(r?.hit ?? 1) === 1;
}
