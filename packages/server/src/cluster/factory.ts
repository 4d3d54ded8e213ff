// One Bus and one Presence store per server process, shared by every role module of that process: in-process
// by default, Redis when REDIS_URL is set (required once api, gateway and worker run as separate processes).
import { randomUUID } from "node:crypto";
import type { Clock } from "../gateway/ports.ts";
import { type Bus, InProcessBus, RedisBus } from "./bus.ts";
import { InProcessPresenceStore, type PresenceStore, RedisPresenceStore } from "./presence.ts";

export interface ClusterPorts {
  nodeId: string;
  bus: Bus;
  presence: PresenceStore;
  ready: Promise<void>;
  close(): Promise<void>;
}

const perProcess = new WeakMap<object, ClusterPorts>();

/** Memoized on `owner` (the process's Services object) so api hooks and the gateway share one bus. */
export function clusterFor(
  owner: object,
  redisUrl: string | null,
  clock: Clock,
  prefix = "herald:",
): ClusterPorts {
  const have = perProcess.get(owner);
  if (have) return have;
  let ports: ClusterPorts;
  if (redisUrl) {
    const bus = new RedisBus({ url: redisUrl, prefix: `${prefix}bus:` });
    const presence = new RedisPresenceStore(clock, { url: redisUrl, prefix: `${prefix}presence:` });
    ports = {
      nodeId: randomUUID(),
      bus,
      presence,
      ready: Promise.all([bus.connect(), presence.connect()]).then(() => undefined),
      close: async () => {
        await bus.close();
        await presence.close();
      },
    };
  } else {
    const bus = new InProcessBus();
    const presence = new InProcessPresenceStore(clock);
    ports = {
      nodeId: "local",
      bus,
      presence,
      ready: Promise.resolve(),
      close: async () => {
        await bus.close();
        await presence.close();
      },
    };
  }
  perProcess.set(owner, ports);
  return ports;
}
