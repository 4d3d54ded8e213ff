// A pass's drops (a keyword hit's push to a user without a device: PSH-1) are stored by the next pass's claim —
// in its statement on PostgreSQL, in its write transaction on SQLite — or by a timer STORE_DROPS_WITHIN_MS after
// the pass, or when the worker stops. So while posts keep coming a hit's worker pass is ONE statement on
// PostgreSQL (it was the claim, then the drop with the next-due read) and ONE write transaction on SQLite (it was
// the claim's, then the drop's). Counted at the drivers: pg's Client.query, node:sqlite's statements.
import assert from "node:assert/strict";
import { StatementSync } from "node:sqlite";
import { after, before, test } from "node:test";
import pg from "pg";
import type { Timer, TimerHandle } from "../../src/gateway/ports.ts";
import { sqlQueue } from "../../src/jobs/queue.ts";
import { SAFETY_SWEEP_MS, Scheduler, STORE_DROPS_WITHIN_MS } from "../../src/jobs/scheduler.ts";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

type Fn = (this: unknown, ...args: unknown[]) => unknown;
/** SQL texts sent while counting: pg statements, or node:sqlite statements run. */
let seen: string[] | null = null;
// Wrapped before any connection exists: a pool client binds the query function it starts with (store/postgres.ts).
const pgProto = pg.Client.prototype as unknown as { query: Fn };
const pgQuery = pgProto.query;
pgProto.query = function (this: unknown, ...args: unknown[]) {
  const q = args[0];
  seen?.push(typeof q === "string" ? q : ((q as { text?: string } | undefined)?.text ?? ""));
  return pgQuery.apply(this, args);
};
const sqliteProto = StatementSync.prototype as unknown as Record<string, Fn>;
const sqliteRuns = Object.fromEntries(["all", "get", "run", "iterate"].map((m) => [m, sqliteProto[m]]));
for (const [m, run] of Object.entries(sqliteRuns))
  sqliteProto[m] = function (this: unknown, ...args: unknown[]) {
    seen?.push((this as { sourceSQL: string }).sourceSQL);
    return run.apply(this, args);
  };

/** What runs while `fn` does, without the decision recorder's batch (its own timer, not the pass's). */
async function statementsOf(fn: () => Promise<void>): Promise<string[]> {
  const out: string[] = [];
  seen = out;
  try {
    await fn();
  } finally {
    seen = null;
  }
  return out
    .map((s) => s.replace(/\s+/g, " ").trim().toLowerCase())
    .filter((s) => !s.startsWith('insert into "decisions"'));
}

/** SQLite's write transactions among `sql`: a begin … commit block, or a write outside one (autocommit). */
function writeTransactions(sql: string[]): number {
  let n = 0;
  let open = false;
  for (const s of sql) {
    if (s.startsWith("begin")) open = true;
    else if (s.startsWith("commit")) {
      open = false;
      n++;
    } else if (!open && /^(with [\s\S]*\)\s*)?(insert|update|delete)\b/.test(s)) n++;
  }
  return n;
}

/** A timer whose callbacks run only when the test fires them. */
function manualTimer() {
  const waiting = new Map<TimerHandle, { fn: () => void; ms: number }>();
  const timer: Timer = {
    setTimeout(fn, ms) {
      const h = {};
      waiting.set(h, { fn, ms });
      return h;
    },
    clearTimeout(h) {
      waiting.delete(h);
    },
  };
  return {
    timer,
    /** Delays armed and not fired or cleared. */
    delays: () => [...waiting.values()].map((w) => w.ms),
    fire(ms: number) {
      for (const [h, w] of waiting)
        if (w.ms === ms) {
          waiting.delete(h);
          w.fn();
        }
    },
  };
}

let f: JobsFixture;
let alice: TestUser;
let dave: TestUser;
let room: string;

before(async () => {
  f = await jobsFixture();
  alice = await f.h.user("member");
  dave = await f.h.user("member"); // no device, no email: a push candidate only, dropped at send time (PSH-1)
  await f.h.services.store.db.updateTable("users").set({ email: null }).where("id", "=", dave.id).execute();
  await f.keywords(dave, ["release"]);
  room = await f.room(alice, [dave]);
  await f.s.tick(); // what the setup left, and the admin settings' reload
});
after(async () => {
  await f.close();
  pgProto.query = pgQuery;
  Object.assign(sqliteProto, sqliteRuns);
});

async function pushRow(messageId: string) {
  const r = await f.h.services.store.db
    .selectFrom("deliveries")
    .select(["state", "reason"])
    .where("message_id", "=", messageId)
    .where("user_id", "=", dave.id)
    .executeTakeFirstOrThrow();
  return { ...r };
}

const DROPPED = { state: "dropped", reason: "PSH-1 no push subscription" };

test("[MEN-4][PSH-1] with its timer, a keyword hit's drop is stored by the next hit's claim: one statement (PostgreSQL) or one write transaction (SQLite) per pass", async () => {
  const db = f.h.services.store.db;
  const pg = f.h.services.store.dialect === "postgres";
  const t = manualTimer();
  const s = new Scheduler({
    ctx: f.s.ctx,
    queue: sqlQueue(db, f.h.services.store.dialect, 60_000),
    timer: t.timer,
  });
  try {
    s.start();
    await s.idle();
    const first = await f.post(alice, room, "the release is out");
    const firstPass = await statementsOf(async () => {
      s.poke();
      await s.idle();
    });
    // Nothing was sent; the drop waits for the next claim, within STORE_DROPS_WITHIN_MS at the latest.
    assert.deepEqual((await pushRow(first)).state, "claimed");
    assert.ok(t.delays().includes(STORE_DROPS_WITHIN_MS), `timers armed: ${t.delays()}`);

    const second = await f.post(alice, room, "the second release is out");
    const secondPass = await statementsOf(async () => {
      s.poke();
      await s.idle();
    });
    assert.deepEqual(await pushRow(first), DROPPED, "the second pass's claim stored the first drop");
    assert.deepEqual((await pushRow(second)).state, "claimed");
    for (const pass of [firstPass, secondPass]) {
      if (pg) {
        assert.equal(pass.length, 1, `the claim alone:\n${pass.join("\n")}`);
        assert.match(pass[0], /^with settled as \( update deliveries .* claimed as \( update deliveries/);
      } else assert.equal(writeTransactions(pass), 1, `one write transaction:\n${pass.join("\n")}`);
    }

    // No claim comes: the timer stores the drop (one statement), and arms nothing more for it.
    const byTimer = await statementsOf(async () => {
      t.fire(STORE_DROPS_WITHIN_MS);
      await new Promise((r) => setTimeout(r, 0));
      while ((await pushRow(second)).state === "claimed") await new Promise((r) => setTimeout(r, 5));
    });
    assert.deepEqual(await pushRow(second), DROPPED);
    assert.equal(byTimer.filter((q) => q.startsWith("update")).length, 1, byTimer.join("\n"));
    assert.deepEqual(
      t.delays().filter((ms) => ms !== SAFETY_SWEEP_MS),
      [],
      "nothing is due, no drop is kept: no timer",
    );
  } finally {
    await s.stop();
  }
});

test("[PSH-1] a drop kept for the next claim is stored when the worker stops", async () => {
  const db = f.h.services.store.db;
  const t = manualTimer();
  const s = new Scheduler({
    ctx: f.s.ctx,
    queue: sqlQueue(db, f.h.services.store.dialect, 60_000),
    timer: t.timer,
  });
  s.start();
  await s.idle();
  const msg = await f.post(alice, room, "the last release is out");
  s.poke();
  await s.idle();
  assert.equal((await pushRow(msg)).state, "claimed");
  await s.stop();
  assert.deepEqual(await pushRow(msg), DROPPED);
});
