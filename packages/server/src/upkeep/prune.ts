// Retention: rows that only grow (the delivery outbox, decision records, the email log, expired sessions, old
// inbox items) are deleted once older than their configured age. Deletes run in bounded batches — one short
// statement of at most `batch` rows, then a yield to the event loop — so a prune of millions of rows never
// holds SQLite's single writer or a PostgreSQL lock long enough to delay a message post.
import { sql } from "kysely";
import type { Config } from "../config.ts";
import type { Store } from "../store/db.ts";

const DAY_MS = 86_400_000;

export type RetentionKind = "deliveries" | "decisions" | "emails" | "sessions" | "inbox";

export interface RetentionAges {
  /** Days a finished delivery (sent, dropped, failed) is kept after its last change; 0 = forever. */
  deliveriesDays: number;
  /** Days a decision record is kept (explain, EXP-3); 0 = forever. */
  decisionsDays: number;
  /** Days the email log keeps an email; 0 = forever. */
  emailsDays: number;
  /** Days an expired session row is kept after it expired (0 = removed once expired). */
  expiredSessionsDays: number;
  /** Days an inbox item is kept after it was created, read or not; 0 = forever. */
  inboxDays: number;
}

export function retentionAges(config: Config): RetentionAges {
  return {
    deliveriesDays: config.retainDeliveriesDays,
    decisionsDays: config.retainDecisionsDays,
    emailsDays: config.retainEmailsDays,
    expiredSessionsDays: config.retainExpiredSessionsDays,
    inboxDays: config.retainInboxDays,
  };
}

interface Target {
  kind: RetentionKind;
  table: string;
  /** The WHERE clause selecting rows old enough to go, given the cutoff (ms). */
  where(cutoff: number): ReturnType<typeof sql>;
  /** Age in days; null = never pruned. */
  days: number | null;
}

function targets(a: RetentionAges): Target[] {
  const orNull = (d: number) => (d > 0 ? d : null);
  return [
    {
      kind: "deliveries",
      table: "deliveries",
      // due_at ≤ updated_at for a finished row, and (state, due_at) is indexed: the range scan finds old rows
      // without reading the pending queue.
      where: (c) => sql`state in ('sent', 'dropped', 'failed') and due_at < ${c} and updated_at < ${c}`,
      days: orNull(a.deliveriesDays),
    },
    { kind: "decisions", table: "decisions", where: (c) => sql`at < ${c}`, days: orNull(a.decisionsDays) },
    { kind: "emails", table: "emails", where: (c) => sql`created_at < ${c}`, days: orNull(a.emailsDays) },
    {
      kind: "sessions",
      table: "sessions",
      where: (c) => sql`expires_at < ${c}`,
      days: a.expiredSessionsDays,
    },
    {
      kind: "inbox",
      table: "notifications",
      where: (c) => sql`created_at < ${c}`,
      days: orNull(a.inboxDays),
    },
  ];
}

export interface PruneOptions {
  /** Rows per DELETE statement. */
  batch: number;
  /** Checked between batches: a stopping worker ends the prune at the next batch. */
  stopped?: () => boolean;
}

/** One batch: the physical row id (SQLite rowid, PostgreSQL ctid) works for tables without a primary key. */
async function deleteBatch(store: Store, t: Target, cutoff: number, batch: number): Promise<number> {
  const id = sql.raw(store.dialect === "postgres" ? "ctid" : "rowid");
  const table = sql.table(t.table);
  const r =
    await sql`delete from ${table} where ${id} in (select ${id} from ${table} where ${t.where(cutoff)} limit ${batch})`.execute(
      store.db,
    );
  return Number(r.numAffectedRows ?? 0n);
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/** Deletes every row past its age, batch by batch; returns how many rows of each kind went. */
export async function pruneOnce(
  store: Store,
  ages: RetentionAges,
  now: number,
  opts: PruneOptions,
): Promise<Record<RetentionKind, number>> {
  const done: Record<RetentionKind, number> = {
    deliveries: 0,
    decisions: 0,
    emails: 0,
    sessions: 0,
    inbox: 0,
  };
  for (const t of targets(ages)) {
    if (t.days === null) continue;
    const cutoff = now - t.days * DAY_MS;
    for (;;) {
      if (opts.stopped?.()) return done;
      const n = await deleteBatch(store, t, cutoff, opts.batch);
      done[t.kind] += n;
      if (n < opts.batch) break;
      await yieldToLoop();
    }
  }
  return done;
}
