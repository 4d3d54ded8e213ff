// Deterministic room fixtures for bench/engine.bench.ts: varied preferences and presence.
import {
  activityFacts,
  buildRoomSnapshot,
  DEFAULT_ACCOUNT_PREFERENCES,
  DEFAULT_ADMIN_SETTINGS,
  DEFAULT_ROOM_PREFERENCES,
  type MemberFacts,
  type RoomSnapshot,
} from "../../packages/core/src/index.ts";

/** Small seeded PRNG (mulberry32) so every run builds the same room. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const conn = (now: number, ago: number) => ({
  id: "c",
  deviceId: "d",
  deviceKind: "web" as const,
  focused: false,
  visible: true,
  view: {},
  lastActivityAt: now - ago,
  permission: "granted" as const,
});

/** A varied member: ~10% level all, ~15% connected, 5% busy, 5% silenced, 3% muted @all, 1% quiet hours, 1% keywords. */
export function variedMember(i: number, r: () => number, now: number): MemberFacts {
  const x = r();
  const account = { ...DEFAULT_ACCOUNT_PREFERENCES };
  const room = { ...DEFAULT_ROOM_PREFERENCES };
  if (x < 0.1) account.desktop = "all";
  else if (x < 0.13) account.email = "all";
  else if (x < 0.18) account.desktop = "nothing";
  if (r() < 0.2) account.mobileDifferent = true;
  if (r() < 0.05) room.alerts = false;
  if (r() < 0.03) room.muteGroupMentions = true;
  if (r() < 0.01) account.quietHours = [{ day: (i % 7) as number, start: "22:00", end: "07:00" }];
  if (r() < 0.01) account.keywords = ["incident"];
  const y = r();
  const conns = y < 0.1 ? [conn(now, 5_000)] : y < 0.15 ? [conn(now, 600_000)] : [];
  return {
    userId: `u${i}`,
    username: `user${i}`,
    role: "member",
    account,
    room,
    activity: activityFacts(conns, {}, { autoAway: true, idleSeconds: 60 }),
    status: { manual: "auto", busy: r() < 0.05 ? { until: null } : null },
    timezone: i % 2 ? "Europe/Berlin" : "America/New_York",
    hasEmail: true,
    emailVerified: true,
  };
}

/** `active` members are connected and at level all; everyone else is at mentions with no connection. */
export function quietMember(i: number, active: boolean, now: number): MemberFacts {
  return {
    userId: `u${i}`,
    username: `user${i}`,
    role: "member",
    account: active ? { ...DEFAULT_ACCOUNT_PREFERENCES, desktop: "all" } : DEFAULT_ACCOUNT_PREFERENCES,
    room: DEFAULT_ROOM_PREFERENCES,
    activity: activityFacts(active ? [conn(now, 5_000)] : [], {}, { autoAway: true, idleSeconds: 60 }),
    status: { manual: "auto", busy: null },
    timezone: "UTC",
    hasEmail: true,
    emailVerified: true,
  };
}

export function variedMembers(n: number, now: number): MemberFacts[] {
  const r = rng(42);
  const members: MemberFacts[] = [];
  for (let i = 0; i < n; i++) members.push(variedMember(i, r, now));
  return members;
}

export function variedRoom(n: number, now: number): RoomSnapshot {
  return buildRoomSnapshot(
    { id: "big", kind: "channel" },
    variedMembers(n, now),
    DEFAULT_ADMIN_SETTINGS,
    now,
  );
}

/** A room of n members of whom only `activeCount` are connected / at level all. */
export function mostlyQuietRoom(n: number, activeCount: number, now: number): RoomSnapshot {
  const members: MemberFacts[] = [];
  const every = Math.max(1, Math.floor(n / activeCount));
  for (let i = 0; i < n; i++) members.push(quietMember(i, i % every === 0 && i / every < activeCount, now));
  return buildRoomSnapshot({ id: "q", kind: "channel" }, members, DEFAULT_ADMIN_SETTINGS, now);
}
