// [GEN-4] The chat routes' success answers are what their OpenAPI response schemas say. Real requests against a
// seeded app: each JSON answer the handler produced is captured before serialisation and compared with what was
// sent (the serializer, which follows the schema, dropped or changed nothing), and the sent answer is checked
// against the declared schema with every object closed (the schema names every field, so a generated client
// knows them all). Every chat operation must be answered here at least once.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Type } from "typebox";
import { Value } from "typebox/value";
import { signOutEverywhereUrl } from "../../src/http/auth/sign-out-link.ts";
import { sharedSchemas } from "../../src/http/schemas/registry.ts";
import { form, PNG } from "../helpers/multipart.ts";
import type { Harness, TestUser } from "./harness.ts";
import { harness, signIn } from "./harness.ts";

type Json = Record<string, unknown>;
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The tags of the chat routes; /admin/settings (tag admin) is one of them too. */
const CHAT_TAGS = new Set([
  "auth",
  "me",
  "tokens",
  "users",
  "rooms",
  "messages",
  "read",
  "search",
  "files",
  "preferences",
  "notifications",
]);

/** A copy of a JSON schema with every object closed to properties it does not name (test only). */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== "object") return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === "enum" || k === "const" ? v : closed(v);
  if (out.type === "object" && !out.patternProperties) out.additionalProperties = false;
  return out;
}

/** The JSON schema a route declares for a status (a per-content-type answer: its JSON one). */
function declared(response: Json | undefined, status: number): unknown {
  const s = response?.[String(status)] as Json | undefined;
  if (!s) return undefined;
  const content = s.content as Record<string, { schema: unknown }> | undefined;
  return content ? content["application/json"]?.schema : s;
}

interface Captured {
  payload: unknown;
  response: Json | undefined;
  route: string;
}

describe("[GEN-4] chat answers match their declared response schemas", () => {
  let h: Harness;
  let last: Captured | null = null;
  const answered = new Set<string>();
  const mails: { to: string; text: string; kind?: string }[] = [];
  const context = Object.fromEntries(
    sharedSchemas.map((s) => [(s as { $id: string }).$id, closed(JSON.parse(JSON.stringify(s)))]),
  ) as Record<string, never>;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let session: Record<string, string>;

  before(async () => {
    h = await harness({
      config: { smtpUrl: "smtp://mail.invalid:25" },
      prepare: (app) =>
        app.addHook("preSerialization", async (req, _reply, payload) => {
          last = {
            payload,
            response: (req.routeOptions.schema as { response?: Json } | undefined)?.response,
            route: `${req.method} ${req.routeOptions.url}`,
          };
          return payload;
        }),
    });
    h.services.mailer = { send: async (m) => void mails.push(m) };
    alice = await h.user("member", "alice");
    bob = await h.user("member", "bob");
    carol = await h.user("member", "carol");
    const s = await signIn(h.app, "alice", alice.password);
    session = { cookie: s.cookie, "x-csrf-token": s.csrf };
  });
  after(() => h.close());

  /** One request; a 2xx JSON answer is checked against its route's schema. Returns the parsed answer. */
  async function call(
    who: TestUser | Record<string, string> | null,
    method: Method,
    url: string,
    payload?: unknown,
    expect = method === "POST" && /\/(rooms|users|tokens|files)$/.test(url) ? 201 : 200,
  ): Promise<Json> {
    last = null;
    const headers = who === null ? {} : "h" in who ? (who as TestUser).h : (who as Record<string, string>);
    const res = await h.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { accept: "application/json", ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    assert.equal(res.statusCode, expect, `${method} ${url}: ${res.body.slice(0, 300)}`);
    const seen = last as Captured | null;
    assert.ok(seen, `${method} ${url}: no answer captured`);
    answered.add(seen.route);
    const body = res.json() as Json;
    // Serialising kept every field and every value as the handler made it.
    assert.deepEqual(body, JSON.parse(JSON.stringify(seen.payload)), `${seen.route} lost or changed fields`);
    const schema = declared(seen.response, res.statusCode);
    assert.ok(schema, `${seen.route} declares no schema for ${res.statusCode}`);
    const shape = closed(JSON.parse(JSON.stringify(schema)));
    const errors = [...Value.Errors(context, shape as never, body)].map(
      (e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`,
    );
    assert.deepEqual(errors, [], `${seen.route}: the answer does not match its schema`);
    return body;
  }

  test("[GEN-4] account, session and token answers", async () => {
    await call(null, "POST", "/auth/login", { login: "alice", password: alice.password });
    await call(session, "GET", "/auth/session");
    await call(alice, "GET", "/auth/session");
    await call(alice, "GET", "/me");
    await call(alice, "PATCH", "/me", { displayName: "Alice A", timezone: "Europe/Paris" });
    const pending = await call(alice, "PATCH", "/me", { email: "alice.new@example.com" });
    assert.equal(pending.emailPending, "alice.new@example.com");
    await call(alice, "POST", "/me/email/verification");
    const link = mails.filter((m) => m.kind === "verify_email").at(-1)?.text ?? "";
    const token = /token=([\w-]+)/.exec(link)?.[1];
    assert.ok(token, "a verification link was mailed");
    await call(null, "GET", `/auth/verify-email?token=${token}`);
    await call(alice, "PUT", "/me/status", { presence: "away", dnd: "1h" });
    await call(alice, "PUT", "/me/status", { dnd: null });
    await call(session, "POST", "/me/personal-token");
    const named = await call(session, "POST", "/me/tokens", { name: "ci", scopes: ["read"] });
    await call(alice, "GET", "/me/tokens");
    await call(alice, "DELETE", `/me/tokens/${named.id}`);
    await call(alice, "PUT", `/me/ignores/${carol.id}`);
    await call(alice, "GET", "/me/ignores");
    await call(alice, "DELETE", `/me/ignores/${carol.id}`);
    const sure = await signOutEverywhereUrl(h.services, carol.id);
    const q = new URL(sure).search;
    await call(null, "GET", `/auth/sign-out-everywhere${q}`);
    await call(null, "POST", `/auth/sign-out-everywhere${q}`);
  });

  test("[GEN-4] user directory and admin answers", async () => {
    await call(alice, "GET", "/users?q=b");
    const page = await call(h.admin, "GET", "/users?q=example&limit=1");
    assert.equal(typeof page.nextOffset, "number");
    const made = (await call(h.admin, "POST", "/users", {
      username: "dave",
      password: "a-long-password-1",
      role: "member",
      email: "dave@example.com",
    })) as { user: { id: string } };
    await call(alice, "GET", `/users/${made.user.id}`);
    await call(h.admin, "GET", `/users/${made.user.id}`);
    await call(h.admin, "PATCH", `/users/${made.user.id}`, { displayName: "Dave D", role: "agent" });
    await call(h.admin, "POST", `/users/${made.user.id}/password-reset`, { via: "password" });
    await call(h.admin, "POST", `/users/${made.user.id}/password-reset`, { via: "email" });
    const reset = /token=([\w-]+)/.exec(mails.filter((m) => m.kind === "password_reset").at(-1)?.text ?? "");
    assert.ok(reset, "a reset link was mailed");
    await call(null, "POST", "/auth/password-reset", { token: reset[1], password: "another-password-2" });
    await call(h.admin, "GET", "/admin/settings");
    await call(h.admin, "PUT", "/admin/settings", {
      siteName: "Acme",
      defaults: { room: { alerts: false } },
    });
  });

  test("[GEN-4] rooms, messages, threads, files, search, preferences and inbox answers", async () => {
    const room = (
      (await call(alice, "POST", "/rooms", { kind: "channel", name: "plans", memberIds: [bob.id] })) as {
        room: { id: string };
      }
    ).room.id;
    await call(alice, "POST", "/dms", { userIds: [bob.id] }, 201);
    await call(alice, "POST", "/dms", { userIds: [bob.id] });
    await call(alice, "POST", "/dms", { userIds: [bob.id, carol.id] }, 201);
    await call(alice, "PATCH", `/rooms/${room}`, { topic: "the plan" });
    await call(carol, "GET", `/rooms/${room}`);
    await call(carol, "POST", `/rooms/${room}/join`);
    await call(alice, "GET", `/rooms/${room}/members?limit=10`);
    await call(alice, "POST", `/rooms/${room}/members`, { userIds: [h.admin.id] });
    await call(alice, "DELETE", `/rooms/${room}/members/${h.admin.id}`);
    await call(carol, "POST", `/rooms/${room}/leave`);

    const posted = (await call(
      alice,
      "POST",
      `/rooms/${room}/messages`,
      { text: "hello @bob and @carol, see **this**" },
      201,
    )) as { message: { id: string }; hints: unknown[] };
    assert.equal(posted.hints.length, 1, "carol is not in the room: a hint");
    const root = posted.message.id;
    await call(bob, "POST", `/rooms/${room}/messages`, { text: "on it", threadRootId: root }, 201);
    await call(
      bob,
      "POST",
      `/rooms/${room}/messages`,
      { text: "also here", threadRootId: root, alsoInRoom: true },
      201,
    );
    const other = (await call(alice, "POST", `/rooms/${room}/messages`, { text: "@all gone soon" }, 201)) as {
      message: { id: string };
    };
    const upload = form([
      { name: "file", value: PNG, filename: "dot.png", type: "image/png" },
      { name: "text", value: "a picture" },
    ]);
    const filed = await h.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${room}/files`,
      headers: { ...alice.h, ...upload.headers },
      payload: upload.payload,
    });
    assert.equal(filed.statusCode, 201, filed.body);
    answered.add("POST /api/v1/rooms/:id/files");
    const file = (filed.json() as { message: { files: { id: string }[] } }).message.files[0];
    const bytes = await h.app.inject({ method: "GET", url: `/api/v1/files/${file.id}`, headers: bob.h });
    assert.equal(bytes.statusCode, 200);
    assert.equal(bytes.headers["content-type"], "image/png");
    assert.deepEqual(bytes.rawPayload, PNG, "the file's bytes, untouched by any serializer");
    answered.add("GET /api/v1/files/:id");

    await call(alice, "PATCH", `/messages/${root}`, { text: "hello @bob, see **this** (edited)" });
    await call(bob, "GET", `/rooms/${room}/messages?limit=50`);
    await call(bob, "GET", `/rooms/${room}/messages?after=0&limit=2`);
    await call(bob, "GET", `/messages/${root}`);
    await call(bob, "GET", `/messages/${root}/thread`);
    await call(alice, "POST", `/messages/${root}/follow`);
    await call(bob, "GET", "/threads/followed");
    await call(bob, "GET", "/rooms");
    await call(carol, "GET", "/rooms?scope=public");
    await call(bob, "GET", `/rooms/${room}`);
    await call(bob, "GET", "/me/badge");
    await call(bob, "POST", `/rooms/${room}/read`, {});
    await call(bob, "POST", `/threads/${root}/read`, { seq: 1 });
    await call(bob, "POST", `/rooms/${room}/unread`, { messageId: root });
    await call(bob, "POST", "/rooms/read-all");
    await call(bob, "POST", "/threads/read-all");
    await call(bob, "POST", "/me/read-all");
    await call(alice, "DELETE", `/messages/${root}/follow`);

    await call(bob, "GET", "/search?q=hello");
    await call(bob, "GET", "/search?q=bo&kind=people");
    await call(bob, "GET", "/search?q=pla&kind=channels");

    await call(bob, "GET", "/me/preferences");
    await call(bob, "PUT", "/me/preferences", {
      desktop: "all",
      keywords: ["plan"],
      bannerSeconds: "until_closed",
    });
    await call(bob, "GET", "/me/agent-preferences");
    await call(bob, "PUT", "/me/agent-preferences", { audioScope: "all", pending: { tone: "soft" } });
    await call(bob, "GET", `/rooms/${room}/preferences`);
    await call(bob, "PUT", `/rooms/${room}/preferences`, { snooze: "1h", muteGroupMentions: true });
    await call(bob, "PUT", `/rooms/${room}/preferences`, { snooze: "forever", push: "nothing" });

    h.clock.advance(1000);
    await call(alice, "POST", `/rooms/${room}/messages`, { text: "@bob one more" }, 201);
    const inbox = (await call(bob, "GET", "/notifications?limit=1")) as { items: { id: string }[] };
    assert.ok(inbox.items.length === 1, "bob has an inbox item");
    await call(bob, "GET", "/notifications?filter=mentions");
    await call(bob, "GET", "/notifications/unread-count");
    await call(bob, "GET", `/notifications/explain?message=${root}`);
    await call(bob, "POST", `/notifications/${inbox.items[0].id}/snooze`, { until: h.clock.now() + 60_000 });
    await call(bob, "POST", `/notifications/${inbox.items[0].id}/read`);
    await call(bob, "POST", "/notifications/read-all");

    await call(alice, "DELETE", `/messages/${other.message.id}`);
  });

  test("[GEN-4] signing out and changing a password", async () => {
    await call(alice, "PUT", "/me/password", {
      currentPassword: alice.password,
      newPassword: "a-new-password-3",
    });
    const s = await signIn(h.app, "alice", "a-new-password-3");
    await call({ cookie: s.cookie, "x-csrf-token": s.csrf }, "POST", "/auth/logout");
    await call(alice, "POST", "/auth/logout-all");
  });

  test("[GEN-4] a browser opening an emailed link gets a page, not JSON", async () => {
    const q = new URL(await signOutEverywhereUrl(h.services, bob.id)).search;
    const page = await h.app.inject({
      method: "GET",
      url: `/api/v1/auth/sign-out-everywhere${q}`,
      headers: { accept: "text/html,application/xhtml+xml" },
    });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers["content-type"]), /^text\/html/);
    assert.match(page.body, /Sign out everywhere/);
    const bad = await h.app.inject({
      method: "GET",
      url: "/api/v1/auth/verify-email?token=nope",
      headers: { accept: "text/html" },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /invalid or has expired/);
  });

  test("[GEN-4] every chat operation declares its success answer and was answered above", async () => {
    const doc = (await h.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json() as {
      paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const missing: string[] = [];
    const unanswered: string[] = [];
    let n = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const chat = op.tags?.some((t) => CHAT_TAGS.has(t)) || path === "/api/v1/admin/settings";
        if (!chat) continue;
        n++;
        const route = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`;
        if (!Object.keys(op.responses).some((s) => /^2\d\d$/.test(s))) missing.push(route);
        if (!answered.has(route)) unanswered.push(route);
      }
    }
    assert.deepEqual(missing, [], "operations without a success schema");
    assert.deepEqual(unanswered, [], "operations this test never drove");
    assert.ok(n >= 60, `${n} chat operations`);
    for (const name of [
      "User",
      "Room",
      "MyRoom",
      "Message",
      "NotificationItem",
      "AccountPreferences",
      "Badge",
    ])
      assert.ok(doc.components.schemas[name], `components.schemas.${name}`);
  });
});

describe("[GEN-4] a scope that adds its own named schemas keeps strict body validation", () => {
  let h: Harness;
  before(async () => {
    h = await harness({
      // A route module that adds schemas in its own scope: Fastify rebuilds that scope's validator then.
      prepare: (app) =>
        void app.register(async (scope) => {
          scope.addSchema(Type.Object({ id: Type.String() }, { $id: "ProbeThing" }));
          scope.post(
            "/probe",
            {
              schema: { body: Type.Object({ n: Type.Integer() }, { additionalProperties: false }) },
              config: { auth: "none" },
            },
            async (req) => ({ n: (req.body as { n: number }).n }),
          );
        }),
    });
  });
  after(() => h.close());

  test("[GEN-4] an unknown field or a number sent as a string is a 400, never stripped or coerced", async () => {
    const send = (payload: object) => h.app.inject({ method: "POST", url: "/probe", payload });
    assert.equal((await send({ n: 1 })).statusCode, 200);
    assert.equal((await send({ n: 1, colour: "red" })).statusCode, 400);
    assert.equal((await send({ n: "5" })).statusCode, 400);
  });
});
