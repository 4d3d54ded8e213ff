// GET /rooms: my rooms carry my settings for each (the same answer as GET /rooms/:id/preferences), so the
// app's room list needs no request per room; a room's settings are the caller's own, never another member's.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { caller } from "../helpers/api.ts";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

type Prefs = { saved: Record<string, unknown>; effective: Record<string, unknown>; defaults: unknown };
type MyRoom = { id: string; name: string; preferences: Prefs };

describe("GET /rooms with each room's settings", () => {
  let h: Harness;
  let call: ReturnType<typeof caller>;
  let alice: TestUser;
  let bob: TestUser;
  let shared: string;
  let bobsOwn: string;
  const mine = async (u: TestUser) => {
    const r = await call(u, "GET", "/rooms");
    assert.equal(r.statusCode, 200);
    return (r.json() as { rooms: MyRoom[] }).rooms;
  };
  before(async () => {
    h = await harness();
    call = caller(h.app);
    alice = await h.user("member");
    bob = await h.user("member");
    shared = (
      await call(alice, "POST", "/rooms", { kind: "channel", name: "shared", memberIds: [bob.id] })
    ).json().room.id;
    bobsOwn = (await call(bob, "POST", "/rooms", { kind: "group", name: "bob-only" })).json().room.id;
  });
  after(() => h.close());

  test("[PRF-30 … PRF-35] each room has the answer GET /rooms/:id/preferences gives, for the caller", async () => {
    await call(alice, "PUT", `/rooms/${shared}/preferences`, { alerts: false, muteGroupMentions: true });
    await call(bob, "PUT", `/rooms/${shared}/preferences`, { snooze: "forever" });
    for (const u of [alice, bob]) {
      for (const room of await mine(u)) {
        const own = (await call(u, "GET", `/rooms/${room.id}/preferences`)).json();
        assert.deepEqual(room.preferences, own, `${u.username}'s settings for ${room.name}`);
      }
    }
    const a = (await mine(alice)).find((r) => r.id === shared);
    assert.deepEqual(a?.preferences.saved, { alerts: false, muteGroupMentions: true });
    assert.equal(a?.preferences.effective.snooze, null, "bob's snooze is his, not alice's");
    const b = (await mine(bob)).find((r) => r.id === shared);
    assert.deepEqual(b?.preferences.saved, { snooze: { until: null } });
    assert.equal(b?.preferences.effective.alerts, true, "alice's mute is hers, not bob's");
  });

  test("[GEN-5] only the caller's rooms are listed, with settings for those alone", async () => {
    const ids = (await mine(alice)).map((r) => r.id);
    assert.ok(ids.includes(shared));
    assert.ok(!ids.includes(bobsOwn), "a group alice is not in");
    assert.ok((await mine(bob)).some((r) => r.id === bobsOwn));
  });

  test("the public channel list (scope=public) carries no one's settings", async () => {
    const r = await call(alice, "GET", "/rooms?scope=public");
    assert.equal(r.statusCode, 200);
    for (const room of r.json().rooms) assert.equal("preferences" in room, false);
  });
});
