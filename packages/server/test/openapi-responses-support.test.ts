// The response schemas of the support, widget, calls, push, email, admin-delivery and ops routes say what the
// handlers really return. The serializer drops any property a schema does not list, so the answer on the wire
// always fits: this test records each handler's own payload (before serialization) and checks it against the
// route's schema for the status sent, closed to unlisted properties (unless the schema opens them).
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { FastifySchema } from "fastify";
import type { TSchema } from "typebox";
import { Value } from "typebox/value";
import { buildApp, createServices } from "../src/app.ts";
import { parseAllowList } from "../src/channels/destinations.ts";
import { signUnsubscribe } from "../src/channels/email/unsubscribe.ts";
import { ManualClock } from "../src/clock.ts";
import { testConfig } from "../src/config.ts";
import type { App } from "../src/http/types.ts";
import { createUser } from "../src/http/users/create.ts";
import { settingsKv, sqlMailbox, unsubscribeSecret } from "../src/jobs/channels.ts";
import { insertToken } from "../src/store/accounts.ts";
import type { Db } from "../src/store/db.ts";
import { openTestStore, type TestStore } from "./helpers/app.ts";

interface Sent {
  route: string;
  status: number;
  payload: unknown;
  schema: unknown;
  /** The named schemas of the route's scope, which its $refs point at. */
  context: Record<string, TSchema>;
}

/** The schema with every object closed that does not say otherwise, and every $ref left to the context. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === "properties" ? mapValues(v, closed) : closed(v);
  if (out.type === "object" && out.properties && out.additionalProperties === undefined)
    out.additionalProperties = false;
  return out;
}

function mapValues(o: object, f: (v: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

describe("support, widget, calls, push, email, admin-delivery and ops answers fit their response schemas", () => {
  let app: App;
  let store: TestStore;
  const sent: Sent[] = [];
  let admin: { h: Record<string, string> };
  let agent: { id: string; h: Record<string, string> };
  let member: { id: string; h: Record<string, string> };
  let db: Db;
  /** The conversation the support test started from the widget, for the widget test. */
  let widget: { key: Record<string, string>; contact: Record<string, string>; id: string; inbox: string };

  const call = async (
    who: { h: Record<string, string> } | null,
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) => {
    const res = await app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...who?.h, ...headers },
      ...(payload ? { payload } : {}),
    });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.statusCode === 204 ? null : res.json();
  };

  before(async () => {
    store = await openTestStore("sqlite");
    const clock = new ManualClock();
    const config = testConfig({
      dataDir: store.dir,
      webDist: join(store.dir, "no-web"),
      // Webhooks and native devices on loopback addresses nothing listens on: nothing is sent in this test.
      webhookAllowHosts: parseAllowList("127.0.0.1"),
      pushProxyUrl: "http://127.0.0.1:9",
    });
    const services = await createServices(config, { clock, store: store.store, migrated: true });
    app = await buildApp(services);
    app.addHook("preSerialization", async (req, reply, payload) => {
      const schema = (req.routeOptions.schema as FastifySchema | undefined)?.response as
        | Record<string, unknown>
        | undefined;
      sent.push({
        route: `${req.method} ${req.routeOptions.url}`,
        status: reply.statusCode,
        // What the handler gave, as JSON would carry it without a schema (undefined properties vanish).
        payload: JSON.parse(JSON.stringify(payload)),
        schema: schema?.[String(reply.statusCode)],
        context: mapValues(req.server.getSchemas(), closed) as Record<string, TSchema>,
      });
      return payload;
    });
    await app.ready();
    const user = async (role: "admin" | "agent" | "member", username: string) => {
      const u = await createUser(services, {
        username,
        password: `pw-${username}-secret`,
        role,
        email: `${username}@example.com`,
      });
      const scopes = role === "admin" ? ["read", "write", "admin"] : ["read", "write"];
      const t = await insertToken(services.store.db, u.id, "test", scopes, clock.now());
      return { id: u.id, h: { authorization: `Bearer ${t.token}` } };
    };
    admin = await user("admin", "root");
    agent = await user("agent", "ann");
    member = await user("member", "mia");
    db = services.store.db;
  });

  after(async () => {
    await app.close();
    await store.dispose();
  });

  /** Checks every recorded answer of the routes under `prefix` since `from`; returns the routes seen. */
  function check(from: number): string[] {
    const routes = new Set<string>();
    for (const s of sent.slice(from)) {
      routes.add(s.route);
      assert.ok(s.schema, `${s.route} answered ${s.status} without a response schema for it`);
      const schema = closed(s.schema) as TSchema;
      if (!Value.Check(s.context, schema, s.payload)) {
        const errors = [...Value.Errors(s.context, schema, s.payload)].slice(0, 5);
        assert.fail(`${s.route} ${s.status}: ${JSON.stringify(errors)}\n${JSON.stringify(s.payload)}`);
      }
    }
    return [...routes].sort();
  }

  test("[SUP-1] support console: inboxes, conversations, messages, contact panel, canned replies", async () => {
    const from = sent.length;
    const created = await call(admin, "POST", "/inboxes", { name: "Website", agentIds: [agent.id] });
    const inbox = created.inbox.id as string;
    await call(admin, "GET", "/inboxes");
    await call(agent, "GET", "/inboxes");
    const other = await call(admin, "POST", "/inboxes", { name: "Sales" });
    await call(admin, "POST", `/inboxes/${other.inbox.id}/agents`, { userIds: [agent.id] });
    await call(admin, "DELETE", `/inboxes/${other.inbox.id}/agents/${agent.id}`);
    const rotated = await call(admin, "POST", `/inboxes/${inbox}/key`);
    const key = { "x-inbox-key": rotated.key as string };
    const started = await call(
      null,
      "POST",
      "/widget/conversations",
      { name: "Zoë", email: "zoe@example.com", text: "Hello", page: { url: "https://shop.example/cart" } },
      key,
    );
    const id = started.conversation.id as string;
    const contact = { ...key, "x-contact-token": started.contactToken as string };
    widget = { key, contact, id, inbox };
    await call(agent, "GET", "/conversations");
    await call(agent, "GET", "/conversations?filter=unassigned&status=pending");
    await call(agent, "POST", `/conversations/${id}/pickup`);
    await call(agent, "POST", `/conversations/${id}/messages`, { text: "Hi Zoë" });
    await call(agent, "POST", `/conversations/${id}/messages`, { text: "note", private: true });
    await call(agent, "GET", "/conversations");
    await call(agent, "GET", `/conversations/${id}`);
    await call(agent, "GET", `/conversations/${id}/contact`);
    await call(agent, "POST", `/conversations/${id}/typing`, { typing: true });
    await call(admin, "POST", `/conversations/${id}/assign`, { userId: agent.id });
    await call(agent, "POST", `/conversations/${id}/resolve`);
    await call(agent, "POST", `/conversations/${id}/reopen`);
    const canned = await call(admin, "POST", "/canned-replies", { shortcut: "hi", text: "Hello there" });
    await call(admin, "PATCH", `/canned-replies/${canned.cannedReply.id}`, { text: "Hello!" });
    await call(agent, "GET", "/canned-replies");
    await call(admin, "DELETE", `/canned-replies/${canned.cannedReply.id}`);
    const seen = check(from);
    for (const r of [
      "GET /api/v1/inboxes",
      "POST /api/v1/inboxes/:id/agents",
      "DELETE /api/v1/inboxes/:id/agents/:userId",
      "POST /api/v1/inboxes/:id/key",
      "GET /api/v1/conversations/:id",
      "GET /api/v1/conversations/:id/contact",
      "POST /api/v1/conversations/:id/reopen",
      "PATCH /api/v1/canned-replies/:id",
    ])
      assert.ok(seen.includes(r), `${r} was not driven: ${seen.join(", ")}`);
  });

  test("[SUP-1] website widget: start, write, poll, seen, email, typing, leave; the inbox's widget settings", async () => {
    const from = sent.length;
    const { key, contact, id, inbox } = widget;
    await call(null, "GET", "/widget/status", undefined, key);
    await call(null, "POST", `/widget/conversations/${id}/messages`, { text: "Still there?" }, contact);
    await call(null, "GET", `/widget/conversations/${id}/messages`, undefined, contact);
    await call(null, "POST", `/widget/conversations/${id}/seen`, {}, contact);
    await call(null, "PUT", `/widget/conversations/${id}/email`, { email: "zoe@example.org" }, contact);
    await call(null, "POST", `/widget/conversations/${id}/typing`, { typing: true }, contact);
    await call(null, "POST", `/widget/conversations/${id}/leave`, undefined, contact);
    await call(admin, "GET", `/inboxes/${inbox}/widget`);
    await call(admin, "PATCH", `/inboxes/${inbox}/widget`, {
      origins: ["https://shop.example"],
      offlineEmailMinutes: null,
    });
    assert.equal(check(from).length, 9);
  });

  test("[CAL-1] [CAL-2] calls: start in a DM, answer, decline, hang up", async () => {
    const from = sent.length;
    const dm = (await call(agent, "POST", "/dms", { userIds: [member.id] })).room.id as string;
    const first = await call(agent, "POST", `/rooms/${dm}/calls`);
    await call(member, "POST", `/calls/${first.call.id}/answer`);
    await call(agent, "POST", `/calls/${first.call.id}/end`);
    const second = await call(agent, "POST", `/rooms/${dm}/calls`);
    await call(member, "POST", `/calls/${second.call.id}/decline`);
    assert.equal(check(from).filter((r) => r.includes("calls")).length, 4);
  });

  test("[PSH-4] [PSH-7] push: VAPID key, subscriptions, native devices, the id-only content fetch", async () => {
    const from = sent.length;
    await call(member, "GET", "/push/vapid-public-key");
    const device = { deviceId: "laptop", deviceKind: "desktop" };
    const b64 = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM";
    const web = await call(member, "POST", "/push/subscriptions", {
      ...device,
      endpoint: "http://127.0.0.1:9/push/one",
      keys: { p256dh: b64, auth: "tBHItJI5svbpez7KI4CCXg" },
    });
    await call(member, "POST", "/push/subscriptions", {
      ...device,
      type: "webhook",
      url: "http://127.0.0.1:9/hook",
    });
    await call(member, "GET", "/push/subscriptions");
    await call(member, "DELETE", `/push/subscriptions/${web.id}`);
    const token = "f".repeat(40);
    const native = { platform: "fcm", token, appId: "app.herald", deviceId: "phone", name: "Mia's phone" };
    const phone = await call(member, "POST", "/push/devices", native);
    await call(member, "POST", "/push/devices", native);
    await call(member, "GET", "/push/devices");
    await call(member, "DELETE", `/push/devices/${phone.id}`);
    const dm = (await call(agent, "POST", "/dms", { userIds: [member.id] })).room.id as string;
    const posted = await call(agent, "POST", `/rooms/${dm}/messages`, { text: "Lunch?\nAt noon" });
    await call(member, "GET", `/push/messages/${posted.message.id}`);
    assert.equal(check(from).filter((r) => r.includes("/push/")).length, 8);
  });

  test("[EML-6] [GEN-3] email unsubscribe page and one-click POST; admin delivery stats, failures and mailbox", async () => {
    const from = sent.length;
    const secret = await unsubscribeSecret(settingsKv(db, new ManualClock()));
    const token = signUnsubscribe({ userId: member.id, scope: "account", kind: "messages" }, secret);
    const page = await app.inject({ method: "GET", url: `/api/v1/email/unsubscribe?token=${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers["content-type"] as string, /text\/html/);
    assert.match(page.body, /<button type="submit">Unsubscribe<\/button>/);
    const oneClick = await app.inject({
      method: "POST",
      url: `/api/v1/email/unsubscribe?token=${token}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    assert.equal(oneClick.statusCode, 200, oneClick.body);
    const row = { kind: "email" as const, channel: "email" as const, seq: 1, payload: "{}", attempts: 3 };
    const at = Date.now();
    await db
      .insertInto("deliveries")
      .values(
        [
          {
            ...row,
            id: "d1",
            dedupe_key: "d1",
            user_id: member.id,
            state: "failed" as const,
            reason: "smtp 550",
            due_at: at,
          },
          { ...row, id: "d2", dedupe_key: "d2", user_id: null, state: "sent" as const, due_at: at },
          { ...row, id: "d3", dedupe_key: "d3", user_id: null, state: "pending" as const, due_at: at },
        ].map((r) => ({
          room_id: null,
          message_id: null,
          trigger: null,
          thread_root_id: null,
          thread_seq: null,
          claimed_until: null,
          first_try_at: null,
          batch_id: null,
          reason: null,
          created_at: at,
          updated_at: at,
          ...r,
        })),
      )
      .execute();
    await sqlMailbox(db).save({
      messageId: "<m1@herald>",
      from: "herald@example.com",
      to: "mia@example.com",
      subject: "Hi",
      text: "Hi",
      html: "<p>Hi</p>",
      headers: { "list-unsubscribe": "<https://example.com/u>" },
      kind: "messages",
      userId: member.id,
      createdAt: at,
    });
    await call(admin, "GET", "/admin/stats?range=hour");
    await call(admin, "GET", "/admin/failures");
    await call(admin, "GET", "/admin/mailbox");
    const seen = check(from);
    // The page is a string, which Fastify sends as it is (no serializer, no preSerialization): checked above.
    assert.ok(seen.includes("POST /api/v1/email/unsubscribe"), seen.join(", "));
    assert.equal(seen.filter((r) => r.includes("/admin/")).length, 3);
  });

  test("ops: /healthz and /readyz", async () => {
    const from = sent.length;
    for (const url of ["/healthz", "/readyz"])
      assert.equal((await app.inject({ method: "GET", url })).statusCode, 200, url);
    assert.deepEqual(check(from), ["GET /healthz", "GET /readyz"]);
  });

  test("[GEN-4] adding inbox agents: a 400 that names who was not added, and a plain validation 400", async () => {
    const from = sent.length;
    const inbox = (await call(admin, "POST", "/inboxes", { name: "Billing" })).inbox.id as string;
    const add = (payload: object) =>
      app.inject({ method: "POST", url: `/api/v1/inboxes/${inbox}/agents`, headers: admin.h, payload });
    const partly = await add({ userIds: [agent.id, member.id] });
    assert.equal(partly.statusCode, 400, partly.body);
    assert.deepEqual(partly.json().added, [agent.id]);
    assert.equal(partly.json().rejected[0].userId, member.id);
    const invalid = await add({ userIds: [], color: 1 });
    assert.equal(invalid.statusCode, 400, invalid.body);
    assert.equal(typeof invalid.json().error.code, "string");
    check(from);
  });
});
