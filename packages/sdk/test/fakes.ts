// Small fakes of the browser APIs the SDK talks to; shared by the SDK tests.
import type { AudioContextLike, GainLike, OscillatorLike } from "../src/sounds.ts";
import type { KeyValueStore, Timers } from "../src/types.ts";

/** Timers stepped by hand: advance(ms) runs every due callback in time order. */
export class FakeTimers implements Timers {
  time = 1_700_000_000_000;
  private seq = 0;
  private readonly tasks = new Map<number, { at: number; fn: () => void; every: number | null }>();

  now = (): number => this.time;
  setTimeout = (fn: () => void, ms: number): unknown => this.add(fn, ms, null);
  setInterval = (fn: () => void, ms: number): unknown => this.add(fn, ms, ms);
  clearTimeout = (h: unknown): void => void this.tasks.delete(h as number);
  clearInterval = (h: unknown): void => void this.tasks.delete(h as number);

  private add(fn: () => void, ms: number, every: number | null): number {
    const id = ++this.seq;
    this.tasks.set(id, { at: this.time + Math.max(0, ms), fn, every });
    return id;
  }

  pending(): number {
    return this.tasks.size;
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void; every: number | null }] | null = null;
      for (const e of this.tasks) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      const [id, task] = next;
      this.time = task.at;
      if (task.every === null) this.tasks.delete(id);
      else task.at += task.every;
      task.fn();
    }
    this.time = end;
  }
}

export function fakeStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

/** Notification API fake: records every banner; `permission` is settable. */
export function fakeNotificationApi(permission: NotificationPermission = "granted") {
  const shown: FakeNotification[] = [];
  class FakeNotification {
    static permission: NotificationPermission = permission;
    static requestResult: NotificationPermission = "granted";
    static requests = 0;
    static requestPermission(): Promise<NotificationPermission> {
      FakeNotification.requests++;
      FakeNotification.permission = FakeNotification.requestResult;
      return Promise.resolve(FakeNotification.requestResult);
    }
    readonly title: string;
    readonly options: NotificationOptions;
    closed = false;
    onclick: ((ev: unknown) => void) | null = null;
    onclose: ((ev: unknown) => void) | null = null;
    constructor(title: string, options: NotificationOptions = {}) {
      this.title = title;
      this.options = options;
      shown.push(this);
    }
    close(): void {
      if (this.closed) return;
      this.closed = true;
      this.onclose?.({});
    }
  }
  return { Notification: FakeNotification, shown };
}

/** A shared fake of navigator.locks: one holder per name, waiters in order. */
export class FakeLocks {
  private readonly held = new Map<string, boolean>();
  private readonly queue = new Map<string, (() => void)[]>();
  request(
    name: string,
    _o: { mode: "exclusive" },
    cb: (lock: unknown) => Promise<unknown>,
  ): Promise<unknown> {
    return new Promise((resolve) => {
      const run = () => {
        this.held.set(name, true);
        cb({ name }).then((v) => {
          this.held.set(name, false);
          this.queue.get(name)?.shift()?.();
          resolve(v);
        });
      };
      if (!this.held.get(name)) run();
      else this.queue.set(name, [...(this.queue.get(name) ?? []), run]);
    });
  }
}

/** BroadcastChannel fake: every channel of a bus receives the others' messages, synchronously. */
export class FakeBus {
  private readonly members = new Set<FakeChannel>();
  channel(): FakeChannel {
    const c = new FakeChannel(this.members);
    this.members.add(c);
    return c;
  }
}
export class FakeChannel {
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  private readonly members: Set<FakeChannel>;
  constructor(members: Set<FakeChannel>) {
    this.members = members;
  }
  postMessage(data: unknown): void {
    for (const m of this.members) if (m !== this) m.onmessage?.({ data: structuredClone(data) });
  }
  close(): void {
    this.members.delete(this);
  }
}

/** Web Audio fake: records oscillators, their start/stop and the handle gains. */
export class FakeAudioContext implements AudioContextLike {
  currentTime = 0;
  state = "running";
  readonly destination = { kind: "destination" };
  oscillators: (OscillatorLike & { started: number; freq: number })[] = [];
  gains: (GainLike & { connectedTo: unknown[]; disconnected: boolean })[] = [];
  resumes = 0;
  resume(): Promise<void> {
    this.resumes++;
    return Promise.resolve();
  }
  createOscillator(): OscillatorLike {
    const osc = {
      type: "sine" as OscillatorType,
      started: -1,
      freq: 0,
      frequency: param((v) => {
        osc.freq = v;
      }),
      connect: () => undefined,
      disconnect: () => undefined,
      start: (t?: number) => {
        osc.started = t ?? 0;
      },
      stop: () => undefined,
    };
    this.oscillators.push(osc);
    return osc;
  }
  createGain(): GainLike {
    const g = {
      gain: param(),
      connectedTo: [] as unknown[],
      disconnected: false,
      connect: (d: unknown) => void g.connectedTo.push(d),
      disconnect: () => {
        g.disconnected = true;
      },
    };
    this.gains.push(g);
    return g;
  }
  /** Gains wired straight to the speakers: one per playing handle. */
  outputs() {
    return this.gains.filter((g) => g.connectedTo.includes(this.destination));
  }
}

function param(onSet?: (v: number) => void) {
  const p = {
    value: 1,
    setValueAtTime: (v: number) => {
      p.value = v;
      onSet?.(v);
      return p;
    },
    linearRampToValueAtTime: () => p,
    exponentialRampToValueAtTime: () => p,
  };
  return p;
}

/** Flush pending promise callbacks. */
export const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
