// One GatewayStore contract suite (gateway/ports.ts), run against the production SqlGatewayStore on SQLite and
// on PostgreSQL (required when CI=true, test/store/pg.ts) and against the test memory store: what the gateway
// loads — rooms, members' facts for core's snapshot, users, messages to replay, and the read state core's
// badge math counts (BDG-1 … BDG-3) — means the same on every adapter.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { computeBadge, roomCounts } from "@herald/core";
import { memoryWorld, serverWorld, type World } from "./helpers/world.ts";

function contract(name: string, open: () => Promise<World | null>) {
  describe(`GatewayStore contract: ${name}`, () => {
    let w: World;
    let skip = false;
    const ids: Record<string, string> = {};
    const rooms: Record<string, string> = {};
    before(async () => {
      const world = await open();
      if (!world) {
        skip = true;
        return;
      }
      w = world;
      for (const u of ["ann", "bob", "cat", "dan"]) ids[u] = await w.user(u);
      rooms.general = await w.room("channel", "general", [ids.ann, ids.bob, ids.cat]);
      rooms.dm = await w.room("dm", "dm", [ids.ann, ids.bob]);
    });
    after(async () => {
      if (!skip) await w.close();
    });
    const counts = async (user: string, room: string) => {
      const state = (await w.store.readStates(ids[user])).find((s) => s.roomId === rooms[room]);
      assert.ok(state, `${user} has a read state for ${room}`);
      return roomCounts(state);
    };

    test("[GEN-5] loadRoom and roomsOf: kind, name, sequence; membership decides who is in", async (t) => {
      if (skip) return t.skip("PostgreSQL unreachable");
      const room = await w.store.loadRoom(rooms.general);
      assert.equal(room?.kind, "channel");
      assert.equal(room?.lastSeq, 0);
      assert.equal(await w.store.loadRoom("no-such-room"), null);
      assert.deepEqual((await w.store.roomsOf(ids.cat)).sort(), [rooms.general]);
      assert.deepEqual((await w.store.roomsOf(ids.bob)).sort(), [rooms.general, rooms.dm].sort());
      assert.deepEqual(await w.store.roomsOf(ids.dan), []);
    });

    test("[PRF-21] loadRoomFacts / loadMemberFacts: the asked members' resolved facts for core; non-members none", async (t) => {
      if (skip) return t.skip("PostgreSQL unreachable");
      const facts = await w.store.loadRoomFacts(rooms.general, [ids.ann, ids.bob, ids.cat, ids.dan]);
      assert.equal(facts?.memberCount, 3);
      assert.deepEqual(facts?.members.map((m) => m.userId).sort(), [ids.ann, ids.bob, ids.cat].sort());
      // A node asks for its own members only; the room's size still counts everyone (MEN-7).
      const one = await w.store.loadRoomFacts(rooms.general, [ids.bob]);
      assert.deepEqual([one?.memberCount, one?.members.map((m) => m.userId)], [3, [ids.bob]]);
      const bob = facts!.members.find((m) => m.userId === ids.bob)!;
      assert.equal(bob.account.desktop, "mentions", "PRF-1 default");
      assert.equal(bob.room.muteGroupMentions, false);
      assert.equal(bob.activity.hasDesktopConnection, false, "the store knows no connection: presence does");
      assert.equal(await w.store.loadMemberFacts(rooms.general, ids.dan), null);
      await w.muteGroupMentions(rooms.general, ids.cat);
      const cat = await w.store.loadMemberFacts(rooms.general, ids.cat);
      assert.equal(cat?.room.muteGroupMentions, true, "PRF-31 saved and resolved");
    });

    test("[PRS-2] loadUser: the presence settings of an active user; unknown users none", async (t) => {
      if (skip) return t.skip("PostgreSQL unreachable");
      const u = await w.store.loadUser(ids.ann);
      assert.equal(u?.autoAway, true);
      assert.equal(u?.idleLimitMs, 60_000);
      assert.equal(u?.manual, "auto");
      assert.equal(u?.dndUntil, undefined);
      assert.equal(await w.store.loadUser("no-such-user"), null);
    });

    test("[BDG-1] [BDG-2] readStates: mentions, @all, dm unread and reads count as core counts them", async (t) => {
      if (skip) return t.skip("PostgreSQL unreachable");
      await w.post(rooms.general, ids.ann, "hello @bob");
      await w.post(rooms.general, ids.ann, "@all standup");
      await w.post(rooms.general, ids.ann, "plain");
      await w.post(rooms.dm, ids.ann, "lunch?");
      assert.deepEqual(await counts("bob", "general"), {
        unread: 3,
        mentions: 2,
        threads: 0,
        showsUnread: true,
      });
      assert.deepEqual(await counts("cat", "general"), {
        unread: 3,
        mentions: 0,
        threads: 0,
        showsUnread: true,
      });
      assert.equal((await counts("ann", "general")).unread, 0, "posting reads the room for its sender");
      assert.equal(computeBadge(await w.store.readStates(ids.bob)).total, 3, "2 mentions + 1 dm unread");
      await w.read(ids.bob, rooms.general);
      assert.deepEqual(await counts("bob", "general"), {
        unread: 0,
        mentions: 0,
        threads: 0,
        showsUnread: false,
      });
      assert.equal(await w.recount(ids.bob), 1);
    });

    test("[BDG-1] readStates: a deleted message is neither unread nor a mention", async (t) => {
      if (skip) return t.skip("PostgreSQL unreachable");
      const m = await w.post(rooms.general, ids.ann, "psst @cat");
      assert.deepEqual(await counts("cat", "general"), {
        unread: 4,
        mentions: 1,
        threads: 0,
        showsUnread: true,
      });
      await w.remove(rooms.general, ids.ann, m);
      assert.deepEqual(await counts("cat", "general"), {
        unread: 3,
        mentions: 0,
        threads: 0,
        showsUnread: true,
      });
    });

    test("[GEN-7] messagesAfter: the room's messages after a sequence, ascending, at most `limit`", async (t) => {
      if (skip) return t.skip("PostgreSQL unreachable");
      const after1 = await w.store.messagesAfter(rooms.general, 1, 2);
      assert.deepEqual(
        after1.map((m) => m.seq),
        [2, 3],
      );
      assert.equal(after1[0].senderId, ids.ann);
      assert.equal(after1[0].text, "@all standup");
      assert.equal((await w.store.loadRoom(rooms.general))?.lastSeq, 4);
    });

    test("[GEN-5] a leave and a join move roomsOf, the member facts and the read state", async (t) => {
      if (skip) return t.skip("PostgreSQL unreachable");
      await w.leave(rooms.general, ids.cat);
      assert.deepEqual(await w.store.roomsOf(ids.cat), []);
      assert.equal(await w.store.loadMemberFacts(rooms.general, ids.cat), null);
      await w.join(rooms.general, ids.dan, ids.ann);
      assert.equal((await w.store.loadRoomFacts(rooms.general, [ids.dan]))?.memberCount, 3);
      // A joiner starts with the room read: nothing before the join is unread.
      assert.deepEqual(await counts("dan", "general"), {
        unread: 0,
        mentions: 0,
        threads: 0,
        showsUnread: false,
      });
    });
  });
}

contract("memory store", async () => memoryWorld());
contract("SqlGatewayStore on SQLite", () => serverWorld("sqlite"));
contract("SqlGatewayStore on PostgreSQL", () => serverWorld("postgres"));
