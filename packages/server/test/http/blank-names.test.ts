// GEN-4: a display name or room name of only whitespace is refused (400 invalid_field, the field named):
// it would show as nothing next to messages and in the room list.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

const BLANKS = ["   ", "\t\n", "\u3000", "\u00a0 "];

describe("[GEN-4] blank names", () => {
  let h: Harness;
  let u: TestUser;
  before(async () => {
    h = await harness();
    u = await h.user();
  });
  after(() => h.close());

  const call = (user: TestUser, method: "POST" | "PATCH", url: string, payload: object) =>
    h.app.inject({ method, url: `/api/v1${url}`, headers: user.h, payload });

  test("[GEN-4] PATCH /me with a blank display name is 400 and changes nothing", async () => {
    for (const displayName of BLANKS) {
      const r = await call(u, "PATCH", "/me", { displayName });
      assert.equal(r.statusCode, 400, JSON.stringify(displayName));
      assert.equal(r.json().error.field, "displayName");
    }
    const ok = await call(u, "PATCH", "/me", { displayName: " Ann " });
    assert.equal(ok.statusCode, 200);
  });

  test("[GEN-4] admins cannot give a blank display name either", async () => {
    const r = await call(h.admin, "POST", "/users", {
      username: "blanky",
      password: "long-enough-pw",
      role: "member",
      displayName: "  ",
    });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.field, "displayName");
  });

  test("[GEN-4] a blank room name is 400 on create and on rename", async () => {
    for (const name of BLANKS) {
      const r = await call(u, "POST", "/rooms", { kind: "channel", name });
      assert.equal(r.statusCode, 400, JSON.stringify(name));
      assert.equal(r.json().error.field, "name");
    }
    const room = await call(u, "POST", "/rooms", { kind: "channel", name: "ok" });
    assert.equal(room.statusCode, 201, room.body);
    const id = room.json().room?.id ?? room.json().id;
    const rename = await call(u, "PATCH", `/rooms/${id}`, { name: " \u3000 " });
    assert.equal(rename.statusCode, 400);
    assert.equal(rename.json().error.field, "name");
  });
});
