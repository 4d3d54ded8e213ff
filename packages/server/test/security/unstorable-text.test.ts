// [GEN-4] Strings no store can keep — U+0000 (PostgreSQL refuses it) and lone UTF-16 surrogates (not UTF-8) —
// answer 400 invalid_text naming the field on every route, anonymous ones included, on SQLite and PostgreSQL;
// PATCH /rooms/:id with nothing to change is a no-op 200, and a DM asked for twice at once is one room.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { caller } from "../helpers/api.ts";
import { type Harness, harness, type TestUser } from "../http/harness.ts";
import { pgAvailable } from "../store/pg.ts";

for (const store of ["sqlite", "postgres"] as const) {
  describe(`[GEN-4] unstorable text (${store})`, () => {
    let h: Harness | null = null;
    let api: ReturnType<typeof caller>;
    let bob: TestUser;
    let room: string;
    before(async () => {
      if (store === "postgres" && !(await pgAvailable())) return;
      h = await harness({ pg: store === "postgres" });
      api = caller(h.app);
      bob = await h.user("member");
      room = (await api(bob, "POST", "/rooms", { kind: "group", name: "g" })).json().room.id;
    });
    after(() => h?.close());

    test(`[GEN-4] NUL and lone surrogates answer 400 invalid_text with the field (${store})`, async (t) => {
      if (!h) return t.diagnostic("PostgreSQL unreachable");
      const cases: [
        typeof bob | null,
        "GET" | "POST" | "PATCH" | "PUT",
        string,
        unknown,
        string | undefined,
      ][] = [
        [null, "POST", "/auth/login", { login: "a\u0000b", password: "x" }, "login"],
        [null, "POST", "/auth/login", { login: "admin", password: "\ud800" }, "password"],
        [bob, "POST", `/rooms/${room}/messages`, { text: "hi\u0000" }, "text"],
        [bob, "POST", `/rooms/${room}/messages`, { text: "lone \udc00 low" }, "text"],
        [bob, "PATCH", `/rooms/${room}`, { name: "x\u0000" }, "name"],
        [bob, "PUT", "/me/preferences", { keywords: ["ok", "b\u0000d"] }, "keywords.1"],
        [bob, "GET", "/rooms/%00", undefined, "id"],
        [bob, "GET", `/rooms/${room}/messages?before=%00`, undefined, "before"],
        [bob, "POST", "/rooms", { kind: "group", name: "n", "k\u0000": 1 }, "<key>"],
      ];
      const before = await h.services.store.db
        .selectFrom("messages")
        .select((e) => e.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      for (const [who, method, url, body, field] of cases) {
        const r = await api(who, method, url, body);
        assert.equal(r.statusCode, 400, `${method} ${url}: ${r.body}`);
        assert.equal(r.json().error.code, "invalid_text", `${method} ${url}`);
        assert.equal(r.json().error.field, field, `${method} ${url}`);
      }
      const afterCount = await h.services.store.db
        .selectFrom("messages")
        .select((e) => e.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n), "nothing was written");
      // Well-formed astral characters and RTL text are fine.
      const ok = await api(bob, "POST", `/rooms/${room}/messages`, { text: "שלום 😀 \u202e" });
      assert.equal(ok.statusCode, 201, ok.body);
    });

    test(`[GEN-4] the same DM asked for five times at once is one room, never a 500 (${store})`, async (t) => {
      if (!h) return t.diagnostic("PostgreSQL unreachable");
      const carol = await h.user("member");
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => api(bob, "POST", "/dms", { userIds: [carol.id] })),
      );
      for (const r of answers) assert.ok(r.statusCode === 200 || r.statusCode === 201, r.body);
      assert.equal(new Set(answers.map((r) => r.json().room.id)).size, 1);
    });

    test(`[GEN-4] PATCH /rooms/:id with {} is a no-op 200 (${store})`, async (t) => {
      if (!h) return t.diagnostic("PostgreSQL unreachable");
      const r = await api(bob, "PATCH", `/rooms/${room}`, {});
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().room.name, "g");
    });
  });
}
