// Builds a gateway on in-process adapters, a ManualClock and a MemoryStore.
import { InProcessBus } from "../../../src/cluster/bus.ts";
import { InProcessPresenceStore } from "../../../src/cluster/presence.ts";
import type { GatewayEvent } from "../../../src/gateway/events.ts";
import { Gateway } from "../../../src/gateway/gateway.ts";
import { ManualClock } from "../../../src/gateway/manual-clock.ts";
import type { DecisionRecord } from "../../../src/gateway/ports.ts";
import type { RateLimits } from "../../../src/gateway/rate-limit.ts";
import { MemoryStore } from "./memory-store.ts";
import { TestSocketPair } from "./socket-pair.ts";

export interface Harness {
  clock: ManualClock;
  store: MemoryStore;
  bus: InProcessBus;
  presenceStore: InProcessPresenceStore;
  gateway: Gateway;
  records: DecisionRecord[];
  busEvents: { topic: string; payload: Record<string, unknown> }[];
  errors: unknown[];
  connect(
    userId: string,
    hello?: Record<string, unknown>,
    auth?: { sessionId?: string; tokenId?: string },
  ): Promise<TestSocketPair>;
  publish(payload: GatewayEvent): Promise<void>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function makeHarness(
  options: { limits?: RateLimits; coreFacts?: boolean; store?: MemoryStore; clock?: ManualClock } = {},
): Promise<Harness> {
  // A given store (and clock) stand for the database surviving a gateway restart.
  const clock = options.clock ?? new ManualClock();
  const store = options.store ?? new MemoryStore({ coreFacts: options.coreFacts });
  const bus = new InProcessBus();
  const presenceStore = new InProcessPresenceStore(clock);
  const records: DecisionRecord[] = [];
  const errors: unknown[] = [];
  const gateway = new Gateway({
    nodeId: "node-1",
    store,
    bus,
    presenceStore,
    clock,
    timer: clock,
    recorder: { record: (r) => records.push(r) },
    limits: options.limits,
    onError: (e) => errors.push(e),
  });
  await gateway.start();
  const busEvents: Harness["busEvents"] = [];
  for (const topic of ["user.inactive", "user.offline", "user.active"]) {
    await bus.subscribe(topic, (payload) =>
      busEvents.push({ topic, payload: payload as Record<string, unknown> }),
    );
  }
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      await gateway.idle();
    }
  };
  const h: Harness = {
    clock,
    store,
    bus,
    presenceStore,
    gateway,
    records,
    busEvents,
    errors,
    settle,
    async connect(userId, hello = {}, auth = {}) {
      const pair = new TestSocketPair(gateway, userId, auth);
      pair.send({
        t: "hello",
        deviceId: `${userId}-dev`,
        deviceKind: "web",
        permission: "granted",
        focused: false,
        visible: true,
        ...hello,
      });
      pair.flushToServer();
      await settle();
      return pair;
    },
    async publish(payload) {
      await bus.publish(payload.type, payload);
      await settle();
    },
    async close() {
      await gateway.stop();
      await bus.close();
      await presenceStore.close();
    },
  };
  return h;
}
