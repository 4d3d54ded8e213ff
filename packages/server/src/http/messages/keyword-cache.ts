// Per-room cache of the room's members who saved keywords, compiled (MEN-4 at post time): reading and
// compiling them on every post made a room with 1,000 keyword members post ~2× slower than a plain room.
// In-process. It is dropped here when a keyword list, the room's membership or a user's activation changes
// (the events below, after their commit), so the next post on this node reads them again. With several nodes
// an entry also expires after KEYWORD_CACHE_TTL_MS, the longest another node can match with an old list.
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
): Promise<KeywordMembers> {
  const c = caches.get(db);
  if (!c) return load();
  const now = performance.now();
  const hit = c.rooms.get(roomId);
  if (hit && now - hit.at < KEYWORD_CACHE_TTL_MS) return hit.members;
  const generation = c.generation;
  // When an entry expires, every post in flight missed it at once and each read (and indexed) the room's
  // keyword members: 1,000 rows per concurrent post. A read that started after the last invalidation is as
  // fresh as one started now, so those posts share it; a failed read is not shared (each tries its own).
  const inFlight = c.loading.get(roomId);
  if (inFlight && inFlight.generation === generation) return inFlight.members.catch(load);
  const reading = load();
  c.loading.set(roomId, { generation, members: reading });
  try {
    const members = await reading;
    if (c.generation === generation) {
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
