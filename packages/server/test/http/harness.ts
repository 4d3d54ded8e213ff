// Test harness: a Herald app on a temp SQLite file (or a fresh PostgreSQL schema) with a stepped clock,
// helpers to create users with tokens, and cleanup.
import type { ManualClock } from "../../src/clock.ts";
import type { Config } from "../../src/config.ts";
import type { App } from "../../src/http/types.ts";
import { createUser } from "../../src/http/users/create.ts";
import type { Services } from "../../src/services.ts";
import { insertToken } from "../../src/store/accounts.ts";
import { buildTestApp } from "../helpers/app.ts";

export interface TestUser {
  id: string;
  username: string;
  password: string;
  token: string;
  /** Headers that authenticate as this user with a bearer token. */
  h: Record<string, string>;
}

export interface Harness {
  app: App;
  services: Services;
  clock: ManualClock;
  admin: TestUser;
  user(role?: "admin" | "agent" | "member", username?: string): Promise<TestUser>;
  close(): Promise<void>;
}

let counter = 0;

export async function harness(
  opts: { pg?: boolean; config?: Partial<Config>; prepare?: (app: App) => void } = {},
): Promise<Harness> {
  // The store: PostgreSQL when asked, else HERALD_TEST_STORE (test/http/postgres.test.ts sets it).
  const t = await buildTestApp({
    store: opts.pg ? "postgres" : undefined,
    config: opts.config,
    prepare: opts.prepare,
  });
  const { app, services, clock } = t;

  async function user(role: "admin" | "agent" | "member" = "member", username?: string): Promise<TestUser> {
    const name = username ?? `${role}${++counter}`;
    const password = `pw-${name}-secret`;
    const u = await createUser(services, {
      username: name,
      password,
      role,
      email: `${name.toLowerCase()}@example.com`,
    });
    const scopes = role === "admin" ? ["read", "write", "admin"] : ["read", "write"];
    const t = await insertToken(services.store.db, u.id, "test", scopes, clock.now());
    return { id: u.id, username: name, password, token: t.token, h: { authorization: `Bearer ${t.token}` } };
  }

  const admin = await user("admin");
  return {
    app,
    services,
    clock,
    admin,
    user,
    close: () => t.close(),
  };
}

/** Signs in with a password; returns the cookie header and CSRF token. */
export async function signIn(
  app: App,
  login: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ cookie: string; csrf: string; status: number }> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { login, password },
    headers,
  });
  const setCookie = res.headers["set-cookie"];
  const raw = Array.isArray(setCookie) ? setCookie[0] : (setCookie ?? "");
  return { cookie: raw.split(";")[0], csrf: res.json().csrfToken, status: res.statusCode };
}
