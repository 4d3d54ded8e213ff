// Claiming and finishing outbox rows. PostgreSQL: several workers share the work with FOR UPDATE SKIP LOCKED;
// SQLite: one worker, and the UPDATE … WHERE state = 'pending' guard makes a claim atomic. A claim is a lease:
// a worker that dies holding rows (SIGKILL) leaves them claimable again once `claimed_until` passes.
import { CompiledQuery, type Expression, sql } from "kysely";
import type { Db, Exec } from "../store/db.ts";
import { namedStatement, Prepared } from "../store/prepared.ts";
import type { DeliveryKind } from "../store/schema/deliveries.ts";
import { type Page, pgPage } from "./page.ts";
import type { DeliveryRow, Payload } from "./rows.ts";

export interface Queue {
  claim(now: number, limit: number): Promise<DeliveryRow[]>;
  /** Claims every pending row of the user of these kinds (an email pass sees all of a user's candidates). */
  claimUser(
    userId: string,
    kinds: DeliveryKind[],
    now: number,
    channel?: "push" | "email",
  ): Promise<DeliveryRow[]>;
  /** The earliest due time or lease end, after storing `settled` (outcomes of the pass that sent nothing). */
  nextDueAt(settled?: OutcomeBuffer): Promise<number | null>;
  /** Stores `settled` without reading the next due time (no timer to arm). */
  settle(settled: OutcomeBuffer): Promise<void>;
  /**
   * The end of a pass with a timer to arm: the pass's drops (`settled`, rows that sent nothing) are kept to be
   * stored by the next claim, in its statement (PostgreSQL) or its transaction (SQLite), when they are one
   * group; answers the earliest due time or lease end, read by the last claim when it could (PostgreSQL).
   */
  deferSettled(settled: OutcomeBuffer): Promise<number | null>;
  /** Drops kept by deferSettled and not yet stored by a claim. */
  readonly hasDeferred: boolean;
  /** Stores the kept drops now (no claim came to carry them soon enough, or the worker stops). */
  storeDeferred(): Promise<void>;
}

type ClaimArgs = { now: number; until: number; limit: number };

/** The claim of one dialect, compiled once: the worker claims after every post that writes an outbox row. */
function claimStatement(dialect: "sqlite" | "postgres") {
  return new Prepared<ClaimArgs, DeliveryRow>((db, arg) => {
    const now = arg("now");
    const claimable = sql<boolean>`((state = 'pending' and due_at <= ${now}) or (state = 'claimed' and claimed_until <= ${now}))`;
    // PostgreSQL may re-run an `IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` subquery per outer row (a
    // semi-join rescan) and so claim far more than n rows; `= ANY(ARRAY(…))` runs it exactly once.
    // Per-recipient rows first; a room row (the next expansion page) only when they run short. So a big
    // @all keeps at most one page + one claim batch of undelivered rows: bounded rows and memory. One
    // statement: the order puts room rows last, so they fill only what per-recipient rows left.
    const ids = db
      .selectFrom("deliveries")
      .select("id")
      .where(claimable)
      .orderBy(sql`kind = 'room'`)
      .orderBy("due_at")
      .limit(arg("limit"));
    if (dialect === "postgres")
      return db
        .updateTable("deliveries")
        .set({ state: "claimed", claimed_until: arg("until"), updated_at: now })
        .where(picked(dialect, ids.forUpdate().skipLocked()))
        .where(claimable)
        .returningAll();
    // SQLite: the subquery and the update are one statement of one write transaction, and SQLite writes one
    // transaction at a time, so the rows picked are still claimable when updated. Without the condition
    // again the update finds them by primary key, instead of searching the due index a second time (an OR of
    // two ranges) and testing each claimable row against the list.
    return db
      .updateTable("deliveries")
      .set({ state: "claimed", claimed_until: arg("until"), updated_at: now })
      .where(picked(dialect, ids))
      .returningAll();
  });
}

const picked = (dialect: "sqlite" | "postgres", ids: Expression<{ id: string }>) =>
  dialect === "postgres" ? sql<boolean>`id = any(array(${ids}))` : sql<boolean>`id in (${ids})`;

/** PostgreSQL claims with PG_CLAIM_PAGE: the same claim, and the page of its rows. */
const sqliteClaim = claimStatement("sqlite");

const CLAIMABLE = "((state = 'pending' and due_at <= $1) or (state = 'claimed' and claimed_until <= $1))";
/** Keys of the page of a claim's rows: what runPushRows reads for its message pushes and subscriptions. */
const pushOnly = (col: string) =>
  `array_agg(distinct ${col}) filter (where kind = 'push' and ${col} is not null)`;
const claimPage = pgPage({
  users: "(select users from claim_keys)::text[]",
  messages: "(select messages from claim_keys)::text[]",
  rooms: "(select rooms from claim_keys)::text[]",
  roots: "(select roots from claim_keys)::text[]",
  subscribers: "(select subscribers from claim_keys)::text[]",
});
/**
 * PostgreSQL: the claim and the page of the rows it claims in ONE statement — a keyword hit's push was a claim,
 * then a page read, two round trips on the connections the posts use. The rows come back as a JSON array too.
 * The same claim as claimStatement's, written out: FOR UPDATE SKIP LOCKED in `= any(array(…))` (run once).
 * It also stores the drops the previous pass left ($4–$7: state, reason, time, ids; an empty list stores
 * nothing; they are left out of the claim, as PostgreSQL would apply only one of two updates of a row in one
 * statement), and reads what the next-due read after the pass would answer when every row it claims ends as a
 * drop: the earliest pending row and lease end, leaving out the rows it claims (pending in its snapshot) and the
 * drops it stores (claimed in its snapshot). So a keyword hit's push to a user without a device is one statement
 * while posts keep coming, instead of the claim and then the drop with that read.
 */
const PG_CLAIM_PAGE = `with settled as (
  update deliveries set state = $4, reason = $5, claimed_until = null, attempt_at = null, updated_at = $6
  where id = any($7::text[]) and state = 'claimed'),
claimed as (
  update deliveries set state = 'claimed', claimed_until = $2, updated_at = $1
  where id = any(array(
      select id from deliveries where ${CLAIMABLE} and id <> all($7::text[])
      order by kind = 'room', due_at limit $3 for update skip locked))
    and ${CLAIMABLE}
  returning *),
claim_keys as (select
    ${pushOnly("user_id")} as users,
    ${pushOnly("message_id")} as messages,
    ${pushOnly("room_id")} as rooms,
    ${pushOnly("thread_root_id")} as roots,
    array_agg(distinct user_id) filter (where kind in ('push', 'clear', 'call') and user_id is not null)
      as subscribers
  from claimed),
${claimPage.ctes}
select (select coalesce(json_agg(c), '[]') from claimed c) as rows, ${claimPage.columns},
  (select min(due_at) from deliveries
    where state = 'pending' and id not in (select id from claimed)) as next_pending,
  (select min(claimed_until) from deliveries
    where state = 'claimed' and id <> all($7::text[]) and id not in (select id from claimed)) as next_lease`;
namedStatement(PG_CLAIM_PAGE);

/** The page a PostgreSQL claim read with its rows (by the array claim() answered). */
const claimedPages = new WeakMap<readonly DeliveryRow[], Page>();

/** The page read with these claimed rows, when the claim read one (PostgreSQL) and they are its own array. */
export function pageOfClaim(rows: readonly DeliveryRow[]): Page | undefined {
  return claimedPages.get(rows);
}

// Two scalar subqueries, each an index search on deliveries_due (state, due_at): an aggregate with FILTER read
// every row of the table, sent and dropped ones included, on each pass.
const nextDue = new Prepared<Record<string, never>, { pending: number | null; lease: number | null }>((db) =>
  db.selectNoFrom((eb) => [
    eb
      .selectFrom("deliveries")
      .select((e) => e.fn.min("due_at").as("v"))
      .where("state", "=", "pending")
      .as("pending"),
    eb
      .selectFrom("deliveries")
      .select((e) => e.fn.min("claimed_until").as("v"))
      .where("state", "=", "claimed")
      .as("lease"),
  ]),
);

/**
 * PostgreSQL: one group of settled outcomes and the next due time in ONE statement — a keyword hit's push to a
 * user without a device ended its pass with the drop's UPDATE and then this read. The rows settled here are
 * claimed in the read's snapshot (a data-modifying CTE's writes are not seen by its own statement): their lease
 * is left out by id. Pending rows are not touched by it.
 */
const PG_SETTLE_NEXT_DUE = `with settled as (
  update deliveries set state = $1, reason = $2, claimed_until = null, attempt_at = null, updated_at = $3
  where id = any($4::text[]) and state = 'claimed')
select (select min(due_at) from deliveries where state = 'pending') as pending,
  (select min(claimed_until) from deliveries where state = 'claimed' and id <> all($4::text[])) as lease`;
namedStatement(PG_SETTLE_NEXT_DUE);

const earliest = (r: { pending: number | null; lease: number | null } | undefined) => {
  const vals = [r?.pending, r?.lease].filter((v) => v !== null && v !== undefined).map(Number);
  return vals.length ? Math.min(...vals) : null;
};

/** RETURNING's order is not the subquery's: per-recipient rows first, as claimed. */
const byClaimOrder = (rows: DeliveryRow[]) =>
  rows.sort(
    (a, b) => Number(a.kind === "room") - Number(b.kind === "room") || Number(a.due_at) - Number(b.due_at),
  );

/** Drops of one state and reason, as OutcomeBuffer groups them. */
type Group = { state: Outcome; reason: string | null; now: number; ids: string[] };

/** SQLite's next due time leaving out the leases of drops kept for the next claim (their ids, a JSON array). */
const SQLITE_NEXT_DUE = `select (select min(due_at) from deliveries where state = 'pending') as pending,
  (select min(claimed_until) from deliveries
    where state = 'claimed' and id not in (select value from json_each(?))) as lease`;

export function sqlQueue(db: Db, dialect: "sqlite" | "postgres", leaseMs: number): Queue {
  /** Drops of the last pass, stored by the next claim (or storeDeferred). */
  let deferred: Group | null = null;
  /** PostgreSQL: the last claim's rows, whether all were message pushes, and the next due time it read. */
  let lastClaim: { ids: readonly string[]; pushes: boolean; next: number | null } | null = null;

  const take = (): Group | null => {
    const g = deferred;
    deferred = null;
    return g;
  };

  async function claimPg(now: number, limit: number): Promise<DeliveryRow[]> {
    const g = take();
    lastClaim = null;
    let r: {
      rows: (Page & { rows: DeliveryRow[]; next_pending: number | null; next_lease: number | null })[];
    };
    try {
      r = await db.executeQuery(
        CompiledQuery.raw(PG_CLAIM_PAGE, [
          now,
          now + leaseMs,
          limit,
          g?.state ?? "dropped",
          g?.reason ?? null,
          g?.now ?? now,
          g?.ids ?? [],
        ]),
      );
    } catch (err) {
      deferred ??= g; // not stored: the next claim (or storeDeferred) tries again
      throw err;
    }
    const { rows, next_pending, next_lease, ...page } = r.rows[0];
    const sorted = byClaimOrder(rows);
    claimedPages.set(sorted, page);
    lastClaim = {
      ids: sorted.map((x) => x.id),
      pushes: sorted.every((x) => x.kind === "push"),
      next: earliest({ pending: next_pending, lease: next_lease }),
    };
    return sorted;
  }

  async function claimSqlite(now: number, limit: number): Promise<DeliveryRow[]> {
    const args = { now, until: now + leaseMs, limit };
    const g = take();
    if (!g) return byClaimOrder(await sqliteClaim.rows(db, args));
    // One write transaction instead of two: SQLite commits (writes the pages of) the drop and the claim once.
    try {
      return byClaimOrder(
        await db.transaction().execute(async (trx) => {
          await finish(trx, g.ids, g.state, g.reason, g.now);
          return sqliteClaim.rows(trx, args);
        }),
      );
    } catch (err) {
      deferred ??= g;
      throw err;
    }
  }

  return {
    claim: (now, limit) => (dialect === "postgres" ? claimPg(now, limit) : claimSqlite(now, limit)),
    async claimUser(userId, kinds, now, channel) {
      let ids = db
        .selectFrom("deliveries")
        .select("id")
        .where("user_id", "=", userId)
        .where("kind", "in", kinds)
        .where("state", "=", "pending");
      if (channel) ids = ids.where("channel", "=", channel);
      if (dialect === "postgres") ids = ids.forUpdate().skipLocked();
      return db
        .updateTable("deliveries")
        .set({ state: "claimed", claimed_until: now + leaseMs, updated_at: now })
        .where(picked(dialect, ids))
        .where("state", "=", "pending")
        .returningAll()
        .execute();
    },
    async nextDueAt(settled) {
      const groups = settled?.take() ?? [];
      const kept = take();
      if (kept) groups.unshift(kept);
      if (dialect === "postgres" && groups.length === 1) {
        const g = groups[0];
        const r = await db.executeQuery<{ pending: number | null; lease: number | null }>(
          CompiledQuery.raw(PG_SETTLE_NEXT_DUE, [g.state, g.reason, g.now, g.ids]),
        );
        return earliest(r.rows[0]);
      }
      for (const g of groups) await finish(db, g.ids, g.state, g.reason, g.now);
      return earliest(await nextDue.first(db, {}));
    },
    async settle(settled) {
      for (const g of settled.take()) await finish(db, g.ids, g.state, g.reason, g.now);
    },
    async deferSettled(settled) {
      const groups = settled.peek();
      // Only one group rides on a claim, and only when nothing is kept yet (a claim took the last ones).
      if (groups.length !== 1 || deferred) return this.nextDueAt(settled);
      const g = groups[0];
      if (dialect === "postgres") {
        // The last claim's read holds only when each row it claimed is a message push and one of these drops:
        // nothing it claimed was released to wait or sent, and no job claimed or wrote rows after it (an
        // email pass claims the user's other rows, an expansion writes rows); the rows of earlier claims of
        // the pass were settled before it read.
        const dropped = new Set(g.ids);
        const allDropped = lastClaim?.pushes && lastClaim.ids.every((id) => dropped.has(id));
        if (!lastClaim || !allDropped) return this.nextDueAt(settled);
        deferred = settled.take()[0];
        return lastClaim.next;
      }
      deferred = settled.take()[0];
      const r = await db.executeQuery<{ pending: number | null; lease: number | null }>(
        CompiledQuery.raw(SQLITE_NEXT_DUE, [JSON.stringify(deferred.ids)]),
      );
      return earliest(r.rows[0]);
    },
    get hasDeferred() {
      return deferred !== null;
    },
    async storeDeferred() {
      const g = take();
      if (g) await finish(db, g.ids, g.state, g.reason, g.now);
    },
  };
}

type FinishArgs = { id: string; state: Outcome; reason: string | null; now: number };

/** finish() of one row, compiled once: most rows are settled one at a time. */
const finishOne = new Prepared<FinishArgs, unknown>((db, arg) =>
  db
    .updateTable("deliveries")
    .set({
      state: arg("state"),
      reason: arg("reason"),
      claimed_until: null,
      attempt_at: null,
      updated_at: arg("now"),
    })
    .where("id", "=", arg("id"))
    .where("state", "=", "claimed"),
);

/** Finishing updates only touch rows still claimed: a row dropped meanwhile (TRG-3, PSH-3) stays dropped. */
export async function finish(
  db: Exec,
  ids: string[],
  state: "sent" | "dropped" | "failed",
  reason: string | null,
  now: number,
): Promise<void> {
  if (ids.length === 1) {
    await finishOne.run(db, { id: ids[0], state, reason, now });
    return;
  }
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable("deliveries")
      .set({ state, reason, claimed_until: null, attempt_at: null, updated_at: now })
      .where("id", "in", ids.slice(i, i + 500))
      .where("state", "=", "claimed")
      .execute();
  }
}

type Outcome = "sent" | "dropped" | "failed";

/**
 * Outcomes of one chunk of sends, stored in ONE transaction once the chunk is over instead of one autocommit
 * UPDATE per row (a WAL commit each on SQLite: it was the largest statement cost of a big fan-out). Crash
 * semantics are unchanged: the chunk's attempt marks were committed before it started, so a kill before the
 * flush is a kill mid-send — its pushes go again (PSH-7), its emails are settled unsent (EML-7).
 */
export class OutcomeBuffer {
  readonly #groups = new Map<string, { state: Outcome; reason: string | null; now: number; ids: string[] }>();

  get empty(): boolean {
    return this.#groups.size === 0;
  }

  /** Grouped by state and reason (one UPDATE each); `updated_at` is the group's latest outcome time. */
  add(ids: string[], state: Outcome, reason: string | null, now: number): void {
    const k = `${state}\u0000${reason ?? "\u0001"}`;
    const g = this.#groups.get(k);
    if (g) {
      g.ids.push(...ids);
      g.now = Math.max(g.now, now);
    } else this.#groups.set(k, { state, reason, now, ids: [...ids] });
  }

  /** The groups, still held here. */
  peek(): readonly { state: Outcome; reason: string | null; now: number; ids: readonly string[] }[] {
    return [...this.#groups.values()];
  }

  /** The groups, forgotten here: the caller stores them. */
  take(): { state: Outcome; reason: string | null; now: number; ids: string[] }[] {
    const groups = [...this.#groups.values()];
    this.#groups.clear();
    return groups;
  }

  async flush(db: Db): Promise<void> {
    if (this.empty) return;
    await db.transaction().execute((trx) => this.write(trx));
  }

  /** Writes (and forgets) the outcomes inside the caller's transaction. */
  async write(trx: Exec): Promise<void> {
    for (const g of this.take()) await finish(trx, g.ids, g.state, g.reason, g.now);
  }
}

/** finish(), deferred to the end of the running chunk of sends when there is one (sendMarked). */
export async function finishSend(
  ctx: { db: Db; outcomes?: OutcomeBuffer },
  ids: string[],
  state: Outcome,
  reason: string | null,
  now: number,
): Promise<void> {
  if (ctx.outcomes) ctx.outcomes.add(ids, state, reason, now);
  else await finish(ctx.db, ids, state, reason, now);
}

/**
 * finish() of rows that sent nothing (a drop), deferred to the end of the scheduler's pass when it runs one
 * (`settled`): stored there with the next-due read. A crash before that leaves them claimed until their lease
 * ends; they are then decided again, and nothing had been sent.
 */
export async function finishLater(
  ctx: { db: Db },
  settled: OutcomeBuffer | undefined,
  ids: string[],
  state: Outcome,
  reason: string | null,
  now: number,
): Promise<void> {
  if (settled) settled.add(ids, state, reason, now);
  else await finish(ctx.db, ids, state, reason, now);
}

/** Back to pending: wait (until `dueAt`) or retry (attempts counted). */
export async function release(
  db: Exec,
  row: DeliveryRow,
  dueAt: number,
  now: number,
  opts: { payload?: Payload; attempt?: boolean; reason?: string | null; keepAttemptMark?: boolean } = {},
): Promise<void> {
  await db
    .updateTable("deliveries")
    .set({
      state: "pending",
      due_at: dueAt,
      claimed_until: null,
      updated_at: now,
      // An unexpected error after a send may have left: keep the mark, so it counts as interrupted (attempts.ts).
      ...(opts.keepAttemptMark ? {} : { attempt_at: null }),
      ...(opts.payload ? { payload: JSON.stringify(opts.payload) } : {}),
      ...(opts.attempt
        ? { attempts: row.attempts + 1, first_try_at: row.first_try_at ?? now, reason: opts.reason ?? null }
        : {}),
    })
    .where("id", "=", row.id)
    .where("state", "=", "claimed")
    .execute();
}
