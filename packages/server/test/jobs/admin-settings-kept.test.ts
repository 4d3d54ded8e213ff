// The post path keeps the admin settings between posts (http/preferences/resolve.ts): a change written to
// workspace_settings — a new key inserted directly, as well as an update or a delete — is seen by the very next
// post, not only once the kept copy expires.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestUser } from "../http/harness.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

let f: JobsFixture;
let alice: TestUser;
let bob: TestUser;
let room: string;

before(async () => {
  f = await jobsFixture();
  alice = await f.h.user("member");
  bob = await f.h.user("member");
  room = await f.room(alice, [bob]);
  await f.keywords(bob, ["deploy"]);
});
after(() => f.close());

/** Whether the message wrote a push row for bob. */
async function pushRowFor(messageId: string): Promise<boolean> {
  const r = await f.h.services.store.db
    .selectFrom("deliveries")
    .select("id")
    .where("message_id", "=", messageId)
    .where("user_id", "=", bob.id)
    .where("kind", "=", "push")
    .executeTakeFirst();
  return r !== undefined;
}

test("[PRF-21][PSH-1] an admin default written straight to workspace_settings reaches the next post at once", async () => {
  const db = f.h.services.store.db;
  assert.equal(await pushRowFor(await f.post(alice, room, "deploy one")), true, "level mentions: a row");
  await db
    .insertInto("workspace_settings")
    .values({ key: "defaults", value: JSON.stringify({ account: { desktop: "nothing" } }), updated_at: 0 })
    .execute();
  try {
    assert.equal(await pushRowFor(await f.post(alice, room, "deploy two")), false, "level nothing: none");
    await db
      .updateTable("workspace_settings")
      .set({ value: JSON.stringify({ account: { desktop: "mentions" } }) })
      .where("key", "=", "defaults")
      .execute();
    assert.equal(await pushRowFor(await f.post(alice, room, "deploy three")), true, "updated back: a row");
    await db
      .updateTable("workspace_settings")
      .set({ value: JSON.stringify({ account: { desktop: "nothing" } }) })
      .where("key", "=", "defaults")
      .execute();
    assert.equal(await pushRowFor(await f.post(alice, room, "deploy four")), false);
  } finally {
    await db.deleteFrom("workspace_settings").where("key", "=", "defaults").execute();
  }
  assert.equal(
    await pushRowFor(await f.post(alice, room, "deploy five")),
    true,
    "deleted: the default again",
  );
});
