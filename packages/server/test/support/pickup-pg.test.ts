// [SUP-4] on PostgreSQL: concurrent pick-ups of one pending conversation — exactly one 200, the rest 409
// already_picked_up. Also the inbox's UNION query (GEN-1) on PostgreSQL. Required when CI=true.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestUser } from "../http/harness.ts";
import { pgAvailable } from "../store/pg.ts";
import type { SupportFixture } from "./fixture.ts";
import { supportFixture } from "./fixture.ts";

const reachable = await pgAvailable();

describe(
  "support on PostgreSQL",
  { skip: reachable ? false : "PostgreSQL unreachable (required when CI=true)" },
  () => {
    let f: SupportFixture;
    let agents: TestUser[];
    let key: string;

    before(async () => {
      f = await supportFixture({ pg: true });
      agents = [];
      for (let i = 0; i < 6; i++) agents.push(await f.h.user("agent"));
      const r = await f.api(f.h.admin, "POST", "/inboxes", { name: "pg", agentIds: agents.map((a) => a.id) });
      key = r.json().key;
    });
    after(() => f?.h.close());

    test("[SUP-4] concurrent pick-ups: exactly one wins, the others get already_picked_up", async () => {
      for (let round = 0; round < 3; round++) {
        const c = await f.widget(
          "POST",
          "/widget/conversations",
          { "x-inbox-key": key },
          { name: "Q", text: `help ${round}` },
        );
        assert.equal(c.statusCode, 201, c.body);
        const id = c.json().conversation.id;
        const results = await Promise.all(agents.map((a) => f.api(a, "POST", `/conversations/${id}/pickup`)));
        const ok = results.filter((r) => r.statusCode === 200);
        assert.equal(ok.length, 1, results.map((r) => r.statusCode).join(","));
        for (const r of results.filter((x) => x.statusCode !== 200)) {
          assert.deepEqual([r.statusCode, r.json().error.code], [409, "already_picked_up"]);
        }
        const view = (await f.api(agents[0], "GET", `/conversations/${id}`)).json().conversation;
        assert.equal(view.assigneeId, agents[results.indexOf(ok[0])].id);
      }
    });

    test("[GEN-1] the inbox (rows + derived @all items) works on PostgreSQL", async () => {
      const [a, b] = agents;
      const room = (
        await f.api(a, "POST", "/rooms", { kind: "channel", name: "pg-room", memberIds: [b.id] })
      ).json().room.id;
      f.h.clock.advance(10); // after the support items of the test above
      await f.api(a, "POST", `/rooms/${room}/messages`, { text: "@all hi" });
      f.h.clock.advance(10);
      await f.api(a, "POST", `/rooms/${room}/messages`, { text: `hey @${b.username}` });
      const list = (await f.api(b, "GET", "/notifications?limit=2")).json();
      assert.deepEqual(
        list.items.slice(0, 2).map((i: { type: string }) => i.type),
        ["mention", "group"],
      );
      const unread = (await f.api(b, "GET", "/notifications/unread-count")).json().unread;
      const group = list.items[1];
      assert.equal((await f.api(b, "POST", `/notifications/${group.id}/read`)).statusCode, 200);
      assert.equal((await f.api(b, "GET", "/notifications/unread-count")).json().unread, unread - 1);
      await f.api(b, "POST", `/rooms/${room}/read`, {});
      await f.api(b, "POST", "/notifications/read-all");
      assert.equal((await f.api(b, "GET", "/notifications/unread-count")).json().unread, 0);
    });
  },
);
