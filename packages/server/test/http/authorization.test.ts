// [GEN-5] Every route as anonymous, member, non-member, agent and admin: nobody reads or changes what is not
// theirs, and rooms one cannot see answer 404 (not 403) so their existence does not leak.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

describe("[GEN-5] authorization", () => {
  let h: Harness;
  let owner: TestUser;
  let outsider: TestUser;
  let agent: TestUser;
  let groupId: string;
  let messageId: string;
  let paths: [string, string][];
  const PUBLIC = new Set([
    "POST /api/v1/auth/login",
    // An admin's one-time reset link: its token is the credential.
    "POST /api/v1/auth/password-reset",
    "GET /api/v1/auth/verify-email",
    // LGN-1: the new-sign-in email's link works without a session (its signed token is the credential).
    "GET /api/v1/auth/sign-out-everywhere",
    "POST /api/v1/auth/sign-out-everywhere",
    "GET /api/v1/openapi.json",
    // EML-6: one-click unsubscribe works without signing in (the signed token is the credential).
    "GET /api/v1/email/unsubscribe",
    "POST /api/v1/email/unsubscribe",
    // The support widget authenticates by inbox key / contact token, not by a user (SUP-1).
    "POST /api/v1/widget/conversations",
    "POST /api/v1/widget/conversations/{id}/messages",
    "POST /api/v1/widget/conversations/{id}/seen",
    "PUT /api/v1/widget/conversations/{id}/email",
    "POST /api/v1/widget/conversations/{id}/typing",
  ]);

  before(async () => {
    h = await harness();
    owner = await h.user("member");
    outsider = await h.user("member");
    agent = await h.user("agent");
    const g = await h.app.inject({
      method: "POST",
      url: "/api/v1/rooms",
      headers: owner.h,
      payload: { kind: "group", name: "secret" },
    });
    groupId = g.json().room.id;
    const m = await h.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${groupId}/messages`,
      headers: owner.h,
      payload: { text: "private" },
    });
    messageId = m.json().message.id;
    const doc = (await h.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    paths = Object.entries(doc.paths as Record<string, object>).flatMap(([p, ms]) =>
      Object.keys(ms).map(
        (m) => [m.toUpperCase(), `/api/v1${p.replace(/^\/api\/v1/, "")}`] as [string, string],
      ),
    );
  });
  after(() => h.close());

  const fill = (url: string) =>
    url.replace("{id}", groupId).replace("{rootId}", messageId).replace("{userId}", "someone");

  test("anonymous gets 401 on every private route", async () => {
    for (const [method, url] of paths) {
      if (PUBLIC.has(`${method} ${url}`)) continue;
      const r = await h.app.inject({ method: method as "GET", url: fill(url) });
      assert.equal(r.statusCode, 401, `${method} ${url} → ${r.statusCode}`);
    }
  });

  test("a non-member sees 404 for a private room and its messages, on every route", async () => {
    for (const [method, url] of paths) {
      if (
        !url.includes("/rooms/{id}") &&
        !url.includes("/messages/{id}") &&
        !url.includes("/threads/{rootId}")
      )
        continue;
      const target = url.includes("/messages/{id}") ? url.replace("{id}", messageId) : fill(url);
      const r = await h.app.inject({
        method: method as "GET",
        url: target,
        headers: outsider.h,
        payload: method === "GET" || method === "DELETE" ? undefined : {},
      });
      assert.ok([400, 404].includes(r.statusCode), `${method} ${target} → ${r.statusCode} ${r.body}`);
      if (r.statusCode === 404) assert.match(r.json().error.code, /not_found/);
    }
  });

  test("members and agents get 403 on admin routes; admins pass", async () => {
    for (const [method, url] of paths.filter(([, u]) => u.includes("/admin/") || u === "/api/v1/users")) {
      if (method === "GET" && url === "/api/v1/users") continue;
      for (const u of [owner, agent]) {
        const r = await h.app.inject({
          method: method as "GET",
          url,
          headers: u.h,
          payload: method === "GET" ? undefined : {},
        });
        assert.equal(r.statusCode, 403, `${method} ${url} as ${u.username} → ${r.statusCode}`);
      }
    }
    const ok = await h.app.inject({ method: "GET", url: "/api/v1/admin/settings", headers: h.admin.h });
    assert.equal(ok.statusCode, 200);
  });

  test("an admin who is not a member cannot read a private room either", async () => {
    const r = await h.app.inject({
      method: "GET",
      url: `/api/v1/rooms/${groupId}/messages`,
      headers: h.admin.h,
    });
    assert.equal(r.statusCode, 404);
  });

  test("a member cannot edit or delete another's message; a read-only token cannot write", async () => {
    await h.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${groupId}/members`,
      headers: owner.h,
      payload: { userIds: [outsider.id] },
    });
    const e = await h.app.inject({
      method: "PATCH",
      url: `/api/v1/messages/${messageId}`,
      headers: outsider.h,
      payload: { text: "x" },
    });
    assert.equal(e.statusCode, 403);
    const d = await h.app.inject({
      method: "DELETE",
      url: `/api/v1/messages/${messageId}`,
      headers: outsider.h,
    });
    assert.equal(d.statusCode, 403);
    const { insertToken } = await import("../../src/store/accounts.ts");
    const ro = await insertToken(h.services.store.db, owner.id, "ro", ["read"], h.clock.now());
    const w = await h.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${groupId}/messages`,
      headers: { authorization: `Bearer ${ro.token}` },
      payload: { text: "x" },
    });
    assert.equal(w.statusCode, 403);
    assert.equal(w.json().error.code, "insufficient_scope");
  });

  test("[TOK-1] regenerating the personal token kills the old one at once", async () => {
    const { signIn } = await import("./harness.ts");
    const s = await signIn(h.app, owner.username, owner.password);
    const hdr = { cookie: s.cookie, "x-csrf-token": s.csrf };
    const t1 = (await h.app.inject({ method: "POST", url: "/api/v1/me/personal-token", headers: hdr })).json()
      .token;
    assert.equal(
      (await h.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${t1}` } }))
        .statusCode,
      200,
    );
    const t2 = (await h.app.inject({ method: "POST", url: "/api/v1/me/personal-token", headers: hdr })).json()
      .token;
    assert.equal(
      (await h.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${t1}` } }))
        .statusCode,
      401,
    );
    assert.equal(
      (await h.app.inject({ method: "GET", url: "/api/v1/me", headers: { api_access_token: t2 } }))
        .statusCode,
      200,
    );
    const list = (await h.app.inject({ method: "GET", url: "/api/v1/me/tokens", headers: hdr })).json();
    assert.equal(list.personal.prefix, t2.slice(0, 9));
    assert.equal(JSON.stringify(list).includes(t2), false);
  });

  test("the API answers over a real listening socket", async () => {
    const address = await h.app.listen({ host: "127.0.0.1", port: 0 });
    const r = await fetch(`${address}/api/v1/me`, { headers: owner.h });
    assert.equal(r.status, 200);
    assert.equal((await r.json()).user.id, owner.id);
  });
});
