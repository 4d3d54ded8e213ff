// PRF-17 "even while I'm active" at send time: the scheduler asks which room each focused window shows
// (DSK-2, through the ViewSource port the gateway's presence answers), so a message already in view is not
// pushed at once — it waits as "inactive" would (PSH-2) — and a message elsewhere is.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { WindowView } from "@herald/core";
import { InProcessPresenceStore } from "../../src/cluster/presence.ts";
import { presenceViews } from "../../src/decisions/activity.ts";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

let f: JobsFixture;
let alice: TestUser;
const views = new Map<string, WindowView[]>();

before(async () => {
  f = await jobsFixture();
  f.h.services.explainSources.views = async (userId) => views.get(userId) ?? [];
  alice = await f.h.user("member");
});
after(() => f.close());

test('[PRF-17][DSK-2] push "always": none at once for a message in a focused window, at once elsewhere', async () => {
  const bob = await f.h.user("member");
  const sub = await f.subscribe(bob);
  const shown = await f.room(alice, [bob]);
  const other = await f.room(alice, [bob]);
  const put = await f.h.app.inject({
    method: "PUT",
    url: "/api/v1/me/preferences",
    headers: bob.h,
    payload: { pushWhen: "always" },
  });
  assert.equal(put.statusCode, 200, put.body);
  const t0 = f.h.clock.now();
  f.connect(bob.id, t0);
  views.set(bob.id, [{ roomId: shown, threadId: null }]);
  await f.post(alice, shown, `@${bob.username} look here`);
  await f.s.tick();
  assert.equal(f.pushesFor(sub).length, 0, "in view: no push at once");
  assert.equal(await f.dueAt(bob.id), t0 + 60_000, "it waits for inactivity, as PSH-2");
  const elsewhere = await f.post(alice, other, `@${bob.username} and here`);
  await f.s.tick();
  const got = f.pushesFor(sub);
  assert.deepEqual(
    got.map((p) => p.id),
    [elsewhere],
    "another room: pushed at once while active",
  );
});

test("[DSK-2] the views the scheduler reads are the focused windows every node reported", async () => {
  const store = new InProcessPresenceStore({ now: () => f.h.clock.now() });
  const base = {
    connections: 1,
    desktopConnections: 1,
    lockedSince: null,
    desktopGoneAt: null,
    goneAt: null,
  };
  await store.report("u1", "n1", { ...base, focusedViews: [{ roomId: "r1", threadId: null }] });
  await store.report("u1", "n2", { ...base, focusedViews: [{ roomId: "r2", threadId: "t" }] });
  await store.report("u1", "n3", base);
  assert.deepEqual(await presenceViews(store)("u1"), [
    { roomId: "r1", threadId: null },
    { roomId: "r2", threadId: "t" },
  ]);
  assert.deepEqual(await presenceViews(store)("nobody"), []);
});
