// The DecisionRecorder and DecisionReader over the SQL store (SQLite or PostgreSQL, through Kysely).
// `record` only appends to a memory buffer; a timer (or a full buffer) flushes it as multi-row INSERTs.
// A failing write is logged and its rows dropped: explain then rebuilds those answers from current state,
// which is better than a message post failing or the buffer growing without bound while the database is down.
import type { WaitFacts } from "@herald/core";
import type { Kysely } from "kysely";
import type { DecisionsTable } from "../store/schema/decisions.ts";
import type { Database } from "../store/schema.ts";
import type {
  DecisionEntry,
  DecisionEventKind,
  DecisionReader,
  DecisionRecorder,
  DecisionTrigger,
  Reason,
  StoredDecision,
} from "./recorder.ts";

export interface RecorderLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SqlRecorderOptions {
  db: Kysely<Database>;
  log?: RecorderLogger;
  /** Delay between the first buffered entry and its flush. */
  flushAfterMs?: number;
  /** Rows per INSERT statement (10 parameters each). */
  batchRows?: number;
  /** Entries kept while the database is slow or down; past it new entries are dropped (and counted). */
  maxBuffered?: number;
}

const consoleLog: RecorderLogger = {
  error: (obj, msg) => console.error(msg, obj),
  warn: (obj, msg) => console.warn(msg, obj),
};

export class SqlDecisionRecorder implements DecisionRecorder, DecisionReader {
  readonly #db: Kysely<Database>;
  readonly #log: RecorderLogger;
  readonly #flushAfterMs: number;
  readonly #batchRows: number;
  readonly #maxBuffered: number;
  #buffer: DecisionsTable[] = [];
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();
  /** Entries lost to a full buffer or a failed write since start (exposed for metrics and tests). */
  dropped = 0;

  constructor(opts: SqlRecorderOptions) {
    this.#db = opts.db;
    this.#log = opts.log ?? consoleLog;
    this.#flushAfterMs = opts.flushAfterMs ?? 100;
    this.#batchRows = opts.batchRows ?? 500;
    this.#maxBuffered = opts.maxBuffered ?? 100_000;
  }

  record(entries: readonly DecisionEntry[]): void {
    try {
      for (const e of entries) {
        if (this.#buffer.length >= this.#maxBuffered) {
          this.dropped++;
          continue;
        }
        this.#buffer.push(toRow(e));
      }
      if (this.#buffer.length >= this.#batchRows) void this.flush();
      else this.#arm();
    } catch (err) {
      // A malformed entry from a caller must not reach the caller's hot path as an exception.
      this.#log.error({ err }, "decision recorder: bad entry");
    }
  }

  /** Writes what is buffered now; concurrent calls queue behind each other so rows keep their order. */
  flush(): Promise<void> {
    this.#disarm();
    const rows = this.#buffer;
    this.#buffer = [];
    this.#flushing = this.#flushing.then(() => this.#write(rows));
    return this.#flushing;
  }

  async close(): Promise<void> {
    await this.flush();
  }

  async forEvent(eventKind: DecisionEventKind, eventId: string, userId: string): Promise<StoredDecision[]> {
    const rows = await this.#db
      .selectFrom("decisions")
      .selectAll()
      .where("event_id", "=", eventId)
      .where("event_kind", "=", eventKind)
      .where((w) => w.or([w("user_id", "=", userId), w("user_id", "is", null)]))
      .execute();
    // By time; at one instant the member's own rows before the aggregates (insertion order is not kept by SQL).
    return rows
      .map(fromRow)
      .sort((a, b) => a.at - b.at || Number(a.userId === null) - Number(b.userId === null));
  }

  /** Deletes decisions older than `before` (ms); returns how many rows went. Run by the worker, e.g. daily. */
  async prune(before: number): Promise<number> {
    const r = await this.#db.deleteFrom("decisions").where("at", "<", before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async #write(rows: DecisionsTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += this.#batchRows) {
      const chunk = rows.slice(i, i + this.#batchRows);
      try {
        await this.#db.insertInto("decisions").values(chunk).execute();
      } catch (err) {
        this.dropped += chunk.length;
        this.#log.error({ err, rows: chunk.length }, "decision recorder: insert failed, rows dropped");
      }
    }
  }

  #arm(): void {
    if (this.#timer || this.#buffer.length === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, this.#flushAfterMs);
    // Never keep the process alive for a pending flush; close() flushes on shutdown.
    this.#timer.unref();
  }

  #disarm(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

function toRow(e: DecisionEntry): DecisionsTable {
  return {
    event_kind: e.eventKind,
    event_id: e.eventId,
    user_id: e.userId,
    channel: e.channel,
    outcome: e.outcome,
    trigger: e.trigger ?? null,
    // Rule IDs alone in `rules` (queryable); each reason's words and wait facts, as data, in `facts`.
    rules: JSON.stringify(e.reasons.map((r) => r.rule)),
    facts: JSON.stringify(e.reasons.map((r) => (r.wait ? { fact: r.fact, wait: r.wait } : { fact: r.fact }))),
    count: e.count ?? 1,
    at: e.at,
  };
}

function fromRow(r: DecisionsTable): StoredDecision {
  return {
    eventKind: r.event_kind,
    eventId: r.event_id,
    userId: r.user_id,
    channel: r.channel,
    outcome: r.outcome as StoredDecision["outcome"],
    trigger: r.trigger as DecisionTrigger | null,
    reasons: parseReasons(r.rules, r.facts),
    count: Number(r.count),
    at: Number(r.at),
  };
}

/** The stored reasons, paired back by position; rows written before the facts were objects hold strings. */
function parseReasons(rulesJson: string, factsJson: string): Reason[] {
  const rules: unknown = JSON.parse(rulesJson);
  const facts: unknown = JSON.parse(factsJson);
  if (!Array.isArray(rules)) return [];
  const list = Array.isArray(facts) ? facts : [];
  return rules.map((rule, i) => {
    const f: unknown = list[i];
    if (typeof f === "string") return { rule: String(rule), fact: f };
    if (f && typeof f === "object") {
      const o = f as { fact?: unknown; wait?: unknown };
      const reason: Reason = { rule: String(rule), fact: typeof o.fact === "string" ? o.fact : "" };
      if (isWait(o.wait)) reason.wait = o.wait;
      return reason;
    }
    return { rule: String(rule), fact: "" };
  });
}

const WAIT_KINDS = new Set(["inactivity", "offline", "quiet_hours", "batch_window"]);
function isWait(v: unknown): v is WaitFacts {
  return !!v && typeof v === "object" && WAIT_KINDS.has(String((v as { kind?: unknown }).kind));
}
