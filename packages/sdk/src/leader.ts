// One tab per device shows banners (DSK-3). Web Locks when present: the tab
// holding the lock leads, and the lock passes on when that tab closes. Else a
// BroadcastChannel heartbeat: the lowest tab id among live leaders wins.
import type { Timers } from "./types.ts";
import { realTimers } from "./types.ts";

export interface LockManagerLike {
  request(
    name: string,
    options: { mode: "exclusive" },
    cb: (lock: unknown) => Promise<unknown>,
  ): Promise<unknown>;
}
export interface ChannelLike {
  postMessage(msg: unknown): void;
  close(): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface TabLeader {
  isLeader(): boolean;
  onChange(fn: (leader: boolean) => void): () => void;
  stop(): void;
}

const LOCK_NAME = "herald-banner-leader";

export class LockLeader implements TabLeader {
  private leader = false;
  private release: (() => void) | null = null;
  private readonly listeners = new Set<(l: boolean) => void>();

  constructor(locks: LockManagerLike, name = LOCK_NAME) {
    locks
      .request(name, { mode: "exclusive" }, () => {
        this.set(true);
        // Hold the lock until stop(): the promise settles only then.
        return new Promise<void>((resolve) => {
          this.release = resolve;
        });
      })
      .catch(() => this.set(false));
  }

  isLeader(): boolean {
    return this.leader;
  }
  onChange(fn: (l: boolean) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  stop(): void {
    this.set(false);
    this.release?.();
    this.release = null;
  }
  private set(l: boolean): void {
    if (l === this.leader) return;
    this.leader = l;
    for (const fn of this.listeners) fn(l);
  }
}

type Beat = { type: "hb" | "bye"; id: string };

export interface ChannelLeaderOptions {
  channel: ChannelLike;
  id: string;
  timers?: Timers;
  beatMs?: number;
}

/** Fallback election over BroadcastChannel; ids compare as strings. */
export class ChannelLeader implements TabLeader {
  private leader = false;
  private readonly peers = new Map<string, number>(); // leader id → last heartbeat time
  private readonly listeners = new Set<(l: boolean) => void>();
  private readonly timer: unknown;
  private readonly o: Required<ChannelLeaderOptions>;

  constructor(options: ChannelLeaderOptions) {
    this.o = { timers: realTimers, beatMs: 1000, ...options };
    const started = this.o.timers.now();
    this.o.channel.onmessage = (ev) => this.receive(ev.data as Beat);
    this.timer = this.o.timers.setInterval(() => this.tick(started), this.o.beatMs);
  }

  isLeader(): boolean {
    return this.leader;
  }
  onChange(fn: (l: boolean) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  stop(): void {
    this.o.timers.clearInterval(this.timer);
    if (this.leader) this.o.channel.postMessage({ type: "bye", id: this.o.id } satisfies Beat);
    this.set(false);
    this.o.channel.close();
  }

  private receive(msg: Beat): void {
    if (!msg || typeof msg.id !== "string") return;
    if (msg.type === "bye") this.peers.delete(msg.id);
    else {
      this.peers.set(msg.id, this.o.timers.now());
      if (this.leader && msg.id < this.o.id) this.set(false);
    }
  }

  private tick(started: number): void {
    const now = this.o.timers.now();
    const deadline = 3 * this.o.beatMs;
    for (const [id, at] of this.peers) if (now - at > deadline) this.peers.delete(id);
    // Wait one beat after start so a running leader is heard before we claim.
    if (!this.leader && this.peers.size === 0 && now - started >= this.o.beatMs) this.set(true);
    if (this.leader) this.o.channel.postMessage({ type: "hb", id: this.o.id } satisfies Beat);
  }

  private set(l: boolean): void {
    if (l === this.leader) return;
    this.leader = l;
    for (const fn of this.listeners) fn(l);
  }
}

/** A tab alone (no Web Locks, no BroadcastChannel) always leads. */
export const soloLeader: TabLeader = { isLeader: () => true, onChange: () => () => {}, stop: () => {} };

export function browserLeader(id: string): TabLeader {
  const nav = globalThis.navigator as { locks?: LockManagerLike } | undefined;
  if (nav?.locks) return new LockLeader(nav.locks);
  if (typeof BroadcastChannel === "function") {
    return new ChannelLeader({
      channel: new BroadcastChannel("herald-leader") as unknown as ChannelLike,
      id,
    });
  }
  return soloLeader;
}
