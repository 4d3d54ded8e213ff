// The auth hook caches principals (http/auth/cache.ts). These tests prove the cache saves the lookup and never
// outlives a revocation made on this node, whatever code path writes it (TOK-1, GEN-5, sign-out).
// SQLite only (test/helpers/matrix.ts): statements are counted by a node:sqlite driver (spy-store.ts).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { buildApp, createServices } from "../../src/app.ts";
import { ManualClock } from "../../src/clock.ts";
import { testConfig } from "../../src/config.ts";
import { TTL_MS } from "../../src/http/auth/cache.ts";
import type { App } from "../../src/http/types.ts";
import { createUser } from "../../src/http/users/create.ts";
import type { Services } from "../../src/services.ts";
import { insertToken } from "../../src/store/accounts.ts";
import { type SpyStore, spyStore } from "./spy-store.ts";

describe("auth principal cache", () => {
  let spy: SpyStore;
  let app: App;
  let services: Services;
  let dir: string;
  const clock = new ManualClock();
  let n = 0;

  async function member(): Promise<{ id: string; username: string; password: string; token: string }> {
    const username = `cache${++n}`;
    const password = `pw-${username}-secret`;
    const u = await createUser(services, { username, password, role: "member", email: `${username}@e.com` });
    const t = await insertToken(services.store.db, u.id, "t", ["read", "write"], clock.now());
    return { id: u.id, username, password, token: t.token };
  }
  const get = (headers: Record<string, string>) => app.inject({ method: "GET", url: "/api/v1/me", headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const tokenReads = () => spy.ran.filter((r) => /from "access_tokens"/.test(r.sql)).length;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "herald-auth-cache-"));
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

  test("[TOK-2] a token is looked up once, then served from the cache until its TTL", async () => {
    const u = await member();
    spy.reset();
    for (let i = 0; i < 5; i++) assert.equal((await get(bearer(u.token))).statusCode, 200);
    assert.equal(tokenReads(), 1);
    clock.advance(TTL_MS + 1);
    assert.equal((await get(bearer(u.token))).statusCode, 200);
    assert.equal(tokenReads(), 2, "looked up again after the TTL");
  });

  test("[TOK-1] a token deleted by any code path stops working at once", async () => {
    const u = await member();
    assert.equal((await get(bearer(u.token))).statusCode, 200);
    assert.equal((await get(bearer(u.token))).statusCode, 200);
    await services.store.db.deleteFrom("access_tokens").where("user_id", "=", u.id).execute();
    const r = await get(bearer(u.token));
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().error.code, "invalid_token");
  });

  test("[GEN-5] deactivating a user ends their cached token and session at once", async () => {
    const u = await member();
    const login = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: u.username, password: u.password },
    });
    assert.equal(login.statusCode, 200);
    const cookie = String(login.headers["set-cookie"]).split(";")[0];
    assert.equal((await get({ cookie })).statusCode, 200);
    assert.equal((await get(bearer(u.token))).statusCode, 200);
    await services.store.db.updateTable("users").set({ active: 0 }).where("id", "=", u.id).execute();
    assert.equal((await get({ cookie })).statusCode, 401);
    assert.equal((await get(bearer(u.token))).statusCode, 401);
  });

  test("sign-out ends the cached session at once; a session never outlives its expiry", async () => {
    const u = await member();
    const signIn = async () => {
      const r = await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { login: u.username, password: u.password },
      });
      return { cookie: String(r.headers["set-cookie"]).split(";")[0], csrf: r.json().csrfToken as string };
    };
    const s = await signIn();
    assert.equal((await get({ cookie: s.cookie })).statusCode, 200);
    const out = await app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
    });
    assert.equal(out.statusCode, 200);
    assert.equal((await get({ cookie: s.cookie })).statusCode, 401);

    const s2 = await signIn();
    assert.equal((await get({ cookie: s2.cookie })).statusCode, 200);
    const row = await services.store.db
      .selectFrom("sessions")
      .select("expires_at")
      .where("user_id", "=", u.id)
      .executeTakeFirstOrThrow();
    clock.set(row.expires_at);
    assert.equal((await get({ cookie: s2.cookie })).statusCode, 401);
  });

  test("recording a token's use does not empty the cache", async () => {
    const u = await member();
    assert.equal((await get(bearer(u.token))).statusCode, 200);
    clock.advance(61_000); // past the once-a-minute use record and the TTL: one lookup, one use write
    spy.reset();
    for (let i = 0; i < 3; i++) assert.equal((await get(bearer(u.token))).statusCode, 200);
    assert.equal(tokenReads(), 1);
    assert.equal(spy.ran.filter((r) => /update "access_tokens"/.test(r.sql)).length, 1);
  });
});
