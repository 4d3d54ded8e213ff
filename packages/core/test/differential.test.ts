// Seeded differential test: decide() against a deliberately naive reference written from SPEC's text — plain
// `if`s over one member's facts, no snapshot, no tables, no bits — on random rooms, messages, preferences and
// presence. Presence itself (who is `online` for @here, PRS-1 … PRS-4) is taken from core's presence
// functions: it is its own rule family with its own tests; everything decide adds on top is re-derived here.
// HERALD_DIFF_SEED=<n> replays a run; a failure names the seed, the room and the member.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type ActivityFacts,
  activityFacts,
  BIT,
  buildRoomSnapshot,
  type Connection,
  channelsOf,
  channelTrigger,
  DEFAULT_ACCOUNT_PREFERENCES,
  DEFAULT_ADMIN_SETTINGS,
  DEFAULT_ROOM_PREFERENCES,
  type Decisions,
  decide,
  explain,
  isHereTarget,
  type Level,
  type MemberFacts,
  type MessageEvent,
  type PushWhen,
  type ResolvedMentions,
  type RoomKind,
  removeMember,
  type Trigger,
  triggerOf,
  triggerSetOf,
  upsertMember,
} from "../src/index.ts";
import { NOW } from "./helpers.ts";

const SEED = Number(process.env.HERALD_DIFF_SEED ?? 20261206);

/** mulberry32: small, seedable, good enough to spread cases. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  };
}
type Rng = ReturnType<typeof rng>;

// ---- random facts -------------------------------------------------------------------------------------

const LEVELS: readonly Level[] = ["all", "mentions", "nothing"];
const ROOM_LEVELS: readonly (Level | "default")[] = ["default", "default", "all", "mentions", "nothing"];
const KEYWORD_LISTS: readonly string[][] = [[], [], [], ["fire"], ["deploy now"], ["fire", "lunch"]];
const WORDS = ["hello", "fire", "deploy now", "lunch", "status", "ok"];
const ROOT = "root1";

function conn(kind: "web" | "mobile", lastActivityAt: number, lockedSince: number | null = null): Connection {
  return {
    id: `c-${kind}-${lastActivityAt}`,
    deviceId: `d-${kind}`,
    deviceKind: kind,
    focused: false,
    visible: true,
    view: {},
    lastActivityAt,
    permission: "granted",
    lockedSince,
  };
}

function randomActivity(
  r: Rng,
  autoAway: boolean,
  idleSeconds: number,
  manual: MemberFacts["status"]["manual"],
) {
  const prefs = { autoAway, idleSeconds };
  const ago = () => r.pick([0, 5_000, 59_000, 61_000, 200_000, 400_000, 3_600_000]);
  switch (r.int(0, 5)) {
    case 0:
      return activityFacts([], {}, prefs, manual); // never connected
    case 1:
    case 2: {
      const locked = !autoAway && r.chance(0.5) ? NOW - ago() : null;
      return activityFacts([conn("web", NOW - ago(), locked)], {}, prefs, manual);
    }
    case 3: {
      const gone = NOW - r.pick([1_000, 20_000, 29_999, 30_000, 45_000, 600_000]);
      return activityFacts(
        [],
        { lastActivityAt: gone - ago(), desktopGoneAt: gone, anyGoneAt: gone },
        prefs,
        manual,
      );
    }
    case 4:
      return activityFacts([conn("mobile", NOW - ago())], {}, prefs, manual);
    default:
      return activityFacts([conn("web", NOW - ago()), conn("mobile", NOW - ago())], {}, prefs, manual);
  }
}

interface Extra {
  /** Quiet hours cover the decision time (the window is built to, or built far away). */
  quiet: boolean;
}

function randomMember(r: Rng, id: string, senderId: string): { m: MemberFacts; x: Extra } {
  const autoAway = r.chance(0.8);
  const idleSeconds = r.pick([60, 60, 120]);
  const manual = r.pick(["auto", "auto", "auto", "away", "invisible"] as const);
  const quiet = r.chance(0.08);
  const far = r.chance(0.05);
  const account = {
    ...DEFAULT_ACCOUNT_PREFERENCES,
    desktop: r.pick(LEVELS),
    push: r.pick(LEVELS),
    email: r.pick(LEVELS),
    mobileDifferent: r.chance(0.3),
    threadReplies: { desktop: r.chance(0.8), push: r.chance(0.8), email: r.chance(0.8) },
    keywords: r.pick(KEYWORD_LISTS),
    sound: r.pick(["chime", "chime", "none"] as const),
    volume: r.pick([100, 100, 40, 0]),
    autoAway,
    idleSeconds,
    // NOW is Monday 12:00 UTC: 11:00–13:00 holds it, Sunday's window does not.
    quietHours: quiet
      ? [{ day: 1, start: "11:00", end: "13:00" }]
      : far
        ? [{ day: 0, start: "01:00", end: "02:00" }]
        : [],
    pushWhen: r.pick<PushWhen>(["inactive", "inactive", "always", "offline"]),
  };
  const snoozeRoll = r.int(0, 9);
  const room = {
    ...DEFAULT_ROOM_PREFERENCES,
    alerts: r.chance(0.93),
    muteGroupMentions: r.chance(0.1),
    desktop: r.pick(ROOM_LEVELS),
    push: r.pick(ROOM_LEVELS),
    email: r.pick(ROOM_LEVELS),
    sound: r.pick(["default", "default", "none", "ding"] as const),
    snooze:
      snoozeRoll === 0
        ? { until: null }
        : snoozeRoll === 1
          ? { until: NOW + 60_000 }
          : snoozeRoll === 2
            ? { until: NOW - 60_000 }
            : null,
  };
  const busyRoll = r.int(0, 9);
  const viewRoll = r.int(0, 9);
  const m: MemberFacts = {
    userId: id,
    username: id,
    role: r.chance(0.1) ? "admin" : "member",
    account,
    room,
    activity: randomActivity(r, autoAway, idleSeconds, manual),
    status: {
      manual,
      busy:
        busyRoll === 0
          ? { until: null }
          : busyRoll === 1
            ? { until: NOW + 60_000 }
            : busyRoll === 2
              ? { until: NOW - 60_000 }
              : null,
    },
    timezone: "UTC",
    hasEmail: r.chance(0.85),
    emailVerified: r.chance(0.7),
    ignores: r.chance(0.05) ? [senderId] : [],
    view:
      viewRoll === 0
        ? { focusedRoom: true, focusedThreadId: null }
        : viewRoll === 1
          ? { focusedRoom: false, focusedThreadId: ROOT }
          : undefined,
  };
  return { m, x: { quiet } };
}

/** The message as the scenario means it: who is named, which words, group mentions, thread, edit. */
interface Scenario {
  kind: RoomKind;
  members: MemberFacts[];
  senderId: string;
  senderRole: "admin" | "member";
  named: Set<string>;
  words: string[];
  all: boolean;
  here: boolean;
  thread: "none" | "only" | "also";
  followers: Set<string>;
  system: boolean;
  /** An edit: the earlier text named these users and had these words. */
  edit: { named: Set<string>; words: string[] } | null;
  restrictAbove: number | null;
  requireVerified: boolean;
  /** Carry resolved mentions in the event (the server's way), or leave decide to parse the text. */
  carried: boolean;
}

function randomScenario(r: Rng, kind: RoomKind, size: number, prefix: string): Scenario {
  const ids = Array.from({ length: size }, (_, k) => `${prefix}${k}`);
  const senderId = r.pick(ids);
  const members = ids.map((id) => randomMember(r, id, senderId).m);
  const pickSome = (p: number) => new Set(ids.filter(() => r.chance(p)));
  const few = Math.min(1, 4 / size);
  const words = WORDS.filter(() => r.chance(0.3));
  const thread = kind === "dm" ? "none" : r.pick(["none", "none", "only", "also"] as const);
  return {
    kind,
    members,
    senderId,
    senderRole: r.chance(0.2) ? "admin" : "member",
    named: pickSome(few),
    words,
    all: r.chance(0.25),
    here: r.chance(0.15),
    thread,
    followers: thread === "none" ? new Set() : pickSome(Math.min(1, 8 / size)),
    system: r.chance(0.03),
    edit: r.chance(0.15) ? { named: pickSome(few), words: WORDS.filter(() => r.chance(0.3)) } : null,
    restrictAbove: r.chance(0.15) ? r.pick([1, 5, 1_000_000]) : null,
    requireVerified: r.chance(0.3),
    carried: r.chance(0.6),
  };
}

// ---- the naive reference, from SPEC's text --------------------------------------------------------------

/** MEN-4, as the scenario builds texts: a keyword matches when the message holds it as one of its words. */
function keywordHit(m: MemberFacts, words: readonly string[]): boolean {
  return m.account.keywords.some((k) => words.includes(k));
}

/** PRS-7: inactive for T on desktop/web, or no desktop/web connection for 30 s. */
function inactiveFor(a: ActivityFacts, t: number, now: number): boolean {
  if (!a.hasDesktopConnection && (a.desktopGoneAt === null || now - a.desktopGoneAt >= 30_000)) return true;
  if (a.autoAway) return now - a.lastActivityAt >= t;
  return a.hasDesktopConnection && a.lockedSince !== null && now - a.lockedSince >= t;
}

interface Expected {
  trigger: Trigger | null;
  banner: Trigger | null;
  push: Trigger | null;
  email: Trigger | null;
  bits: number;
}

function reference(s: Scenario, m: MemberFacts, x: Extra, now: number, memberCount: number): Expected {
  const none: Expected = { trigger: null, banner: null, push: null, email: null, bits: 0 };
  if (m.userId === s.senderId) return none; // MEN-5
  if (s.system) return none; // TRG-3
  const dmRoom = s.kind === "dm" || s.kind === "gdm";
  const named = s.named.has(m.userId);
  const keyword = !named && keywordHit(m, s.words);
  const triggers: Trigger[] = [];
  if (s.edit) {
    // TRG-3: only a personal trigger now, and none from the earlier text.
    const before = s.edit.named.has(m.userId) || keywordHit(m, s.edit.words);
    if (before || !(named || keyword)) return none;
    if (dmRoom) triggers.push("dm");
    triggers.push(named ? "mention" : "keyword");
  } else {
    if (dmRoom) triggers.push("dm");
    if (named) triggers.push("mention");
    if (keyword) triggers.push("keyword");
    if (s.thread !== "none" && s.followers.has(m.userId)) triggers.push("thread");
    // MEN-7 / PRV-9: above N members only admins may use @all / @here.
    const restricted = s.restrictAbove !== null && memberCount > s.restrictAbove && s.senderRole !== "admin";
    const group = !restricted && (s.all || (s.here && isHereTarget(m.activity, now)));
    if (group && !m.room.muteGroupMentions) triggers.push("group"); // PRF-37
    if (s.thread !== "only") triggers.push("all"); // TRG-2
  }
  if (triggers.length === 0) return none;

  // PRF-33 / PRF-20: each channel's level, and whether the room overrides it to "mentions".
  const desktopLevel = m.room.desktop === "default" ? m.account.desktop : m.room.desktop;
  const desktopRoom = m.room.desktop;
  let pushLevel: Level;
  let pushRoom: Level | "default";
  let pushThread: boolean;
  if (m.account.mobileDifferent) {
    pushLevel = m.room.push === "default" ? m.account.push : m.room.push;
    pushRoom = m.room.push;
    pushThread = m.account.threadReplies.push;
  } else {
    pushLevel = desktopLevel;
    pushRoom = desktopRoom;
    pushThread = m.account.threadReplies.desktop;
  }
  const emailLevel = m.room.email === "default" ? m.account.email : m.room.email;
  const channels = {
    desktop: { level: desktopLevel, room: desktopRoom, thread: m.account.threadReplies.desktop },
    push: { level: pushLevel, room: pushRoom, thread: pushThread },
    email: { level: emailLevel, room: m.room.email, thread: m.account.threadReplies.email },
  };
  const allows = (c: keyof typeof channels, t: Trigger): boolean => {
    const ch = channels[c];
    // TRG-1: `dm` in a gdm applies only where that channel is not overridden to mentions.
    if (t === "dm" && s.kind === "gdm" && ch.room === "mentions") return false;
    if (ch.level === "nothing") return false;
    if (ch.level === "all") return true;
    if (t === "dm" || t === "mention" || t === "keyword") return true;
    if (t === "group") return c !== "email"; // PRF-4: email leaves group out
    if (t === "thread") return ch.thread; // PRF-6
    return false;
  };
  const firstAllowed = (c: keyof typeof channels) => triggers.find((t) => allows(c, t)) ?? null;
  // The recipient's trigger: the first that applies, `dm` in a gdm only without a desktop override to mentions.
  const applies = triggers.filter((t) => !(t === "dm" && s.kind === "gdm" && desktopRoom === "mentions"));
  const trigger = applies[0] ?? triggers[0];
  const out: Expected = {
    trigger,
    banner: firstAllowed("desktop"),
    push: firstAllowed("push"),
    email: firstAllowed("email"),
    bits: 0,
  };
  if (m.ignores?.includes(s.senderId)) return { ...out, bits: 0 }; // MEN-6: nothing on any channel
  if (trigger !== "all") out.bits |= BIT.inbox; // GEN-1
  const snoozed = m.room.snooze !== null && (m.room.snooze.until === null || m.room.snooze.until > now);
  const busy = m.status.busy !== null && (m.status.busy.until === null || m.status.busy.until > now);
  if (!m.room.alerts || snoozed || busy) return out; // PRF-36, DSK-1, PSH-1, EML-1
  const a = m.activity;
  // DSK-2: a focused window shows this very room (a room message) or this thread.
  const inView =
    (s.thread !== "only" && m.view?.focusedRoom === true) ||
    (s.thread !== "none" && m.view?.focusedThreadId === ROOT);
  // DSK-1 on a desktop/web connection — one open, or closed within PRS-4's 30 s (a reconnect resumes it).
  const desktopOpen = a.hasDesktopConnection || (a.desktopGoneAt !== null && now - a.desktopGoneAt < 30_000);
  if (out.banner && !x.quiet && desktopOpen && !inView) {
    out.bits |= BIT.banner;
    const sound = m.room.sound === "default" ? m.account.sound : m.room.sound;
    if (sound !== "none" && m.account.volume > 0) out.bits |= BIT.sound; // PRF-8, PRF-9, PRF-34
  }
  if (out.push) {
    const idle = Math.max(60, m.account.idleSeconds) * 1000;
    const threshold =
      out.push === "all" ? Math.max(idle, DEFAULT_ADMIN_SETTINGS.roomInactivitySeconds * 1000) : idle;
    let now_ = false;
    if (x.quiet)
      now_ = false; // PSH-9 holds it
    else if (m.account.pushWhen === "always" && !inView)
      now_ = true; // PRF-17
    else if (m.account.pushWhen === "offline")
      now_ = !a.hasDesktopConnection && (a.desktopGoneAt === null || now - a.desktopGoneAt >= 30_000);
    else now_ = inactiveFor(a, threshold, now); // PSH-2
    out.bits |= now_ ? BIT.push : BIT.pushScheduled;
  }
  if (out.email && m.hasEmail && (m.emailVerified || !s.requireVerified)) out.bits |= BIT.emailScheduled;
  return out;
}

// ---- running decide on a scenario ---------------------------------------------------------------------

function textOf(names: Iterable<string>, words: readonly string[], all: boolean, here: boolean): string {
  const parts = [...[...names].map((n) => `@${n}`), ...words];
  if (all) parts.push("@all");
  if (here) parts.push("@here");
  return parts.length ? parts.join(" ") : "hi";
}

function mentionsOf(
  s: Scenario,
  named: Set<string>,
  words: string[],
  all: boolean,
  here: boolean,
): ResolvedMentions {
  const users = s.members.filter((m) => named.has(m.userId) && m.userId !== s.senderId).map((m) => m.userId);
  const keywords: [string, string][] = [];
  for (const m of s.members) {
    if (m.userId === s.senderId || named.has(m.userId)) continue;
    const k = m.account.keywords.find((w) => words.includes(w));
    if (k !== undefined) keywords.push([m.userId, k]);
  }
  return { users, keywords, all, here };
}

function eventOf(s: Scenario): MessageEvent {
  const ev: MessageEvent = {
    kind: "message",
    message: {
      id: "m1",
      roomId: "r",
      seq: s.thread === "only" ? 0 : 7,
      senderId: s.senderId,
      text: textOf(s.named, s.words, s.all, s.here),
      threadRootId: s.thread === "none" ? null : ROOT,
      threadSeq: s.thread === "none" ? undefined : 3,
      alsoInRoom: s.thread === "also",
      createdAt: NOW,
      kind: s.system ? "system" : "user",
    },
    senderRole: s.senderRole,
    threadFollowers: [...s.followers],
  };
  if (s.carried) {
    ev.mentions = mentionsOf(s, s.named, s.words, s.all, s.here);
    if (s.edit) ev.previousMentions = mentionsOf(s, s.edit.named, s.edit.words, false, false);
  } else if (s.edit) ev.previousText = textOf(s.edit.named, s.edit.words, false, false);
  return ev;
}

const NAMES: readonly (Trigger | null)[] = [null, "dm", "mention", "keyword", "thread", "group", "all"];
const nameOf = (code: number) => NAMES[code] ?? null;

function compare(
  d: Decisions,
  i: number,
  want: Expected,
  snap: Parameters<typeof channelTrigger>[0],
  where: string,
) {
  const set = triggerSetOf(d, i);
  const got = {
    trigger: nameOf(triggerOf(d, i)),
    banner: set ? nameOf(channelTrigger(snap, i, set, "banner")) : null,
    push: set ? nameOf(channelTrigger(snap, i, set, "push")) : null,
    email: set ? nameOf(channelTrigger(snap, i, set, "email")) : null,
    bits: channelsOf(d, i),
  };
  if (process.env.HERALD_DIFF_DEBUG && JSON.stringify(got) !== JSON.stringify(want))
    console.log(where, JSON.stringify(snap.members[i]));
  assert.deepEqual(got, want, where);
}

// ---- the tests ------------------------------------------------------------------------------------------

test(`[TRG-1][TRG-2][TRG-3][MEN-2][MEN-5][MEN-6][MEN-7][PRF-1][PRF-4][PRF-6][PRF-17][PRF-20][PRF-33][PRF-36][PRF-37][DSK-1][DSK-2][PSH-1][PSH-2][PSH-9][EML-1][GEN-1][EXP-1] differential: decide equals a naive per-member reference from SPEC on random rooms (seed ${SEED})`, () => {
  const r = rng(SEED);
  let recipients = 0;
  let rooms = 0;
  const kinds: readonly RoomKind[] = ["channel", "channel", "group", "dm", "gdm"];
  while (recipients < 100_000) {
    const kind = r.pick(kinds);
    const size =
      kind === "dm" ? 2 : kind === "gdm" ? r.int(3, 8) : r.pick([3, 5, 12, 12, 40, 40, 150, 600, 2000]);
    const s = randomScenario(r, kind, size, `u${rooms}-`);
    const now = NOW + r.pick([0, 1, 30_000, 400_000]);
    const admin = {
      ...DEFAULT_ADMIN_SETTINGS,
      restrictGroupMentionsAbove: s.restrictAbove,
      requireVerifiedEmail: s.requireVerified,
    };
    const snap = buildRoomSnapshot({ id: "r", kind }, s.members, admin, NOW);
    const d = decide(eventOf(s), snap, now);
    // Quiet hours (PRF-16) are built to hold NOW: with 400 s later they still do (the window ends at 13:00).
    for (let i = 0; i < snap.size; i++) {
      const m = s.members[i];
      const x = { quiet: m.account.quietHours.some((q) => q.day === 1) };
      const want = reference(s, m, x, now, size);
      compare(d, i, want, snap, `seed ${SEED}, room ${rooms} (${kind}, ${size}), member ${m.userId}`);
    }
    // EXP-1: explain, rebuilt for one member of each room, says what the reference says.
    const k = r.int(0, snap.size - 1);
    const m = s.members[k];
    const want = reference(s, m, { quiet: m.account.quietHours.some((q) => q.day === 1) }, now, size);
    const e = explain(eventOf(s), snap, k, now);
    assert.deepEqual(
      {
        trigger: e.trigger,
        banner: e.channels.banner.decision,
        sound: e.channels.sound.decision,
        push: e.channels.push.decision,
        email: e.channels.email.decision,
        inbox: e.channels.inbox.decision,
      },
      {
        trigger: want.trigger,
        banner: want.bits & BIT.banner ? "deliver" : "skip",
        sound: want.bits & BIT.sound ? "deliver" : "skip",
        push: want.bits & BIT.push ? "deliver" : want.bits & BIT.pushScheduled ? "schedule" : "skip",
        email: want.bits & BIT.emailScheduled ? "schedule" : "skip",
        inbox: want.bits & BIT.inbox ? "deliver" : "skip",
      },
      `explain, seed ${SEED}, room ${rooms} (${kind}, ${size}), member ${m.userId}`,
    );
    recipients += snap.size;
    rooms++;
  }
  assert.ok(recipients >= 100_000 && rooms >= 300, `${recipients} recipients in ${rooms} rooms`);
});

test(`[TRG-1][MEN-7] differential: the same member gets the same answer in rooms of 10, 1,000 and 100,000 members (seed ${SEED})`, () => {
  const r = rng(SEED ^ 0x5eed);
  // One filler population; each size takes its first n members plus the member under test.
  const fillerScenario = randomScenario(r, "channel", 100_000, "f");
  const fillers = fillerScenario.members;
  const snaps = [10, 1_000, 100_000].map((n) =>
    buildRoomSnapshot(
      { id: "r", kind: "channel", memberCount: n },
      fillers.slice(0, n),
      DEFAULT_ADMIN_SETTINGS,
      NOW,
    ),
  );
  let checked = 0;
  for (let k = 0; k < 40; k++) {
    const senderId = fillers[0].userId;
    const { m } = randomMember(r, "target", senderId);
    const x = { quiet: m.account.quietHours.some((q) => q.day === 1) };
    const s: Scenario = {
      ...randomScenario(r, "channel", 3, "t"),
      members: [m],
      senderId,
      restrictAbove: null,
      requireVerified: false,
    };
    s.named = r.chance(0.3) ? new Set(["target"]) : new Set();
    s.followers = s.thread !== "none" && r.chance(0.5) ? new Set(["target"]) : new Set();
    const answers: string[] = [];
    for (const snap of snaps) {
      const i = upsertMember(snap, m, NOW);
      const d = decide(eventOf({ ...s, members: [...fillers.slice(0, 1), m] }), snap, NOW);
      const want = reference(s, m, x, NOW, snap.size);
      compare(d, i, want, snap, `seed ${SEED}, size ${snap.size}, case ${k}`);
      answers.push(JSON.stringify([triggerOf(d, i), triggerSetOf(d, i), channelsOf(d, i)]));
      removeMember(snap, "target", NOW);
      checked++;
    }
    assert.equal(new Set(answers).size, 1, `same answer at every size, case ${k}: ${answers.join(" / ")}`);
  }
  assert.equal(checked, 120);
});
