// Scheduler test fixture: a Herald app (temp SQLite, stepped clock), the real push-service peer, a scheduler
// driven by hand (tick) and a fake activity source standing in for the gateway's presence (PRS-7 facts).
import type { ActivityFacts } from "@herald/core";
import { activityFacts } from "@herald/core";
import type { Config } from "../../src/config.ts";
import { createScheduler } from "../../src/jobs/role.ts";
import type { Scheduler } from "../../src/jobs/scheduler.ts";
import { type Harness, harness, type TestUser } from "../http/harness.ts";
import { type PeerSubscription, type PushServicePeer, startPushService } from "../peers/push-service.ts";

export interface JobsFixture {
  h: Harness;
  peer: PushServicePeer;
  s: Scheduler;
  /** userId → facts; absent = never connected (inactive, PRS-7). */
  active: Map<string, ActivityFacts>;
  /** The user is on a desktop client, last input at `at`. */
  connect(userId: string, at: number): void;
  subscribe(
    u: TestUser,
    deviceKind?: "desktop" | "mobile" | "web",
  ): Promise<PeerSubscription & { dbId: string }>;
  room(owner: TestUser, members: TestUser[], kind?: "channel" | "group"): Promise<string>;
  post(u: TestUser, roomId: string, text: string): Promise<string>;
  /** Saves the user's keywords (MEN-4) through the API. */
  keywords(u: TestUser, words: string[]): Promise<void>;
  /** Earliest due time of the user's pending rows (the scheduler's timer covers all rows: this is one user's). */
  dueAt(userId: string, kind?: "push" | "email" | "support" | "mail"): Promise<number | null>;
  pushesFor(sub: PeerSubscription): { type: string; id?: string; count?: number; trigger?: string }[];
  close(): Promise<void>;
}

export async function jobsFixture(config: Partial<Config> = {}): Promise<JobsFixture> {
  const h = await harness({ config });
  const peer = await startPushService({ now: () => h.clock.now() });
  const active = new Map<string, ActivityFacts>();
  h.services.explainSources.activity = async (userId) => active.get(userId) ?? null;
  const s = await createScheduler(h.services, null);
  return {
    h,
    peer,
    s,
    active,
    connect(userId, at) {
      active.set(
        userId,
        activityFacts(
          [
            {
              id: "c",
              deviceId: "d",
              deviceKind: "desktop",
              focused: false,
              visible: true,
              view: {},
              lastActivityAt: at,
              permission: "granted",
            },
          ],
          {},
          { autoAway: true, idleSeconds: 60 },
        ),
      );
    },
    async subscribe(u, deviceKind = "mobile") {
      const sub = peer.subscribe();
      const r = await h.app.inject({
        method: "POST",
        url: "/api/v1/push/subscriptions",
        headers: u.h,
        payload: { deviceId: `dev-${sub.id}`, deviceKind, endpoint: sub.endpoint, keys: sub.keys },
      });
      if (r.statusCode !== 201) throw new Error(`subscribe: ${r.statusCode} ${r.body}`);
      return { ...sub, dbId: r.json().id as string };
    },
    async room(owner, members, kind = "channel") {
      const r = await h.app.inject({
        method: "POST",
        url: "/api/v1/rooms",
        headers: owner.h,
        payload: {
          kind,
          name: `room${Math.random().toString(36).slice(2, 8)}`,
          memberIds: members.map((m) => m.id),
        },
      });
      if (r.statusCode !== 201) throw new Error(`room: ${r.statusCode} ${r.body}`);
      return r.json().room.id as string;
    },
    async post(u, roomId, text) {
      const r = await h.app.inject({
        method: "POST",
        url: `/api/v1/rooms/${roomId}/messages`,
        headers: u.h,
        payload: { text },
      });
      if (r.statusCode !== 200 && r.statusCode !== 201) throw new Error(`post: ${r.statusCode} ${r.body}`);
      return r.json().message.id as string;
    },
    async keywords(u, words) {
      const r = await h.app.inject({
        method: "PUT",
        url: "/api/v1/me/preferences",
        headers: u.h,
        payload: { keywords: words },
      });
      if (r.statusCode !== 200) throw new Error(`keywords: ${r.statusCode} ${r.body}`);
    },
    async dueAt(userId, kind) {
      let q = h.services.store.db.selectFrom("deliveries");
      if (kind) q = q.where("kind", "=", kind);
      const r = await q
        .select((eb) => eb.fn.min("due_at").as("due"))
        .where("user_id", "=", userId)
        .where("state", "=", "pending")
        .executeTakeFirst();
      return r?.due == null ? null : Number(r.due);
    },
    pushesFor(sub) {
      return peer
        .receivedFor(sub.id)
        .map((p) => p.json as { type: string; id?: string; count?: number; trigger?: string });
    },
    async close() {
      await s.stop();
      await s.ctx.channels.close();
      await peer.stop();
      await h.close();
    },
  };
}
