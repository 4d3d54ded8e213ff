// Status and do-not-disturb (PRS-1, PRS-5, GEN-2): presence choice, DND "for 1 hour", "until tomorrow" (the
// next midnight in the user's time zone), "until I change it" or a time; it ends by itself; each change is a
// status.changed event for the gateway. Time zones are IANA names, stored canonically.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DomainEvent } from "../../src/events.ts";
import { nextLocalMidnight } from "../../src/http/me/status.ts";
import { caller, errorOf } from "../helpers/api.ts";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

describe("status and do-not-disturb", () => {
  let h: Harness;
  let call: ReturnType<typeof caller>;
  const events: DomainEvent[] = [];
  before(async () => {
    h = await harness();
    call = caller(h.app);
    h.services.hooks.add({ afterCommit: (e) => void events.push(e) });
  });
  after(() => h.close());

  const status = async (u: TestUser) => (await call(u, "GET", "/me")).json().status;

  test("[PRS-1] a new user is auto with no DND; presence choices are saved and announced", async () => {
    const u = await h.user();
    assert.deepEqual(await status(u), { presence: "auto", dnd: { on: false, until: null } });
    for (const presence of ["away", "invisible", "auto"]) {
      const r = await call(u, "PUT", "/me/status", { presence });
      assert.equal(r.statusCode, 200);
      assert.equal(r.json().presence, presence);
      assert.equal((await status(u)).presence, presence);
      const ev = events.findLast((e) => e.type === "status.changed");
      assert.ok(ev?.type === "status.changed" && ev.userId === u.id && ev.presence === presence);
    }
  });

  test("[PRS-5] DND for 1 hour ends by itself an hour later", async () => {
    const u = await h.user();
    const now = h.clock.now();
    const r = await call(u, "PUT", "/me/status", { dnd: "1h" });
    assert.deepEqual(r.json().dnd, { on: true, until: now + 3_600_000 });
    const ev = events.findLast((e) => e.type === "status.changed");
    assert.ok(ev?.type === "status.changed");
    assert.deepEqual(ev.dnd, { on: true, until: now + 3_600_000 });
    h.clock.advance(3_600_000 - 1);
    assert.equal((await status(u)).dnd.on, true);
    h.clock.advance(1);
    assert.deepEqual((await status(u)).dnd, { on: false, until: null });
  });

  test("[PRS-5] DND until I change it holds until turned off", async () => {
    const u = await h.user();
    assert.deepEqual((await call(u, "PUT", "/me/status", { dnd: "forever" })).json().dnd, {
      on: true,
      until: null,
    });
    h.clock.advance(30 * 86_400_000);
    assert.equal((await status(u)).dnd.on, true);
    assert.deepEqual((await call(u, "PUT", "/me/status", { dnd: null })).json().dnd, {
      on: false,
      until: null,
    });
    // The explicit form works too.
    assert.equal((await call(u, "PUT", "/me/status", { dnd: { until: null } })).json().dnd.on, true);
  });

  test("[PRS-5] DND until tomorrow ends at the next midnight in the user's time zone", async () => {
    const u = await h.user();
    assert.equal((await call(u, "PATCH", "/me", { timezone: "America/New_York" })).statusCode, 200);
    h.clock.set(Date.UTC(2025, 5, 10, 20, 30)); // 16:30 in New York (UTC−4)
    const r = await call(u, "PUT", "/me/status", { dnd: "tomorrow" });
    assert.deepEqual(r.json().dnd, { on: true, until: Date.UTC(2025, 5, 11, 4, 0) });
    h.clock.set(Date.UTC(2025, 5, 11, 3, 59));
    assert.equal((await status(u)).dnd.on, true);
    h.clock.set(Date.UTC(2025, 5, 11, 4, 0));
    assert.equal((await status(u)).dnd.on, false);
  });

  test("[PRS-5] until tomorrow across a DST change still ends at local midnight", () => {
    // Paris springs forward on 2025-03-30 at 02:00 (a 23-hour day) and falls back on 2025-10-26 at 03:00
    // (25 hours): from 00:30 local on those days, the next midnight is 23.5 h / 24.5 h away.
    assert.equal(
      nextLocalMidnight("Europe/Paris", Date.UTC(2025, 2, 29, 23, 30)),
      Date.UTC(2025, 2, 30, 22, 0),
    );
    assert.equal(
      nextLocalMidnight("Europe/Paris", Date.UTC(2025, 9, 25, 22, 30)),
      Date.UTC(2025, 9, 26, 23, 0),
    );
    assert.equal(nextLocalMidnight("UTC", Date.UTC(2025, 0, 1, 0, 0)), Date.UTC(2025, 0, 2, 0, 0));
  });

  test("[PRS-5] DND until a given time; a time in the past is 400", async () => {
    const u = await h.user();
    const until = h.clock.now() + 90 * 60_000;
    assert.deepEqual((await call(u, "PUT", "/me/status", { dnd: { until } })).json().dnd, {
      on: true,
      until,
    });
    const past = await call(u, "PUT", "/me/status", { dnd: { until: h.clock.now() } });
    assert.deepEqual(errorOf(past), { status: 400, code: "invalid_field", field: "dnd.until" });
    assert.deepEqual((await status(u)).dnd, { on: true, until }, "the bad request changed nothing");
  });

  test("[GEN-4] bad status bodies are 400 with the field", async () => {
    const u = await h.user();
    const cases: [unknown, string, string][] = [
      [{ presence: "busy" }, "invalid_field", "presence"],
      [{ dnd: "2h" }, "invalid_field", "dnd"],
      [{ dnd: { until: "soon" } }, "invalid_field", "dnd"],
      [{ mood: "happy" }, "unknown_field", "mood"],
    ];
    for (const [body, code, field] of cases) {
      assert.deepEqual(errorOf(await call(u, "PUT", "/me/status", body)), { status: 400, code, field });
    }
  });

  test("[GEN-2] the time zone is an IANA name, stored in its canonical spelling", async () => {
    const u = await h.user();
    const ok = await call(u, "PATCH", "/me", { timezone: "europe/paris" });
    assert.equal(ok.json().user.timezone, "Europe/Paris");
    for (const timezone of ["Mars/Olympus", "UTC+25", "Paris"]) {
      const r = await call(u, "PATCH", "/me", { timezone });
      assert.deepEqual(errorOf(r), { status: 400, code: "invalid_timezone", field: "timezone" }, timezone);
    }
    assert.equal((await call(u, "GET", "/me")).json().user.timezone, "Europe/Paris");
  });
});
