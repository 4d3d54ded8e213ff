import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError, HeraldApi } from "../src/api.ts";

function fakeFetch(replies: Response[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(replies.shift() ?? new Response(null, { status: 204 }));
  };
  return { fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

test("[GEN-4] API client: credentials include, CSRF token on non-GET only, taken from login", async () => {
  const { fetch, calls } = fakeFetch([
    json({ user: { id: "u1" }, csrfToken: "tok" }),
    json({ total: 1, dot: false }),
    json({}),
  ]);
  const api = new HeraldApi({ baseUrl: "https://h.test/api/v1/", fetch });
  await api.login("alice", "pw");
  await api.badge();
  await api.markRoomRead("r/1", 5);
  assert.equal(calls[0].url, "https://h.test/api/v1/auth/login");
  assert.equal(calls[0].init.credentials, "include");
  const h = (i: number) => calls[i].init.headers as Record<string, string>;
  assert.equal(h(0)["x-csrf-token"], undefined, "no token before sign-in");
  assert.equal(h(1)["x-csrf-token"], undefined, "GET carries none");
  assert.equal(h(2)["x-csrf-token"], "tok");
  assert.equal(calls[2].url, "https://h.test/api/v1/rooms/r%2F1/read");
  assert.equal(calls[2].init.body, JSON.stringify({ seq: 5 }));
});

test("[GEN-4] errors {error:{code,message,field}} become ApiError; 401 reports the signed-out state", async () => {
  let unauthorized = 0;
  const { fetch } = fakeFetch([
    json({ error: { code: "text_too_long", message: "Text is too long", field: "text" } }, 400),
    json({ error: { code: "unauthorized", message: "Sign in" } }, 401),
    json({ error: { code: "rate_limited", message: "Slow down" } }, 429, { "retry-after": "7" }),
    new Response("<html>oops</html>", { status: 502, statusText: "Bad Gateway" }),
  ]);
  const api = new HeraldApi({ fetch, onUnauthorized: () => unauthorized++ });
  const err = await api.postMessage("r1", "x").catch((e: unknown) => e);
  assert.ok(err instanceof ApiError);
  assert.deepEqual(
    [err.status, err.code, err.message, err.field],
    [400, "text_too_long", "Text is too long", "text"],
  );
  await assert.rejects(api.session(), { code: "unauthorized", status: 401 });
  assert.equal(unauthorized, 1);
  await assert.rejects(api.badge(), { code: "rate_limited", retryAfter: 7 });
  await assert.rejects(api.badge(), { code: "http_502", message: "Bad Gateway" });
});

test("[TOK-2] a bearer token replaces cookie + CSRF", async () => {
  const { fetch, calls } = fakeFetch([json({})]);
  const api = new HeraldApi({ fetch, token: "pat_123", csrfToken: "c" });
  await api.post("/me/read-all");
  const h = calls[0].init.headers as Record<string, string>;
  assert.equal(h.authorization, "Bearer pat_123");
  assert.equal(h["x-csrf-token"], undefined);
});
