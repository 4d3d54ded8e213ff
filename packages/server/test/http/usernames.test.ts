// §1 usernames over HTTP: Unicode letters, marks, digits and `. _ -`, stored NFC, one name under case folding,
// group mention names reserved; sign-in and search find a name by its folded key.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Harness } from "./harness.ts";
import { harness, signIn } from "./harness.ts";

describe("usernames", () => {
  let h: Harness;
  const create = (username: string, extra: object = {}) =>
    h.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: h.admin.h,
      payload: { username, password: "a-long-password", role: "member", ...extra },
    });

  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  test("[§1] José, Владимир and 李祖阳 are valid usernames", async () => {
    for (const name of ["José", "Владимир", "李祖阳", "o_k", "Ñandú-2.0"]) {
      const r = await create(name);
      assert.equal(r.statusCode, 201, `${name}: ${r.body}`);
      assert.equal(r.json().user.username, name);
    }
  });

  test("[§1] a name is stored NFC: `Jose` + combining acute is `José`", async () => {
    const r = await create("Rene\u0301");
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().user.username, "Ren\u00e9");
  });

  test("[§1] JOSÉ is the same name as José (case folding, NFC or not)", async () => {
    for (const name of ["JOSÉ", "josé", "JOSE\u0301"]) {
      const r = await create(name);
      assert.equal(r.statusCode, 409, `${name}: ${r.body}`);
      assert.equal(r.json().error.code, "username_taken");
      assert.equal(r.json().error.field, "username");
    }
    assert.equal((await create("Jose")).statusCode, 201, "Jose without the accent is another name");
  });

  test("[§1] all, here and channel are reserved in any case, also with trailing punctuation", async () => {
    for (const name of ["all", "HERE", "Channel", "all."]) {
      const r = await create(name);
      assert.equal(r.statusCode, 400, `${name}: ${r.body}`);
      assert.equal(r.json().error.code, "invalid_username");
    }
  });

  test("[§1] anything else is refused: spaces, symbols, emoji, more than 32 characters", async () => {
    for (const name of ["bob smith", "bob!", "a@b", "🎉party", "", "é".repeat(33)]) {
      const r = await create(name);
      assert.equal(r.statusCode, 400, `${JSON.stringify(name)}: ${r.body}`);
      assert.equal(r.json().error.code, "invalid_username");
    }
    assert.equal((await create("é".repeat(32))).statusCode, 201, "32 characters is the limit, not 32 bytes");
  });

  test("[§1] sign-in and user search find a name by its folded key", async () => {
    const r = await create("Владимир2", { password: "a-long-password" });
    assert.equal(r.statusCode, 201, r.body);
    const s = await signIn(h.app, "ВЛАДИМИР2", "a-long-password");
    assert.equal(s.status, 200);
    const found = await h.app.inject({ method: "GET", url: "/api/v1/users?q=JOS", headers: h.admin.h });
    const names = (found.json().users as { username: string }[]).map((u) => u.username);
    assert.ok(names.includes("José"), names.join(","));
  });

  test("[GEN-6] wrong passwords for one name count together however it is spelled (normalised to the user)", async () => {
    const limited = await harness({ config: { loginFailsInRow: 2 } });
    try {
      const zoe = await limited.user("member", "Zoë");
      const codes: number[] = [];
      // One address, three spellings of one account: the pair (user, address) is what counts.
      for (const login of ["ZOË", "zoe\u0308", "Zoë"]) {
        const r = await limited.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { login, password: "wrong-password" },
          remoteAddress: "10.0.0.1",
        });
        codes.push(r.statusCode);
      }
      assert.deepEqual(codes, [401, 401, 429]);
      // The account is not locked: the right password from another address signs in.
      const other = await limited.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { login: "zoë", password: zoe.password },
        remoteAddress: "10.0.0.2",
      });
      assert.equal(other.statusCode, 200);
    } finally {
      await limited.close();
    }
  });
});
