// What a banner says, through the real server: HTTP post → gateway fan-out → WebSocket notify (DSK-4, PRV-10).
import assert from "node:assert/strict";
import { test } from "node:test";

import { channel, notifyOf, post, until, withBob } from "./helpers/bob-socket.ts";

test("[DSK-4] a banner shows the first line as plain text: Markdown syntax removed", async () => {
  await withBob(async ({ h, alice, bob, frames }) => {
    const room = await channel(h, alice, [bob], frames);
    const id = await post(h, alice, room, "@bob **bold** [link](http://x) `code`\nsecond line");
    await until(() => !!notifyOf(frames, id), "notify");
    assert.deepEqual(notifyOf(frames, id)!.banner, {
      title: "alice in #launch",
      body: "@bob bold link code",
      senderId: alice.id,
    });
  });
});

test("[PRV-10] generic banners hide the text and say who and why; without room they drop the room", async () => {
  await withBob(async ({ h, alice, bob, frames }) => {
    const set = (bannerContent: string) =>
      h.app.inject({
        method: "PUT",
        url: "/api/v1/admin/settings",
        headers: h.admin.h,
        payload: { bannerContent },
      });
    assert.equal((await set("generic")).statusCode, 200);
    const room = await channel(h, alice, [bob], frames);
    const id = await post(h, alice, room, "@bob the launch code is **1234**");
    await until(() => !!notifyOf(frames, id), "notify");
    assert.deepEqual(notifyOf(frames, id)!.banner, {
      title: "alice in #launch",
      body: "Mentioned you",
      senderId: alice.id,
    });
    assert.ok(!JSON.stringify(notifyOf(frames, id)).includes("1234"));
    assert.equal((await set("generic_no_room")).statusCode, 200);
    const again = await post(h, alice, room, "@all the code is **5678**");
    await until(() => !!notifyOf(frames, again), "notify");
    const banner = notifyOf(frames, again)!.banner as Record<string, unknown>;
    assert.deepEqual(banner, { title: "alice", body: "Notified the channel", senderId: alice.id });
  });
});
