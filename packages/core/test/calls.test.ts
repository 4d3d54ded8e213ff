import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type CallRecipient,
  callTone,
  DEFAULT_ACCOUNT_PREFERENCES,
  DEFAULT_ADMIN_SETTINGS,
  DEFAULT_ROOM_PREFERENCES,
  decideCall,
  RING_TIMEOUT_MS,
} from "../src/index.ts";
import { NOW } from "./helpers.ts";

const call = { id: "call1", roomId: "r1", callerId: "alice", startedAt: NOW };
const who = (userId: string, o: Partial<CallRecipient> = {}): CallRecipient => ({
  userId,
  account: DEFAULT_ACCOUNT_PREFERENCES,
  room: DEFAULT_ROOM_PREFERENCES,
  busy: null,
  hasDesktopConnection: true,
  ...o,
});

test("[CAL-1] a dm/gdm call rings the other members at once: looping ring tone, banner, push without waiting", () => {
  const ds = decideCall(
    call,
    "gdm",
    [who("alice"), who("bob"), who("carol", { hasDesktopConnection: false })],
    DEFAULT_ADMIN_SETTINGS,
    NOW,
  );
  assert.deepEqual(
    ds.map((d) => d.userId),
    ["bob", "carol"],
  );
  const bob = ds[0];
  assert.deepEqual(
    [bob.banner.decision, bob.sound.decision, bob.sound.tone, bob.push.decision],
    ["deliver", "deliver", "classic", "deliver"],
  );
  assert.equal(bob.email.decision, "skip");
  assert.deepEqual([ds[1].banner.decision, ds[1].push.decision], ["skip", "deliver"]);
});

test("[CAL-1][PRV-4] no ringing when call ringing is off (PRV-4), the user is busy, or the room is silenced", () => {
  const off = decideCall(call, "dm", [who("bob")], { ...DEFAULT_ADMIN_SETTINGS, callRinging: false }, NOW)[0];
  assert.deepEqual(
    [off.banner.decision, off.push.decision, off.banner.reasons[0].rule],
    ["skip", "skip", "PRV-4"],
  );
  const busy = decideCall(
    call,
    "dm",
    [who("bob", { busy: { until: null } })],
    DEFAULT_ADMIN_SETTINGS,
    NOW,
  )[0];
  assert.equal(busy.push.decision, "skip");
  const silenced = decideCall(
    call,
    "dm",
    [who("bob", { room: { ...DEFAULT_ROOM_PREFERENCES, alerts: false } })],
    DEFAULT_ADMIN_SETTINGS,
    NOW,
  )[0];
  assert.equal(silenced.banner.reasons[0].rule, "PRF-36");
  const channel = decideCall(call, "channel", [who("bob")], DEFAULT_ADMIN_SETTINGS, NOW)[0];
  assert.equal(channel.banner.decision, "skip");
});

test("[PRF-10] incoming call sound none: the banner rings silently", () => {
  const d = decideCall(
    call,
    "dm",
    [who("bob", { account: { ...DEFAULT_ACCOUNT_PREFERENCES, callSound: "none" } })],
    DEFAULT_ADMIN_SETTINGS,
    NOW,
  )[0];
  assert.deepEqual(
    [d.banner.decision, d.sound.decision, d.sound.reasons[0].rule],
    ["deliver", "skip", "PRF-10"],
  );
});

test("[CAL-2][GEN-1] ringing ends after 30 s; a missed call makes an inbox item then", () => {
  const d = decideCall(call, "dm", [who("bob")], DEFAULT_ADMIN_SETTINGS, NOW)[0];
  assert.equal(RING_TIMEOUT_MS, 30_000);
  assert.deepEqual([d.inbox.decision, d.inbox.until, d.inbox.waitsFor], ["schedule", NOW + 30_000, "CAL-2"]);
});

test("[PRF-10] a call rings with the chosen tone, looping; `none` rings silently — one answer for ring and resume", () => {
  for (const callSound of ["classic", "none"] as const) {
    const account = { ...DEFAULT_ACCOUNT_PREFERENCES, callSound };
    const [d] = decideCall(
      call,
      "dm",
      [who("bob", { account, hasDesktopConnection: true })],
      DEFAULT_ADMIN_SETTINGS,
      NOW,
    );
    assert.equal(d.sound.decision, callSound === "none" ? "skip" : "deliver", callSound);
    assert.equal(d.sound.tone ?? null, callTone(account));
  }
  assert.equal(callTone({ callSound: "none" }), null);
  assert.equal(callTone({ callSound: "classic" }), "classic");
});
