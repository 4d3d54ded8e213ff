// Structured access log: one JSON line per answered request when enabled (HERALD_ACCESS_LOG, or NODE_ENV=production
// when unset), with the route pattern, status and timing — never a password, token, cookie, CSRF secret, query
// string or message text.
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import pino from "pino";
import { buildApp, createServices } from "../../src/app.ts";
import { testConfig } from "../../src/config.ts";
import { accessLogEnabled } from "../../src/http/access-log.ts";
import { createUser } from "../../src/http/users/create.ts";
import { insertToken } from "../../src/store/accounts.ts";
import { openTestStore } from "../helpers/app.ts";
import { signIn } from "../http/harness.ts";

async function appWithLog(accessLog: boolean | null) {
  const ts = await openTestStore("sqlite");
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of chunk.toString().split("\n").filter(Boolean)) {
        raw.push(l);
        lines.push(JSON.parse(l));
      }
      done();
    },
  });
  const config = testConfig({ dataDir: ts.dir, webDist: `${ts.dir}/no-web`, accessLog, logLevel: "info" });
  const services = await createServices(config, { store: ts.store });
  services.log = pino({ level: "info" }, sink);
  const app = await buildApp(services);
  await app.ready();
  return {
    app,
    services,
    access: () => lines.filter((l) => l.log === "access"),
    raw,
    close: async () => {
      await app.close();
      await ts.dispose();
    },
  };
}

test("the access log is on in production and off in development unless set", () => {
  assert.equal(accessLogEnabled(null, { NODE_ENV: "production" }), true);
  assert.equal(accessLogEnabled(null, {}), false);
  assert.equal(accessLogEnabled(null, { NODE_ENV: "development" }), false);
  assert.equal(accessLogEnabled(false, { NODE_ENV: "production" }), false);
  assert.equal(accessLogEnabled(true, {}), true);
});

test("one line per request with route, status and time; no secrets, tokens, cookies or message text", async () => {
  const t = await appWithLog(true);
  try {
    const alice = await createUser(t.services, {
      username: "alice",
      password: "alice-secret-pw",
      role: "member",
      email: null,
    });
    const tok = await insertToken(t.services.store.db, alice.id, "test", ["read", "write"], Date.now());
    const session = await signIn(t.app, "alice", "alice-secret-pw");
    assert.equal(session.status, 200);
    const room = await t.app.inject({
      method: "POST",
      url: "/api/v1/rooms",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrf },
      payload: { kind: "channel", name: "logs" },
    });
    assert.equal(room.statusCode, 201, room.body);
    const roomId = room.json().room.id as string;
    const post = await t.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${roomId}/messages`,
      headers: { authorization: `Bearer ${tok.token}` },
      payload: { text: "the very private message text" },
    });
    assert.equal(post.statusCode, 201, post.body);
    const denied = await t.app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { authorization: "Bearer wrong-token-value" },
    });
    assert.equal(denied.statusCode, 401);
    // A query string can carry a token (the realtime endpoint accepts one): the raw URL is never logged.
    await t.app.inject({ method: "GET", url: `/api/v1/me?access_token=${tok.token}` });

    const access = t.access();
    const login = access.find((l) => l.route === "/api/v1/auth/login");
    assert.equal(login?.method, "POST");
    assert.equal(login?.status, 200);
    assert.equal(typeof login?.ms, "number");
    const posted = access.find((l) => l.route === "/api/v1/rooms/:id/messages");
    assert.equal(posted?.status, 201);
    assert.equal(posted?.userId, alice.id, "who, by id");
    assert.equal(posted?.via, "token");
    assert.equal(access.find((l) => l.route === "/api/v1/me")?.status, 401);
    const all = t.raw.join("\n");
    for (const secret of [
      "alice-secret-pw",
      tok.token,
      "wrong-token-value",
      session.cookie.split("=")[1],
      session.csrf,
      "the very private message text",
      roomId,
    ])
      assert.ok(!all.includes(secret), `the log never holds ${secret.slice(0, 12)}…`);
  } finally {
    await t.close();
  }
});

test("off (the development default): no access lines", async () => {
  const t = await appWithLog(false);
  try {
    await t.app.inject({ method: "GET", url: "/healthz" });
    assert.deepEqual(t.access(), []);
  } finally {
    await t.close();
  }
});
