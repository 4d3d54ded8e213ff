// A Clock + Timer that only moves when told: tests step time and timers fire in due order.
import type { Clock, Timer, TimerHandle } from "./ports.ts";

interface Pending {
  id: number;
  at: number;
  fn: () => void;
}

export class ManualClock implements Clock, Timer {
  #now: number;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.#nextId++;
    this.#pending.set(id, { id, at: this.#now + Math.max(0, ms), fn });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.#pending.delete((handle as { id: number }).id);
  }

  /** Moves time forward by `ms`, firing due timers in (time, creation) order, each at its own instant. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      let next: Pending | undefined;
      for (const p of this.#pending.values()) {
        if (p.at <= end && (!next || p.at < next.at || (p.at === next.at && p.id < next.id))) next = p;
      }
      if (!next) break;
      this.#pending.delete(next.id);
      this.#now = Math.max(this.#now, next.at);
      next.fn();
    }
    this.#now = end;
  }

  pendingCount(): number {
    return this.#pending.size;
  }
}

/** The real clock and timers. */
export const systemClock: Clock & Timer = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
