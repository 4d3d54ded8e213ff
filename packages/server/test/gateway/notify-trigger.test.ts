// The trigger a notify names is its banner's (TRG-1: each channel names the first trigger its level allows),
// through the real server: HTTP post → gateway fan-out → WebSocket notify. A thread follower with thread
// replies off is the case where it differs from the recipient's trigger (the first that applies: `thread`).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Harness, TestUser } from "../http/harness.ts";
import { channel, notifyOf, post, until, withBob } from "./helpers/bob-socket.ts";

async function reply(h: Harness, who: TestUser, roomId: string, text: string, threadRootId: string) {
  const r = await h.app.inject({
    method: "POST",
    url: `/api/v1/rooms/${roomId}/messages`,
    headers: who.h,
    payload: { text, threadRootId },
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().message.id as string;
}

test("[TRG-1][PRF-6][PRV-10] @all in a thread bob follows with thread replies off: the notify names group, banner, sound and a generic banner say so", async () => {
  await withBob(async ({ h, alice, bob, frames }) => {
    const room = await channel(h, alice, [bob], frames);
    const root = await post(h, alice, room, "release plan");
    await reply(h, bob, room, "I take the changelog", root);
    const prefs = await h.app.inject({
      method: "PUT",
      url: "/api/v1/me/preferences",
      headers: bob.h,
      payload: { threadReplies: { desktop: false, email: false } },
    });
    assert.equal(prefs.statusCode, 200, prefs.body);

    // A plain reply: an inbox item (GEN-1, trigger thread) but no banner.
    const plain = await reply(h, alice, room, "bumping the version", root);
    const all = await reply(h, alice, room, "@all please review", root);
    await until(() => !!notifyOf(frames, all), "notify for @all");
    const p = notifyOf(frames, plain);
    assert.equal(p?.trigger, "thread");
    assert.equal(p?.banner, undefined, "no banner: thread replies are off on desktop");
    const a = notifyOf(frames, all)!;
    assert.equal(a.trigger, "group");
    assert.deepEqual(a.banner, { title: "alice in #launch", body: "@all please review", senderId: alice.id });

    // Explain: the recipient's trigger is the thread (the first that applies); banner and sound both name
    // the trigger the desktop level allowed.
    type Answer = {
      trigger: string;
      channels: Record<string, { reasons: { rule: string; fact: string }[] }>;
    };
    const explain = async () =>
      (
        await h.app.inject({
          method: "GET",
          url: `/api/v1/notifications/explain?message=${all}`,
          headers: bob.h,
        })
      ).json() as Answer;
    let answer = await explain();
    for (let i = 0; i < 300 && !answer.channels.sound?.reasons.some((r) => r.rule === "DSK-1"); i++) {
      await new Promise((r) => setTimeout(r, 10));
      answer = await explain();
    }
    assert.equal(answer.trigger, "thread");
    for (const ch of ["banner", "sound"]) {
      const dsk1 = answer.channels[ch].reasons.find((r) => r.rule === "DSK-1")?.fact ?? "";
      assert.match(dsk1, /allows trigger group/, `${ch}: ${dsk1}`);
    }

    const set = await h.app.inject({
      method: "PUT",
      url: "/api/v1/admin/settings",
      headers: h.admin.h,
      payload: { bannerContent: "generic" },
    });
    assert.equal(set.statusCode, 200);
    const again = await reply(h, alice, room, "@all one more thing", root);
    await until(() => !!notifyOf(frames, again), "notify for the second @all");
    assert.deepEqual(notifyOf(frames, again)!.banner, {
      title: "alice in #launch",
      body: "Notified the channel",
      senderId: alice.id,
    });
  });
});
