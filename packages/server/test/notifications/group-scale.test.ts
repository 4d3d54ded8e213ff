// [GEN-1] @all in a 2,000-member room writes O(1) inbox rows: every member's item is derived from the one
// group_mentions row, and still shows in each member's list and unread count.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { newId } from "../../src/ids.ts";
import { insertToken } from "../../src/store/accounts.ts";
import type { Harness, TestUser } from "../http/harness.ts";
import { harness } from "../http/harness.ts";

describe("[GEN-1] group mentions at scale", () => {
  let h: Harness;
  let alice: TestUser;
  let room: string;
  let sample: string[] = [];
  const api = (headers: Record<string, string>, method: "GET" | "POST", url: string, payload?: object) =>
    h.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

  before(async () => {
    h = await harness();
    alice = await h.user("member", "alice");
    const { db } = h.services.store;
    // Bulk users straight into the store: 2,000 password hashes would only measure scrypt.
    const ids = Array.from({ length: 2000 }, () => newId());
    for (let i = 0; i < ids.length; i += 250) {
      await db
        .insertInto("users")
        .values(
          ids.slice(i, i + 250).map((id, j) => ({
            id,
            username: `m${i + j}`,
            username_lower: `m${i + j}`,
            display_name: `Member ${i + j}`,
            email: null,
            email_verified: 0,
            role: "member" as const,
            timezone: "UTC",
            active: 1,
            prefs: "{}",
            agent_prefs: "{}",
            keywords: null,
            presence_choice: "auto" as const,
            dnd_on: 0,
            dnd_until: null,
            password_hash: "x",
            created_at: h.clock.now(),
          })),
        )
        .execute();
    }
    const r = await api(alice.h, "POST", "/rooms", {
      kind: "channel",
      name: "all-hands",
      memberIds: ids.slice(0, 1000),
    });
    room = r.json().room.id;
    await api(alice.h, "POST", `/rooms/${room}/members`, { userIds: ids.slice(1000) });
    sample = [ids[0], ids[999], ids[1999]];
  });
  after(() => h.close());

  test("[GEN-1] @all in a 2,000-member room writes O(1) rows and reaches every member's inbox", async () => {
    const { db } = h.services.store;
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("notifications")
            .select((e) => e.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    h.clock.advance(1000);
    const m = await api(alice.h, "POST", `/rooms/${room}/messages`, { text: "@all the building is on fire" });
    assert.equal(m.statusCode, 201);
    assert.equal(await count(), before, "no inbox row per member");
    for (const id of sample) {
      const t = await insertToken(db, id, "t", ["read", "write"], h.clock.now());
      const hdr = { authorization: `Bearer ${t.token}` };
      const list = (await api(hdr, "GET", "/notifications")).json();
      assert.equal(list.items[0].messageId, m.json().message.id);
      assert.equal(list.items[0].type, "group");
      assert.equal((await api(hdr, "GET", "/notifications/unread-count")).json().unread, 1);
    }
  });
});
