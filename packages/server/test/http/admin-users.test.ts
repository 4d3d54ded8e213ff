// Admins create users with a role, change roles, and deactivate accounts (and users change their password): a deactivated user's sessions and
// tokens stop working at once (TOK-2), and sign-in answers account_disabled.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { caller, errorOf } from "../helpers/api.ts";
import type { Harness } from "./harness.ts";
import { harness, signIn } from "./harness.ts";

describe("admin: users and roles", () => {
  let h: Harness;
  let call: ReturnType<typeof caller>;
  before(async () => {
    h = await harness();
    call = caller(h.app);
  });
  after(() => h.close());

  const create = (body: Record<string, unknown>, who = h.admin) => call(who, "POST", "/users", body);
  const session = (cookie: string) =>
    h.app.inject({ method: "GET", url: "/api/v1/auth/session", headers: { cookie } });

  test("an admin creates a user with a role; the user signs in with that password", async () => {
    const r = await create({
      username: "Dana.K",
      password: "dana-secret-1",
      role: "agent",
      displayName: "Dana K",
      email: "Dana@Example.com",
      timezone: "Europe/Paris",
    });
    assert.equal(r.statusCode, 201);
    const u = r.json().user;
    assert.deepEqual(
      { ...u, id: undefined },
      {
        id: undefined,
        username: "Dana.K",
        displayName: "Dana K",
        role: "agent",
        active: true,
        timezone: "Europe/Paris",
        // A zone the admin chose is kept; the browser's zone does not replace it.
        timezoneAuto: false,
        email: "dana@example.com",
        emailVerified: false,
      },
    );
    // Username and email are case-insensitive for sign-in.
    for (const login of ["dana.k", "DANA@example.com"]) {
      const s = await signIn(h.app, login, "dana-secret-1");
      assert.equal(s.status, 200, login);
    }
  });

  test("[GEN-4] bad user fields are 400/409 with the field; nothing is created", async () => {
    await create({ username: "taken", password: "long-enough", role: "member", email: "t@example.com" });
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ username: "no spaces" }, 400, "invalid_username", "username"],
      [{ username: "x".repeat(33) }, 400, "invalid_username", "username"],
      [{ username: "" }, 400, "invalid_username", "username"],
      [{ username: "All" }, 400, "invalid_username", "username"], // reserved for @all (MEN-2)
      [{ username: "here" }, 400, "invalid_username", "username"],
      [{ password: "short" }, 400, "weak_password", "password"],
      [{ email: "not-an-email" }, 400, "invalid_email", "email"],
      [{ timezone: "Mars/Olympus" }, 400, "invalid_timezone", "timezone"],
      [{ role: "owner" }, 400, "invalid_field", "role"],
      [{ username: "TAKEN" }, 409, "username_taken", "username"],
      [{ email: "T@example.com" }, 409, "email_taken", "email"],
      [{ colour: "red" }, 400, "unknown_field", "colour"],
    ];
    for (const [patch, status, code, field] of cases) {
      const body = { username: "fresh", password: "long-enough", role: "member", ...patch };
      assert.deepEqual(errorOf(await create(body)), { status, code, field }, JSON.stringify(patch));
    }
    const q = (await call(h.admin, "GET", "/users?q=fresh")).json();
    assert.deepEqual(q.users, []);
  });

  test("[GEN-5] only admins create or change users", async () => {
    const member = await h.user("member");
    const agent = await h.user("agent");
    for (const u of [member, agent]) {
      const r = await create({ username: `by${u.username}`, password: "long-enough", role: "admin" }, u);
      assert.deepEqual(errorOf(r), { status: 403, code: "admin_only", field: undefined });
      const p = await call(u, "PATCH", `/users/${member.id}`, { role: "admin" });
      assert.equal(errorOf(p).code, "admin_only");
    }
  });

  test("a role change applies at once to the user's sessions and tokens", async () => {
    const u = await h.user("member");
    const s = await signIn(h.app, u.username, u.password);
    const asCookie = { cookie: s.cookie };
    assert.equal(
      (await h.app.inject({ method: "GET", url: "/api/v1/admin/settings", headers: asCookie })).statusCode,
      403,
    );
    const promoted = await call(h.admin, "PATCH", `/users/${u.id}`, { role: "admin" });
    assert.equal(promoted.json().user.role, "admin");
    assert.equal(
      (await h.app.inject({ method: "GET", url: "/api/v1/admin/settings", headers: asCookie })).statusCode,
      200,
    );
    // Its test token was made with read+write only: still no admin scope.
    assert.equal(errorOf(await call(u, "GET", "/admin/settings")).code, "admin_only");
    await call(h.admin, "PATCH", `/users/${u.id}`, { role: "agent" });
    assert.equal(
      (await h.app.inject({ method: "GET", url: "/api/v1/admin/settings", headers: asCookie })).statusCode,
      403,
    );
    assert.equal((await session(s.cookie)).json().user.role, "agent");
  });

  test("an admin token of a demoted admin loses the admin scope at once", async () => {
    const a = await h.user("admin");
    assert.equal((await call(a, "GET", "/admin/settings")).statusCode, 200);
    await call(h.admin, "PATCH", `/users/${a.id}`, { role: "member" });
    assert.equal(errorOf(await call(a, "GET", "/admin/settings")).code, "admin_only");
    assert.equal((await call(a, "GET", "/me")).statusCode, 200, "still a valid member token");
  });

  test("deactivation: sessions and tokens stop working at once; sign-in is account_disabled", async () => {
    const u = await h.user("member");
    const s1 = await signIn(h.app, u.username, u.password);
    const s2 = await signIn(h.app, u.username, u.password, { "user-agent": "Firefox/120" });
    assert.equal((await session(s1.cookie)).statusCode, 200);
    const r = await call(h.admin, "PATCH", `/users/${u.id}`, { active: false });
    assert.equal(r.statusCode, 200);
    assert.equal(r.json().user.active, false);
    for (const s of [s1, s2]) assert.equal((await session(s.cookie)).statusCode, 401);
    assert.deepEqual(errorOf(await call(u, "GET", "/me")), {
      status: 401,
      code: "invalid_token",
      field: undefined,
    });
    const again = await h.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: u.username, password: u.password },
    });
    assert.deepEqual(errorOf(again), { status: 403, code: "account_disabled", field: undefined });
    // Gone from search; still visible by id (old messages name them), marked inactive.
    const found = (await call(h.admin, "GET", `/users?q=${u.username}`)).json().users;
    assert.deepEqual(found, []);
    assert.equal((await call(h.admin, "GET", `/users/${u.id}`)).json().user.active, false);
  });

  test("reactivation lets the user sign in again", async () => {
    const u = await h.user("member");
    await call(h.admin, "PATCH", `/users/${u.id}`, { active: false });
    await call(h.admin, "PATCH", `/users/${u.id}`, { active: true });
    assert.equal((await signIn(h.app, u.username, u.password)).status, 200);
  });

  test("an admin cannot deactivate or demote themselves; unknown users are 404", async () => {
    for (const body of [{ active: false }, { role: "member" }]) {
      const r = await call(h.admin, "PATCH", `/users/${h.admin.id}`, body);
      assert.deepEqual(errorOf(r), { status: 400, code: "cannot_demote_self", field: "id" });
    }
    assert.equal(
      (await call(h.admin, "PATCH", `/users/${h.admin.id}`, { displayName: "Boss" })).statusCode,
      200,
    );
    const r = await call(h.admin, "PATCH", "/users/nobody-here", { active: false });
    assert.deepEqual(errorOf(r), { status: 404, code: "user_not_found", field: undefined });
  });

  test("emails are private: only the user and admins see them", async () => {
    const u = await h.user("member");
    const other = await h.user("member");
    assert.equal((await call(other, "GET", `/users/${u.id}`)).json().user.email, undefined);
    assert.equal((await call(u, "GET", `/users/${u.id}`)).json().user.email, `${u.username}@example.com`);
    assert.equal(
      (await call(h.admin, "GET", `/users/${u.id}`)).json().user.email,
      `${u.username}@example.com`,
    );
    const list = (await call(other, "GET", `/users?q=${u.username}`)).json().users;
    assert.equal(list.length, 1);
    assert.equal(list[0].email, undefined);
  });
  test("changing my password needs the current one and ends my other sessions, not this one", async () => {
    const u = await h.user("member");
    const here = await signIn(h.app, u.username, u.password);
    const elsewhere = await signIn(h.app, u.username, u.password, { "user-agent": "Firefox/120" });
    const change = (body: Record<string, string>) =>
      h.app.inject({
        method: "PUT",
        url: "/api/v1/me/password",
        headers: { cookie: here.cookie, "x-csrf-token": here.csrf },
        payload: body,
      });
    const wrong = await change({ currentPassword: "not-it", newPassword: "brand-new-secret" });
    assert.deepEqual(errorOf(wrong), { status: 400, code: "wrong_password", field: "currentPassword" });
    const weak = await change({ currentPassword: u.password, newPassword: "short" });
    assert.deepEqual(errorOf(weak), { status: 400, code: "weak_password", field: "newPassword" });
    assert.equal((await session(elsewhere.cookie)).statusCode, 200, "failed attempts change nothing");
    assert.equal(
      (await change({ currentPassword: u.password, newPassword: "brand-new-secret" })).statusCode,
      200,
    );
    assert.equal((await session(here.cookie)).statusCode, 200);
    assert.equal((await session(elsewhere.cookie)).statusCode, 401);
    assert.equal((await signIn(h.app, u.username, u.password)).status, 401);
    assert.equal((await signIn(h.app, u.username, "brand-new-secret")).status, 200);
    assert.equal((await call(u, "GET", "/me")).statusCode, 200, "tokens are separate credentials");
  });
});
