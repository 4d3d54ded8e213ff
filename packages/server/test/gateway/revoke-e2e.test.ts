// Revocation through the real server (SQLite): the auth routes publish `user.sessions_revoked` after commit and
// the gateway closes the sockets opened with the revoked credential with 4401 (PRM-4), at once (TOK-1).
import assert from "node:assert/strict";
import { test } from "node:test";
import { WebSocket } from "ws";
import { gatewayRole } from "../../src/gateway/role.ts";
import { type Harness, harness, signIn } from "../http/harness.ts";

type Frame = Record<string, unknown> & { t: string };

interface Client {
  ws: WebSocket;
  frames: Frame[];
  closed: { code: number } | null;
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 1500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), `timed out: ${what}`);
}

function open(url: string, headers: Record<string, string>): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const c: Client = { ws, frames: [], closed: null };
    ws.on("message", (d) => {
      const f = JSON.parse(d.toString()) as Frame;
      c.frames.push(...(f.t === "multi" ? (f.events as Frame[]) : [f]));
    });
    ws.on("close", (code) => {
      c.closed = { code };
    });
    ws.on("open", () => resolve(c));
    ws.on("unexpected-response", (_q, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on("error", reject);
  });
}

async function ready(url: string, headers: Record<string, string>): Promise<Client> {
  const c = await open(url, headers);
  c.ws.send(
    JSON.stringify({
      t: "hello",
      deviceId: `d-${Math.random()}`,
      deviceKind: "web",
      permission: "granted",
      focused: false,
      visible: true,
    }),
  );
  await until(() => c.frames.some((f) => f.t === "ready"), "ready");
  return c;
}

async function start(h: Harness) {
  const stopper = await gatewayRole.start!(h.services, h.app);
  await h.app.listen({ port: 0, host: "127.0.0.1" });
  const port = (h.app.server.address() as { port: number }).port;
  return { stopper, url: `ws://127.0.0.1:${port}/api/v1/realtime` };
}

async function call(
  h: Harness,
  method: string,
  url: string,
  headers: Record<string, string>,
  payload?: object,
) {
  const r = await h.app.inject({
    method: method as "POST",
    url: `/api/v1${url}`,
    headers,
    payload,
  });
  assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json();
}

const cookieHeaders = (s: { cookie: string; csrf: string }) => ({ cookie: s.cookie, "x-csrf-token": s.csrf });

test("[GEN-5] [PRM-4] deactivating a user closes their cookie and token sockets with 4401; reconnecting is refused", async () => {
  const h = await harness();
  const { stopper, url } = await start(h);
  try {
    const bob = await h.user("member", "bob");
    const session = await signIn(h.app, "bob", bob.password);
    const web = await ready(url, { cookie: session.cookie });
    const bot = await ready(url, bob.h);
    await call(h, "PATCH", `/users/${bob.id}`, h.admin.h, { active: false });
    await until(() => web.closed !== null && bot.closed !== null, "both sockets closed");
    assert.equal(web.closed?.code, 4401);
    assert.equal(bot.closed?.code, 4401);
    await assert.rejects(open(url, { cookie: session.cookie }), /HTTP 401/);
    await assert.rejects(open(url, bob.h), /HTTP 401/);
  } finally {
    await stopper?.stop();
    await h.close();
  }
});

test("[TOK-1] [PRM-4] sign-out, password change, token delete / regenerate and sign-out everywhere close only their own sockets", async () => {
  const h = await harness();
  const { stopper, url } = await start(h);
  try {
    const carol = await h.user("member", "carol");
    const [s1, s2, s3] = [
      await signIn(h.app, "carol", carol.password),
      await signIn(h.app, "carol", carol.password),
      await signIn(h.app, "carol", carol.password),
    ];
    const [w1, w2, w3] = [
      await ready(url, { cookie: s1.cookie }),
      await ready(url, { cookie: s2.cookie }),
      await ready(url, { cookie: s3.cookie }),
    ];
    const named = await ready(url, carol.h);
    const p1 = (await call(h, "POST", "/me/personal-token", cookieHeaders(s2))).token as string;
    const personal1 = await ready(url, { authorization: `Bearer ${p1}` });

    await call(h, "POST", "/auth/logout", cookieHeaders(s1));
    await until(() => w1.closed !== null, "s1 socket closed");
    assert.equal(w1.closed?.code, 4401);

    const p2 = (await call(h, "POST", "/me/personal-token", cookieHeaders(s2))).token as string;
    await until(() => personal1.closed !== null, "old personal token socket closed");
    assert.equal(personal1.closed?.code, 4401, "TOK-1: the old token stops working at once");
    const personal2 = await ready(url, { authorization: `Bearer ${p2}` });

    const tokens = await call(h, "GET", "/me/tokens", cookieHeaders(s2));
    const testToken = (tokens.tokens as { id: string; name: string }[]).find((t) => t.name === "test")!;
    await call(h, "DELETE", `/me/tokens/${testToken.id}`, cookieHeaders(s2));
    await until(() => named.closed !== null, "deleted token socket closed");
    assert.equal(named.closed?.code, 4401);

    await call(h, "PUT", "/me/password", cookieHeaders(s2), {
      currentPassword: carol.password,
      newPassword: "another-long-password",
    });
    await until(() => w3.closed !== null, "other session closed by the password change");
    assert.equal(w3.closed?.code, 4401);
    assert.equal(w2.closed, null, "the session that changed the password stays");

    await call(h, "POST", "/auth/logout-all", cookieHeaders(s2));
    await until(() => w2.closed !== null, "last session closed");
    assert.equal((w2 as Client).closed?.code, 4401);
    // Tokens are not sessions: the current personal token keeps its socket.
    personal2.ws.send(JSON.stringify({ t: "ping" }));
    await until(() => personal2.frames.some((f) => f.t === "pong"), "pong");
    assert.equal(personal2.closed, null);
    personal2.ws.close();
  } finally {
    await stopper?.stop();
    await h.close();
  }
});
