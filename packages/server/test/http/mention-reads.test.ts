// What a post reads to resolve keywords (MEN-4): only the room's members who saved keywords, proven by counting
// the rows the statements returned (a SQLite store that records every statement), not by timing.
// SQLite only (test/helpers/matrix.ts): statements are counted by a node:sqlite driver (spy-store.ts).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { compileKeywords } from "@herald/core";
import { buildApp, createServices } from "../../src/app.ts";
import { ManualClock } from "../../src/clock.ts";
import { testConfig } from "../../src/config.ts";
import type { DomainEvent } from "../../src/events.ts";
import {
  cachedKeywordMembers,
  invalidateKeywordMembers,
  KEYWORD_CACHE_TTL_MS,
  type KeywordMembers,
} from "../../src/http/messages/keyword-cache.ts";
import type { App } from "../../src/http/types.ts";
import { createUser } from "../../src/http/users/create.ts";
import type { Services } from "../../src/services.ts";
import { insertToken } from "../../src/store/accounts.ts";
import { createRoom } from "../../src/store/rooms.ts";
import { bulkMembers } from "../jobs/bulk.ts";
import { type SpyStore, spyStore } from "./spy-store.ts";

/** A statement that returns users' keyword lists (not one that only counts them). */
const KEYWORD_COLUMN_READ = /^select\s(?:(?!\sfrom\s).)*"keywords"/is;

describe("keyword facts read at post time", () => {
  let spy: SpyStore;
  let app: App;
  let services: Services;
  let dir: string;
  const clock = new ManualClock();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "herald-mention-reads-"));
    spy = spyStore();
    services = await createServices(testConfig({ dataDir: dir, webDist: join(dir, "none") }), {
      store: spy.store,
      clock,
    });
    app = await buildApp(services);
  });
  after(async () => {
    await app.close();
    await spy.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test("[MEN-4] a post reads the keyword rows of the room's keyword members only, in a big room and a small one", async () => {
    const { db } = services.store;
    const alice = await createUser(services, {
      username: "alice",
      password: "pw-alice-secret",
      role: "member",
    });
    const token = (await insertToken(db, alice.id, "t", ["read", "write"], clock.now())).token;
    const now = clock.now();
    const [room, elsewhere] = await db
      .transaction()
      .execute(async (trx) => [
        await createRoom(trx, { kind: "channel", name: "big", createdBy: alice.id }, [alice.id], now),
        await createRoom(trx, { kind: "channel", name: "elsewhere", createdBy: alice.id }, [alice.id], now),
      ]);
    const members = await bulkMembers(db, room.id, 999, now, { prefix: "in" });
    const others = await bulkMembers(db, elsewhere.id, 300, now, { prefix: "out" });
    await db.updateTable("rooms").set({ member_count: 1000 }).where("id", "=", room.id).execute();
    const keywordMembers = members.filter((_, i) => i % 100 === 0);
    const list = JSON.stringify(["rollout"]);
    await db.updateTable("users").set({ keywords: list }).where("id", "in", keywordMembers).execute();
    // 300 users elsewhere with the same keyword: the post must not read them.
    await db.updateTable("users").set({ keywords: list }).where("id", "in", others).execute();

    spy.reset();
    const r = await app.inject({
      method: "POST",
      url: `/api/v1/rooms/${room.id}/messages`,
      headers: { authorization: `Bearer ${token}` },
      payload: { text: "the rollout starts now" },
    });
    assert.equal(r.statusCode, 201, r.body);
    const keywordReads = spy.ran.filter((q) => KEYWORD_COLUMN_READ.test(q.sql));
    assert.ok(keywordReads.length > 0, "keywords were read");
    // 310 keyword users < 1,000 members: the plan walks the keyword users and probes their membership.
    assert.match(keywordReads[0].sql, /^select "u"."id", "u"."keywords" from "users"/);
    assert.equal(
      keywordReads.reduce((n, q) => n + q.rows, 0),
      keywordMembers.length,
      "only the room's members with keywords",
    );
    const stored = await db
      .selectFrom("mentions")
      .select("user_id")
      .where("message_id", "=", r.json().message.id)
      .where("kind", "=", "keyword")
      .execute();
    assert.deepEqual(new Set(stored.map((s) => s.user_id)), new Set(keywordMembers));

    // A small room in a workspace where many saved keywords is read through its own members instead.
    const small = await db
      .transaction()
      .execute((trx) =>
        createRoom(
          trx,
          { kind: "group", name: "small", createdBy: alice.id },
          [alice.id, others[0], others[1]],
          now,
        ),
      );
    spy.reset();
    const s = await app.inject({
      method: "POST",
      url: `/api/v1/rooms/${small.id}/messages`,
      headers: { authorization: `Bearer ${token}` },
      payload: { text: "rollout soon" },
    });
    assert.equal(s.statusCode, 201, s.body);
    const smallReads = spy.ran.filter((q) => KEYWORD_COLUMN_READ.test(q.sql));
    assert.match(
      smallReads[0].sql,
      /from "memberships"/,
      "3 members < 310 keyword users: the room's own rows",
    );
    assert.equal(
      smallReads.reduce((n, q) => n + q.rows, 0),
      2,
    );
    const smallStored = await db
      .selectFrom("mentions")
      .select("user_id")
      .where("message_id", "=", s.json().message.id)
      .execute();
    assert.deepEqual(new Set(smallStored.map((x) => x.user_id)), new Set([others[0], others[1]]));
  });

  test("[MEN-4] posts that miss the keyword cache together share one read of the room's keyword members", async () => {
    const { db } = services.store;
    let reads = 0;
    let waiting: ((m: KeywordMembers) => void)[] = [];
    const load = () => {
      reads++;
      return new Promise<KeywordMembers>((resolve) => waiting.push(resolve));
    };
    const answer = (m: KeywordMembers) => {
      for (const w of waiting) w(m);
      waiting = [];
    };
    // Eight posts in flight when the room's entry is missing (expired, or never read).
    const posts = Array.from({ length: 8 }, () => cachedKeywordMembers(db, "room-together", load));
    answer([{ userId: "u1", matcher: compileKeywords(["launch"]) }]);
    const got = await Promise.all(posts);
    assert.equal(reads, 1, "one read for the eight posts");
    for (const g of got) assert.equal(g, got[0]);
    // Cached now; after an invalidation the next post reads again.
    await cachedKeywordMembers(db, "room-together", load);
    assert.equal(reads, 1);
    invalidateKeywordMembers(db, {
      type: "membership.changed",
      at: clock.now(),
      roomId: "room-together",
      userIds: [],
      change: "joined",
    } as DomainEvent);
    const again = cachedKeywordMembers(db, "room-together", load);
    answer([]);
    assert.deepEqual(await again, []);
    assert.equal(reads, 2);
  });

  test("[MEN-4] a busy room's keyword members are read again ahead of expiry, and an unchanged list keeps the array core indexed", async () => {
    const { db } = services.store;
    const TTL = KEYWORD_CACHE_TTL_MS;
    const launch = compileKeywords(["launch"]);
    const deploy = compileKeywords(["deploy"]);
    let reads = 0;
    let next: KeywordMembers = [];
    /** While set, reads wait for it. */
    let hold: Promise<void> | null = null;
    const load = async () => {
      reads++;
      const members = next;
      if (hold) await hold;
      return members;
    };
    const settled = () => new Promise<void>((r) => setImmediate(r));
    const at = (ms: number) => cachedKeywordMembers(db, "room-busy", load, 1_000_000 + ms);
    next = [{ userId: "u1", matcher: launch }];
    const first = await at(0);
    assert.equal(reads, 1);
    assert.equal(await at(TTL / 2 - 1), first, "fresh: no read");
    assert.equal(reads, 1);
    // From half the TTL on, a post is answered from the entry at once while it is read again.
    next = [{ userId: "u1", matcher: launch }];
    assert.equal(await at(TTL / 2), first);
    assert.equal(reads, 2);
    await settled();
    // The same members with the same lists: the entry keeps the array core built its word index for.
    assert.equal(await at(TTL - 1), first, "the array core indexed is kept");
    assert.equal(reads, 2);
    next = [{ userId: "u1", matcher: deploy }];
    let release = () => {};
    hold = new Promise((r) => {
      release = r;
    });
    assert.equal(await at(TTL), first);
    assert.equal(await at(TTL + 1), first);
    assert.equal(reads, 3, "a read in flight is not started again");
    hold = null;
    release();
    await settled();
    const changed = await at(TTL + 2);
    assert.deepEqual(changed, [{ userId: "u1", matcher: deploy }]);
    assert.notEqual(changed, first);
    assert.equal(reads, 3);
    // A room nobody posted in for a TTL: the post waits for the read, never answered from the old list.
    next = [];
    assert.deepEqual(await at(3 * TTL), []);
    assert.equal(reads, 4);
  });
});
