// Crash safety of the delivery scheduler: a real server child process is SIGKILLed at seeded random moments
// during an @all fan-out to 1,000 offline members (each with a push subscription and "immediately" email),
// restarted on the same SQLite file, and the peers then count by recipient. Semantics (jobs/attempts.ts):
// push is at least once (PSH-7) — every recipient gets it, and a push repeated after a kill carries the same
// Topic and notification tag, so the device shows it once; at most IN_FLIGHT pushes repeat per kill. Email is
// never sent twice (EML-7): the only losses allowed are batches interrupted by a kill, marked "unknown", at
// most 16 per kill. Seeds are printed; CRASH_SEEDS=1,2 replays some.
// SQLite only (test/helpers/matrix.ts): kills and restarts a server child on copies of one seeded SQLite file.
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, before, test } from "node:test";
import { newId } from "../../src/ids.ts";
import { IN_FLIGHT, UNKNOWN_REASON } from "../../src/jobs/attempts.ts";
import { insertToken } from "../../src/store/accounts.ts";
import { openStore } from "../../src/store/db.ts";
import { migrateToLatest } from "../../src/store/migrator.ts";
import { type PushServicePeer, startPushService } from "../peers/push-service.ts";
import { type SmtpPeer, startSmtpPeer } from "../peers/smtp-peer.ts";
import { bulkMembers } from "./bulk.ts";
import { openWork, rng, startServer } from "./crash-server.ts";

const N = 1_000;
const EMAIL_IN_FLIGHT = 16;
const SEEDS = process.env.CRASH_SEEDS
  ? process.env.CRASH_SEEDS.split(",").map(Number)
  : Array.from({ length: 20 }, (_, i) => 1000 + i);

let dir: string;
let push: PushServicePeer;
let smtp: SmtpPeer;
let token = "";
/** The server child of the moment: killed in after() when a check fails mid-run. */
let live: Awaited<ReturnType<typeof startServer>> | null = null;
let roomId = "";
const subOf = new Map<string, string>(); // peer subscription id → member id
const emailOf = new Map<string, string>(); // address → member id

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "herald-crash-"));
  push = await startPushService();
  smtp = await startSmtpPeer();
  const store = await openStore({ sqlitePath: join(dir, "template.db") });
  await migrateToLatest(store.db);
  const now = Date.now();
  const alice = newId();
  roomId = newId();
  await store.db
    .insertInto("users")
    .values({
      id: alice,
      username: "alice",
      username_lower: "alice",
      display_name: "Alice",
      email: "alice@example.com",
      email_verified: 0,
      role: "member",
      timezone: "UTC",
      password_hash: "x",
      active: 1,
      prefs: "{}",
      agent_prefs: "{}",
      keywords: null,
      presence_choice: "auto",
      dnd_on: 0,
      dnd_until: null,
      created_at: now,
    })
    .execute();
  token = (await insertToken(store.db, alice, "crash", ["read", "write"], now)).token;
  await store.db
    .insertInto("rooms")
    .values({
      id: roomId,
      kind: "channel",
      name: "crash",
      topic: "",
      dm_key: null,
      created_by: alice,
      last_seq: 0,
      member_count: 1,
      created_at: now,
    })
    .execute();
  await store.db
    .insertInto("memberships")
    .values({ room_id: roomId, user_id: alice, last_read_seq: 0, prefs: "{}", joined_at: now })
    .execute();
  const subs = Array.from({ length: N }, () => push.subscribe());
  const ids = await bulkMembers(store.db, roomId, N, now, {
    subs,
    prefix: "m",
    prefs: JSON.stringify({ email: "all", emailDelivery: "immediately" }),
  });
  ids.forEach((id, i) => {
    subOf.set(subs[i].id, id);
    emailOf.set(`m_${i}@example.com`, id);
  });
  await store.close();
});
after(async () => {
  await live?.kill();
  await push.stop();
  await smtp.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ENV = {
  SMTP_URL: "",
  HERALD_DELIVERY_TIME_SCALE: "100", // "immediately" = 10 s → 100 ms
  HERALD_DELIVERY_LEASE_MS: "2000",
};

async function run(seed: number) {
  const r = rng(seed);
  const runDir = join(dir, `run-${seed}`);
  mkdirSync(runDir);
  copyFileSync(join(dir, "template.db"), join(runDir, "herald.db"));
  const env = { ...ENV, SMTP_URL: smtp.url };
  const tag = `crash-${seed}-${newId().slice(0, 6)}`;
  const kills = 1 + Math.floor(r() * 2);
  let s = await startServer(runDir, env);
  live = s;
  const res = await fetch(`${s.url}/api/v1/rooms/${roomId}/messages`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ text: `@all ${tag}` }),
  });
  const body = await res.text();
  assert.equal(res.status, 201, body);
  const msg = (JSON.parse(body) as { message: { id: string } }).message.id;
  const killedAt: number[] = [];
  for (let k = 0; k < kills; k++) {
    const wait = Math.floor(r() * 2000);
    killedAt.push(wait);
    await sleep(wait);
    await s.kill();
    s = await startServer(runDir, env);
    live = s;
  }
  const file = join(runDir, "herald.db");
  for (let i = 0; i < 600 && openWork(file) > 0; i++) await sleep(200);
  await s.stop();
  live = null;
  return { msg, tag, kills, killedAt, file };
}

function check(seed: number, out: Awaited<ReturnType<typeof run>>) {
  const pushes = new Map<string, { topic: string; tag: string }[]>();
  for (const p of push.received) {
    const json = p.json as { id?: string; tag?: string };
    if (json.id !== out.msg) continue;
    const u = subOf.get(p.subscriptionId) ?? "?";
    pushes.set(u, [...(pushes.get(u) ?? []), { topic: p.headers.topic ?? "", tag: json.tag ?? "" }]);
  }
  const mails = new Map<string, Set<string>>();
  let mailCount = 0;
  for (const m of smtp.received)
    if (m.text.includes(out.tag)) {
      mailCount++;
      const u = emailOf.get(m.envelope.to[0]) ?? "?";
      mails.set(u, (mails.get(u) ?? new Set()).add(m.messageId));
    }
  const db = new DatabaseSync(out.file, { readOnly: true });
  const rows = db
    .prepare("select user_id, kind, state, reason from deliveries where message_id = ? or kind = 'batch'")
    .all(out.msg) as { user_id: string; kind: string; state: string; reason: string | null }[];
  db.close();
  const unknown = (kind: string) =>
    new Set(rows.filter((x) => x.kind === kind && x.reason === UNKNOWN_REASON).map((x) => x.user_id));
  const mailUnknown = unknown("batch");
  const open = rows.filter((x) => ["pending", "claimed", "batched"].includes(x.state));
  const what = `seed ${seed}: kills ${out.kills} at ${out.killedAt.join(", ")} ms`;
  assert.equal(open.length, 0, `${what}: every row settled`);
  let repeated = 0;
  for (const [u, got] of pushes) {
    // Topic and tag are per room (PSH-5), so every copy of one push must carry the first copy's.
    assert.ok(got[0].topic !== "" && got[0].tag !== "", `${what}: push to ${u} without Topic or tag`);
    for (const g of got.slice(1))
      assert.deepEqual(g, got[0], `${what}: a repeated push to ${u} changed its Topic or tag`);
    repeated += got.length - 1;
  }
  assert.equal(
    mailCount,
    [...mails.values()].reduce((n, s) => n + s.size, 0),
    `${what}: same Message-ID twice`,
  );
  assert.ok(
    Math.max(0, ...[...mails.values()].map((s) => s.size)) <= 1,
    `${what}: two emails for one member`,
  );
  for (const u of subOf.values()) {
    assert.ok(pushes.has(u), `${what}: push to ${u} lost`);
    if (!mails.has(u))
      assert.ok(mailUnknown.has(u), `${what}: email to ${u} lost without an interrupted send`);
  }
  assert.ok(repeated <= out.kills * IN_FLIGHT, `${what}: ${repeated} repeated pushes`);
  assert.ok(mailUnknown.size <= out.kills * EMAIL_IN_FLIGHT, `${what}: ${mailUnknown.size} unknown emails`);
  return {
    pushes: pushes.size,
    mails: mails.size,
    repeated,
    mailUnknown: mailUnknown.size,
  };
}

// One test per seed, so each seed has its own time limit and a failing seed is named in the summary.
for (const seed of SEEDS) {
  test(`[PSH-7][EML-7] seed ${seed}: SIGKILL during a 1,000-recipient fan-out: every push arrives, a repeat with the same Topic and tag; email at most once, none lost but interrupted batches`, async () => {
    const t = Date.now();
    const out = await run(seed);
    const c = check(seed, out);
    console.log(
      `crash seed ${seed}: kills ${out.kills} at [${out.killedAt.join(", ")}] ms → pushes ${c.pushes}/${N} (repeated ${c.repeated}), emails ${c.mails}/${N} (unknown ${c.mailUnknown}), ${Date.now() - t} ms`,
    );
    if (existsSync(join(dir, `run-${seed}`)))
      rmSync(join(dir, `run-${seed}`), { recursive: true, force: true });
  });
}
