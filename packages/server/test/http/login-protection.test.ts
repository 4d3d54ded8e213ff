// GEN-6 sign-in protection: wrong passwords slow down one (user, address) pair and one address per day, never
// lock the account; username and email of one user share a bucket; argon2id hashes, older scrypt ones rehashed.
import assert from "node:assert/strict";
import { randomBytes, scryptSync } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

function login(h: Harness, body: { login: string; password: string }, ip: string) {
  return h.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: body, remoteAddress: ip });
}

describe("sign-in protection", () => {
  let h: Harness;
  let victim: TestUser;
  before(async () => {
    h = await harness({ config: { loginFailsInRow: 10, loginFailsPerDay: 30 } });
    victim = await h.user("member", "victim");
  });
  after(() => h.close());

  test("[GEN-6] ten wrong passwords from one address do not make the right password fail from another", async () => {
    for (let i = 0; i < 10; i++) {
      const r = await login(h, { login: "victim", password: `wrong-${i}` }, "203.0.113.10");
      assert.equal(r.statusCode, 401);
    }
    const fromAttacker = await login(h, { login: "victim", password: victim.password }, "203.0.113.10");
    assert.equal(
      fromAttacker.statusCode,
      429,
      "the attacking address is slowed down, even with the right password",
    );
    assert.equal(fromAttacker.json().error.code, "rate_limited");
    assert.ok(Number(fromAttacker.headers["retry-after"]) >= 60);
    const fromVictim = await login(h, { login: "victim", password: victim.password }, "198.51.100.7");
    assert.equal(fromVictim.statusCode, 200);
  });

  test("[GEN-6] username and email of one user share the (user, address) count", async () => {
    const u = await h.user("member", "both");
    for (let i = 0; i < 5; i++) {
      assert.equal((await login(h, { login: "both", password: "x" }, "203.0.113.20")).statusCode, 401);
      assert.equal(
        (await login(h, { login: "both@example.com", password: "x" }, "203.0.113.20")).statusCode,
        401,
      );
    }
    const r = await login(h, { login: "BOTH@example.com", password: u.password }, "203.0.113.20");
    assert.equal(r.statusCode, 429);
  });

  test("[GEN-6] a right password clears the run of misses for its address", async () => {
    const u = await h.user("member", "forgetful");
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 9; i++)
        assert.equal(
          (await login(h, { login: "forgetful", password: "nope" }, "203.0.113.30")).statusCode,
          401,
        );
      assert.equal(
        (await login(h, { login: "forgetful", password: u.password }, "203.0.113.30")).statusCode,
        200,
      );
    }
  });

  test("[GEN-6] one address trying many logins is slowed down after its daily misses", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 31; i++)
      codes.push((await login(h, { login: `ghost${i}`, password: "x" }, "203.0.113.40")).statusCode);
    assert.deepEqual(codes.slice(0, 30), Array(30).fill(401));
    assert.equal(codes[30], 429);
    // Other addresses are not affected.
    assert.equal((await login(h, { login: "ghost0", password: "x" }, "203.0.113.41")).statusCode, 401);
  });

  test("new passwords are stored with argon2id", async () => {
    const u = await h.user("member", "fresh");
    const row = await h.services.store.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", u.id)
      .executeTakeFirstOrThrow();
    assert.match(row.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test("an older scrypt hash still signs in and is replaced by argon2id on that sign-in", async () => {
    const u = await h.user("member", "oldtimer");
    const salt = randomBytes(16);
    const key = scryptSync(u.password, salt, 32, { N: 16384, r: 8, p: 1 });
    const old = `scrypt$16384$8$1$${salt.toString("base64url")}$${key.toString("base64url")}`;
    const { db } = h.services.store;
    await db.updateTable("users").set({ password_hash: old }).where("id", "=", u.id).execute();
    assert.equal((await login(h, { login: "oldtimer", password: u.password }, "192.0.2.5")).statusCode, 200);
    const row = await db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", u.id)
      .executeTakeFirstOrThrow();
    assert.match(row.password_hash, /^\$argon2id\$/);
    assert.equal((await login(h, { login: "oldtimer", password: u.password }, "192.0.2.5")).statusCode, 200);
  });
});
