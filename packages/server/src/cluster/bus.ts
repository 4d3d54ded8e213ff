// The Bus port: after-commit domain events travel between server roles and nodes on it.
// Two adapters: in-process (the embedded default) and Redis pub/sub (one subscriber connection per node).
import { Redis } from "ioredis";
import { connectWhenUp, watchRedis } from "./redis-up.ts";

export type BusHandler = (payload: unknown) => void;

export interface Bus {
  /** Delivers `payload` to every subscriber of `topic` on every node, in publish order per publisher. */
  publish(topic: string, payload: unknown): Promise<void>;
  /** Returns an unsubscribe function. Resolves once the subscription is active cluster-wide. */
  subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>>;
  /** Calls `fn` each time this node's subscription came back after a loss: events may have passed meanwhile. */
  onResubscribed?(fn: () => void): void;
  close(): Promise<void>;
}

/** In-process bus. Delivery is asynchronous (a microtask later), like a real bus, so callers never rely on
 *  a handler having run inside `publish`. Payloads are cloned through JSON so no adapter shares objects. */
export class InProcessBus implements Bus {
  readonly #handlers = new Map<string, Set<BusHandler>>();

  async publish(topic: string, payload: unknown): Promise<void> {
    const set = this.#handlers.get(topic);
    if (!set || set.size === 0) return;
    const text = JSON.stringify(payload);
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

/** Events kept while Redis is away, oldest dropped past this (a node's memory stays bounded). */
export const UNSENT_MAX = 10_000;

/**
 * How long a publish waits for Redis's answer before its caller (a post being answered) goes on. A command on
 * its way when the connection drops is neither answered nor failed by ioredis (its retry limit does not reach
 * it): ioredis sends it again once it has reconnected. So the caller stops waiting, and the event is not kept
 * a second time here, which would publish it twice; should ioredis fail it later, it is kept then.
 */
export const PUBLISH_ANSWER_WAIT_MS = 1000;

/**
 * Redis pub/sub bus: one connection publishes, one is in subscriber mode. Pub/sub forgets what it could not
 * carry, so an outage is covered from both ends: an event published while Redis is away is kept (in order,
 * bounded) and published once it answers, and a node whose subscription was lost hears `onResubscribed`
 * (the gateway then has its clients resume from the store).
 */
export class RedisBus implements Bus {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #prefix: string;
  readonly #handlers = new Map<string, Set<BusHandler>>();
  readonly #unsent: [string, string][] = [];
  readonly #resubscribed = new Set<() => void>();
  #subLost = false;
  #flushing = false;

  constructor(options: RedisBusOptions = {}) {
    const url = options.url ?? "redis://127.0.0.1:6379";
    this.#prefix = options.prefix ?? "herald:bus:";
    // No offline queue: a publish while Redis is away fails at once (kept in #unsent) instead of holding the
    // request that published it through ioredis's retries.
    this.#pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false });
    this.#sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.#sub.on("message", (channel: string, message: string) => this.#deliver(channel, message));
    this.#pub.on("ready", () => void this.#flush());
    this.#sub.on("close", () => {
      if (this.#sub.status !== "end") this.#subLost = true;
    });
    // ioredis subscribes again before "ready" (autoResubscribe).
    this.#sub.on("ready", () => {
      if (!this.#subLost) return;
      this.#subLost = false;
      for (const fn of this.#resubscribed) fn();
    });
    watchRedis(this.#pub, url);
    watchRedis(this.#sub, url);
  }

  onResubscribed(fn: () => void): void {
    this.#resubscribed.add(fn);
  }

  async connect(): Promise<void> {
    await Promise.all([connectWhenUp(this.#pub), connectWhenUp(this.#sub)]);
  }

  #deliver(channel: string, message: string): void {
    const set = this.#handlers.get(channel.slice(this.#prefix.length));
    if (!set) return;
    for (const handler of [...set]) handler(JSON.parse(message));
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    const msg: [string, string] = [this.#prefix + topic, JSON.stringify(payload)];
    // Behind what is still kept, so one node's events stay in order.
    if (this.#unsent.length > 0) {
      this.#keep(msg);
      return;
    }
    // Refused (Redis is away): kept and published when it answers.
    const answered = this.#pub.publish(msg[0], msg[1]).then(
      () => {},
      () => this.#keep(msg),
    );
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, PUBLISH_ANSWER_WAIT_MS);
      timer.unref();
      void answered.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  #keep(msg: [string, string]): void {
    this.#unsent.push(msg);
    if (this.#unsent.length > UNSENT_MAX) this.#unsent.shift();
    if (this.#pub.status === "ready") void this.#flush();
  }

  async #flush(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      while (this.#unsent.length > 0) {
        const [channel, message] = this.#unsent[0];
        await this.#pub.publish(channel, message);
        this.#unsent.shift();
      }
    } catch {
      // Away again: the next "ready" goes on from here.
    } finally {
      this.#flushing = false;
    }
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
