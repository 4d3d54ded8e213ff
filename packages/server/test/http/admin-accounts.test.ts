// Admin account care: search people (name, username, email; paged; deactivated ones on request), deactivate and
// reactivate, reset a password by a one-time link sent by email or by a one-time password shown once; inbox
// agents removed; delivery statistics over a time range in buckets (GEN-3). Runs on both stores (matrix.ts).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { OutgoingMail } from "../../src/services.ts";
import { caller, errorOf } from "../helpers/api.ts";
import type { Harness, TestUser } from "./harness.ts";
import { harness, signIn } from "./harness.ts";

const login = (h: Harness, body: Record<string, unknown>) =>
  h.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: body });

describe("admin: search, deactivate, reset password", () => {
  let h: Harness;
  let call: ReturnType<typeof caller>;
  let zoe: TestUser;
  before(async () => {
    // An SMTP address makes links the default; nothing is sent to it (the mails are kept here) — the browser
    // test sends through the real SMTP peer.
    h = await harness({
      config: { smtpUrl: "smtp://127.0.0.1:2525", publicUrl: "https://chat.example.com" },
    });
    h.services.mailer = { send: async (m: OutgoingMail) => void sent.push(m) };
    call = caller(h.app);
    zoe = await h.user("member", "zoe_q");
    await call(h.admin, "PATCH", `/users/${zoe.id}`, { displayName: "Zoë Quinn" });
    for (let i = 0; i < 5; i++) await h.user("member", `pager${i}`);
  });
  after(() => h.close());
  const sent: OutgoingMail[] = [];
  const mails = () => sent;

  test("admins find people by any part of username, display name or email; members by name only", async () => {
    const names = async (who: TestUser, q: string) =>
      (
        (await call(who, "GET", `/users?q=${encodeURIComponent(q)}`)).json().users as { username: string }[]
      ).map((u) => u.username);
    assert.deepEqual(await names(h.admin, "quinn"), ["zoe_q"]);
    assert.deepEqual(await names(h.admin, "zoe_q@EXAMPLE"), ["zoe_q"]);
    assert.deepEqual(await names(h.admin, "e_q"), ["zoe_q"]); // `_` is a character, not a wildcard
    assert.deepEqual(await names(h.admin, "ex_q"), []);
    // Names starting with the words come before names merely containing them (pickers show the top few).
    await h.user("member", "abzo");
    assert.deepEqual(await names(h.admin, "zo"), ["zoe_q", "abzo"]);
    const member = await h.user("member");
    assert.deepEqual(await names(member, "zoe_q@example.com"), [], "members cannot search by email");
    const seen = (await call(member, "GET", "/users?q=zoe")).json().users[0];
    assert.equal(seen.email, undefined, "members never see addresses");
  });

  test("the list pages with nextOffset until the end", async () => {
    const page1 = (await call(h.admin, "GET", "/users?q=pager&limit=2")).json();
    assert.deepEqual(
      page1.users.map((u: { username: string }) => u.username),
      ["pager0", "pager1"],
    );
    assert.equal(page1.nextOffset, 2);
    const page3 = (await call(h.admin, "GET", "/users?q=pager&limit=2&offset=4")).json();
    assert.deepEqual(
      page3.users.map((u: { username: string }) => u.username),
      ["pager4"],
    );
    assert.equal(page3.nextOffset, null);
  });

  test("[PRM-4] deactivating ends sessions and tokens; reactivating lets the user sign in again", async () => {
    const kim = await h.user("member", "kim");
    const s = await signIn(h.app, "kim", kim.password);
    assert.equal(s.status, 200);
    assert.equal((await call(h.admin, "PATCH", `/users/${kim.id}`, { active: false })).statusCode, 200);
    const session = await h.app.inject({
      method: "GET",
      url: "/api/v1/auth/session",
      headers: { cookie: s.cookie },
    });
    assert.equal(session.statusCode, 401);
    assert.equal((await call(kim, "GET", "/me")).statusCode, 401);
    assert.equal((await signIn(h.app, "kim", kim.password)).status, 403);
    // Found under "inactive" (and "all"), not under the default list.
    const inactive = (await call(h.admin, "GET", "/users?q=kim&status=inactive")).json().users;
    assert.deepEqual(
      inactive.map((u: { username: string; active: boolean }) => [u.username, u.active]),
      [["kim", false]],
    );
    assert.deepEqual((await call(h.admin, "GET", "/users?q=kim")).json().users, []);
    // A member asking for deactivated people gets active people only.
    const member = await h.user("member");
    assert.deepEqual((await call(member, "GET", "/users?q=kim&status=inactive")).json().users, []);
    assert.equal((await call(h.admin, "PATCH", `/users/${kim.id}`, { active: true })).statusCode, 200);
    assert.equal((await signIn(h.app, "kim", kim.password)).status, 200);
    assert.equal((await call(kim, "GET", "/me")).statusCode, 200, "the token works again");
  });

  test("a reset link by email works once, sets the password and ends the user's sessions", async () => {
    const old = await signIn(h.app, "zoe_q", zoe.password);
    const r = await call(h.admin, "POST", `/users/${zoe.id}/password-reset`, {});
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers["cache-control"], "no-store");
    assert.deepEqual(r.json(), { via: "email", email: "zoe_q@example.com" });
    const mail = mails().findLast((m) => m.kind === "password_reset");
    assert.ok(mail);
    assert.equal(mail.to, "zoe_q@example.com");
    const token = /https:\/\/chat\.example\.com\/reset-password#token=([\w-]+)/.exec(mail.text)?.[1];
    assert.ok(token, mail.text);
    // The old password still works until the link is used.
    assert.equal((await signIn(h.app, "zoe_q", zoe.password)).status, 200);
    const finish = (password: string, t = token) =>
      h.app.inject({ method: "POST", url: "/api/v1/auth/password-reset", payload: { token: t, password } });
    assert.deepEqual(errorOf(await finish("short")), {
      status: 400,
      code: "weak_password",
      field: "password",
    });
    assert.equal((await finish("a-brand-new-secret")).statusCode, 200);
    assert.deepEqual(errorOf(await finish("another-new-secret")), {
      status: 400,
      code: "invalid_reset_link",
      field: "token",
    });
    assert.deepEqual(errorOf(await finish("another-new-secret", "made-up")), {
      status: 400,
      code: "invalid_reset_link",
      field: "token",
    });
    assert.equal((await signIn(h.app, "zoe_q", zoe.password)).status, 401);
    assert.equal((await signIn(h.app, "zoe_q", "a-brand-new-secret")).status, 200);
    const gone = await h.app.inject({
      method: "GET",
      url: "/api/v1/auth/session",
      headers: { cookie: old.cookie },
    });
    assert.equal(gone.statusCode, 401, "sessions from before the reset are over");
  });

  test("a reset link expires after an hour; a newer link replaces an older one", async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 2; i++) {
      await call(h.admin, "POST", `/users/${zoe.id}/password-reset`, { via: "email" });
      const text = mails().findLast((m) => m.kind === "password_reset")?.text ?? "";
      tokens.push(/#token=([\w-]+)/.exec(text)?.[1] ?? "");
    }
    const finish = (t: string) =>
      h.app.inject({
        method: "POST",
        url: "/api/v1/auth/password-reset",
        payload: { token: t, password: "zzz-secret-9" },
      });
    assert.equal(errorOf(await finish(tokens[0])).code, "invalid_reset_link");
    h.clock.advance(3_600_001);
    assert.equal(errorOf(await finish(tokens[1])).code, "invalid_reset_link");
  });

  test("a one-time password is shown once; sign-in with it asks for a new password first", async () => {
    const ned = await h.user("member", "ned");
    const before = await signIn(h.app, "ned", ned.password);
    const r = await call(h.admin, "POST", `/users/${ned.id}/password-reset`, { via: "password" });
    assert.equal(r.statusCode, 200);
    const otp = r.json().oneTimePassword as string;
    assert.match(otp, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const gone = await h.app.inject({
      method: "GET",
      url: "/api/v1/auth/session",
      headers: { cookie: before.cookie },
    });
    assert.equal(gone.statusCode, 401);
    assert.equal((await signIn(h.app, "ned", ned.password)).status, 401, "the old password is gone");
    assert.deepEqual(errorOf(await login(h, { login: "ned", password: otp })), {
      status: 403,
      code: "password_change_required",
      field: undefined,
    });
    assert.deepEqual(errorOf(await login(h, { login: "ned", password: otp, newPassword: "tiny" })), {
      status: 400,
      code: "weak_password",
      field: "newPassword",
    });
    assert.deepEqual(errorOf(await login(h, { login: "ned", password: otp, newPassword: otp })), {
      status: 400,
      code: "same_password",
      field: "newPassword",
    });
    const ok = await login(h, { login: "ned", password: otp, newPassword: "neds-own-secret" });
    assert.equal(ok.statusCode, 200);
    assert.equal((await signIn(h.app, "ned", otp)).status, 401, "the one-time password worked once");
    assert.equal((await signIn(h.app, "ned", "neds-own-secret")).status, 200);
  });

  test("[GEN-4] reset: no address means no link (field error); unknown user 404; admins only", async () => {
    const bare = await h.user("member", "bare");
    await h.services.store.db.updateTable("users").set({ email: null }).where("id", "=", bare.id).execute();
    assert.deepEqual(
      errorOf(await call(h.admin, "POST", `/users/${bare.id}/password-reset`, { via: "email" })),
      {
        status: 400,
        code: "email_unavailable",
        field: "via",
      },
    );
    // Without a choice, a user without an address gets a one-time password.
    assert.equal(
      (await call(h.admin, "POST", `/users/${bare.id}/password-reset`, {})).json().via,
      "password",
    );
    assert.equal((await call(h.admin, "POST", "/users/nobody/password-reset", {})).statusCode, 404);
    const member = await h.user("member");
    assert.equal((await call(member, "POST", `/users/${zoe.id}/password-reset`, {})).statusCode, 403);
  });
});

describe("admin: one-time password when no mail server is set up", () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  test("without SMTP the default is a one-time password, and a link is refused in words", async () => {
    const call = caller(h.app);
    const u = await h.user("member", "ola");
    assert.equal((await call(h.admin, "POST", `/users/${u.id}/password-reset`, {})).json().via, "password");
    const r = await call(h.admin, "POST", `/users/${u.id}/password-reset`, { via: "email" });
    assert.deepEqual(errorOf(r), { status: 400, code: "email_unavailable", field: "via" });
    assert.match(r.json().error.message, /no mail server/);
  });

  test("inbox agents are removed; a second removal or an unknown inbox is 404", async () => {
    const call = caller(h.app);
    const ann = await h.user("agent", "ann");
    const ben = await h.user("agent", "ben");
    const inbox = (
      await call(h.admin, "POST", "/inboxes", { name: "Site", agentIds: [ann.id, ben.id] })
    ).json().inbox;
    const r = await call(h.admin, "DELETE", `/inboxes/${inbox.id}/agents/${ann.id}`);
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json().agentIds, [ben.id]);
    const listed = (await call(h.admin, "GET", "/inboxes")).json().inboxes[0];
    assert.deepEqual(listed.agentIds, [ben.id]);
    assert.deepEqual(errorOf(await call(h.admin, "DELETE", `/inboxes/${inbox.id}/agents/${ann.id}`)), {
      status: 404,
      code: "agent_not_found",
      field: undefined,
    });
    assert.equal((await call(h.admin, "DELETE", `/inboxes/nope/agents/${ben.id}`)).statusCode, 404);
    assert.equal((await call(ben, "DELETE", `/inboxes/${inbox.id}/agents/${ben.id}`)).statusCode, 403);
    // Ann no longer sees the inbox.
    assert.deepEqual((await call(ann, "GET", "/inboxes")).json().inboxes, []);
  });

  test("[GEN-3] statistics over a range: totals and per-bucket counts by channel, outcome and rule", async () => {
    const call = caller(h.app);
    const now = h.clock.now();
    const u = await h.user("member");
    let n = 0;
    const row = async (
      channel: "push" | "email",
      state: "sent" | "dropped" | "failed" | "pending",
      reason: string | null,
      ago: number,
    ) =>
      h.services.store.db
        .insertInto("deliveries")
        .values({
          id: `d${++n}`,
          dedupe_key: `k${n}`,
          kind: channel,
          channel,
          user_id: u.id,
          room_id: null,
          message_id: null,
          trigger: "dm",
          seq: 0,
          thread_root_id: null,
          thread_seq: null,
          state,
          due_at: now - ago,
          claimed_until: null,
          attempts: 1,
          first_try_at: null,
          reason,
          payload: "{}",
          batch_id: null,
          created_at: now - ago,
          updated_at: now - ago,
        })
        .execute();
    await row("push", "sent", null, 10 * 60_000); // 10 minutes ago
    await row("push", "dropped", "PSH-3 read on another device", 10 * 60_000);
    await row("push", "dropped", "PSH-3 read elsewhere", 2 * 3_600_000); // 2 hours ago
    await row("email", "failed", "EML-7 mailbox full", 3 * 86_400_000); // 3 days ago
    await row("email", "pending", null, 2 * 86_400_000); // waiting for two days
    // Banners are counted from the fan-out's recorded decisions: one row per member shown, one aggregate per rule.
    const decision = (outcome: string, rules: string[], count: number, ago: number, userId: string | null) =>
      h.services.store.db
        .insertInto("decisions")
        .values({
          event_kind: "message",
          event_id: `m${++n}`,
          user_id: userId,
          channel: "banner",
          outcome,
          trigger: "dm",
          rules: JSON.stringify(rules),
          facts: "[]",
          count,
          at: now - ago,
        })
        .execute();
    await decision("delivered", ["TRG-1", "PRF-1"], 1, 20 * 60_000, u.id);
    await decision("delivered", ["TRG-1", "PRF-1"], 1, 20 * 60_000, u.id);
    await decision("skipped", ["DSK-2"], 3, 20 * 60_000, null);
    await decision("skipped", ["MEN-5"], 1, 20 * 60_000, null); // the sender: not a recipient, not counted
    await decision("skipped", ["DSK-2"], 5, 3 * 3_600_000, null); // 3 hours ago: not in the last hour
    const hour = (await call(h.admin, "GET", "/admin/stats?range=hour")).json();
    assert.equal(hour.bucketMs, 300_000);
    assert.deepEqual(hour.pending, { push: 0, email: 1 }, "waiting rows count in any range");
    assert.deepEqual(
      hour.stats.filter((x: { channel: string }) => x.channel === "banner"),
      [
        { channel: "banner", outcome: "sent", reason: "sent", count: 2 },
        { channel: "banner", outcome: "skipped", reason: "DSK-2", count: 3 },
      ],
    );
    assert.equal(hour.buckets.length, 12);
    assert.deepEqual(
      hour.stats
        .filter((x: { channel: string }) => x.channel !== "banner")
        .sort((a: { outcome: string }, b: { outcome: string }) => a.outcome.localeCompare(b.outcome)),
      [
        { channel: "push", outcome: "sent", reason: "sent", count: 1 },
        { channel: "push", outcome: "skipped", reason: "PSH-3", count: 1 },
      ],
    );
    // 10 minutes ago is the 11th of twelve 5-minute bars (50–55 minutes into the hour).
    assert.equal(hour.buckets[10].stats.length, 2);
    assert.equal(hour.buckets[10].start, hour.from + 50 * 60_000);
    const day = (await call(h.admin, "GET", "/admin/stats?range=day")).json();
    assert.deepEqual(
      day.stats.filter(
        (s: { channel: string; outcome: string }) => s.channel === "push" && s.outcome === "skipped",
      ),
      [{ channel: "push", outcome: "skipped", reason: "PSH-3", count: 2 }],
    );
    const week = (await call(h.admin, "GET", "/admin/stats?range=week")).json();
    assert.ok(
      week.stats.some(
        (s: { channel: string; outcome: string }) => s.channel === "email" && s.outcome === "failed",
      ),
    );
    assert.equal(week.buckets.length, 28);
    assert.equal((await call(h.admin, "GET", "/admin/stats?range=month")).json().buckets.length, 30);
    assert.deepEqual(errorOf(await call(h.admin, "GET", "/admin/stats?range=year")), {
      status: 400,
      code: "invalid_field",
      field: "range",
    });
  });
});
