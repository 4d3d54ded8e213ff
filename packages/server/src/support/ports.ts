// Ports the support and call services need from other parts, with embedded defaults:
// - realtime: per-user frames (pending.start/stop, ring.start/stop, notify) on the cluster bus's `user.event`
//   topic, which every gateway node delivers to that user's devices (Gateway.sendToUser does the same);
// - deliveries: push/email handed to the scheduler's outbox (jobs/api.ts);
// - timer: server-side timeouts (CAL-2's 30 s), so tests step time with a ManualClock.
// Override per Services object with setSupportPorts (tests, or a role module that has better adapters).
import type { SupportEventType } from "@herald/core";
import { clusterFor } from "../cluster/factory.ts";
import type { UserFrame } from "../gateway/events.ts";
import { systemClock } from "../gateway/manual-clock.ts";
import type { Timer } from "../gateway/ports.ts";
import { enqueueCallPush, enqueueSupportDelivery } from "../jobs/api.ts";
import type { Services } from "../services.ts";
import type { Tx } from "../store/db.ts";

/** The per-user frames support and calls send (declared with the rest of the wire protocol in core). */
export type RealtimeFrame = UserFrame;

export interface RealtimePort {
  sendToUser(userId: string, frame: RealtimeFrame): Promise<void>;
}

export interface SupportDelivery {
  userId: string;
  /** Unique per (event, user): the scheduler's idempotency key. */
  eventId: string;
  eventType: SupportEventType;
  conversationId: string;
  inboxId: string;
  /** The in-app item: SUP-9 / EML-8 drop the push/email once it is read. */
  notificationId: string;
  channels: ("push" | "email")[];
  /** When the scheduler should first look (the agent's inactivity moment, or now). */
  dueAt: number;
  title: string;
  body: string;
}

export interface CallDelivery {
  userId: string;
  callId: string;
  roomId: string;
  callerId: string;
  callerName: string;
}

/** Push/email for support events and calls, written inside the caller's transaction (outbox). */
export interface DeliveryPort {
  enqueueSupport(trx: Tx, d: SupportDelivery): Promise<void>;
  /** CAL-1: push to mobile devices at once, no inactivity wait. */
  enqueueCall(trx: Tx, d: CallDelivery): Promise<void>;
}

export interface SupportPorts {
  realtime: RealtimePort;
  deliveries: DeliveryPort;
  timer: Timer;
}

const overrides = new WeakMap<Services, Partial<SupportPorts>>();

export function setSupportPorts(services: Services, ports: Partial<SupportPorts>): void {
  overrides.set(services, { ...overrides.get(services), ...ports });
}

/** Calls and support push/email go to the scheduler's outbox (jobs/api.ts), in the caller's transaction. */
export function jobsDeliveries(services: Services): DeliveryPort {
  return {
    enqueueSupport: (trx, d) => enqueueSupportDelivery(trx, d, services.clock.now()),
    enqueueCall: async (trx, d) =>
      enqueueCallPush(
        trx,
        {
          callId: d.callId,
          roomId: d.roomId,
          userId: d.userId,
          from: { id: d.callerId, name: d.callerName },
        },
        services.clock.now(),
      ),
  };
}

export function busRealtime(services: Services): RealtimePort {
  return {
    async sendToUser(userId, frame) {
      const p = clusterFor(services, services.config.redisUrl, services.clock, services.config.redisPrefix);
      await p.ready;
      await p.bus.publish("user.event", { type: "user.event", userId, event: frame });
    },
  };
}

function isTimer(x: unknown): x is Timer {
  const t = x as Partial<Timer>;
  return typeof t.setTimeout === "function" && typeof t.clearTimeout === "function";
}

export function supportPorts(services: Services): SupportPorts {
  const o = overrides.get(services) ?? {};
  return {
    realtime: o.realtime ?? busRealtime(services),
    deliveries: o.deliveries ?? jobsDeliveries(services),
    // A clock that is also a timer (the gateway's ManualClock in tests) steps both together.
    timer: o.timer ?? (isTimer(services.clock) ? services.clock : systemClock),
  };
}

/** Sends frames after commit; a failed send is logged, never undoes the committed change. */
export async function sendAll(
  services: Services,
  frames: { userId: string; frame: RealtimeFrame }[],
): Promise<void> {
  const rt = supportPorts(services).realtime;
  for (const f of frames) {
    try {
      await rt.sendToUser(f.userId, f.frame);
    } catch (err) {
      services.log.error({ err, userId: f.userId, t: f.frame.t }, "realtime send failed");
    }
  }
}
