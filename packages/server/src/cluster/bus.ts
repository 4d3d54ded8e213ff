// The Bus port: after-commit domain events travel between server roles and nodes on it.
// Two adapters: in-process (the embedded default) and Redis pub/sub (one subscriber connection per node).
import { Redis } from "ioredis";

export type BusHandler = (payload: unknown) => void;

export interface Bus {
  /** Delivers `payload` to every subscriber of `topic` on every node, in publish order per publisher. */
  publish(topic: string, payload: unknown): Promise<void>;
  /** Returns an unsubscribe function. Resolves once the subscription is active cluster-wide. */
  subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** In-process bus. Delivery is asynchronous (a microtask later), like a real bus, so callers never rely on
 *  a handler having run inside `publish`. Payloads are cloned through JSON so no adapter shares objects. */
export class InProcessBus implements Bus {
  readonly #handlers = new Map<string, Set<BusHandler>>();

  async publish(topic: string, payload: unknown): Promise<void> {
    const text = JSON.stringify(payload);
    const set = this.#handlers.get(topic);
    if (!set || set.size === 0) return;
    const targets = [...set];
    queueMicrotask(() => {
      for (const handler of targets) handler(JSON.parse(text));
    });
  }

  async subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>> {
    let set = this.#handlers.get(topic);
    if (!set) {
      set = new Set();
      this.#handlers.set(topic, set);
    }
    set.add(handler);
    return async () => {
      set.delete(handler);
    };
  }

  async close(): Promise<void> {
    this.#handlers.clear();
  }
}

export interface RedisBusOptions {
  url?: string;
  /** Channel prefix, so several Herald installs (or parallel tests) can share one Redis. */
  prefix?: string;
}

/** Redis pub/sub bus: one connection publishes, one is in subscriber mode. */
export class RedisBus implements Bus {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #prefix: string;
  readonly #handlers = new Map<string, Set<BusHandler>>();

  constructor(options: RedisBusOptions = {}) {
    const url = options.url ?? "redis://127.0.0.1:6379";
    this.#prefix = options.prefix ?? "herald:bus:";
    this.#pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.#sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.#sub.on("message", (channel: string, message: string) => this.#deliver(channel, message));
  }

  async connect(): Promise<void> {
    await Promise.all([this.#pub.connect(), this.#sub.connect()]);
  }

  #deliver(channel: string, message: string): void {
    const set = this.#handlers.get(channel.slice(this.#prefix.length));
    if (!set) return;
    for (const handler of [...set]) handler(JSON.parse(message));
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    await this.#pub.publish(this.#prefix + topic, JSON.stringify(payload));
  }

  async subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>> {
    let set = this.#handlers.get(topic);
    if (!set) {
      set = new Set();
      this.#handlers.set(topic, set);
      await this.#sub.subscribe(this.#prefix + topic);
    }
    set.add(handler);
    return async () => {
      set.delete(handler);
      if (set.size === 0 && this.#handlers.get(topic) === set) {
        this.#handlers.delete(topic);
        await this.#sub.unsubscribe(this.#prefix + topic);
      }
    };
  }

  async close(): Promise<void> {
    this.#handlers.clear();
    this.#pub.disconnect();
    this.#sub.disconnect();
  }
}
