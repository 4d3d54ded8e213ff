// One vocabulary of committed writes (users, rooms, posts, reads, joins, leaves, mutes, deletes) over two
// worlds: the test memory store, and the production server — HTTP routes, the real post path and
// transactions, after-commit events translated like production (domain.ts), on SQLite or PostgreSQL, read by
// the production SqlGatewayStore. The GatewayStore contract suite and the BDG-6 fuzz run on both.
import { computeBadge } from "@herald/core";
import { translate } from "../../../src/gateway/domain.ts";
import type { GatewayEvent } from "../../../src/gateway/events.ts";
import type { GatewayStore } from "../../../src/gateway/ports.ts";
import { SqlGatewayStore } from "../../../src/gateway/sql-store.ts";
import { type Harness as HttpHarness, harness as httpHarness } from "../../http/harness.ts";
import { pgAvailable } from "../../store/pg.ts";
import { MemoryStore } from "./memory-store.ts";

export interface Posted {
  id: string;
  seq: number;
}

export interface World {
  readonly name: string;
  readonly store: GatewayStore;
  /** Where committed writes' events go (the gateway's bus); set by the test. */
  events: (ev: GatewayEvent) => Promise<void>;
  user(name: string): Promise<string>;
  room(kind: "channel" | "group" | "dm", name: string, memberIds: string[]): Promise<string>;
  post(roomId: string, senderId: string, text: string): Promise<Posted>;
  read(userId: string, roomId: string): Promise<void>;
  join(roomId: string, userId: string, by: string): Promise<void>;
  leave(roomId: string, userId: string): Promise<void>;
  muteGroupMentions(roomId: string, userId: string): Promise<void>;
  remove(roomId: string, senderId: string, posted: Posted): Promise<void>;
  /** BDG-6's reference: the numbered badge recounted from the stored messages. */
  recount(userId: string): Promise<number>;
  close(): Promise<void>;
}

export function memoryWorld(): World {
  const store = new MemoryStore();
  const w: World = {
    name: "memory",
    store,
    events: async () => {},
    async user(name) {
      store.addUser(name);
      return name;
    },
    async room(kind, name, memberIds) {
      store.addRoom(name, kind, memberIds);
      for (const u of memberIds)
        await w.events({ type: "membership.changed", roomId: name, userId: u, joined: true });
      return name;
    },
    async post(roomId, senderId, text) {
      const ev = store.post(roomId, senderId, text, Date.now());
      await w.events(ev);
      return { id: ev.message.id, seq: ev.message.seq };
    },
    async read(userId, roomId) {
      const seq = store.read(userId, roomId);
      await w.events({ type: "room.read", userId, roomId, seq });
    },
    async join(roomId, userId) {
      await w.events(store.join(roomId, userId));
    },
    async leave(roomId, userId) {
      await w.events(store.leave(roomId, userId));
    },
    async muteGroupMentions(roomId, userId) {
      const prefs = store.rooms.get(roomId)!.members.get(userId)!.prefs;
      await w.events(store.setMemberPrefs(roomId, userId, { ...prefs, muteGroup: true }));
    },
    async remove(roomId, _senderId, posted) {
      await w.events(store.remove(roomId, posted.seq));
    },
    async recount(userId) {
      return store.total(userId);
    },
    async close() {},
  };
  return w;
}

/** The production server on SQLite, or on PostgreSQL (null when unreachable outside CI: pgAvailable). */
export async function serverWorld(db: "sqlite" | "postgres"): Promise<World | null> {
  if (db === "postgres" && !(await pgAvailable())) return null;
  const h: HttpHarness = await httpHarness({ pg: db === "postgres" });
  const store = new SqlGatewayStore(h.services.store.db, { now: () => h.services.clock.now() });
  const auth = new Map<string, Record<string, string>>();
  const call = async (as: string, method: string, url: string, payload?: object) => {
    const r = await h.app.inject({
      method: method as "POST",
      url: `/api/v1${url}`,
      headers: auth.get(as),
      payload,
    });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const w: World = {
    name: db,
    store,
    events: async () => {},
    async user(name) {
      const u = await h.user("member", name);
      auth.set(u.id, u.h);
      return u.id;
    },
    async room(kind, name, memberIds) {
      const [owner, ...others] = memberIds;
      if (kind === "dm") return (await call(owner, "POST", "/dms", { userIds: others })).room.id;
      return (await call(owner, "POST", "/rooms", { kind, name, memberIds: others })).room.id;
    },
    async post(roomId, senderId, text) {
      const m = (await call(senderId, "POST", `/rooms/${roomId}/messages`, { text })).message;
      return { id: m.id, seq: m.seq };
    },
    async read(userId, roomId) {
      await call(userId, "POST", `/rooms/${roomId}/read`, {});
    },
    async join(roomId, userId, by) {
      await call(by, "POST", `/rooms/${roomId}/members`, { userIds: [userId] });
    },
    async leave(roomId, userId) {
      await call(userId, "POST", `/rooms/${roomId}/leave`);
    },
    async muteGroupMentions(roomId, userId) {
      await call(userId, "PUT", `/rooms/${roomId}/preferences`, { muteGroupMentions: true });
    },
    async remove(_roomId, senderId, posted) {
      await call(senderId, "DELETE", `/messages/${posted.id}`);
    },
    async recount(userId) {
      return computeBadge(await store.readStates(userId)).total;
    },
    close: () => h.close(),
  };
  // After commit, like the api role: translated for the gateway and handed on in order.
  h.services.hooks.add({
    afterCommit: async (ev) => {
      for (const g of await translate(ev, store)) await w.events(g);
    },
  });
  return w;
}
