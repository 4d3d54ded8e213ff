// A cluster of real Herald processes: `serve --roles=api,gateway` ×2 and `serve --roles=worker` ×2 (Node 24 with
// --experimental-strip-types, as `npm start` runs it) on one fresh PostgreSQL database and one Redis (a
// redis-server of this suite's own on a free port, database 3, so it can be restarted without touching the
// machine's, and a prefix of this run). Checked across nodes: a banner for a post made through the other node;
// presence and the support ring's stop; a pick-up race (exactly one wins, 20 times); SIGKILL of a gateway (its
// SDK client resumes on the other node with nothing lost or doubled); SIGKILL of a worker holding pushes in
// flight (the other takes its rows over after the lease and every push arrives, a repeat with the same Topic:
// PSH-7); a Redis restart (every node reconnects by itself, a client resumes with what was posted meanwhile).
// PostgreSQL and redis-server are required when CI=true; elsewhere the suite is skipped with a note when
// either is missing. It chooses its own store (test/helpers/matrix.ts: not run again by the PostgreSQL pass).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Redis } from "ioredis";
import pg from "pg";
import { WebSocket } from "ws";
import { Connection } from "../../../sdk/src/connection.ts";
import type { ServerEvent } from "../../../sdk/src/types.ts";
import { newId } from "../../src/ids.ts";
import { IN_FLIGHT } from "../../src/jobs/attempts.ts";
import { insertToken } from "../../src/store/accounts.ts";
import { openStore, type Store } from "../../src/store/db.ts";
import { bulkMembers } from "../jobs/bulk.ts";
import { type PushServicePeer, startPushService } from "../peers/push-service.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../peers/webhook-receiver.ts";
import { PG_URL, pgAvailable } from "../store/pg.ts";
import { freePort, HeraldNode, PrivateRedis, until } from "./nodes.ts";

function redisServerMissing(): string | false {
  if (PrivateRedis.available()) return false;
  if (process.env.CI === "true") throw new Error("redis-server is required when CI=true (the cluster suite)");
  return "redis-server is not installed (required when CI=true)";
}

const skip = !(await pgAvailable()) ? "PostgreSQL unreachable (required when CI=true)" : redisServerMissing();

const REDIS_DB = 3;
const HOOK_SECRET = "cluster-webhook-secret-0123456789";

type Frame = Record<string, unknown> & { t: string };
interface User {
  id: string;
  name: string;
  token: string;
}

/** A raw-protocol client: frames as they come, multi frames unpacked. */
async function rawClient(url: string, user: User, hello: Record<string, unknown> = {}) {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${user.token}` } });
  const frames: Frame[] = [];
  ws.on("message", (d) => {
    const f = JSON.parse(d.toString()) as Frame;
    frames.push(...(f.t === "multi" ? (f.events as Frame[]) : [f]));
  });
  ws.on("error", () => {});
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  ws.send(
    JSON.stringify({
      t: "hello",
      deviceId: `${user.name}-${newId()}`,
      deviceKind: "web",
      permission: "granted",
      focused: false,
      visible: true,
      ...hello,
    }),
  );
  await until(`${user.name} ready`, () => frames.some((f) => f.t === "ready"));
  return {
    ws,
    frames,
    close: () => ws.close(),
  };
}

describe("a cluster of Herald processes on PostgreSQL and Redis", { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), "herald-cluster-"));
  const dbName = `herald_cluster_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  let redis: PrivateRedis;
  let push: PushServicePeer;
  let hook: WebhookReceiver;
  let store: Store;
  const users: Record<string, User> = {};
  let gw1: HeraldNode;
  let gw2: HeraldNode;
  let w1: HeraldNode;
  let w2: HeraldNode;
  const nodes = () => [gw1, gw2, w1, w2];
  let dmId = "";

  const api = async (node: HeraldNode, user: User, method: string, path: string, body?: unknown) => {
    const r = await fetch(`${node.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${user.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    // biome-ignore lint/suspicious/noExplicitAny: answers of many routes, read field by field by the tests
    return { status: r.status, json: (text ? JSON.parse(text) : null) as Record<string, any> };
  };
  const ok = async (node: HeraldNode, user: User, method: string, path: string, body?: unknown) => {
    const r = await api(node, user, method, path, body);
    assert.ok(r.status < 300, `${method} ${path} on ${node.name}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  };
  const widget = async (node: HeraldNode, key: string, body: unknown) => {
    const r = await fetch(`${node.url}/api/v1/widget/conversations`, {
      method: "POST",
      headers: { "x-inbox-key": key, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    assert.equal(r.status, 201, await r.clone().text());
    return (await r.json()) as { conversation: { id: string; roomId: string } };
  };

  before(async () => {
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    const databaseUrl = u.toString();
    redis = new PrivateRedis(await freePort());
    push = await startPushService();
    hook = await startWebhookReceiver(HOOK_SECRET);
    await redis.start();
    const env = (name: string) => ({
      DATABASE_URL: databaseUrl,
      // A Redis database other than 0, as an install sharing a Redis would pick (checked below).
      REDIS_URL: `${redis.url}/${REDIS_DB}`,
      HERALD_REDIS_PREFIX: `${dbName}:`,
      HERALD_DATA_DIR: join(dir, name),
      HERALD_WEB_DIST: join(dir, "no-web"),
      HERALD_LOG_LEVEL: "warn",
      HOST: "127.0.0.1",
      PORT: "0",
      // Short leases: a dead worker's rows are taken over within seconds, not the default minute.
      HERALD_DELIVERY_LEASE_MS: "3000",
      HERALD_RATE_WIDGET_CONVERSATIONS_PER_HOUR: "100000",
      HERALD_RATE_POST_PER_MIN: "100000",
      HERALD_RATE_TOKEN_PER_MIN: "1000000",
      // The local RFC 8030 peer listens on loopback, which push endpoints may not name by default.
      HERALD_PUSH_ALLOW_HOSTS: "127.0.0.1",
      HERALD_WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
    });
    // Schema first, as an operator does (docs/OPERATIONS.md), so four processes never migrate at once.
    store = await openStore({ databaseUrl });
    const { migrateToLatest } = await import("../../src/store/migrator.ts");
    await migrateToLatest(store.db);
    const now = Date.now();
    for (const [name, role] of [
      ["admin", "admin"],
      ["alice", "member"],
      ["bob", "member"],
      ["ann", "agent"],
      ["ben", "agent"],
      ["cat", "agent"],
      ["dan", "agent"],
    ] as const) {
      const id = newId();
      await store.db
        .insertInto("users")
        .values({
          id,
          username: name,
          username_lower: name,
          display_name: name,
          email: `${name}@example.com`,
          email_verified: 0,
          role,
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
      users[name] = {
        id,
        name,
        token: (
          await insertToken(
            store.db,
            id,
            "cluster",
            role === "admin" ? ["read", "write", "admin"] : ["read", "write"],
            now,
          )
        ).token,
      };
    }
    gw1 = new HeraldNode("gw1", "api,gateway", env("gw1"));
    gw2 = new HeraldNode("gw2", "api,gateway", env("gw2"));
    w1 = new HeraldNode("w1", "worker", env("w1"));
    w2 = new HeraldNode("w2", "worker", env("w2"));
    await Promise.all(nodes().map((n) => n.start()));
    dmId = (await ok(gw1, users.alice, "POST", "/dms", { userIds: [users.bob.id] })).room.id;
  });

  after(async () => {
    await Promise.all(nodes().map((n) => n?.kill()));
    await store?.close();
    await redis?.stop();
    await push?.stop();
    await hook?.stop();
    // Killed nodes' sessions end on their own a moment later; only then is the database forced.
    for (let i = 0; i < 50; i++) {
      const left = await admin.query("select 1 from pg_stat_activity where datname = $1", [dbName]);
      if (left.rowCount === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A node a test killed is started again (with a new port) before the next test needs it. */
  const revive = () =>
    Promise.all(
      nodes()
        .filter((n) => !n.alive)
        .map((n) => n.start()),
    );

  /** Fails with every node's output: what a node said is what explains a failure here. */
  const logs = () =>
    nodes()
      .map((n) => `--- ${n.name} (${n.roles})\n${n.log}`)
      .join("\n");

  test("[DSK-1] a post made through one node gives a banner over a WebSocket held by the other", async () => {
    const bob = await rawClient(gw2.ws, users.bob);
    try {
      const m = await ok(gw1, users.alice, "POST", `/rooms/${dmId}/messages`, { text: "across nodes" });
      await until("notify on gw2", () =>
        bob.frames.some((f) => f.t === "notify" && f.messageId === m.message.id),
      );
      const n = bob.frames.find((f) => f.t === "notify" && f.messageId === m.message.id);
      assert.deepEqual(n?.banner, { title: "alice", body: "across nodes", senderId: users.alice.id }, logs());
      // Bob's presence facts live in the Redis database REDIS_URL names, under the install's prefix.
      const keys = async (db: number) => {
        const r = new Redis(`${redis.url}/${db}`);
        try {
          return await r.keys("*");
        } finally {
          r.disconnect();
        }
      };
      const inDb = await keys(REDIS_DB);
      assert.ok(inDb.length > 0 && inDb.every((k) => k.startsWith(`${dbName}:`)), inDb.join(", "));
      assert.deepEqual(await keys(0), []);
    } finally {
      bob.close();
    }
  });

  test("[PRS-6] presence crosses nodes; [SUP-3] the support ring starts on both nodes and stops on both when one agent picks up", async () => {
    const alice = await rawClient(gw1.ws, users.alice);
    alice.ws.send(JSON.stringify({ t: "presence.subscribe", userIds: [users.bob.id] }));
    const bobStatus = () =>
      alice.frames.filter((f) => f.t === "presence" && f.userId === users.bob.id).map((f) => f.status);
    const bob = await rawClient(gw2.ws, users.bob, { focused: true });
    // PRS-8: a connection alone is not activity; input is.
    bob.ws.send(JSON.stringify({ t: "activity" }));
    await until(`bob online, seen on gw1 (${bobStatus()})`, () => bobStatus().at(-1) === "online");
    // A status set through gw2's API reaches gw1 (the 30 s reconnect grace of PRS-4 is not waited for here).
    await ok(gw2, users.bob, "PUT", "/me/status", { presence: "away" });
    await until(`bob away, seen on gw1 (${bobStatus()})`, () => bobStatus().at(-1) === "away");
    await ok(gw2, users.bob, "PUT", "/me/status", { presence: "invisible" });
    await until(`bob offline, seen on gw1 (${bobStatus()})`, () => bobStatus().at(-1) === "offline");
    await ok(gw2, users.bob, "PUT", "/me/status", { presence: "auto" });
    bob.close();
    alice.close();

    const inbox = await ok(gw1, users.admin, "POST", "/inboxes", {
      name: "Web",
      agentIds: [users.ann.id, users.ben.id],
    });
    const ann = await rawClient(gw1.ws, users.ann);
    const ben = await rawClient(gw2.ws, users.ben);
    try {
      const conv = (await widget(gw2, inbox.key, { name: "Zoe", text: "hello?" })).conversation;
      const about = (c: { frames: Frame[] }, t: string) =>
        c.frames.filter((f) => f.t === t && f.conversationId === conv.id).length;
      await until(
        "pending.start on both nodes",
        () => about(ann, "pending.start") === 1 && about(ben, "pending.start") === 1,
      );
      await ok(gw1, users.ann, "POST", `/conversations/${conv.id}/pickup`);
      await until(
        "pending.stop on both nodes",
        () => about(ann, "pending.stop") === 1 && about(ben, "pending.stop") === 1,
      );
    } finally {
      ann.close();
      ben.close();
    }
  });

  test("[SUP-4] a pick-up race across nodes: exactly one agent wins, 20 times", async () => {
    const inbox = await ok(gw1, users.admin, "POST", "/inboxes", {
      name: "Race",
      agentIds: ["ann", "ben", "cat", "dan"].map((n) => users[n].id),
    });
    const racers: [HeraldNode, User][] = [
      [gw1, users.ann],
      [gw2, users.ben],
      [gw1, users.cat],
      [gw2, users.dan],
    ];
    for (let round = 0; round < 20; round++) {
      const conv = (await widget(round % 2 ? gw1 : gw2, inbox.key, { name: `Q${round}`, text: "help" }))
        .conversation;
      const results = await Promise.all(
        racers.map(([node, agent]) => api(node, agent, "POST", `/conversations/${conv.id}/pickup`)),
      );
      const won = results.filter((r) => r.status === 200);
      assert.equal(won.length, 1, `round ${round}: ${results.map((r) => r.status).join(",")}`);
      for (const r of results.filter((x) => x.status !== 200))
        assert.deepEqual([r.status, r.json.error.code], [409, "already_picked_up"], `round ${round}`);
      const view = await ok(gw2, users.ann, "GET", `/conversations/${conv.id}`);
      assert.equal(view.conversation.assigneeId, racers[results.indexOf(won[0])][1].id, `round ${round}`);
    }
  });

  test("[GEN-7] SIGKILL of a gateway: its SDK client reconnects to the other node and resumes, nothing lost or doubled", async () => {
    // A load balancer's choice: the first try goes to gw1, each retry to the next node.
    let pick = 0;
    const bob = new Connection({
      url: "ws://chosen-by-createSocket",
      deviceId: "bob-laptop",
      deviceKind: "web",
      getState: () => ({ permission: "granted", focused: false, visible: true, view: {} }),
      backoff: { initialMs: 100, maxMs: 1000, factor: 2 },
      createSocket: () => {
        const target = [gw1, gw2][pick++ % 2];
        return new WebSocket(target.ws, { headers: { authorization: `Bearer ${users.bob.token}` } }) as never;
      },
    });
    const events: ServerEvent[] = [];
    bob.onEvent((e) => events.push(e));
    bob.connect();
    await until("bob ready on gw1", () => bob.status === "ready");
    const sent: string[] = [];
    const post = async (i: number) =>
      sent.push(
        (await ok(gw2, users.alice, "POST", `/rooms/${dmId}/messages`, { text: `m${i}` })).message.id,
      );
    for (let i = 0; i < 5; i++) await post(i);
    const seen = () =>
      events.filter((e) => e.t === "message").map((e) => (e as { message: { id: string } }).message.id);
    await until("the first five on gw1", () => sent.every((id) => seen().includes(id)));
    await gw1.kill("SIGKILL");
    for (let i = 5; i < 15; i++) await post(i);
    await until("bob back, on gw2", () => bob.status === "ready" && pick >= 2);
    for (let i = 15; i < 20; i++) await post(i);
    await until("all twenty", () => sent.every((id) => seen().includes(id)), 30_000);
    // Later events would be on their way by now: the last post's message arrived after every earlier one.
    bob.close();
    const counts = new Map<string, number>();
    for (const id of seen()) counts.set(id, (counts.get(id) ?? 0) + 1);
    const wrong = sent.map((id, i) => [`m${i}`, counts.get(id) ?? 0]).filter(([, n]) => n !== 1);
    assert.deepEqual(wrong, [], "each message exactly once");
    assert.equal(seen().length, sent.length, "no message but the twenty");
    // Each banner at most once: the other node's log, kept through the grace from bob's earlier sockets there,
    // must not replay what this device already showed (its cursors are not the killed node's).
    const bannerIds = events
      .filter((e) => e.t === "notify" && (e as { banner?: unknown }).banner)
      .map((e) => (e as { messageId?: string }).messageId);
    const twice = bannerIds.filter((id, i) => bannerIds.indexOf(id) !== i);
    assert.deepEqual(twice, [], "no second banner for one message");
  });

  test("[PSH-7] SIGKILL of a worker holding pushes in flight mid-fan-out: the other worker takes its rows over after the lease and every push and webhook arrives, a repeat with the same Topic or X-Herald-Delivery", async () => {
    await revive();
    const N = 400;
    const room = (
      await ok(gw1, users.alice, "POST", "/rooms", {
        kind: "channel",
        name: "all-hands",
        memberIds: [users.bob.id],
      })
    ).room.id as string;
    const subs = Array.from({ length: N }, () => push.subscribe());
    const ids = await bulkMembers(store.db, room, N, Date.now(), { subs, prefix: "fan" });
    const memberOf = new Map(subs.map((s, i) => [s.id, ids[i]]));
    // A quarter of the members also have a webhook (a bridge): each must get it too, a repeat with the same
    // X-Herald-Delivery (its idempotency key).
    const hooked = ids.slice(0, N / 4);
    await store.db
      .insertInto("push_subscriptions")
      .values(
        hooked.map((userId, i) => ({
          id: newId(),
          user_id: userId,
          device_id: `bridge-${i}`,
          device_kind: "mobile" as const,
          type: "webhook" as const,
          endpoint: `${hook.url}/${userId}`,
          p256dh: null,
          auth: null,
          secret: HOOK_SECRET,
          created_at: Date.now(),
        })),
      )
      .execute();
    const gate = push.hold();
    const m = await ok(gw1, users.alice, "POST", `/rooms/${room}/messages`, { text: "@all fire drill" });
    const msgId = m.message.id as string;
    // Both workers claim rows once the fan-out is written; wait until one of them has pushes held in flight.
    const holding = (w: HeraldNode) => {
      const mine = w.socketPorts();
      return gate.held().filter((p) => mine.has(p)).length;
    };
    await until("a worker with pushes in flight", () => holding(w1) + holding(w2) >= IN_FLIGHT, 60_000).catch(
      async (err) => {
        const rows = await store.db
          .selectFrom("deliveries")
          .select(["kind", "state", "reason"])
          .where("message_id", "=", msgId)
          .execute();
        const states = new Map<string, number>();
        for (const r of rows)
          states.set(
            `${r.kind} ${r.state} ${r.reason}`,
            (states.get(`${r.kind} ${r.state} ${r.reason}`) ?? 0) + 1,
          );
        throw new Error(
          `${err.message}: held ${gate.held().length} (w1 ${holding(w1)}, w2 ${holding(w2)}), rows ${JSON.stringify([...states])}\n${logs()}`,
        );
      },
    );
    const victim = holding(w1) >= holding(w2) ? w1 : w2;
    const inFlight = holding(victim);
    // Half of them reached the push service before the worker died (it never heard back): sent again (PSH-7).
    const arrived = gate.receiveUnanswered(victim.socketPorts(), Math.floor(inFlight / 2));
    await victim.kill("SIGKILL");
    await until("the killed worker's requests gone", () => gate.aborted() >= inFlight - arrived);
    gate.open();
    const got = () => {
      const by = new Map<string, string[]>();
      for (const p of push.received) {
        if ((p.json as { id?: string } | null)?.id !== msgId) continue;
        const u = memberOf.get(p.subscriptionId) ?? "?";
        // Topic (the push service replaces a queued copy) and tag (the device replaces a shown one).
        const tag = (p.json as { tag?: string }).tag ?? "";
        by.set(u, [...(by.get(u) ?? []), p.headers.topic && tag ? `${p.headers.topic} ${tag}` : ""]);
      }
      return by;
    };
    await until(`every member's push (${got().size}/${N})`, () => got().size === N, 60_000).catch((err) => {
      throw new Error(`${err.message}\n${logs()}`);
    });
    let repeated = 0;
    for (const [u, topics] of got()) {
      assert.ok(topics[0], `push to ${u} without a Topic or tag`);
      for (const t of topics.slice(1))
        assert.equal(t, topics[0], `a repeat to ${u} changed its Topic or tag`);
      repeated += topics.length - 1;
    }
    assert.ok(
      repeated >= arrived && repeated <= IN_FLIGHT,
      `${repeated} repeated pushes (${arrived} arrived unanswered)`,
    );
    const hooks = () => {
      const by = new Map<string, string[]>();
      for (const h of hook.received) {
        if ((h.json as { id?: string } | null)?.id !== msgId) continue;
        assert.ok(h.verified, h.reason);
        const u = h.path.slice(h.path.lastIndexOf("/") + 1);
        by.set(u, [...(by.get(u) ?? []), String(h.headers["x-herald-delivery"])]);
      }
      return by;
    };
    await until(`every webhook (${hooks().size}/${hooked.length})`, () => hooks().size === hooked.length);
    let hookRepeats = 0;
    for (const [u, keys] of hooks()) {
      for (const k of keys.slice(1))
        assert.equal(k, keys[0], `a repeated webhook to ${u} changed its X-Herald-Delivery`);
      hookRepeats += keys.length - 1;
    }
    const open = async () =>
      await store.db
        .selectFrom("deliveries")
        .select(["id", "kind", "state", "attempts", "reason"])
        .where("message_id", "=", msgId)
        .where("state", "in", ["pending", "claimed"])
        .execute();
    await until("every row settled", async () => (await open()).length === 0).catch(async (err) => {
      throw new Error(`${err.message}: ${JSON.stringify(await open())}`);
    });
    console.log(
      `worker killed with ${inFlight} pushes in flight (${arrived} arrived unanswered): ${N}/${N} pushes delivered, ${repeated} repeated; ${hooked.length}/${hooked.length} webhooks, ${hookRepeats} repeated`,
    );
  });

  test("[GEN-7] a Redis restart: every node reconnects by itself, /readyz follows, and a client resumes with the post made during the outage and the posts after it", async () => {
    await revive();
    let readies = 0;
    const bob = new Connection({
      url: "ws://chosen-by-createSocket",
      deviceId: "bob-desk",
      deviceKind: "web",
      getState: () => ({ permission: "granted", focused: false, visible: true, view: {} }),
      backoff: { initialMs: 100, maxMs: 1000, factor: 2 },
      createSocket: () =>
        new WebSocket(gw2.ws, { headers: { authorization: `Bearer ${users.bob.token}` } }) as never,
    });
    const events: ServerEvent[] = [];
    bob.onEvent((e) => events.push(e));
    bob.onStatus((st) => {
      if (st === "ready") readies++;
    });
    const texts = () =>
      events.filter((e) => e.t === "message").map((e) => (e as { message: { text: string } }).message.text);
    const allReady = async (status: number) => {
      const s = await Promise.all(nodes().map((n) => fetch(`${n.url}/readyz`).then((r) => r.status)));
      return s.every((x) => x === status);
    };
    try {
      bob.connect();
      await until("bob ready on gw2", () => bob.status === "ready");
      await ok(gw1, users.alice, "POST", `/rooms/${dmId}/messages`, { text: "before the outage" });
      await until("the post before the outage", () => texts().includes("before the outage"));
      await redis.stop();
      await until("readyz 503 on every node", () => allReady(503));
      // Committed while no node can reach Redis: kept by gw1's bus, and in the store for a resume.
      await ok(gw1, users.alice, "POST", `/rooms/${dmId}/messages`, { text: "during the outage" });
      await redis.start();
      await until("readyz 200 on every node", () => allReady(200));
      await ok(gw1, users.alice, "POST", `/rooms/${dmId}/messages`, { text: "after the restart" });
      await until(
        `every post on gw2 (${texts()}; readies ${readies}, ${bob.status}; ${JSON.stringify(events.map((e) => e.t))})`,
        () => texts().includes("during the outage") && texts().includes("after the restart"),
      ).catch((err) => {
        throw new Error(`${err.message}\n${logs()}`);
      });
      await until("bob resumed after the outage", () => readies >= 2 && bob.status === "ready");
      for (const t of ["before the outage", "during the outage", "after the restart"])
        assert.equal(texts().filter((x) => x === t).length, 1, `${t}: once (${texts()})`);
    } finally {
      bob.close();
    }
    for (const n of nodes()) assert.doesNotMatch(n.log, /Unhandled error event|ERR_UNHANDLED/, n.name);
  });
});
