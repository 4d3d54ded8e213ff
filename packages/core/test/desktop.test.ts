import assert from "node:assert/strict";
import { test } from "node:test";
import { BIT, channelsOf, decide, explain, quietUntil } from "../src/index.ts";
import { member, msg, NOW, room } from "./helpers.ts";

test("[DSK-1] a banner needs the desktop level to allow the trigger and a desktop/web connection", () => {
  const snap = room([
    member("alice"),
    member("bob", { presence: "active" }),
    member("carol", { presence: "offline" }),
    member("dave", { presence: "active", account: { desktop: "all" } }),
  ]);
  const d = decide(msg("@bob @carol"), snap, NOW);
  assert.ok(channelsOf(d, 1) & BIT.banner);
  assert.equal(channelsOf(d, 2) & BIT.banner, 0);
  assert.equal(explain(msg("@carol"), snap, 2, NOW).channels.banner.reasons[0].rule, "DSK-1");
  const plain = decide(msg("just chatting"), snap, NOW);
  assert.equal(channelsOf(plain, 1) & BIT.banner, 0, "level mentions, trigger all");
  assert.ok(channelsOf(plain, 3) & BIT.banner, "level all");
});

test("[DSK-1] no banner while busy (PRS-5) or in quiet hours (PRF-16)", () => {
  const snap = room([
    member("alice"),
    member("bob", { presence: "active", busyUntil: NOW + 60_000 }),
    member("carol", { presence: "active", busyUntil: null }),
    member("dave", { presence: "active", busyUntil: NOW - 1 }),
    member("erin", {
      presence: "active",
      account: { quietHours: [{ day: 1, start: "11:00", end: "13:00" }] },
    }),
  ]);
  const d = decide(msg("@bob @carol @dave @erin"), snap, NOW);
  assert.equal(channelsOf(d, 1), BIT.inbox);
  assert.equal(channelsOf(d, 2), BIT.inbox);
  assert.ok(channelsOf(d, 3) & BIT.banner, "busy ended");
  assert.equal(channelsOf(d, 4) & (BIT.banner | BIT.sound), 0);
  assert.equal(explain(msg("@erin"), snap, 4, NOW).channels.banner.reasons[0].rule, "PRF-16");
});

test("[DSK-2] no banner and no sound when a focused window shows that very room or thread", () => {
  const snap = room([
    member("alice"),
    member("bob", { presence: "active", view: { focusedRoom: true, focusedThreadId: null } }),
    member("carol", { presence: "active", view: { focusedRoom: false, focusedThreadId: "t1" } }),
    member("dave", { presence: "active", view: { focusedRoom: true, focusedThreadId: null } }),
  ]);
  const d = decide(msg("@bob @carol"), snap, NOW);
  assert.equal(channelsOf(d, 1) & (BIT.banner | BIT.sound), 0);
  assert.ok(channelsOf(d, 2) & BIT.banner, "carol looks at a thread, not the room");
  const reply = { ...msg("@carol @dave", { threadRootId: "t1", seq: 0, threadSeq: 4 }), threadFollowers: [] };
  const r = decide(reply, snap, NOW);
  assert.equal(channelsOf(r, 2) & BIT.banner, 0, "the thread is in view");
  assert.ok(channelsOf(r, 3) & BIT.banner, "a thread-only reply is not in the room view");
  assert.equal(explain(msg("@bob"), snap, 1, NOW).channels.banner.reasons[0].rule, "DSK-2");
});

test("[PRF-8][PRF-9][PRF-34] sound plays with the banner: room sound, else account tone; none or volume 0 is silent", () => {
  const snap = room([
    member("alice"),
    member("bob", { presence: "active" }),
    member("carol", { presence: "active", account: { sound: "none" } }),
    member("dave", { presence: "active", account: { sound: "none" }, room: { sound: "marimba" } }),
    member("erin", { presence: "active", account: { volume: 0 } }),
    member("frank", { presence: "active", room: { sound: "none" } }),
  ]);
  const d = decide(msg("@bob @carol @dave @erin @frank"), snap, NOW);
  assert.ok(channelsOf(d, 1) & BIT.sound);
  assert.equal(channelsOf(d, 2) & BIT.sound, 0);
  assert.ok(channelsOf(d, 3) & BIT.sound);
  assert.equal(explain(msg("@dave"), snap, 3, NOW).channels.sound.reasons[0].fact, "tone marimba");
  assert.equal(channelsOf(d, 4) & BIT.sound, 0);
  assert.equal(explain(msg("@erin"), snap, 4, NOW).channels.sound.reasons[0].rule, "PRF-9");
  assert.equal(explain(msg("@frank"), snap, 5, NOW).channels.sound.reasons[0].rule, "PRF-34");
  for (const i of [2, 4, 5]) assert.ok(channelsOf(d, i) & BIT.banner, "the banner still shows");
});

test("[PRF-16] quiet hours are per weekday in the user's IANA time zone, crossing midnight", () => {
  const windows = [{ day: 1, start: "22:00", end: "07:00" }]; // Monday night
  // NOW is Monday 12:00 UTC = Monday 14:00 in Berlin (CEST): not quiet.
  assert.equal(quietUntil(windows, "Europe/Berlin", NOW), null);
  const mondayNight = Date.UTC(2025, 5, 16, 21, 30); // 23:30 Berlin
  assert.equal(quietUntil(windows, "Europe/Berlin", mondayNight), Date.UTC(2025, 5, 17, 5, 0));
  const tuesdayEarly = Date.UTC(2025, 5, 17, 3, 0); // 05:00 Berlin Tuesday
  assert.equal(quietUntil(windows, "Europe/Berlin", tuesdayEarly), Date.UTC(2025, 5, 17, 5, 0));
  assert.equal(quietUntil(windows, "America/New_York", mondayNight), null, "17:30 in New York");
  // Sunday night into Monday wraps over the week's end.
  const sun = [{ day: 0, start: "23:00", end: "01:00" }];
  assert.equal(quietUntil(sun, "UTC", Date.UTC(2025, 5, 16, 0, 30)), Date.UTC(2025, 5, 16, 1, 0));
  // Back-to-back windows merge.
  const joined = [
    { day: 1, start: "20:00", end: "00:00" },
    { day: 2, start: "00:00", end: "06:00" },
  ];
  assert.equal(quietUntil(joined, "UTC", Date.UTC(2025, 5, 16, 21, 0)), Date.UTC(2025, 5, 17, 6, 0));
});

test("[PRF-16] a snapshot built earlier still sees quiet hours that started since (stale window recomputed)", () => {
  const built = Date.UTC(2025, 5, 16, 8, 0);
  const snap = room(
    [
      member("alice"),
      member("bob", {
        presence: "active",
        account: { quietHours: [{ day: 1, start: "11:00", end: "13:00" }] },
      }),
    ],
    "channel",
    {},
    built,
  );
  const later = Date.UTC(2025, 5, 16, 14, 0);
  const snap2 = room(
    [
      member("alice"),
      member("bob", {
        presence: "active",
        account: {
          quietHours: [
            { day: 1, start: "09:00", end: "10:00" },
            { day: 1, start: "13:30", end: "15:00" },
          ],
        },
      }),
    ],
    "channel",
    {},
    built,
  );
  assert.equal(channelsOf(decide(msg("@bob"), snap, NOW), 1) & BIT.banner, 0);
  assert.equal(channelsOf(decide(msg("@bob"), snap2, later), 1) & BIT.banner, 0, "second window of the day");
});
