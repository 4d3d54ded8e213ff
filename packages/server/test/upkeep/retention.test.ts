// Retention: the worker deletes finished deliveries, decision records, logged emails, expired sessions and inbox
// items past their configured age, in bounded batches, and keeps everything younger (and every delivery still
// waiting, however old). On SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "kysely";
import type { Store } from "../../src/store/db.ts";
import { pruneOnce, type RetentionAges } from "../../src/upkeep/prune.ts";
import { startRetention } from "../../src/upkeep/role.ts";
import { harness } from "../http/harness.ts";
import { pgAvailable } from "../store/pg.ts";

const DAY = 86_400_000;
const ages: RetentionAges = {
  deliveriesDays: 7,
  decisionsDays: 30,
  emailsDays: 30,
  expiredSessionsDays: 7,
  inboxDays: 180,
};

/** `n` rows of each kind at `at` (ms), ids prefixed by `tag`. */
async function seed(store: Store, userId: string, tag: string, at: number, n: number, state = "sent") {
  const db = store.db;
  for (let i = 0; i < n; i++) {
    const id = `${tag}-${i}`;
    await db
      .insertInto("deliveries")
      .values({
        id,
        dedupe_key: id,
        kind: "push",
        channel: "push",
        user_id: userId,
        room_id: null,
        message_id: null,
        trigger: null,
        seq: 0,
        thread_root_id: null,
        thread_seq: null,
        state: state as "sent",
        due_at: at,
        claimed_until: null,
        attempts: 1,
        first_try_at: at,
        reason: null,
        payload: "{}",
        batch_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto("decisions")
      .values({
        event_kind: "message",
        event_id: id,
        user_id: userId,
        channel: "banner",
        outcome: "shown",
        trigger: "dm",
        rules: "[]",
        facts: "[]",
        count: 1,
        at,
      })
      .execute();
    await db
      .insertInto("emails")
      .values({
        message_id: `<${id}@test>`,
        user_id: userId,
        from_addr: "herald@localhost",
        to_addr: "bob@example.com",
        subject: "s",
        text: "t",
        html: "h",
        headers: "{}",
        kind: "batch",
        created_at: at,
      })
      .execute();
    await db
      .insertInto("sessions")
      .values({
        id,
        user_id: userId,
        token_hash: id,
        csrf_token: id,
        user_agent: "test",
        ip: "127.0.0.1",
        created_at: at - 30 * DAY,
        expires_at: at,
      })
      .execute();
    await db
      .insertInto("notifications")
      .values({
        user_id: userId,
        id,
        type: "dm",
        event: null,
        room_id: null,
        message_id: null,
        seq: null,
        thread_root_id: null,
        thread_seq: null,
        conversation_id: null,
        call_id: null,
        actor_id: null,
        created_at: at,
        read_at: null,
        snoozed_until: null,
      })
      .execute();
  }
}

async function ids(store: Store, tag: string): Promise<Record<string, number>> {
  const like = `${tag}-%`;
  const count = async (q: ReturnType<typeof sql<{ n: number | string }>>) =>
    Number((await q.execute(store.db)).rows[0].n);
  return {
    deliveries: await count(sql`select count(*) as n from deliveries where id like ${like}`),
    decisions: await count(sql`select count(*) as n from decisions where event_id like ${like}`),
    emails: await count(sql`select count(*) as n from emails where message_id like ${`<${like}`}`),
    sessions: await count(sql`select count(*) as n from sessions where id like ${like}`),
    inbox: await count(sql`select count(*) as n from notifications where id like ${like}`),
  };
}

const all = (n: number) => ({ deliveries: n, decisions: n, emails: n, sessions: n, inbox: n });

function suite(kind: "sqlite" | "postgres", run: boolean) {
  describe(
    `retention on ${kind}`,
    { skip: run ? false : "PostgreSQL unreachable (required when CI=true)" },
    () => {
      test("each kind past its age is deleted in batches; younger rows and waiting deliveries stay", async () => {
        const h = await harness({ pg: kind === "postgres" });
        try {
          const store = h.services.store;
          const now = h.clock.now();
          // 25 rows of each kind a year old (past every default), with a batch of 10: three statements each.
          await seed(store, h.admin.id, "old", now - 365 * DAY, 25);
          // A day old: younger than every age (sessions: expired a day ago, kept 7 days).
          await seed(store, h.admin.id, "young", now - DAY, 3);
          // A year-old delivery that is still pending (quiet hours, back-off): work, not history.
          await seed(store, h.admin.id, "waiting", now - 365 * DAY, 2, "pending");
          assert.deepEqual(await ids(store, "old"), all(25));
          const pruned = await pruneOnce(store, ages, now, { batch: 10 });
          // The year-old "waiting" seed adds 2 rows of every other kind.
          assert.deepEqual(pruned, { deliveries: 25, decisions: 27, emails: 27, sessions: 27, inbox: 27 });
          assert.deepEqual(await ids(store, "old"), all(0));
          assert.deepEqual(await ids(store, "young"), all(3));
          assert.equal((await ids(store, "waiting")).deliveries, 2);
          // Each age is its own: with the inbox kept forever (0) and decisions for 400 days, only the rest go.
          await seed(store, h.admin.id, "again", now - 365 * DAY, 2);
          const some = await pruneOnce(store, { ...ages, inboxDays: 0, decisionsDays: 400 }, now, {
            batch: 10,
          });
          assert.equal(some.inbox, 0);
          assert.equal(some.decisions, 0);
          assert.deepEqual(await ids(store, "again"), {
            deliveries: 0,
            decisions: 2,
            emails: 0,
            sessions: 0,
            inbox: 2,
          });
        } finally {
          await h.close();
        }
      });

      test("the worker's retention timer prunes by the configured ages; a post runs while a long prune does", async () => {
        const h = await harness({
          pg: kind === "postgres",
          config: { retentionBatch: 100, retainDecisionsDays: 1 },
        });
        try {
          const store = h.services.store;
          const now = h.clock.now();
          // 6,000 decision rows two days old: past the configured 1 day, sixty batches of 100.
          await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 6000)
          insert into decisions (event_kind, event_id, user_id, channel, outcome, trigger, rules, facts, count, at)
          select 'message', 'bulk-' || i, null, 'banner', 'shown', null, '[]', '[]', 1, ${now - 2 * DAY} from n`.execute(
            store.db,
          );
          await seed(store, h.admin.id, "young", now - DAY / 2, 2);
          const bob = await h.user("member");
          const room = await h.app.inject({
            method: "POST",
            url: "/api/v1/rooms",
            headers: h.admin.h,
            payload: { kind: "channel", name: "retention", memberIds: [bob.id] },
          });
          const roomId = room.json().room.id as string;
          const bulk = async () =>
            Number(
              (
                await sql<{
                  n: number;
                }>`select count(*) as n from decisions where event_id like 'bulk-%'`.execute(store.db)
              ).rows[0].n,
            );
          const r = startRetention(h.services, 0);
          // Bounded batches yield between statements: a message posted now is answered before the prune ends.
          const posted = await h.app.inject({
            method: "POST",
            url: `/api/v1/rooms/${roomId}/messages`,
            headers: bob.h,
            payload: { text: "posting during a prune" },
          });
          assert.equal(posted.statusCode, 201);
          const leftWhenPosted = await bulk();
          assert.ok(
            leftWhenPosted > 0,
            `the post was answered before the prune finished (${leftWhenPosted} rows left)`,
          );
          for (let i = 0; i < 3000 && (await bulk()) > 0; i++)
            await new Promise((res) => setTimeout(res, 10));
          assert.equal(await bulk(), 0);
          await r.stop();
          assert.equal((await ids(store, "young")).decisions, 2);
        } finally {
          await h.close();
        }
      });
    },
  );
}

suite("sqlite", true);
suite("postgres", await pgAvailable());
