// Fuzz: "every idle recipient of a due push gets exactly one" (PSH-2, PSH-3, PRS-7, PRS-8). Seeded runs
// interleave posts (mentions, @all, plain), reads, input, going idle, disconnects, reconnects and scheduler
// ticks on a manual clock, against the real scheduler, store and RFC 8030 push-service peer. The model knows
// each recipient's last input and connection; at every tick it checks, for every (recipient, message) pair
// the message triggers: never two pushes; a push only while the recipient is idle (PRS-7) and the message
// unread; after the tick, a push for every pair that is idle and unread; none ever for a pair read before it
// was pushed. Seeds are printed; IDLE_FUZZ_SEEDS=1,2 replays some.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { activityFacts } from "@herald/core";
import type { TestUser } from "../http/harness.ts";
import { rng } from "./crash-server.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

const SEEDS = process.env.IDLE_FUZZ_SEEDS
  ? process.env.IDLE_FUZZ_SEEDS.split(",").map(Number)
  : [11, 12, 13, 14, 15, 16];
const RECIPIENTS = 5;
const STEPS = 70;
const IDLE_MS = 60_000; // PRF-13 default; mentions and @all wait this long (PSH-2)
const GONE_MS = 30_000; // PRS-7: no desktop/web connection for 30 s

let f: JobsFixture;
before(async () => {
  f = await jobsFixture();
});
after(() => f.close());

interface Person {
  user: TestUser;
  sub: Awaited<ReturnType<JobsFixture["subscribe"]>>;
  /** Last input reported by a client (PRS-8: connecting is not input). */
  lastInput: number;
  /** null while a desktop connection is open. */
  goneAt: number | null;
  readSeq: number;
}

interface Pair {
  person: Person;
  messageId: string;
  seq: number;
  /** The recipient read it while no push had reached them: none may ever arrive. */
  readFirst: boolean;
}

/** PRS-7 with auto-away on: idle for the threshold, or no desktop/web connection for 30 s. */
const idleAt = (p: Person, t: number) =>
  t >= p.lastInput + IDLE_MS || (p.goneAt !== null && t >= p.goneAt + GONE_MS);

function facts(p: Person) {
  const conn = {
    id: "c",
    deviceId: "d",
    deviceKind: "desktop" as const,
    focused: false,
    visible: true,
    view: {},
    lastActivityAt: p.lastInput,
    permission: "granted" as const,
  };
  return activityFacts(
    p.goneAt === null ? [conn] : [],
    { lastActivityAt: p.lastInput, desktopGoneAt: p.goneAt },
    { autoAway: true, idleSeconds: IDLE_MS / 1000 },
  );
}

async function run(seed: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const clock = f.h.clock;
  const sender = await f.h.user("member");
  const people: Person[] = [];
  for (let k = 0; k < RECIPIENTS; k++) {
    const user = await f.h.user("member");
    people.push({ user, sub: await f.subscribe(user), lastInput: clock.now(), goneAt: null, readSeq: 0 });
  }
  const room = await f.room(
    sender,
    people.map((p) => p.user),
  );
  const sync = (p: Person) => f.active.set(p.user.id, facts(p));
  for (const p of people) sync(p);
  const pairs: Pair[] = [];
  const counts = new Map<string, number>();
  const stats = { posts: 0, reads: 0, ticks: 0, pushed: 0 };
  const countOf = (x: Pair) => counts.get(`${x.person.sub.id}:${x.messageId}`) ?? 0;
  const recount = () => {
    counts.clear();
    for (const p of people)
      for (const got of f.pushesFor(p.sub))
        if (got.type === "message" && got.id) {
          const k = `${p.sub.id}:${got.id}`;
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
  };
  const tick = async (step: number) => {
    const t = clock.now();
    const before = new Map(pairs.map((x) => [x, countOf(x)]));
    await f.s.tick();
    recount();
    stats.ticks++;
    for (const x of pairs) {
      const n = countOf(x);
      const what = `seed ${seed} step ${step}: ${x.person.user.username} / message ${x.seq}`;
      assert.ok(n <= 1, `${what}: ${n} pushes`);
      if (x.readFirst) assert.equal(n, 0, `${what}: pushed after it was read`);
      if (n > (before.get(x) ?? 0)) {
        assert.ok(idleAt(x.person, t), `${what}: pushed while the recipient was active`);
        assert.ok(x.seq > x.person.readSeq, `${what}: pushed though read`);
        stats.pushed++;
      }
      if (!x.readFirst && x.seq > x.person.readSeq && idleAt(x.person, t))
        assert.equal(n, 1, `${what}: idle and unread at the tick, but no push`);
    }
  };
  for (let step = 0; step < STEPS; step++) {
    const p = pick(people);
    const roll = r();
    if (roll < 0.3) {
      // A post: a mention of some recipients, @all, or a plain message (level "mentions": no push).
      const kind = r();
      const named = people.filter(() => r() < 0.4);
      const text =
        kind < 0.55
          ? `${named.map((x) => `@${x.user.username}`).join(" ")} step ${step}`
          : kind < 0.8
            ? `@all step ${step}`
            : `plain step ${step}`;
      const res = await f.h.app.inject({
        method: "POST",
        url: `/api/v1/rooms/${room}/messages`,
        headers: sender.h,
        payload: { text },
      });
      assert.equal(res.statusCode, 201, res.body);
      const m = res.json().message as { id: string; seq: number };
      const reached = kind < 0.55 ? named : kind < 0.8 ? people : [];
      for (const x of reached) pairs.push({ person: x, messageId: m.id, seq: m.seq, readFirst: false });
      stats.posts++;
    } else if (roll < 0.42) {
      // A read on any device (PSH-3): everything posted so far.
      const res = await f.h.app.inject({
        method: "POST",
        url: `/api/v1/rooms/${room}/read`,
        headers: p.user.h,
        payload: {},
      });
      assert.equal(res.statusCode, 200, res.body);
      p.readSeq = res.json().seq as number;
      recount();
      for (const x of pairs) if (x.person === p && x.seq <= p.readSeq && countOf(x) === 0) x.readFirst = true;
      stats.reads++;
    } else if (roll < 0.55) {
      // Input on a desktop client (the one kind of activity, PRS-8); it opens a connection if none.
      p.lastInput = clock.now();
      p.goneAt = null;
      sync(p);
      await f.s.wakeUser(p.user.id);
    } else if (roll < 0.63) {
      // The last desktop connection closes: inactive 30 s later at most (PRS-7); the gateway wakes the user.
      if (p.goneAt === null) p.goneAt = clock.now();
      sync(p);
      await f.s.wakeUser(p.user.id);
    } else if (roll < 0.72) {
      // A reconnect or reload: a connection again, and no input (PRS-8: the countdown goes on).
      p.goneAt = null;
      sync(p);
      await f.s.wakeUser(p.user.id);
    } else {
      // Time passes — some recipients go idle — and the scheduler runs.
      clock.set(clock.now() + Math.floor(r() * 45_000));
      await tick(step);
    }
  }
  // Finally everyone closes their client: every pair still unread becomes due and must arrive once.
  for (const p of people) {
    if (p.goneAt === null) p.goneAt = clock.now();
    sync(p);
  }
  clock.set(clock.now() + GONE_MS);
  await tick(STEPS);
  for (const p of people) f.active.delete(p.user.id);
  return stats;
}

for (const seed of SEEDS) {
  test(`[PSH-2][PSH-3][PRS-7][PRS-8] seed ${seed}: every idle recipient of a due push gets exactly one, a read one none`, async () => {
    const s = await run(seed);
    console.log(
      `idle-push seed ${seed}: ${s.posts} posts, ${s.reads} reads, ${s.ticks} ticks, ${s.pushed} pushes checked`,
    );
    assert.ok(s.pushed > 0, "the run sent pushes (else it proved nothing)");
  });
}
