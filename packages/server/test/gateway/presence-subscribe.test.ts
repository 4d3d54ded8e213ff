// PRS-6 subscriptions are limited: a client watches the presence of users it shares a room or DM with (or
// anyone when HERALD_USER_DIRECTORY opens the directory); asking for a stranger's presence yields nothing.
import assert from "node:assert/strict";
import { test } from "node:test";
import { SqlGatewayStore } from "../../src/gateway/sql-store.ts";
import { harness } from "../http/harness.ts";
import { makeHarness } from "./helpers/harness.ts";

async function setup(openDirectory: boolean) {
  const h = await makeHarness({ openDirectory });
  for (const u of ["alice", "bob", "dave"]) h.store.addUser(u);
  h.store.addRoom("general", "channel", ["alice", "bob"]);
  h.store.addRoom("dm", "dm", ["dave", "bob"]);
  return h;
}

async function presenceSeenBy(openDirectory: boolean): Promise<string[]> {
  const h = await setup(openDirectory);
  try {
    const alice = await h.connect("alice");
    alice.send({ t: "presence.subscribe", userIds: ["bob", "dave", "alice"] });
    alice.flushToServer();
    await h.settle();
    alice.flushToClient();
    await h.connect("dave");
    await h.connect("bob");
    await h.settle();
    return alice
      .flushToClient()
      .filter((f) => f.t === "presence")
      .map((f) => String(f.userId));
  } finally {
    await h.close();
  }
}

test("[PRS-6] a user watches only users it shares a room or DM with", async () => {
  assert.deepEqual(await presenceSeenBy(false), ["bob"]);
});

test("[PRS-6] with the user directory open, anyone's presence may be watched", async () => {
  assert.deepEqual((await presenceSeenBy(true)).sort(), ["bob", "dave"]);
});

test("[PRS-6] the SQL store answers who shares a room with the watcher (DMs and channels, not strangers)", async () => {
  const h = await harness();
  try {
    const [a, b, c, d] = [await h.user(), await h.user(), await h.user(), await h.user()];
    const dm = await h.app.inject({
      method: "POST",
      url: "/api/v1/dms",
      headers: a.h,
      payload: { userIds: [b.id] },
    });
    assert.ok(dm.statusCode < 300, dm.body);
    const room = await h.app.inject({
      method: "POST",
      url: "/api/v1/rooms",
      headers: c.h,
      payload: { kind: "group", name: "g", memberIds: [d.id] },
    });
    assert.ok(room.statusCode < 300, room.body);
    const store = new SqlGatewayStore(h.services.store.db, { writes: h.services.store.writes, now: () => 0 });
    assert.deepEqual([...(await store.sharedWith(a.id, [b.id, c.id, d.id]))], [b.id]);
    assert.deepEqual([...(await store.sharedWith(d.id, [a.id, b.id, c.id]))], [c.id]);
    assert.deepEqual([...(await store.sharedWith(a.id, []))], []);
  } finally {
    await h.close();
  }
});
