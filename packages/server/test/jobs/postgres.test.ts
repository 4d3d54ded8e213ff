// Two workers claiming the same outbox at once on PostgreSQL (claims with FOR UPDATE SKIP LOCKED; the scheduler
// suites themselves run on PostgreSQL in the store matrix, test/helpers/matrix.ts). Required when CI=true;
// skipped with a message elsewhere when PostgreSQL is unreachable.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Queue } from "../../src/jobs/queue.ts";
import { sqlQueue } from "../../src/jobs/queue.ts";
import { Scheduler } from "../../src/jobs/scheduler.ts";
import { pgAvailable } from "../store/pg.ts";
import { bulkMembers } from "./bulk.ts";
import { jobsFixture } from "./fixture.ts";

const available = await pgAvailable();

describe(
  "scheduler suites on PostgreSQL",
  { skip: available ? false : "PostgreSQL unreachable" },
  async () => {
    process.env.HERALD_TEST_STORE = "postgres";

    test("[ARCH] two workers claiming the same outbox concurrently never send twice (SKIP LOCKED)", async () => {
      const f = await jobsFixture();
      try {
        assert.equal(f.h.services.store.dialect, "postgres");
        const db = f.h.services.store.db;
        const alice = await f.h.user("member");
        const room = await f.room(alice, [await f.h.user("member")]);
        const N = 600;
        const subs = Array.from({ length: N }, () => f.peer.subscribe());
        await bulkMembers(db, room, N, f.h.clock.now(), { subs });
        const msg = await f.post(alice, room, "@all deploy at noon");
        const counted = (q: Queue, tally: { rows: number }): Queue => ({
          ...q,
          async claim(now, limit) {
            // Small claims, so the two workers interleave on the same rows.
            const rows = await q.claim(now, Math.min(limit, 50));
            tally.rows += rows.length;
            return rows;
          },
        });
        const a = { rows: 0 };
        const b = { rows: 0 };
        const w1 = new Scheduler({
          ctx: f.s.ctx,
          queue: counted(sqlQueue(db, "postgres", 60_000), a),
          timer: null,
        });
        const w2 = new Scheduler({
          ctx: f.s.ctx,
          queue: counted(sqlQueue(db, "postgres", 60_000), b),
          timer: null,
        });
        const open = async () =>
          Number(
            (
              await db
                .selectFrom("deliveries")
                .select(({ fn }) => fn.countAll().as("n"))
                .where("state", "in", ["pending", "claimed"])
                .executeTakeFirstOrThrow()
            ).n,
          );
        // Each worker keeps passing until the outbox is empty, like two worker processes woken together.
        const work = async (w: Scheduler) => {
          for (let i = 0; i < 500 && (await open()) > 0; i++) {
            await w.tick();
            await new Promise((r) => setTimeout(r, 2));
          }
        };
        await Promise.all([work(w1), work(w2)]);
        const per = new Map<string, number>();
        for (const p of f.peer.received)
          if ((p.json as { id?: string }).id === msg)
            per.set(p.subscriptionId, (per.get(p.subscriptionId) ?? 0) + 1);
        assert.equal(per.size, N, "every member reached");
        assert.equal(Math.max(...per.values()), 1, "no push twice");
        console.log(`# worker 1 claimed ${a.rows} rows, worker 2 ${b.rows}`);
        assert.ok(a.rows > 0 && b.rows > 0, "both workers took part");
      } finally {
        await f.close();
      }
    });
  },
);
