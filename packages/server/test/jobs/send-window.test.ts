// The worker's window of sends (jobs/attempts.ts sendMarked): it slides, so the next sends start while earlier
// ones wait for the push service, yet a kill can still repeat at most the window (rows marked, outcome unstored).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sendMarked } from "../../src/jobs/attempts.ts";
import type { JobContext } from "../../src/jobs/context.ts";
import { finishSend } from "../../src/jobs/queue.ts";
import { insertRows, newRow } from "../../src/jobs/rows.ts";
import { openTestStore, type TestStore } from "../helpers/app.ts";

let t: TestStore;
before(async () => {
  t = await openTestStore();
});
after(() => t.dispose());

const turns = async (n: number) => {
  for (let k = 0; k < n; k++) await new Promise((r) => setImmediate(r));
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `ok()` holds: the window's marks and outcomes are database writes, which on PostgreSQL take
 *  real round trips, so no fixed number of event-loop turns is enough. */
async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) assert.fail(`timed out waiting until ${what}`);
    await sleep(2);
  }
}
/** Long enough for a send that would start to have started (its marks are written first). */
const QUIET_MS = 300;

async function claimedRows(n: number, tag: string): Promise<string[]> {
  const now = Date.now();
  const rows = Array.from({ length: n }, (_, i) =>
    newRow({ kind: "push", channel: "push", key: `${tag}:${i}`, userId: `u${i}`, dueAt: now }, now),
  );
  await insertRows(t.store.db, rows);
  const ids = rows.map((r) => r.id);
  await t.store.db.updateTable("deliveries").set({ state: "claimed" }).where("id", "in", ids).execute();
  return ids;
}

/** Rows a kill right now would send again: marked before their send, outcome not stored. */
async function exposed(ids: string[]): Promise<number> {
  const r = await t.store.db
    .selectFrom("deliveries")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("id", "in", ids)
    .where("state", "=", "claimed")
    .where("attempt_at", "is not", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

test("[PSH-7] the window slides: the next sends start while earlier ones still wait for an answer", async () => {
  const ctx = { db: t.store.db, clock: { now: () => Date.now() } } as unknown as JobContext;
  const ids = await claimedRows(40, "slide");
  const answers = new Map<string, () => void>();
  const started: string[] = [];
  let running = 0;
  let most = 0;
  const done = sendMarked(
    ctx,
    ids,
    (id) => [id],
    async (id) => {
      started.push(id);
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => answers.set(id, resolve));
      running--;
    },
    8,
  );
  await until("the first window has started", () => started.length >= 8);
  await sleep(QUIET_MS);
  assert.equal(started.length, 8);
  // Three answers free too little room: nothing new starts yet.
  for (const id of ids.slice(0, 3)) answers.get(id)?.();
  await sleep(QUIET_MS);
  assert.equal(started.length, 8);
  // Half the window has answered: four new sends start although four of the first eight still wait.
  answers.get(ids[3])?.();
  await until("four more sends have started", () => started.length >= 12);
  await sleep(QUIET_MS);
  assert.equal(started.length, 12);
  assert.equal(running, 8);
  // Answer everything as it starts.
  while (started.length < ids.length || running > 0) {
    for (const id of started) answers.get(id)?.();
    await sleep(2);
  }
  await done;
  assert.equal(most, 8);
  assert.equal(new Set(started).size, ids.length);
});

test("[PSH-7] at most the window's rows are ever marked with their outcome unstored (a kill's repeats)", async () => {
  const ctx = { db: t.store.db, clock: { now: () => Date.now() } } as unknown as JobContext;
  const ids = await claimedRows(60, "exposed");
  let worst = 0;
  let runs = 0;
  await sendMarked(
    ctx,
    ids,
    (id) => [id],
    async (id) => {
      worst = Math.max(worst, await exposed(ids));
      await turns(1 + (runs++ % 4));
      await finishSend(ctx, [id], "sent", null, Date.now());
      worst = Math.max(worst, await exposed(ids));
    },
    12,
  );
  assert.ok(worst > 0 && worst <= 12, `${worst} rows exposed`);
  const left = await t.store.db
    .selectFrom("deliveries")
    .select(["state", "attempt_at"])
    .where("id", "in", ids)
    .execute();
  assert.ok(left.every((r) => r.state === "sent" && r.attempt_at === null));
});

test("[PSH-7] a send that throws stops new sends, lets the others end, stores their outcomes, then throws", async () => {
  const ctx = { db: t.store.db, clock: { now: () => Date.now() } } as unknown as JobContext;
  const ids = await claimedRows(30, "throws");
  const started: string[] = [];
  await assert.rejects(
    sendMarked(
      ctx,
      ids,
      (id) => [id],
      async (id) => {
        started.push(id);
        await turns(2);
        if (id === ids[3]) throw new Error("boom");
        await finishSend(ctx, [id], "sent", null, Date.now());
      },
      8,
    ),
    /boom/,
  );
  assert.ok(started.length < ids.length);
  const sent = await t.store.db
    .selectFrom("deliveries")
    .select("id")
    .where("id", "in", ids)
    .where("state", "=", "sent")
    .execute();
  assert.equal(sent.length, started.length - 1);
});
