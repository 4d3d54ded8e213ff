// LGN-1: a password sign-in from a device not seen before (browser, OS, network) is handed to the LoginAlerts
// port once — only when PRF-11 (user) and PRV-5 (admin) are on; session use and token use never count.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import type { NewSignIn, OutgoingMail } from "../../src/services.ts";
import { mailLoginAlerts } from "../../src/services.ts";
import { savedSettings } from "../../src/store/settings.ts";
import { caller } from "../helpers/api.ts";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
const FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

describe("[LGN-1] login detection", () => {
  let h: Harness;
  let call: ReturnType<typeof caller>;
  let alerts: NewSignIn[];
  before(async () => {
    h = await harness();
    call = caller(h.app);
  });
  beforeEach(() => {
    alerts = [];
    h.services.loginAlerts = { newSignIn: async (i) => void alerts.push(i) };
  });
  after(() => h.close());

  const login = (u: TestUser, ua: string, ip = "198.51.100.10", password = u.password) =>
    h.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: u.username, password },
      headers: { "user-agent": ua },
      remoteAddress: ip,
    });
  /** A user whose first sign-in (which only records the device) is done. */
  async function known(): Promise<TestUser> {
    const u = await h.user();
    assert.equal((await login(u, CHROME_LINUX)).statusCode, 200);
    assert.equal(alerts.length, 0, "the very first sign-in only records its device");
    return u;
  }

  test("a new browser is announced once, with time, browser, OS, IP and a sign-out-everywhere link", async () => {
    const u = await known();
    h.clock.advance(5_000);
    assert.equal((await login(u, FIREFOX_MAC, "198.51.100.77")).statusCode, 200);
    assert.equal(alerts.length, 1);
    assert.deepEqual(alerts[0], {
      userId: u.id,
      at: h.clock.now(),
      browser: "Firefox",
      os: "macOS",
      ip: "198.51.100.77",
      signOutEverywhereUrl: alerts[0].signOutEverywhereUrl,
    });
    assert.match(
      alerts[0].signOutEverywhereUrl,
      /^http:\/\/localhost:\d+\/api\/v1\/auth\/sign-out-everywhere\?token=/,
    );
    // The same device again: nothing.
    await login(u, FIREFOX_MAC, "198.51.100.77");
    await login(u, CHROME_LINUX);
    assert.equal(alerts.length, 1);
  });

  test("a new network counts; another address in the same /24 does not", async () => {
    const u = await known();
    await login(u, CHROME_LINUX, "198.51.100.200");
    assert.equal(alerts.length, 0);
    await login(u, CHROME_LINUX, "203.0.113.5");
    assert.equal(alerts.length, 1);
    await login(u, CHROME_LINUX, "2001:db8:1:2::5");
    await login(u, CHROME_LINUX, "2001:db8:1:ffff::9");
    assert.equal(alerts.length, 2, "IPv6 /48");
  });

  test("the same new device signing in twice at once is announced once", async () => {
    const u = await known();
    const rs = await Promise.all([login(u, SAFARI_IPHONE), login(u, SAFARI_IPHONE), login(u, SAFARI_IPHONE)]);
    assert.deepEqual(
      rs.map((r) => r.statusCode),
      [200, 200, 200],
    );
    assert.equal(alerts.length, 1);
  });

  test("session use and token use from a new device never count", async () => {
    const u = await known();
    const s = await login(u, CHROME_LINUX);
    const cookie = String(s.headers["set-cookie"]).split(";")[0];
    for (const ua of [FIREFOX_MAC, SAFARI_IPHONE]) {
      const r = await h.app.inject({
        method: "GET",
        url: "/api/v1/auth/session",
        headers: { cookie, "user-agent": ua },
        remoteAddress: "192.0.2.99",
      });
      assert.equal(r.statusCode, 200);
      const t = await h.app.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { ...u.h, "user-agent": ua },
        remoteAddress: "192.0.2.99",
      });
      assert.equal(t.statusCode, 200);
    }
    assert.equal(alerts.length, 0);
  });

  test("a failed sign-in records nothing: the next good one from that device is announced", async () => {
    const u = await known();
    assert.equal((await login(u, FIREFOX_MAC, undefined, "wrong-password")).statusCode, 401);
    assert.equal(alerts.length, 0);
    await login(u, FIREFOX_MAC);
    assert.equal(alerts.length, 1);
  });

  test("[PRF-11] off for the user: no alert; saved on beats an admin default of off", async () => {
    const u = await known();
    await call(u, "PUT", "/me/preferences", { loginEmails: false });
    await login(u, FIREFOX_MAC);
    assert.equal(alerts.length, 0);
    await call(h.admin, "PUT", "/admin/settings", { defaults: { account: { loginEmails: false } } });
    const never = await known();
    await login(never, FIREFOX_MAC);
    assert.equal(alerts.length, 0, "PRF-21: an unsaved choice follows the admin default (off)");
    await call(u, "PUT", "/me/preferences", { loginEmails: true });
    await login(u, SAFARI_IPHONE);
    assert.equal(alerts.length, 1, "a saved choice wins over the admin default");
    await call(h.admin, "PUT", "/admin/settings", { defaults: { account: { loginEmails: null } } });
  });

  test("[PRV-5] off for the workspace: no alert even when the user wants them", async () => {
    const u = await known();
    await call(u, "PUT", "/me/preferences", { loginEmails: true });
    await call(h.admin, "PUT", "/admin/settings", { loginEmails: false });
    await login(u, FIREFOX_MAC);
    assert.equal(alerts.length, 0);
    await call(h.admin, "PUT", "/admin/settings", { loginEmails: null });
    await login(u, SAFARI_IPHONE);
    assert.equal(alerts.length, 1);
  });

  test("a failing LoginAlerts port does not fail the sign-in", async () => {
    const u = await known();
    h.services.loginAlerts = {
      newSignIn: async () => {
        throw new Error("smtp down");
      },
    };
    assert.equal((await login(u, FIREFOX_MAC)).statusCode, 200);
  });

  test("the default port mails 'New sign-in to {site}' (PRV-3) to the user's address", async () => {
    const mails: OutgoingMail[] = [];
    const services = {
      store: h.services.store,
      mailer: { send: async (m: OutgoingMail) => void mails.push(m) },
    };
    await call(h.admin, "PUT", "/admin/settings", { siteName: "Acme" });
    const siteName = async () => String((await savedSettings(h.services.store.db)).siteName ?? "Herald");
    h.services.loginAlerts = mailLoginAlerts(services, siteName);
    const u = await known();
    await login(u, FIREFOX_MAC, "203.0.113.44");
    assert.equal(mails.length, 1);
    assert.equal(mails[0].to, `${u.username}@example.com`);
    assert.equal(mails[0].subject, "New sign-in to Acme");
    assert.equal(mails[0].kind, "login_alert");
    assert.match(mails[0].text, /Firefox/);
    assert.match(mails[0].text, /macOS/);
    assert.match(mails[0].text, /203\.0\.113\.44/);
    await call(h.admin, "PUT", "/admin/settings", { siteName: null });
  });
  test("the sign-out-everywhere link works without signing in: GET asks, POST ends every session", async () => {
    const u = await known();
    const s1 = await login(u, CHROME_LINUX);
    await login(u, FIREFOX_MAC);
    const link = new URL(alerts[0].signOutEverywhereUrl);
    const url = `${link.pathname}${link.search}`;
    const cookie = String(s1.headers["set-cookie"]).split(";")[0];
    const alive = async () =>
      (await h.app.inject({ method: "GET", url: "/api/v1/auth/session", headers: { cookie } })).statusCode;
    // A mail scanner fetching the link changes nothing.
    const page = await h.app.inject({ method: "GET", url, headers: { accept: "text/html" } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="post" enctype="text\/plain"/);
    assert.deepEqual((await h.app.inject({ method: "GET", url })).json(), { valid: true });
    assert.equal(await alive(), 200);
    // What the page's form sends: an empty text/plain body.
    const done = await h.app.inject({
      method: "POST",
      url,
      headers: { "content-type": "text/plain", accept: "text/html" },
      payload: "",
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(await alive(), 401);
    assert.deepEqual((await h.app.inject({ method: "POST", url })).json(), { ok: true });
  });

  test("a tampered or 7-day-old sign-out link is 400 invalid_token", async () => {
    const u = await known();
    await login(u, FIREFOX_MAC);
    const link = new URL(alerts[0].signOutEverywhereUrl);
    const token = link.searchParams.get("token") ?? "";
    const [body, sig] = token.split(".");
    const other = Buffer.from(JSON.stringify({ u: h.admin.id, t: h.clock.now() })).toString("base64url");
    for (const bad of [`${other}.${sig}`, `${body}.x${sig.slice(1)}`, "nonsense"]) {
      const r = await h.app.inject({ method: "POST", url: `/api/v1/auth/sign-out-everywhere?token=${bad}` });
      assert.equal(r.json().error.code, "invalid_token", bad);
    }
    h.clock.advance(7 * 86_400_000);
    const old = await h.app.inject({ method: "POST", url: `${link.pathname}${link.search}` });
    assert.equal(old.statusCode, 400);
  });
});
