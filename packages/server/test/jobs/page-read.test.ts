// The worker's page read (jobs/page.ts): what it answers is what the tables hold, row for row and type for type,
// on both stores. On PostgreSQL a keyword hit's push to a user without a device is one statement while posts
// keep coming: the claim with the page's facts and subscriptions (they were five statements after it: messages,
// users, memberships with their rooms and ignores, push subscriptions) and the next due time that arms the
// timer; its drop is stored by the next claim (test/jobs/deferred-drops.test.ts).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import type { Timer } from "../../src/gateway/ports.ts";
import { readPage } from "../../src/jobs/page.ts";
import { sqlQueue } from "../../src/jobs/queue.ts";
import { keys, newRow } from "../../src/jobs/rows.ts";
import { SAFETY_SWEEP_MS, Scheduler, STORE_DROPS_WITHIN_MS } from "../../src/jobs/scheduler.ts";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

type QueryFn = (this: unknown, ...args: unknown[]) => unknown;
// Wrapped before any connection exists: a pool client binds the query function it starts with (store/postgres.ts).
const proto = pg.Client.prototype as unknown as { query: QueryFn };
const original = proto.query;
let sent: string[] | null = null;
proto.query = function (this: unknown, ...args: unknown[]) {
  const q = args[0];
  sent?.push(typeof q === "string" ? q : ((q as { text?: string } | undefined)?.text ?? ""));
  return original.apply(this, args);
};

/** The SQL texts the process sends to PostgreSQL while `fn` runs (none on SQLite). */
async function statementsOf(fn: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  sent = seen;
  try {
    await fn();
  } finally {
    sent = null;
  }
  // The decision recorder's batched insert (decisions/sql-recorder.ts) goes on its own timer: not the pass's.
  return seen
    .map((s) => s.replace(/\s+/g, " ").toLowerCase())
    .filter((s) => !s.startsWith('insert into "decisions"'));
}

let f: JobsFixture;
let alice: TestUser;

before(async () => {
  f = await jobsFixture();
  alice = await f.h.user("member");
});
after(async () => {
  await f.close();
  proto.query = original;
});

const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
const plain = <T>(xs: T[]) => xs.map((x) => ({ ...x }));

test("the page read answers the tables' own rows: messages, their senders and the users, memberships, rooms, thread reads, ignores, subscriptions", async () => {
  const db = f.h.services.store.db;
  const bob = await f.h.user("member");
  const carol = await f.h.user("member");
  const outsider = await f.h.user("member"); // in no room of the page
  await f.subscribe(bob);
  await f.subscribe(bob, "desktop");
  const room = await f.room(alice, [bob, carol]);
  const other = await f.room(carol, [outsider]); // alice is not a member
  const root = await f.post(alice, room, "a root");
  const reply = await f.h.app.inject({
    method: "POST",
    url: `/api/v1/rooms/${room}/messages`,
    headers: bob.h,
    payload: { text: "a reply", threadRootId: root },
  });
  assert.equal(reply.statusCode, 201, reply.body);
  const replyId = reply.json().message.id as string;
  const inOther = await f.post(carol, other, "elsewhere");
  const ign = await f.h.app.inject({
    method: "PUT",
    url: `/api/v1/me/ignores/${alice.id}`,
    headers: carol.h,
  });
  assert.ok(ign.statusCode < 300, ign.body);

  const page = await readPage(db, {
    users: [bob.id, carol.id, outsider.id, "nobody"],
    messages: [root, replyId, inOther, "gone"],
    rooms: [room, other, "no-room"],
    roots: [root],
    subscribers: [bob.id, outsider.id],
  });
  const users = [alice.id, bob.id, carol.id, outsider.id];
  assert.deepEqual(
    byId(plain(page.messages)),
    byId(
      plain(
        await db.selectFrom("messages").selectAll().where("id", "in", [root, replyId, inOther]).execute(),
      ),
    ),
  );
  assert.deepEqual(
    byId(plain(page.users)),
    byId(plain(await db.selectFrom("users").selectAll().where("id", "in", users).execute())),
    "the rows' users and the messages' senders (alice is only a sender)",
  );
  const key = (m: { room_id: string; user_id: string }) => `${m.room_id}:${m.user_id}`;
  assert.deepEqual(
    plain(page.members).sort((a, b) => key(a).localeCompare(key(b))),
    plain(
      await db
        .selectFrom("memberships")
        .select(["room_id", "user_id", "last_read_seq", "prefs"])
        .where("user_id", "in", [bob.id, carol.id, outsider.id])
        .where("room_id", "in", [room, other])
        .execute(),
    ).sort((a, b) => key(a).localeCompare(key(b))),
  );
  assert.deepEqual(
    byId(plain(page.rooms)),
    byId(
      plain(
        await db
          .selectFrom("rooms")
          .select(["id", "name", "kind"])
          .where("id", "in", [room, other])
          .execute(),
      ),
    ),
  );
  assert.deepEqual(
    plain(page.threads),
    plain(
      await db
        .selectFrom("thread_follows")
        .select(["root_id", "user_id", "last_read_seq"])
        .where("root_id", "=", root)
        .where("user_id", "in", [bob.id, carol.id, outsider.id])
        .execute(),
    ),
  );
  assert.ok(
    page.threads.some((t) => t.user_id === bob.id),
    "the replier follows the thread",
  );
  assert.deepEqual(plain(page.ignores), [{ user_id: carol.id, ignored_id: alice.id }]);
  assert.deepEqual(
    byId(plain(page.subscriptions)),
    byId(
      plain(await db.selectFrom("push_subscriptions").selectAll().where("user_id", "=", bob.id).execute()),
    ),
  );
  assert.equal(page.subscriptions.length, 2);

  const empty = await readPage(db, { users: [], messages: [], rooms: [], roots: [], subscribers: [] });
  assert.deepEqual(
    { ...empty },
    { messages: [], users: [], members: [], rooms: [], threads: [], ignores: [], subscriptions: [] },
  );
});

test("[MEN-4][PSH-1] keyword hits' pushes go out or are dropped as before, their facts read with the claim", async () => {
  const db = f.h.services.store.db;
  const bob = await f.h.user("member"); // no device
  const carol = await f.h.user("member");
  const sub = await f.subscribe(carol);
  await f.keywords(bob, ["deploy"]);
  await f.keywords(carol, ["deploy"]);
  const room = await f.room(alice, [bob, carol]);
  await f.s.tick(); // what earlier posts left
  f.h.clock.advance(1000);
  const msg = await f.post(alice, room, "the deploy is done");
  await f.s.tick();
  const pushes = f.pushesFor(sub);
  assert.equal(pushes.length, 1, "carol's device gets the push");
  assert.equal(pushes[0].trigger, "keyword");
  const rows = await db
    .selectFrom("deliveries")
    .select(["user_id", "state", "reason"])
    .where("message_id", "=", msg)
    .where("kind", "=", "push")
    .execute();
  assert.deepEqual(Object.fromEntries(rows.map((r) => [r.user_id, [r.state, r.reason]])), {
    [bob.id]: ["dropped", "PSH-1 no push subscription"],
    [carol.id]: ["sent", null],
  });
});

test("[MEN-4][PSH-1] a keyword hit's push to a user without a device is two statements on PostgreSQL: the claim with its facts, the outcome", async (ctx) => {
  if (f.h.services.store.dialect !== "postgres") return ctx.skip("SQLite has no network round trips");
  const db = f.h.services.store.db;
  const dave = await f.h.user("member"); // no device, no email: a push candidate only
  await db.updateTable("users").set({ email: null }).where("id", "=", dave.id).execute();
  await f.keywords(dave, ["release"]);
  const room = await f.room(alice, [dave]);
  await f.s.tick(); // what earlier posts left, and the admin settings' reload
  const msg = await f.post(alice, room, "the release is out");
  const sent = await statementsOf(() => f.s.tick().then(() => {}));
  assert.equal(sent.length, 2, `claim + facts, then the outcome:\n${sent.join("\n")}`);
  assert.match(sent[0], /^with settled as \( update deliveries .* claimed as \( update deliveries/);
  for (const table of ["messages", "users", "memberships", "rooms", "ignores", "push_subscriptions"])
    assert.match(sent[0], new RegExp(`from ${table}\\b`), `${table} read with the claim`);
  assert.match(sent[1], /^update "deliveries" set "state" = \$1/);
  const row = await db
    .selectFrom("deliveries")
    .select(["state", "reason"])
    .where("message_id", "=", msg)
    .where("user_id", "=", dave.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual({ ...row }, { state: "dropped", reason: "PSH-1 no push subscription" });
});

test("[PSH-1] with its timer, a pass that only drops arms the timer at the next due time: on PostgreSQL the claim alone, which read it", async () => {
  const db = f.h.services.store.db;
  const erin = await f.h.user("member"); // no device, no email
  await db.updateTable("users").set({ email: null }).where("id", "=", erin.id).execute();
  await f.keywords(erin, ["rollback"]);
  const room = await f.room(alice, [erin]);
  await f.s.tick(); // what earlier posts left
  // A row due later, whose time the timer must take (another user's, not claimable now).
  const later = f.h.clock.now() + 3_600_000;
  await db
    .insertInto("deliveries")
    .values(
      newRow(
        {
          kind: "push",
          channel: "push",
          key: keys.push("later-u", "later-m"),
          userId: "later-u",
          dueAt: later,
        },
        f.h.clock.now(),
      ),
    )
    .execute();
  const msg = await f.post(alice, room, "the rollback is done");
  const delays: number[] = [];
  let armed = () => {};
  const wasArmed = new Promise<void>((resolve) => {
    armed = resolve;
  });
  const timer: Timer = {
    setTimeout(_fn, ms) {
      if (ms !== SAFETY_SWEEP_MS && ms !== STORE_DROPS_WITHIN_MS) {
        delays.push(ms);
        armed();
      }
      return {};
    },
    clearTimeout() {},
  };
  const s = new Scheduler({ ctx: f.s.ctx, queue: sqlQueue(db, f.h.services.store.dialect, 60_000), timer });
  const sent = await statementsOf(async () => {
    s.start();
    await wasArmed;
  });
  await s.stop();
  const row = await db
    .selectFrom("deliveries")
    .select(["state", "reason"])
    .where("message_id", "=", msg)
    .where("user_id", "=", erin.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual({ ...row }, { state: "dropped", reason: "PSH-1 no push subscription" });
  // What the read alone answers now: the same time (rows other tests left wait too: it may be earlier).
  const next = await sqlQueue(db, f.h.services.store.dialect, 60_000).nextDueAt();
  assert.ok(next !== null && next <= later && next > f.h.clock.now(), `${next}`);
  assert.deepEqual(delays, [next - f.h.clock.now()], "the timer is armed at the next due time");
  await db.deleteFrom("deliveries").where("user_id", "=", "later-u").execute();
  if (f.h.services.store.dialect !== "postgres") return;
  assert.equal(sent.length, 1, `the claim with its facts and the next due:\n${sent.join("\n")}`);
  assert.match(sent[0], /^with settled as \( update deliveries .* claimed as \( update deliveries/);
  assert.match(sent[0], /min\(due_at\)/);
});
