// [GEN-4] Every route in the OpenAPI document, fed malformed JSON, unknown fields, wrong types and oversized
// bodies, answers 4xx with { error: { code } } — never 5xx. New routes are covered automatically.
import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, test } from "node:test";
import type { Harness } from "./harness.ts";
import { harness } from "./harness.ts";

interface Op {
  method: string;
  url: string;
  hasBody: boolean;
}

function operations(doc: { paths: Record<string, Record<string, { requestBody?: unknown }>> }): Op[] {
  const ops: Op[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      // Unknown ids in path params: the route must still answer 4xx.
      ops.push({
        method: method.toUpperCase(),
        url: path.replace(/\{[^}]+\}/g, "nonexistent-id"),
        hasBody: !!op.requestBody,
      });
    }
  }
  return ops;
}

describe("[GEN-4] bad input never gets a 5xx", () => {
  let h: Harness;
  let ops: Op[];
  before(async () => {
    h = await harness();
    ops = operations((await h.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json());
  });
  after(() => h.close());

  const bodies: [string, string][] = [
    ["malformed JSON", '{"text": '],
    ["wrong type", "[1,2,3]"],
    ["unknown field", '{"zzUnknown": 1}'],
    ["wrong field types", '{"text": 5, "name": [], "kind": 7, "login": false, "userIds": "x", "seq": "a"}'],
  ];

  test("the OpenAPI document names every way to authenticate: bearer, api_access_token, the session cookie with x-csrf-token", async () => {
    const doc = (await h.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    const schemes = doc.components.securitySchemes;
    assert.deepEqual(Object.keys(schemes).sort(), ["api_access_token", "bearer", "cookie", "csrf"]);
    assert.deepEqual(
      [schemes.api_access_token.in, schemes.api_access_token.name],
      ["header", "api_access_token"],
    );
    assert.deepEqual([schemes.csrf.in, schemes.csrf.name], ["header", "x-csrf-token"]);
    assert.deepEqual(doc.security, [{ bearer: [] }, { api_access_token: [] }, { cookie: [], csrf: [] }]);
  });

  test("[GEN-4] every operation states the error shape of its 4xx and 5xx answers", async () => {
    const doc = (await h.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    let n = 0;
    for (const [path, methods] of Object.entries<Record<string, { responses?: Record<string, unknown> }>>(
      doc.paths,
    )) {
      for (const [method, op] of Object.entries(methods)) {
        const error = op.responses?.["4XX"] as {
          content?: Record<string, { schema?: { properties?: object } }>;
        };
        const shape = error?.content?.["application/json"]?.schema?.properties;
        assert.ok(shape && "error" in shape, `${method.toUpperCase()} ${path} states no 4XX error shape`);
        assert.ok(op.responses?.["5XX"], `${method.toUpperCase()} ${path} states no 5XX`);
        n++;
      }
    }
    assert.ok(n >= 100, `${n} operations`);
  });

  test("the OpenAPI document lists the routes", () => {
    assert.ok(ops.length >= 40, `only ${ops.length} operations`);
  });

  for (const [label, payload] of bodies) {
    test(`${label} → 4xx on every route`, async () => {
      for (const op of ops) {
        if (op.method === "GET" || op.method === "HEAD") continue;
        const r = await h.app.inject({
          method: op.method as "POST",
          url: op.url,
          headers: { ...h.admin.h, "content-type": "application/json" },
          payload,
        });
        assert.ok(
          r.statusCode >= 400 && r.statusCode < 500,
          `${op.method} ${op.url} (${label}) → ${r.statusCode} ${r.body}`,
        );
        assert.equal(typeof r.json().error.code, "string");
      }
    });
  }

  test("a body over 1 MiB is 413 body_too_large", async () => {
    const r = await h.app.inject({
      method: "POST",
      url: "/api/v1/rooms",
      headers: { ...h.admin.h, "content-type": "application/json" },
      payload: JSON.stringify({ kind: "channel", name: "x".repeat(1024 * 1024) }),
    });
    assert.equal(r.statusCode, 413);
    assert.equal(r.json().error.code, "body_too_large");
  });

  test("an unknown field names the field; bad query strings are 4xx on every GET", async () => {
    const r = await h.app.inject({
      method: "POST",
      url: "/api/v1/rooms",
      headers: h.admin.h,
      payload: { kind: "channel", name: "a", color: "red" },
    });
    assert.equal(r.statusCode, 400);
    assert.deepEqual([r.json().error.code, r.json().error.field], ["unknown_field", "color"]);
    for (const op of ops.filter((o) => o.method === "GET")) {
      const res = await h.app.inject({
        method: "GET",
        url: `${op.url}?limit=abc&before=-1&zz=1&token=`,
        headers: h.admin.h,
      });
      assert.ok(res.statusCode < 500, `GET ${op.url} → ${res.statusCode} ${res.body}`);
    }
  });

  test("[GEN-4] empty JSON body is 400 empty_body where a body is expected; text/plain is 415 unsupported_media_type", async () => {
    const json = { ...h.admin.h, "content-type": "application/json" };
    for (const url of ["/api/v1/rooms", "/api/v1/me/read-all"]) {
      const r = await h.app.inject({ method: "POST", url, headers: json, payload: "" });
      assert.deepEqual([r.statusCode, r.json().error.code], [400, "empty_body"], url);
    }
    const text = { ...h.admin.h, "content-type": "text/plain" };
    for (const url of ["/api/v1/rooms", "/api/v1/me/read-all", "/api/v1/me/preferences"]) {
      const method = url.endsWith("preferences") ? "PUT" : "POST";
      const r = await h.app.inject({ method, url, headers: text, payload: '{"kind":"channel","name":"t"}' });
      assert.deepEqual([r.statusCode, r.json().error.code], [415, "unsupported_media_type"], url);
    }
  });

  test("[GEN-4] a malformed URL answers Herald's error shape: 400 bad_url (FST_ERR_BAD_URL)", async () => {
    for (const url of ["/api/v1/rooms/abc%", "/api/v1/users/%ZZ", "/api/v1/rooms/%E0%A4%A/messages"]) {
      const r = await h.app.inject({ method: "GET", url, headers: h.admin.h });
      assert.equal(r.statusCode, 400, url);
      assert.deepEqual(Object.keys(r.json()), ["error"], r.body);
      assert.equal(r.json().error.code, "bad_url");
    }
    // %00 decodes to U+0000, which no store can keep: refused as text before any lookup, on both stores.
    const nul = await h.app.inject({ method: "GET", url: "/api/v1/rooms/%00", headers: h.admin.h });
    assert.deepEqual(
      [nul.statusCode, nul.json().error.code, nul.json().error.field],
      [400, "invalid_text", "id"],
    );
  });

  test("[GEN-4] validation messages list the allowed values of an enum", async () => {
    const r = await h.app.inject({
      method: "PUT",
      url: "/api/v1/me/preferences",
      headers: h.admin.h,
      payload: { desktop: "some" },
    });
    assert.deepEqual(
      [r.statusCode, r.json().error.code, r.json().error.field],
      [400, "invalid_field", "desktop"],
    );
    assert.match(r.json().error.message, /must be one of: all, mentions, nothing/);
    const k = await h.app.inject({
      method: "POST",
      url: "/api/v1/rooms",
      headers: h.admin.h,
      payload: { kind: "zzz", name: "a" },
    });
    assert.match(k.json().error.message, /body field kind: must be one of: channel, group/);
    const b = await h.app.inject({
      method: "PUT",
      url: "/api/v1/me/preferences",
      headers: h.admin.h,
      payload: { bannerSeconds: 7 },
    });
    assert.match(b.json().error.message, /must be one of: 5, 10, 20, 30, until_closed \(or null\)/);
  });

  test("[ARCH] GET /api/v1/realtime is in the OpenAPI document; a plain GET is told to upgrade (426)", async () => {
    const doc = (await h.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    const op = doc.paths["/api/v1/realtime"]?.get;
    assert.ok(op, "documented");
    assert.match(op.description, /WebSocket/);
    assert.match(op.description, /docs\/ARCHITECTURE\.md/);
    const anonymous = await h.app.inject({ method: "GET", url: "/api/v1/realtime" });
    assert.deepEqual([anonymous.statusCode, anonymous.json().error.code], [401, "unauthorized"]);
    const r = await h.app.inject({ method: "GET", url: "/api/v1/realtime", headers: h.admin.h });
    assert.deepEqual([r.statusCode, r.json().error.code], [426, "upgrade_required"]);
    assert.equal(r.headers.upgrade, "websocket");
  });

  test("[GEN-4] the same answers over a real socket (no inject shortcuts)", async () => {
    await h.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = h.app.server.address() as { port: number };
    const raw = (method: string, path: string, headers: Record<string, string>, body?: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
          let data = "";
          res.on("data", (c) => {
            data += c;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data }));
        });
        req.on("error", reject);
        req.end(body);
      });
    const empty = await raw("POST", "/api/v1/rooms", { ...h.admin.h, "content-type": "application/json" });
    assert.deepEqual([empty.status, JSON.parse(empty.body).error.code], [400, "empty_body"]);
    const bad = await raw("GET", "/api/v1/rooms/abc%", h.admin.h);
    assert.deepEqual([bad.status, JSON.parse(bad.body).error.code], [400, "bad_url"]);
    const text = await raw("POST", "/api/v1/rooms", { ...h.admin.h, "content-type": "text/plain" }, "hello");
    assert.deepEqual([text.status, JSON.parse(text.body).error.code], [415, "unsupported_media_type"]);
  });
});
