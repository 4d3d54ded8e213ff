import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Harness } from "./harness.ts";
import { harness, signIn } from "./harness.ts";

describe("auth", () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  test("sign in sets an httpOnly SameSite=Lax session cookie and returns a CSRF token", async () => {
    const res = await h.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: h.admin.username, password: h.admin.password },
    });
    assert.equal(res.statusCode, 200);
    const cookie = String(res.headers["set-cookie"]);
    assert.match(cookie, /herald_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.ok(res.json().csrfToken);
  });

  test("wrong password is 401 invalid_credentials; unknown user too", async () => {
    for (const login of [h.admin.username, "nobody"]) {
      const res = await h.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { login, password: "nope-nope" },
      });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, "invalid_credentials");
    }
  });

  test("cookie writes need x-csrf-token; reads do not", async () => {
    const s = await signIn(h.app, h.admin.username, h.admin.password);
    const get = await h.app.inject({
      method: "GET",
      url: "/api/v1/auth/session",
      headers: { cookie: s.cookie },
    });
    assert.equal(get.statusCode, 200);
    const bad = await h.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: s.cookie },
    });
    assert.equal(bad.statusCode, 403);
    assert.equal(bad.json().error.code, "csrf_failed");
    const ok = await h.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
    });
    assert.equal(ok.statusCode, 200);
    const after = await h.app.inject({
      method: "GET",
      url: "/api/v1/auth/session",
      headers: { cookie: s.cookie },
    });
    assert.equal(after.statusCode, 401);
  });

  test("sign out everywhere ends every session of the user", async () => {
    const u = await h.user();
    const a = await signIn(h.app, u.username, u.password);
    const b = await signIn(h.app, u.username, u.password);
    const res = await h.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout-all",
      headers: { cookie: a.cookie, "x-csrf-token": a.csrf },
    });
    assert.equal(res.statusCode, 200);
    for (const s of [a, b]) {
      const r = await h.app.inject({
        method: "GET",
        url: "/api/v1/auth/session",
        headers: { cookie: s.cookie },
      });
      assert.equal(r.statusCode, 401);
    }
  });

  test("[TOK-2] a token works as Authorization: Bearer and as api_access_token, with no CSRF", async () => {
    const r1 = await h.app.inject({ method: "GET", url: "/api/v1/auth/session", headers: h.admin.h });
    assert.equal(r1.statusCode, 200);
    const r2 = await h.app.inject({
      method: "GET",
      url: "/api/v1/auth/session",
      headers: { api_access_token: h.admin.token },
    });
    assert.equal(r2.statusCode, 200);
    const r3 = await h.app.inject({
      method: "GET",
      url: "/api/v1/auth/session",
      headers: { authorization: "Bearer nope" },
    });
    assert.equal(r3.statusCode, 401);
    assert.equal(r3.json().error.code, "invalid_token");
  });

  test("[GEN-6] sign-in is rate limited per address with 429 and Retry-After", async () => {
    const limited = await harness({ config: { rateLoginPerMin: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { login: `x${i}`, password: "whatever" },
        });
        codes.push(r.statusCode);
        if (r.statusCode === 429) {
          const wait = Number(r.headers["retry-after"]);
          assert.ok(wait >= 1 && wait <= 60, `Retry-After ${wait} s is within the one-minute window`);
        }
      }
      assert.deepEqual(codes, [401, 401, 401, 429, 429]);
      // The window is per address: another address still gets an answer.
      const r = await limited.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { login: "y", password: "whatever" },
        remoteAddress: "192.0.2.44",
      });
      assert.equal(r.statusCode, 401);
    } finally {
      await limited.close();
    }
  });
});
