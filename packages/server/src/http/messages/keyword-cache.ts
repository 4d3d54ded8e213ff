// Per-room cache of the room's members who saved keywords, compiled (MEN-4 at post time): reading and
// compiling them on every post made a room with 1,000 keyword members post ~2× slower than a plain room.
// In-process. It is dropped here when a keyword list, the room's membership or a user's activation changes
// (the events below, after their commit), so the next post on this node reads them again. With several nodes
// an entry also expires after KEYWORD_CACHE_TTL_MS, the longest another node can match with an old list; a
// busy room's entry is read again in the background from half that age, so its posts never wait for it.
import type { KeywordMatcher } from "@herald/core";
import type { DomainEvent, PostHook } from "../../events.ts";
import type { Services } from "../../services.ts";
import type { Db } from "../../store/db.ts";

export type KeywordMembers = { userId: string; matcher: KeywordMatcher }[];

export const KEYWORD_CACHE_TTL_MS = 5_000;
/** Rooms kept; beyond, the oldest entry goes (a Map iterates in insertion order). */
const MAX_ROOMS = 2_000;

interface Entry {
  members: KeywordMembers;
  at: number;
}

interface Cache {
  rooms: Map<string, Entry>;
  /** A room's read in flight, with the generation it started in: posts arriving meanwhile share it. */
  loading: Map<string, { generation: number; members: Promise<KeywordMembers> }>;
  /** Bumped by every invalidation: a read that started before one is not stored (it may be stale). */
  generation: number;
}

/** Only databases whose invalidation hook is installed have a cache: without it, every post reads. */
const caches = new WeakMap<Db, Cache>();

/** The room's keyword members, from the cache or `load` (whose answer is kept for the next posts). */
export async function cachedKeywordMembers(
  db: Db,
  roomId: string,
  load: () => Promise<KeywordMembers>,
  now = performance.now(),
): Promise<KeywordMembers> {
  const c = caches.get(db);
  if (!c) return load();
  const hit = c.rooms.get(roomId);
  if (hit && now - hit.at < KEYWORD_CACHE_TTL_MS) {
    // Read again ahead of expiry, while posts go on with this entry: in a busy room no post waits for the
    // read (nor, on SQLite, runs behind it on the one connection) when the entry expires, and a list another
    // node changed is still seen within the TTL.
    if (now - hit.at >= KEYWORD_CACHE_TTL_MS / 2 && !c.loading.has(roomId))
      read(c, roomId, load, now).catch(() => {});
    return hit.members;
  }
  // When an entry expires, every post in flight missed it at once and each read (and indexed) the room's
  // keyword members: 1,000 rows per concurrent post. A read that started after the last invalidation is as
  // fresh as one started now, so those posts share it; a failed read is not shared (each tries its own).
  const inFlight = c.loading.get(roomId);
  if (inFlight && inFlight.generation === c.generation) return inFlight.members.catch(load);
  return read(c, roomId, load, now);
}

/** Reads the room's keyword members and keeps them, unless an invalidation came meanwhile. */
async function read(c: Cache, roomId: string, load: () => Promise<KeywordMembers>, now: number) {
  const generation = c.generation;
  const reading = load();
  c.loading.set(roomId, { generation, members: reading });
  try {
    let members = await reading;
    if (c.generation === generation) {
      // The same members with the same lists (matchers are shared by list): the array core indexed stays,
      // so the room's word index is not built again each time the entry is read again.
      const before = c.rooms.get(roomId)?.members;
      if (before && sameMembers(before, members)) members = before;
      c.rooms.delete(roomId);
      if (c.rooms.size >= MAX_ROOMS) {
        const oldest = c.rooms.keys().next();
        if (!oldest.done) c.rooms.delete(oldest.value);
      }
      c.rooms.set(roomId, { members, at: now });
    }
    return members;
  } finally {
    if (c.loading.get(roomId)?.members === reading) c.loading.delete(roomId);
  }
}

function sameMembers(a: KeywordMembers, b: KeywordMembers): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (a[i].userId !== b[i].userId || a[i].matcher !== b[i].matcher) return false;
  return true;
}

/** Drops what the event may have changed: one room on a membership change, every room on a keyword list
 *  change or a deactivation (a user is in many rooms; both are rare). */
export function invalidateKeywordMembers(db: Db, ev: DomainEvent): void {
  const c = caches.get(db);
  if (!c) return;
  if (ev.type === "membership.changed") {
    c.generation++;
    c.rooms.delete(ev.roomId);
  } else if (
    (ev.type === "preferences.changed" && ev.scope === "account") ||
    (ev.type === "user.sessions_revoked" && !ev.sessionId && !ev.tokenId)
  ) {
    c.generation++;
    c.rooms.clear();
  }
}

const installed = new WeakSet<Services>();

/** Adds the invalidation hook once per Services (route modules may be registered by more than one app). */
export function installKeywordCache(services: Services): void {
  if (installed.has(services)) return;
  installed.add(services);
  const db = services.store.db;
  if (!caches.has(db)) caches.set(db, { rooms: new Map(), loading: new Map(), generation: 0 });
  const hook: PostHook = { afterCommit: (ev) => invalidateKeywordMembers(db, ev) };
  services.hooks.add(hook);
}
