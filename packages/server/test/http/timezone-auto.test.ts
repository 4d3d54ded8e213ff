// A user's time zone follows their browser until they choose one (the web app sends the browser's zone with
// timezoneAuto: true); a zone sent alone is a choice. Runs on either store (HERALD_TEST_STORE).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

let h: Harness;
let ann: TestUser;
before(async () => {
  h = await harness();
  ann = await h.user("member", "ann");
});
after(() => h.close());

const meNow = async (u: TestUser) =>
  (await h.app.inject({ method: "GET", url: "/api/v1/me", headers: u.h })).json().user as {
    timezone: string;
    timezoneAuto: boolean;
  };
const patch = (u: TestUser, payload: object) =>
  h.app.inject({ method: "PATCH", url: "/api/v1/me", headers: u.h, payload });

test("a new user's time zone is automatic (UTC until a browser says otherwise)", async () => {
  const u = await meNow(ann);
  assert.deepEqual([u.timezone, u.timezoneAuto], ["UTC", true]);
});

test("the browser's zone is saved as automatic; a zone sent alone is the user's choice; automatic again on request", async () => {
  assert.equal((await patch(ann, { timezone: "europe/paris", timezoneAuto: true })).statusCode, 200);
  let u = await meNow(ann);
  assert.deepEqual([u.timezone, u.timezoneAuto], ["Europe/Paris", true]);
  assert.equal((await patch(ann, { timezone: "Asia/Tokyo" })).statusCode, 200);
  u = await meNow(ann);
  assert.deepEqual([u.timezone, u.timezoneAuto], ["Asia/Tokyo", false]);
  assert.equal((await patch(ann, { timezoneAuto: true })).statusCode, 200);
  u = await meNow(ann);
  assert.deepEqual([u.timezone, u.timezoneAuto], ["Asia/Tokyo", true]);
  const bad = await patch(ann, { timezoneAuto: "yes" });
  assert.equal(bad.statusCode, 400);
});

test("a user created with a time zone by an admin has chosen it; others never see the flag", async () => {
  const r = await h.app.inject({
    method: "POST",
    url: "/api/v1/users",
    headers: h.admin.h,
    payload: { username: "tz-set", password: "long-enough-pw", role: "member", timezone: "America/New_York" },
  });
  assert.equal(r.statusCode, 201, r.body);
  const row = await h.services.store.db
    .selectFrom("users")
    .select(["timezone", "timezone_auto"])
    .where("username", "=", "tz-set")
    .executeTakeFirstOrThrow();
  assert.deepEqual([row.timezone, Number(row.timezone_auto)], ["America/New_York", 0]);
  const other = await h.user("member", "onlooker");
  const seen = await h.app.inject({ method: "GET", url: `/api/v1/users/${ann.id}`, headers: other.h });
  assert.equal(seen.statusCode, 200, seen.body);
  assert.equal(JSON.stringify(seen.json()).includes("timezoneAuto"), false);
});
