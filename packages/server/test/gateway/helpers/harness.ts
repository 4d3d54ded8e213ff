// Builds a gateway on in-process adapters, a ManualClock and a MemoryStore (or any GatewayStore: the fuzz runs
// it on the production SQL store).
import { InProcessBus } from "../../../src/cluster/bus.ts";
import { InProcessPresenceStore, type PresenceStore } from "../../../src/cluster/presence.ts";
import type { GatewayEvent } from "../../../src/gateway/events.ts";
import { Gateway } from "../../../src/gateway/gateway.ts";
import { ManualClock } from "../../../src/gateway/manual-clock.ts";
import type { DecisionRecord, GatewayStore } from "../../../src/gateway/ports.ts";
import type { RateLimits } from "../../../src/gateway/rate-limit.ts";
import { MemoryStore } from "./memory-store.ts";
import { TestSocketPair } from "./socket-pair.ts";

export interface Harness<S extends GatewayStore = MemoryStore> {
  clock: ManualClock;
  store: S;
  bus: InProcessBus;
  presenceStore: PresenceStore;
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

export async function makeHarness<S extends GatewayStore = MemoryStore>(
  options: {
    limits?: RateLimits;
    store?: S;
    /** A bus that outlives this gateway (a restart: the next gateway subscribes to the same one). */
    bus?: InProcessBus;
    clock?: ManualClock;
    /** A shared Presence port (another node, or the one that outlives a gateway restart). */
    presenceStore?: PresenceStore;
    nodeId?: string;
    openDirectory?: boolean;
  } = {},
): Promise<Harness<S>> {
  // A given store (and clock) stand for the database surviving a gateway restart.
  const clock = options.clock ?? new ManualClock();
  const store = options.store ?? (new MemoryStore() as GatewayStore as S);
  const bus = options.bus ?? new InProcessBus();
  const presenceStore = options.presenceStore ?? new InProcessPresenceStore(clock);
  const records: DecisionRecord[] = [];
  const errors: unknown[] = [];
  const gateway = new Gateway({
    nodeId: options.nodeId ?? "node-1",
    store,
    bus,
    presenceStore,
    clock,
    timer: clock,
    recorder: { record: (r) => records.push(r) },
    limits: options.limits,
    openDirectory: options.openDirectory,
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
  const h: Harness<S> = {
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
      // The hello is answered outside the event queue: on a real database it takes a few round trips.
      // Wait for its first write (ready, or a close), so the test goes on with a started session.
      for (let i = 0; i < 5000 && !pair.closed && pair.pendingToClient() === 0; i++)
        await new Promise((r) => setTimeout(r, 1));
      await settle();
      return pair;
    },
    async publish(payload) {
      await bus.publish(payload.type, payload);
      await settle();
    },
    async close() {
      await gateway.stop();
      if (!options.bus) await bus.close();
      if (!options.presenceStore) await presenceStore.close();
    },
  };
  return h;
}
