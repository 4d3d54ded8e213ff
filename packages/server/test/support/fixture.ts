// Support test fixture: a harness with captured realtime frames and deliveries, agents whose presence the test
// sets (online / offline), and small API helpers.
import type { ActivityFacts } from "@herald/core";
import type { LightMyRequestResponse } from "fastify";
import type { CallDelivery, RealtimeFrame, SupportDelivery } from "../../src/support/ports.ts";
import { setSupportPorts } from "../../src/support/ports.ts";
import type { Harness, TestUser } from "../http/harness.ts";
import { harness } from "../http/harness.ts";

export type Method = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";

export interface SupportFixture {
  h: Harness;
  frames: { userId: string; frame: RealtimeFrame }[];
  supportDeliveries: SupportDelivery[];
  callDeliveries: CallDelivery[];
  online: Set<string>;
  api(u: TestUser, method: Method, url: string, payload?: object): Promise<LightMyRequestResponse>;
  widget(
    method: Method,
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ): Promise<LightMyRequestResponse>;
  framesFor(userId: string, t?: string): RealtimeFrame[];
}

export async function supportFixture(opts: { pg?: boolean } = {}): Promise<SupportFixture> {
  const h = await harness(opts);
  const frames: SupportFixture["frames"] = [];
  const supportDeliveries: SupportDelivery[] = [];
  const callDeliveries: CallDelivery[] = [];
  const online = new Set<string>();
  setSupportPorts(h.services, {
    realtime: { sendToUser: async (userId, frame) => void frames.push({ userId, frame }) },
    deliveries: {
      enqueueSupport: async (_trx, d) => void supportDeliveries.push(d),
      enqueueCall: async (_trx, d) => void callDeliveries.push(d),
    },
  });
  h.services.explainSources.activity = async (userId, prefs, manual = "auto") => {
    if (!online.has(userId)) return null;
    const facts: ActivityFacts = {
      hasDesktopConnection: true,
      lastActivityAt: h.clock.now(),
      lastAnyActivityAt: h.clock.now(),
      desktopGoneAt: null,
      lockedSince: null,
      hasAnyConnection: true,
      anyGoneAt: null,
      autoAway: prefs.autoAway,
      idleSeconds: prefs.idleSeconds,
      manual,
    };
    return facts;
  };
  return {
    h,
    frames,
    supportDeliveries,
    callDeliveries,
    online,
    api: (u, method, url, payload) =>
      h.app.inject({ method, url: `/api/v1${url}`, headers: u.h, ...(payload ? { payload } : {}) }),
    widget: (method, url, headers, payload) =>
      h.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) }),
    framesFor: (userId, t) =>
      frames.filter((f) => f.userId === userId && (!t || f.frame.t === t)).map((f) => f.frame),
  };
}
