// The worker loop: claims due rows in batches and hands them to their job; then arms ONE timer at the
// earliest due time (so a push goes out the moment PSH-2 allows it, not on a polling interval), plus a slow
// safety sweep. Wake-ups (presence crossings, reads, settings, new rows) make it run at once.
import type { Timer, TimerHandle } from "../gateway/ports.ts";
import { IN_FLIGHT, isInterrupted, RESEND_REASON, resendsAfterCrash, settleInterrupted } from "./attempts.ts";
import { runContactRows } from "./contact.ts";
import { Decisions, type JobContext } from "./context.ts";
import { runBatchRows, runEmailRows } from "./email.ts";
import { expandRoomRow } from "./expand.ts";
import { runMailRows } from "./mail.ts";
import { runPushRows } from "./push.ts";
import { OutcomeBuffer, pageOfClaim, type Queue } from "./queue.ts";
import type { DeliveryRow } from "./rows.ts";
import { runSupportRows } from "./support.ts";

export const CLAIM_BATCH = 200;

/** Rows per claim: at least two windows of sends, so a large HERALD_PUSH_IN_FLIGHT is not cut short by the
 *  claim (each claimed batch ends with its last sends' round trip). */
export const claimSize = (pushInFlight = IN_FLIGHT) => Math.max(CLAIM_BATCH, 2 * pushInFlight);
export const SAFETY_SWEEP_MS = 30_000;
/**
 * A pass's drops (rows that sent nothing) are stored by the next pass's claim, in its statement or transaction,
 * or at the latest this long after the pass: the decision recorder's own delay (decisions/sql-recorder.ts), so
 * explain's view of a row lags its recorded decision by no more than before. While posts keep coming a hit's
 * push without a device costs one statement (the claim), not two. Nothing waits for it: a push still goes out
 * the moment its pass runs, and a crash before the drop is stored leaves the row claimed until its lease ends,
 * then decided again (nothing had been sent).
 */
export const STORE_DROPS_WITHIN_MS = 100;

export interface SchedulerOptions {
  ctx: JobContext;
  queue: Queue;
  /** Real timers in production; null in tests that call tick() themselves. */
  timer: Timer | null;
  /** Refreshes per-pass state before each pass; `settingsChanged`: admin settings were written since. */
  refresh?(settingsChanged: boolean): Promise<void>;
}

export class Scheduler {
  readonly #o: SchedulerOptions;
  #timer: TimerHandle | null = null;
  #sweep: TimerHandle | null = null;
  /** Stores the drops a pass left for the next claim, when no claim came within STORE_DROPS_WITHIN_MS. */
  #dropsTimer: TimerHandle | null = null;
  #running: Promise<number> | null = null;
  /** The last pass with its arm (and the storing of its drops). */
  #done: Promise<number> | null = null;
  #again = false;
  /** Admin settings changed (workspace event) since the last refresh; starts true so the first pass loads. */
  #settingsStale = true;
  /** Timers and pokes only act once started (the worker role); tests drive tick() themselves. */
  #stopped = true;

  constructor(options: SchedulerOptions) {
    this.#o = options;
  }

  get ctx(): JobContext {
    return this.#o.ctx;
  }

  start(): void {
    this.#stopped = false;
    this.poke();
    this.#armSweep();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const t = this.#o.timer;
    if (t && this.#timer) t.clearTimeout(this.#timer);
    if (t && this.#sweep) t.clearTimeout(this.#sweep);
    if (t && this.#dropsTimer) t.clearTimeout(this.#dropsTimer);
    this.#dropsTimer = null;
    await this.#running?.catch(() => 0);
    await this.#done?.catch(() => 0);
    await this.#o.queue
      .storeDeferred()
      .catch((err) => this.ctx.log.error({ err }, "scheduler: storing a pass's drops failed"));
  }

  /** The last pass and what followed it (its timer armed, its drops kept or stored) are over. */
  async idle(): Promise<void> {
    await this.#done?.catch(() => 0);
  }

  /** Run soon (new rows, a wake-up). Coalesces: a pass already running runs once more afterwards. */
  poke(): void {
    if (this.#stopped || !this.#o.timer) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    void this.tick().catch((err) => this.ctx.log.error({ err }, "scheduler pass failed"));
  }

  /** PRF-21 / PRV-*: the admin settings were saved; the next pass reloads them, and runs soon. */
  settingsChanged(): void {
    this.#settingsStale = true;
    this.poke();
  }

  /** PRS-7 crossing, read, settings change: the user's waiting rows are decided again now. */
  async wakeUser(userId: string): Promise<void> {
    const now = this.ctx.clock.now();
    await this.ctx.db
      .updateTable("deliveries")
      .set({ due_at: now })
      .where("user_id", "=", userId)
      .where("state", "=", "pending")
      .where("due_at", ">", now)
      .execute();
    this.poke();
  }

  /** One pass: everything due now, batch after batch; then the timer for the next due row. */
  tick(): Promise<number> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    // Drops of the pass (rows that sent nothing), stored with the next-due read that arms the timer.
    const settled = new OutcomeBuffer();
    const run = (async () => {
      let total = 0;
      do {
        this.#again = false;
        const stale = this.#settingsStale;
        this.#settingsStale = false; // cleared first: a change during the reload is seen next pass
        await this.#o.refresh?.(stale);
        const limit = claimSize(this.ctx.pushInFlight);
        for (;;) {
          const rows = await this.#o.queue.claim(this.ctx.clock.now(), limit);
          if (rows.length === 0) break;
          total += rows.length;
          await this.#dispatch(rows, settled);
          // A short batch of message pushes was all that was due: no second claim to learn that (a push job
          // writes no new row; a post during it pokes, #again). Expansions and email passes write rows due
          // now, which the next claim of this pass takes.
          if (rows.length < limit && rows.every((r) => r.kind === "push")) break;
        }
      } while (this.#again && !this.#stopped);
      return total;
    })();
    this.#running = run;
    const done = run.finally(async () => {
      this.#running = null;
      await this.#arm(settled).catch((err) => this.ctx.log.error({ err }, "scheduler arm failed"));
    });
    this.#done = done;
    return done;
  }

  nextDueAt(): Promise<number | null> {
    return this.#o.queue.nextDueAt();
  }

  async #dispatch(rows: DeliveryRow[], settled: OutcomeBuffer): Promise<void> {
    // The page the claim read with the rows (PostgreSQL), used only when nothing runs before the pushes but
    // settling interrupted emails: an expansion first would leave its facts older than a read made after it.
    const page = rows.some((r) => r.kind === "room") ? undefined : pageOfClaim(rows);
    const d = new Decisions(this.ctx);
    // A send under way when its worker died: a push goes again (PSH-7), an email is settled unsent (EML-7).
    const broken: DeliveryRow[] = [];
    const live: DeliveryRow[] = [];
    for (const r of rows) {
      if (!isInterrupted(r)) live.push(r);
      else if (!resendsAfterCrash(r)) broken.push(r);
      else {
        this.ctx.log.warn({ delivery: r.id, kind: r.kind }, RESEND_REASON);
        live.push(r);
      }
    }
    const of = (...kinds: string[]) => live.filter((r) => kinds.includes(r.kind));
    try {
      await settleInterrupted(this.ctx, broken, d);
      for (const room of of("room")) await expandRoomRow(this.ctx, room, d);
      const push = of("push", "clear", "call");
      if (push.length) await runPushRows(this.ctx, push, d, page, settled);
      const email = of("email");
      if (email.length) await runEmailRows(this.ctx, this.#o.queue, email, d);
      const batches = of("batch");
      if (batches.length) await runBatchRows(this.ctx, batches, d);
      const support = of("support");
      if (support.length) await runSupportRows(this.ctx, this.#o.queue, support, d);
      const mails = of("mail");
      if (mails.length) await runMailRows(this.ctx, mails);
      const contact = of("contact");
      if (contact.length) await runContactRows(this.ctx, contact, d);
    } finally {
      d.flush();
    }
  }

  async #arm(settled: OutcomeBuffer): Promise<void> {
    const t = this.#o.timer;
    if (!t || this.#stopped) {
      await this.#o.queue.settle(settled);
      return;
    }
    if (this.#timer) t.clearTimeout(this.#timer);
    this.#timer = null;
    const next = await this.#o.queue.deferSettled(settled);
    this.#armDrops();
    if (next === null) return;
    // Capped: the sweep re-arms anyway, and Node timers overflow past 2^31 ms.
    const delay = Math.min(Math.max(0, next - this.ctx.clock.now()), 24 * 3600_000);
    this.#timer = t.setTimeout(() => {
      this.#timer = null;
      this.poke();
    }, delay);
  }

  /** The drops kept for the next claim are stored within STORE_DROPS_WITHIN_MS of the pass, by it or by this
   *  timer (re-armed by each pass: a claim stored the earlier pass's drops). */
  #armDrops(): void {
    const t = this.#o.timer;
    if (!t) return;
    if (this.#dropsTimer) t.clearTimeout(this.#dropsTimer);
    this.#dropsTimer = null;
    if (!this.#o.queue.hasDeferred) return;
    this.#dropsTimer = t.setTimeout(() => {
      this.#dropsTimer = null;
      if (this.#stopped) return;
      void this.#o.queue
        .storeDeferred()
        .catch((err) => this.ctx.log.error({ err }, "scheduler: storing a pass's drops failed"));
    }, STORE_DROPS_WITHIN_MS);
  }

  #armSweep(): void {
    const t = this.#o.timer;
    if (!t || this.#stopped) return;
    this.#sweep = t.setTimeout(() => {
      this.poke();
      this.#armSweep();
    }, SAFETY_SWEEP_MS);
  }
}
