// The SQL DecisionRecorder (EXP-3) against both stores: batched, compact, and never failing its caller.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DecisionBatch } from "../../src/decisions/batch.ts";
import type { DecisionEntry } from "../../src/decisions/recorder.ts";
import { SqlDecisionRecorder } from "../../src/decisions/sql-recorder.ts";
import { dropPgSchema, openStore, type Store } from "../../src/store/db.ts";
import { migrateToLatest } from "../../src/store/migrator.ts";
import { PG_URL, pgSkipReason, uniqueSchema } from "./pg-available.ts";

const quietLog = { error: () => {}, warn: () => {} };

function contract(name: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>) {
  describe(`decision recorder on ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    before(async () => {
      ({ store, cleanup } = await open());
      await migrateToLatest(store.db);
    });
    after(async () => {
      await store.close();
      await cleanup();
    });

    test("[EXP-3] a member's entries and the event's aggregates read back in order, with rules and facts", async () => {
      const rec = new SqlDecisionRecorder({ db: store.db, log: quietLog });
      const batch = new DecisionBatch("message", "m1", 1000)
        .member("u1", "banner", "delivered", {
          trigger: "mention",
          reasons: [
            { rule: "TRG-1", fact: "@u1" },
            { rule: "DSK-1", fact: "" },
          ],
        })
        .nothing("banner", "skipped", { reasons: [{ rule: "DSK-1", fact: "not connected at fan-out" }] }, 3)
        .nothing("banner", "skipped", { reasons: [{ rule: "DSK-1", fact: "not connected at fan-out" }] }, 2);
      rec.record(batch.entries());
      await rec.close();
      const rows = await rec.forEvent("message", "m1", "u1");
      assert.equal(rows.length, 2);
      assert.deepEqual(rows[0], {
        eventKind: "message",
        eventId: "m1",
        userId: "u1",
        channel: "banner",
        outcome: "delivered",
        trigger: "mention",
        reasons: [
          { rule: "TRG-1", fact: "@u1" },
          { rule: "DSK-1", fact: "" },
        ],
        count: 1,
        at: 1000,
      });
      assert.equal(rows[1].userId, null);
      assert.equal(rows[1].count, 5);
      assert.deepEqual(await rec.forEvent("message", "m1", "u2").then((r) => r.map((x) => x.userId)), [null]);
      assert.deepEqual(await rec.forEvent("support", "m1", "u1"), []);
    });

    test("[EXP-1] a wait's facts are stored as data and read back as they were recorded", async () => {
      const rec = new SqlDecisionRecorder({ db: store.db, log: quietLog });
      const wait = {
        kind: "inactivity" as const,
        thresholdMs: 60_000,
        lastActivityAt: 988_000,
        lastActivityDevice: "web" as const,
        autoAway: true,
        lockedSince: null,
        connected: true,
        desktopGoneAt: null,
        dueAt: 1_048_000,
      };
      const held = { kind: "quiet_hours" as const, until: 5_000_000 };
      rec.record(
        new DecisionBatch("message", "w1", 1_000_000)
          .member("u1", "push", "waiting", {
            trigger: "mention",
            reasons: [
              { rule: "PSH-2", fact: "active on web 12 s ago, threshold 60 s, may go in 48 s", wait },
            ],
          })
          .member("u1", "email", "waiting", {
            trigger: "mention",
            reasons: [{ rule: "PSH-9", fact: "quiet hours", wait: held }],
          })
          .entries(),
      );
      await rec.close();
      const rows = await rec.forEvent("message", "w1", "u1");
      assert.deepEqual(rows.find((r) => r.channel === "push")?.reasons, [
        { rule: "PSH-2", fact: "active on web 12 s ago, threshold 60 s, may go in 48 s", wait },
      ]);
      assert.deepEqual(rows.find((r) => r.channel === "email")?.reasons[0].wait, held);
    });

    test("[EXP-3] nothing-for-2,000-members is one row per reason, and large batches are chunked", async () => {
      const rec = new SqlDecisionRecorder({ db: store.db, log: quietLog, batchRows: 7 });
      const batch = new DecisionBatch("message", "big", 2000);
      for (let i = 0; i < 2000; i++) {
        batch.nothing("push", "waiting", {
          trigger: "group",
          reasons: [{ rule: "PSH-2", fact: "deferred for the room" }],
        });
      }
      for (let i = 0; i < 20; i++)
        batch.member(`n${i}`, "banner", "delivered", { reasons: [{ rule: "DSK-1", fact: "" }] });
      rec.record(batch.entries());
      await rec.flush();
      const rows = await store.db.selectFrom("decisions").selectAll().where("event_id", "=", "big").execute();
      assert.equal(rows.length, 21);
      const agg = rows.find((r) => r.user_id === null);
      assert.equal(Number(agg?.count), 2000);
    });

    test("[EXP-3] prune deletes only decisions older than the cut-off", async () => {
      const rec = new SqlDecisionRecorder({ db: store.db, log: quietLog });
      const e = (at: number): DecisionEntry => ({
        eventKind: "message",
        eventId: "old-new",
        userId: "u",
        channel: "inbox",
        outcome: "delivered",
        reasons: [{ rule: "GEN-1", fact: "" }],
        at,
      });
      rec.record([e(10), e(20), e(30)]);
      await rec.flush();
      assert.equal(await rec.prune(25), 2);
      assert.deepEqual(
        (await rec.forEvent("message", "old-new", "u")).map((d) => d.at),
        [30],
      );
    });

    test("[EXP-3] a failing database never throws into the caller; rows are counted as dropped", async () => {
      const failing = await open();
      // No migration ran on this store: every insert fails (no such table).
      const rec = new SqlDecisionRecorder({ db: failing.store.db, log: quietLog });
      assert.doesNotThrow(() =>
        rec.record([
          {
            eventKind: "message",
            eventId: "x",
            userId: null,
            channel: "push",
            outcome: "skipped",
            reasons: [],
            at: 1,
          },
        ]),
      );
      await rec.flush();
      assert.equal(rec.dropped, 1);
      await failing.store.close();
      await failing.cleanup();
    });

    test("[EXP-3] a full buffer drops new entries instead of growing; the timer flushes on its own", async () => {
      const rec = new SqlDecisionRecorder({ db: store.db, log: quietLog, maxBuffered: 2, flushAfterMs: 5 });
      const e: DecisionEntry = {
        eventKind: "call",
        eventId: "c1",
        userId: "u",
        channel: "push",
        outcome: "sent",
        reasons: [],
        at: 5,
      };
      rec.record([e, e, e]);
      assert.equal(rec.dropped, 1);
      // Wait for the timer-driven flush (polling the table, not asserting on time).
      for (let i = 0; i < 200; i++) {
        const n = await store.db
          .selectFrom("decisions")
          .select("event_id")
          .where("event_id", "=", "c1")
          .execute();
        if (n.length === 2) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.equal((await rec.forEvent("call", "c1", "u")).length, 2);
      await rec.close();
    });
  });
}

contract("SQLite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "herald-decisions-"));
  const store = await openStore({ sqlitePath: join(dir, "db.sqlite") });
  return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

const pgSkip = await pgSkipReason();
if (pgSkip) {
  test("decision recorder on PostgreSQL", { skip: pgSkip }, () => {});
} else {
  contract("PostgreSQL", async () => {
    const schema = uniqueSchema("decisions");
    const store = await openStore({ databaseUrl: PG_URL, pgSchema: schema });
    return { store, cleanup: () => dropPgSchema(PG_URL, schema) };
  });
}
