// Group commit of posts (http/messages/batch.ts): concurrent posts share one transaction, each in its own
// savepoint (SQLite) or re-run alone when the group fails (PostgreSQL); a failing post fails alone (GEN-4:
// nothing of it is written), the others commit, and nobody is answered before the commit is durable. On
// PostgreSQL a group's BEGIN travels with its first statement (store/postgres.ts pipelineBegin).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { roomAccess } from "../../src/http/messages/access.ts";
import { PostBatcher, postBatcher } from "../../src/http/messages/batch.ts";
import type { Tx } from "../../src/store/db.ts";
import { insertMessage } from "../../src/store/messages.ts";
import { migrateToLatest } from "../../src/store/migrator.ts";
import { openTestStore, type TestStore } from "../helpers/app.ts";
import { wireLog } from "../helpers/pg-wire.ts";

/** A flush whose first call waits until `openFirst()`; every later one returns at once. */
function firstFlushHeld() {
  let flushes = 0;
  let called!: () => void;
  const firstCalled = new Promise<void>((r) => {
    called = r;
  });
  let openFirst!: () => void;
  const firstFlush = new Promise<void>((r) => {
    openFirst = r;
  });
  return {
    firstCalled,
    openFirst: () => openFirst(),
    count: () => flushes,
    flush: (): Promise<void> => {
      flushes++;
      if (flushes === 1) {
        called();
        return firstFlush;
      }
      return Promise.resolve();
    },
  };
}

describe("post group commit", () => {
  let t: TestStore;
  before(async () => {
    t = await openTestStore();
    await migrateToLatest(t.store.db);
  });
  after(() => t.dispose());

  const addRoom = (id: string) => async (trx: Tx) => {
    await trx
      .insertInto("rooms")
      .values({ id, kind: "channel", name: id, created_at: 1 } as never)
      .execute();
    return id;
  };
  const rooms = async (prefix: string) =>
    (await t.store.db.selectFrom("rooms").select("id").where("id", "like", `${prefix}%`).execute())
      .map((r) => r.id)
      .sort();

  test("[GEN-4] concurrent posts share a transaction; a failing one writes nothing and fails alone", async () => {
    const b = new PostBatcher(t.store.db);
    const jobs = Array.from({ length: 10 }, (_, i) =>
      b.submit(`r${i}`, async (trx) => {
        await addRoom(`a${i}`)(trx);
        if (i === 4) throw new Error("post 4 is bad");
        return i;
      }),
    );
    const results = await Promise.allSettled(jobs);
    assert.deepEqual(
      results.map((r) => r.status),
      results.map((_, i) => (i === 4 ? "rejected" : "fulfilled")),
    );
    assert.deepEqual(await rooms("a"), ["a0", "a1", "a2", "a3", "a5", "a6", "a7", "a8", "a9"]);
    assert.ok(b.stats.transactions < 10, `10 posts took ${b.stats.transactions} transactions`);
  });

  test("a post is answered only once its transaction committed", async () => {
    const b = new PostBatcher(t.store.db);
    const seen: string[][] = [];
    const jobs = Array.from({ length: 5 }, (_, i) =>
      b.submit(`r${i}`, addRoom(`c${i}`)).then(async (id) => {
        // Another handle on the store sees the row as soon as the post is answered.
        seen.push([id, ...(await rooms(id))]);
      }),
    );
    await Promise.all(jobs);
    for (const s of seen) assert.equal(s[1], s[0]);
  });

  test("when the shared transaction fails as a whole, each post runs again alone", async () => {
    const b = new PostBatcher(t.store.db);
    // Post 2 (once) releases its own savepoint and returns normally: the batcher's release then fails outside
    // any post, which is the shape of a failed COMMIT or a lost connection.
    let broke = false;
    const jobs = Array.from({ length: 4 }, (_, i) =>
      b.submit(`r${i}`, async (trx) => {
        await addRoom(`d${i}`)(trx);
        if (i === 2 && !broke) {
          broke = true;
          const { sql } = await import("kysely");
          await sql`release savepoint herald_post`.execute(trx);
        }
        return i;
      }),
    );
    const results = await Promise.allSettled(jobs);
    assert.deepEqual(
      results.map((r) => r.status),
      ["fulfilled", "fulfilled", "fulfilled", "fulfilled"],
    );
    assert.deepEqual(await rooms("d"), ["d0", "d1", "d2", "d3"]);
  });

  test("[GEN-4] the store's own batcher (PostgreSQL: no savepoints, commit then flush): a failing post fails alone", async () => {
    const b = postBatcher(t.store.db);
    const jobs = Array.from({ length: 10 }, (_, i) =>
      b.submit(`r${i}`, async (trx) => {
        await addRoom(`e${i}`)(trx);
        if (i === 6) throw new Error("post 6 is bad");
        return i;
      }),
    );
    const results = await Promise.allSettled(jobs);
    assert.deepEqual(
      results.map((r) => (r.status === "fulfilled" ? r.value : "rejected")),
      [0, 1, 2, 3, 4, 5, "rejected", 7, 8, 9],
    );
    assert.deepEqual(await rooms("e"), ["e0", "e1", "e2", "e3", "e4", "e5", "e7", "e8", "e9"]);
  });

  test("without savepoints a failing post aborts its group: the others run again alone and commit once", async () => {
    const b = new PostBatcher(t.store.groupCommit?.db ?? t.store.db, { savepoints: false });
    const runs = new Map<number, number>();
    const jobs = Array.from({ length: 5 }, (_, i) =>
      b.submit(`r${i}`, async (trx) => {
        runs.set(i, (runs.get(i) ?? 0) + 1);
        await addRoom(`f${i}`)(trx);
        if (i === 1) throw new Error("post 1 is bad");
        return i;
      }),
    );
    const results = await Promise.allSettled(jobs);
    assert.deepEqual(
      results.map((r) => r.status),
      ["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"],
    );
    assert.deepEqual(await rooms("f"), ["f0", "f2", "f3", "f4"]);
    // One shared try (posts 0 and 1 ran, then 1 failed), then each alone.
    assert.deepEqual(
      [...runs].sort(([a], [b]) => a - b),
      [
        [0, 2],
        [1, 2],
        [2, 1],
        [3, 1],
        [4, 1],
      ],
    );
  });

  test("a group is answered once durable, and groups in commit order (a later flush waits for the earlier)", async () => {
    const gate = firstFlushHeld();
    const b = new PostBatcher(t.store.groupCommit?.db ?? t.store.db, {
      savepoints: false,
      durable: gate.flush,
    });
    const answered: string[] = [];
    const first = b.submit("r1", addRoom("g1")).then((id) => answered.push(id));
    await gate.firstCalled;
    // Committed already: another handle sees it, but the post is not answered before its flush.
    assert.deepEqual(await rooms("g1"), ["g1"]);
    const second = b.submit("r2", addRoom("g2")).then((id) => answered.push(id));
    // The second group commits and flushes (its flush resolves at once) while the first still waits.
    while (gate.count() < 2) await new Promise((r) => setImmediate(r));
    assert.deepEqual(await rooms("g2"), ["g2"]);
    assert.deepEqual(answered, []);
    gate.openFirst();
    await Promise.all([first, second]);
    assert.deepEqual(answered, ["g1", "g2"]);
  });

  test("PostgreSQL: post transactions commit without waiting for the flush; every other connection waits", async (ctx) => {
    const gc = t.store.groupCommit;
    if (!gc) return ctx.skip("SQLite has no separate post connection (synchronous = NORMAL on its one)");
    const setting = async (db: typeof gc.db) =>
      (await sql<{ s: string }>`select current_setting('synchronous_commit') as s`.execute(db)).rows[0].s;
    assert.equal(await setting(gc.db), "off");
    assert.equal(await setting(t.store.db), "on");
    await gc.durable();
  });

  test("PostgreSQL: a post transaction's BEGIN goes out with its first statement, one round trip for both", async (ctx) => {
    const gc = t.store.groupCommit;
    if (!gc) return ctx.skip("SQLite has no network round trips");
    const wire = wireLog();
    try {
      await gc.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx); // the pool's connection is open before the log starts
      });
      wire.on = true;
      const got = await gc.db.transaction().execute(async (trx) => {
        const r = await sql<{
          n: number;
        }>`select count(*)::int as n from rooms where id = ${"nothing"}`.execute(trx);
        return r.rows[0].n;
      });
      wire.on = false;
      assert.equal(got, 0);
      assert.deepEqual(wire.log, [
        "send begin",
        "send statement",
        "answer",
        "answer",
        "send commit",
        "answer",
      ]);
    } finally {
      wire.restore();
    }
  });

  test("PostgreSQL: a post transaction whose first statement fails rolls back, and its connection serves the next", async (ctx) => {
    const gc = t.store.groupCommit;
    if (!gc) return ctx.skip("SQLite has no network round trips");
    await assert.rejects(
      gc.db.transaction().execute(async (trx) => {
        await sql`select no_such_column from rooms`.execute(trx);
      }),
      /no_such_column/,
    );
    // Both post connections, again and again: none is left inside a transaction or with a stale answer queued.
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        gc.db.transaction().execute(async (trx) => {
          await addRoom(`p${i}`)(trx);
          return (await sql<{ s: string }>`select current_setting('synchronous_commit') as s`.execute(trx))
            .rows[0].s;
        }),
      ),
    );
    assert.deepEqual(runs, Array(6).fill("off"));
    assert.deepEqual(await rooms("p"), ["p0", "p1", "p2", "p3", "p4", "p5"]);
  });

  test("a flush that fails fails its group's posts", async () => {
    const b = new PostBatcher(t.store.groupCommit?.db ?? t.store.db, {
      savepoints: false,
      durable: () => Promise.reject(new Error("connection lost")),
    });
    await assert.rejects(b.submit("r1", addRoom("h1")), /connection lost/);
  });

  test("leading posts keep the serial order: each post's statement sees what the posts before it wrote", async () => {
    const b = new PostBatcher(t.store.groupCommit?.db ?? t.store.db, { savepoints: false });
    const post = (i: number) =>
      b.submit(
        "r",
        async (trx) =>
          (
            await sql<{ id: string }>`insert into rooms (id, kind, name, created_at)
              select cast(${`q${i}-`} as text) || count(*), 'channel', 'q', 1 from rooms where id like 'q%'
              returning id`.execute(trx)
          ).rows[0].id,
        true,
      );
    assert.deepEqual(await Promise.all([0, 1, 2, 3].map(post)), ["q0-0", "q1-1", "q2-2", "q3-3"]);
  });

  test("a leading post that needs a second statement: its group runs again one post after another, and its room leads no more", async () => {
    const b = new PostBatcher(t.store.groupCommit?.db ?? t.store.db, { savepoints: false });
    const runs: string[] = [];
    const two = (id: string) => async (trx: Tx) => {
      runs.push(id);
      await addRoom(`${id}a`)(trx);
      await addRoom(`${id}b`)(trx);
      return id;
    };
    const one = (id: string) => async (trx: Tx) => {
      runs.push(id);
      return addRoom(id)(trx);
    };
    assert.deepEqual(await Promise.all([b.submit("r1", two("s1"), true), b.submit("r2", one("s2"), true)]), [
      "s1",
      "s2",
    ]);
    assert.deepEqual(await rooms("s"), ["s1a", "s1b", "s2"]);
    // The pipelined try (s2 followed s1's first statement, then s1 wanted its second), then both in order.
    assert.deepEqual(runs, ["s1", "s2", "s1", "s2"]);
    runs.length = 0;
    assert.deepEqual(await Promise.all([b.submit("r1", two("u1"), true), b.submit("r2", one("u2"), true)]), [
      "u1",
      "u2",
    ]);
    assert.deepEqual(await rooms("u"), ["u1a", "u1b", "u2"]);
    assert.deepEqual(runs, ["u1", "u2"]);
  });

  test("leading posts: a failing one fails alone, nothing of it written, the others commit", async () => {
    const b = new PostBatcher(t.store.groupCommit?.db ?? t.store.db, { savepoints: false });
    const jobs = Array.from({ length: 5 }, (_, i) =>
      b.submit(
        `r${i}`,
        async (trx) => {
          if (i === 2) await sql`insert into rooms (id) values (null)`.execute(trx);
          return addRoom(`v${i}`)(trx);
        },
        true,
      ),
    );
    const results = await Promise.allSettled(jobs);
    assert.deepEqual(
      results.map((r) => r.status),
      ["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"],
    );
    assert.deepEqual(await rooms("v"), ["v0", "v1", "v3", "v4"]);
  });

  test("PostgreSQL: leading posts' statements go out without waiting for the answers of the posts before", async (ctx) => {
    const gc = t.store.groupCommit;
    if (!gc) return ctx.skip("SQLite has no network round trips");
    const wire = wireLog();
    try {
      // Both post connections are open before the log starts.
      await Promise.all([1, 2].map(() => gc.db.transaction().execute((trx) => sql`select 1`.execute(trx))));
      const b = new PostBatcher(gc.db, { savepoints: false, durable: () => Promise.resolve() });
      wire.on = true;
      const ids = await Promise.all([0, 1, 2].map((i) => b.submit(`r${i}`, addRoom(`w${i}`), true)));
      wire.on = false;
      assert.deepEqual(ids, ["w0", "w1", "w2"]);
      assert.deepEqual(wire.log, [
        "send begin",
        "send statement",
        "send statement",
        "send statement",
        "answer",
        "answer",
        "answer",
        "answer",
        "send commit",
        "answer",
      ]);
    } finally {
      wire.restore();
    }
  });

  test("PostgreSQL: a group's BEGIN and its leading posts' statements leave in one socket write", async (ctx) => {
    const gc = t.store.groupCommit;
    if (!gc) return ctx.skip("SQLite has no network round trips");
    const wire = wireLog({ writes: true });
    try {
      await Promise.all([1, 2].map(() => gc.db.transaction().execute((trx) => sql`select 1`.execute(trx))));
      const b = new PostBatcher(gc.db, { savepoints: false, durable: () => Promise.resolve() });
      wire.on = true;
      const ids = await Promise.all([0, 1, 2].map((i) => b.submit(`r${i}`, addRoom(`x${i}`), true)));
      wire.on = false;
      assert.deepEqual(ids, ["x0", "x1", "x2"]);
      assert.deepEqual(wire.log, [
        "send begin",
        "send statement",
        "send statement",
        "send statement",
        "write",
        "answer",
        "answer",
        "answer",
        "answer",
        "send commit",
        "write",
        "answer",
      ]);
    } finally {
      wire.restore();
    }
  });

  test("PostgreSQL: the next group goes out right behind a group's COMMIT, before its answer, in the same write", async (ctx) => {
    const gc = t.store.groupCommit;
    if (!gc) return ctx.skip("SQLite has no network round trips");
    const wire = wireLog({ writes: true });
    try {
      await Promise.all([1, 2].map(() => gc.db.transaction().execute((trx) => sql`select 1`.execute(trx))));
      const flushed: string[] = [];
      const b = new PostBatcher(gc.db, {
        savepoints: false,
        durable: async () => {
          flushed.push(wire.log.at(-1) ?? "");
        },
      });
      wire.on = true;
      let second!: Promise<string>;
      // The second post arrives while the first one's group runs, for a room ordered before the group's (rooms
      // are locked in id order, so it cannot join the group): it waits for the next group.
      const first = b.submit("r1", async (trx) => {
        second = b.submit("r0", addRoom("y2"), true);
        return addRoom("y1")(trx);
      });
      // `second` is set once the first post's statement ran, before `first` resolves.
      assert.equal(await first, "y1");
      assert.equal(await second, "y2");
      wire.on = false;
      assert.deepEqual(wire.log, [
        "send begin",
        "send statement",
        "write",
        "answer",
        "answer",
        "send commit",
        "send begin",
        "send statement",
        "write",
        "answer",
        "answer",
        "answer",
        "send commit",
        "write",
        "answer",
      ]);
      // Each group's flush starts once its own COMMIT is answered.
      assert.equal(flushed.length, 2);
      assert.deepEqual(await rooms("y"), ["y1", "y2"]);
    } finally {
      wire.restore();
    }
  });

  test("PostgreSQL: a group whose COMMIT fails while the next group is behind it runs again post by post", async (ctx) => {
    const gc = t.store.groupCommit;
    if (!gc) return ctx.skip("SQLite checks no constraint at COMMIT");
    await sql`create table deferred_probe (k text, constraint deferred_probe_k unique (k) deferrable initially deferred)`.execute(
      t.store.db,
    );
    try {
      const b = new PostBatcher(gc.db, { savepoints: false, durable: () => Promise.resolve() });
      const runs: string[] = [];
      const probe = (id: string, k: string) => async (trx: Tx) => {
        runs.push(id);
        await sql`insert into deferred_probe (k) values (${k})`.execute(trx);
        return addRoom(id)(trx);
      };
      let later: Promise<string> | undefined;
      // z1 and z2 share a group whose COMMIT fails (the same key twice, checked at COMMIT); z3 arrives
      // meanwhile, for a room ordered before the group's (so it cannot join it), and goes out behind that COMMIT
      // in the next group.
      const jobs = [
        b.submit("r1", async (trx) => {
          later ??= b.submit("r0", probe("z3", "c"), true);
          return probe("z1", "a")(trx);
        }),
        b.submit("r2", probe("z2", "a"), true),
      ];
      // `later` is set once the first post's run started, before any of the two is answered.
      const results = [...(await Promise.allSettled(jobs)), ...(await Promise.allSettled([later]))];
      assert.deepEqual(
        results.map((r) => (r.status === "fulfilled" ? r.value : "rejected")),
        ["z1", "rejected", "z3"],
      );
      assert.deepEqual(await rooms("z"), ["z1", "z3"]);
      // The group, the next one behind its COMMIT, then the failed group's posts alone.
      assert.deepEqual(runs, ["z1", "z2", "z3", "z1", "z2"]);
      // The post connection is still good.
      assert.equal(await b.submit("r4", addRoom("z4"), true), "z4");
    } finally {
      await sql`drop table deferred_probe`.execute(t.store.db);
    }
  });

  test("PostgreSQL: when the held post connection dies under a group, its posts run again on another and later posts go on", async (ctx) => {
    const gc = t.store.groupCommit;
    if (!gc) return ctx.skip("SQLite has one in-process connection");
    const b = new PostBatcher(gc.db, { savepoints: false, durable: gc.durable });
    let killed = false;
    const jobs = [
      b.submit("r1", async (trx) => {
        if (!killed) {
          killed = true;
          const { pid } = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0];
          await sql`select pg_terminate_backend(${pid})`.execute(t.store.db);
        }
        return addRoom("kd1")(trx);
      }),
      b.submit("r2", addRoom("kd2"), true),
    ];
    assert.deepEqual(await Promise.all(jobs), ["kd1", "kd2"]);
    assert.deepEqual(await Promise.all([3, 4, 5].map((i) => b.submit(`r${i}`, addRoom(`kd${i}`), true))), [
      "kd3",
      "kd4",
      "kd5",
    ]);
    assert.deepEqual(await rooms("kd"), ["kd1", "kd2", "kd3", "kd4", "kd5"]);
  });

  test("a post that arrives while its group's statements are out joins that group: one transaction, one COMMIT", async () => {
    const b = new PostBatcher(t.store.groupCommit?.db ?? t.store.db, { savepoints: false });
    const wire = wireLog();
    try {
      wire.on = true;
      let joined!: Promise<string>;
      const first = b.submit(
        "j1",
        async (trx) => {
          joined = b.submit("j2", addRoom("jn2"), true);
          return addRoom("jn1")(trx);
        },
        true,
      );
      // `joined` is set once the first post's run started, before `first` resolves.
      assert.deepEqual([await first, await joined], ["jn1", "jn2"]);
      wire.on = false;
      assert.deepEqual(b.stats, { transactions: 1, posts: 2 });
      assert.deepEqual(await rooms("jn"), ["jn1", "jn2"]);
      if (t.store.groupCommit) {
        // PostgreSQL: the joining post's statement went out before the group's first answer, and one COMMIT.
        assert.deepEqual(wire.log.slice(0, 4), ["send begin", "send statement", "send statement", "answer"]);
        assert.equal(wire.log.filter((x) => x === "send commit").length, 1);
      }
    } finally {
      wire.restore();
    }
  });

  test("posts join an open group only while it holds less than half of the posts in flight: the rest form the next group", async () => {
    const b = new PostBatcher(t.store.groupCommit?.db ?? t.store.db, { savepoints: false });
    const joiners: Promise<string>[] = [];
    const first = b.submit(
      "h0",
      async (trx) => {
        // Seven more posts arrive while the first one's statement is out, rooms in lock order.
        for (let i = 1; i < 8; i++) joiners.push(b.submit(`h${i}`, addRoom(`hf${i}`), true));
        return addRoom("hf0")(trx);
      },
      true,
    );
    assert.deepEqual(
      [await first, ...(await Promise.all(joiners))],
      Array.from({ length: 8 }, (_, i) => `hf${i}`),
    );
    assert.deepEqual(
      await rooms("hf"),
      Array.from({ length: 8 }, (_, i) => `hf${i}`),
    );
    if (t.store.groupCommit) assert.deepEqual(b.stats, { transactions: 2, posts: 8 });
  });

  test("a post for a room ordered before its group's rooms does not join it (lock order): it goes in the next group", async () => {
    const b = new PostBatcher(t.store.groupCommit?.db ?? t.store.db, { savepoints: false });
    let later!: Promise<string>;
    let same!: Promise<string>;
    const first = b.submit("l5", async (trx) => {
      later = b.submit("l4", addRoom("lo4"), true);
      // A post of a room the group already locked would join, but not ahead of the one waiting before it.
      same = b.submit("l5", addRoom("lo5b"), true);
      return addRoom("lo5")(trx);
    });
    assert.deepEqual([await first, await later, await same], ["lo5", "lo4", "lo5b"]);
    assert.deepEqual(b.stats, { transactions: 2, posts: 3 });
  });

  test("a joined group whose last post needs a second statement after the joiner's runs again, each post once", async () => {
    const b = new PostBatcher(t.store.groupCommit?.db ?? t.store.db, { savepoints: false });
    const runs: string[] = [];
    let joined: Promise<string> | undefined;
    const first = b.submit(
      "o1",
      async (trx) => {
        runs.push("o1");
        joined ??= b.submit(
          "o2",
          (tx) => {
            runs.push("o2");
            return addRoom("oj2")(tx);
          },
          true,
        );
        await addRoom("oj1")(trx);
        // Not announced (it leads): on PostgreSQL the joiner's statement may be out before this one.
        await sql`select 1`.execute(trx);
        return "oj1";
      },
      true,
    );
    assert.deepEqual([await first, await joined], ["oj1", "oj2"]);
    assert.deepEqual(await rooms("oj"), ["oj1", "oj2"]);
    if (t.store.groupCommit) assert.deepEqual(runs, ["o1", "o2", "o1", "o2"]);
  });

  test("PostgreSQL: the store's batcher makes a group durable right behind its COMMIT, on the same connection, before answering", async (ctx) => {
    const gc = t.store.groupCommit;
    if (!gc) return ctx.skip("SQLite has no separate flush");
    const b = postBatcher(t.store.db);
    await b.submit("r0", addRoom("fl0"), true); // the held connection is open before the log starts
    const wire = wireLog({ writes: true });
    try {
      wire.on = true;
      let before = "";
      await b.submit("r1", async (trx) => {
        await addRoom("fl1")(trx);
        before = (await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(trx))
          .rows[0].lsn;
      });
      wire.on = false;
      // Answered only once the WAL is on disk past the post's writes (the post connection commits without it).
      const { ok } = (
        await sql<{ ok: boolean }>`select pg_current_wal_flush_lsn() >= ${before}::pg_lsn as ok`.execute(
          t.store.db,
        )
      ).rows[0];
      assert.equal(ok, true);
      assert.deepEqual(wire.log, [
        "send begin",
        "send statement",
        "write",
        "answer",
        "answer",
        "send select pg_current_wal_insert_lsn()::text as lsn",
        "write",
        "answer",
        // The flush right behind the COMMIT, in the same write.
        "send commit",
        "send statement",
        "write",
        "answer",
        "answer",
      ]);
    } finally {
      wire.restore();
    }
  });

  test("a flush behind the COMMIT that fails fails its group's posts, which are not run again", async () => {
    const runs: string[] = [];
    const b = new PostBatcher(t.store.groupCommit?.db ?? t.store.db, {
      savepoints: false,
      durableBehind: () => Promise.reject(new Error("connection lost")),
    });
    await assert.rejects(
      b.submit("r1", (trx) => {
        runs.push("fb1");
        return addRoom("fb1")(trx);
      }),
      /connection lost/,
    );
    // Committed, so never run again (that would post it twice), but never answered as durable either.
    assert.deepEqual(runs, ["fb1"]);
    assert.deepEqual(await rooms("fb"), ["fb1"]);
  });

  test(
    "groups made durable behind their COMMITs are answered once their own flush returned, in commit order",
    {
      timeout: 20_000,
    },
    async () => {
      const gate = firstFlushHeld();
      const b = new PostBatcher(t.store.groupCommit?.db ?? t.store.db, {
        savepoints: false,
        durable: () => Promise.reject(new Error("groups are made durable behind their COMMIT")),
        durableBehind: gate.flush,
      });
      const answered: string[] = [];
      const first = b.submit("r1", addRoom("bo1")).then((id) => answered.push(id));
      await gate.firstCalled;
      const second = b.submit("r2", addRoom("bo2")).then((id) => answered.push(id));
      while (gate.count() < 2) await new Promise((r) => setImmediate(r));
      assert.deepEqual(await rooms("bo"), ["bo1", "bo2"]);
      assert.deepEqual(answered, []);
      gate.openFirst();
      await Promise.all([first, second]);
      assert.deepEqual(answered, ["bo1", "bo2"]);
    },
  );

  test("the post path's statements keep working after a migration adds columns (a node running while another upgrades)", async () => {
    const b = postBatcher(t.store.db);
    await b.submit("x", addRoom("k1"));
    const post = (text: string) =>
      b.submit("k1", (trx) =>
        insertMessage(
          trx,
          {
            roomId: "k1",
            senderId: null,
            text,
            kind: "user",
            threadRootId: null,
            alsoInRoom: false,
            mentions: { users: [], keywords: [], here: [], group: null },
          },
          1,
        ),
      );
    // Prepared (on PostgreSQL: named, per connection) before the change…
    assert.equal((await post("one")).message.seq, 1);
    assert.equal((await roomAccess(t.store.db, "k1", "nobody"))?.room.id, "k1");
    await sql`alter table rooms add column upgrade_probe text`.execute(t.store.db);
    await sql`alter table messages add column upgrade_probe text`.execute(t.store.db);
    // …and run again after it, on the same connections.
    assert.equal((await post("two")).message.seq, 2);
    assert.equal((await roomAccess(t.store.db, "k1", "nobody"))?.room.id, "k1");
    await sql`alter table rooms drop column upgrade_probe`.execute(t.store.db);
    await sql`alter table messages drop column upgrade_probe`.execute(t.store.db);
  });
});
