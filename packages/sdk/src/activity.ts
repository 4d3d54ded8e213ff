// Activity / focus / visibility tracking: `activity` at most every 10 s on user
// input, `state` on focus, blur, visibilitychange and view change, and the Idle
// Detection API (screen locked / user idle) where granted, for PRS-3.
// PRS-8: only input is activity — keys, pointer, wheel, touch (and the server
// counts the window gaining focus while visible). Connecting, reconnecting and
// page loads send none; `scroll` is left out because the app's own scrolling
// (loading a room, new messages) fires it without the user.
import type { ClientFrame, StateFrame, Timers, View } from "./types.ts";
import { realTimers } from "./types.ts";

export const ACTIVITY_EVERY_MS = 10_000;
export const INPUT_EVENTS = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart"];

interface Target {
  addEventListener(type: string, fn: () => void, opts?: unknown): void;
  removeEventListener(type: string, fn: () => void, opts?: unknown): void;
}
export interface ActivityEnv {
  window: Target;
  document: Target & { hasFocus(): boolean; readonly visibilityState: string };
}

/** Pure throttle: is an `activity` frame due? */
export function activityDue(lastSentAt: number | null, now: number, every = ACTIVITY_EVERY_MS): boolean {
  return lastSentAt === null || now - lastSentAt >= every;
}

export interface FocusState {
  focused: boolean;
  visible: boolean;
  view: View;
  locked: boolean;
  idle: boolean;
}

/** Pure: the `state` frame for a change, or null when nothing the server knows changed. */
export function stateDiff(prev: FocusState, next: FocusState): StateFrame | null {
  const f: StateFrame = { t: "state" };
  if (prev.focused !== next.focused) f.focused = next.focused;
  if (prev.visible !== next.visible) f.visible = next.visible;
  if (prev.view.roomId !== next.view.roomId || prev.view.threadId !== next.view.threadId) f.view = next.view;
  if (prev.locked !== next.locked) f.locked = next.locked;
  if (prev.idle !== next.idle) f.idle = next.idle;
  return Object.keys(f).length > 1 ? f : null;
}

export interface ActivityTrackerOptions {
  env: ActivityEnv;
  /** Returns false when the frame could not be sent (socket not open). */
  send: (frame: ClientFrame) => unknown;
  timers?: Timers;
}

export class ActivityTracker {
  state: FocusState;
  private readonly o: ActivityTrackerOptions;
  private readonly timers: Timers;
  private lastActivityAt: number | null = null;
  private readonly onInput = () => this.input();
  private readonly onFocusChange = () => this.refresh();
  private idleAbort: AbortController | null = null;
  private readonly listeners = new Set<(s: FocusState) => void>();

  constructor(options: ActivityTrackerOptions) {
    this.o = options;
    this.timers = options.timers ?? realTimers;
    this.state = { ...this.read(), view: {}, locked: false, idle: false };
  }

  start(): void {
    const { window: w, document: d } = this.o.env;
    for (const e of INPUT_EVENTS) w.addEventListener(e, this.onInput, { passive: true, capture: true });
    w.addEventListener("focus", this.onFocusChange);
    w.addEventListener("blur", this.onFocusChange);
    d.addEventListener("visibilitychange", this.onFocusChange);
  }

  stop(): void {
    const { window: w, document: d } = this.o.env;
    for (const e of INPUT_EVENTS) w.removeEventListener(e, this.onInput, { capture: true });
    w.removeEventListener("focus", this.onFocusChange);
    w.removeEventListener("blur", this.onFocusChange);
    d.removeEventListener("visibilitychange", this.onFocusChange);
    this.idleAbort?.abort();
    this.idleAbort = null;
  }

  onChange(fn: (s: FocusState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The app changed the room/thread on screen. */
  setView(view: View): void {
    this.update({ ...this.state, view: { ...view } });
  }

  /** Screen lock / system idle from the Idle Detection API, or from a desktop shell. */
  setIdle(locked: boolean, idle: boolean): void {
    this.update({ ...this.state, locked, idle });
  }

  /** Called on any input event; also usable by apps for input the SDK cannot see. */
  input(): void {
    const now = this.timers.now();
    if (this.state.idle || this.state.locked) this.setIdle(false, false);
    if (!activityDue(this.lastActivityAt, now)) return;
    // Input while the socket is down is not throttled away: the next input after it reopens is reported.
    if (this.o.send({ t: "activity" }) !== false) this.lastActivityAt = now;
  }

  refresh(): void {
    this.update({ ...this.state, ...this.read() });
  }

  /**
   * Starts the Idle Detection API if permission is granted (Chromium only). Pass
   * `request: true` only from a click: the permission prompt needs a user gesture.
   */
  async startIdleDetection(request = false): Promise<"started" | "denied" | "unsupported"> {
    const Detector = (globalThis as { IdleDetector?: IdleDetectorCtor }).IdleDetector;
    if (!Detector) return "unsupported";
    try {
      const perm = request ? await Detector.requestPermission() : await queryIdlePermission();
      if (perm !== "granted") return "denied";
      this.idleAbort?.abort();
      this.idleAbort = new AbortController();
      const detector = new Detector();
      detector.addEventListener("change", () =>
        this.setIdle(detector.screenState === "locked", detector.userState === "idle"),
      );
      // 60 s is the API's minimum threshold and PRF-13's minimum too.
      await detector.start({ threshold: 60_000, signal: this.idleAbort.signal });
      return "started";
    } catch {
      return "denied";
    }
  }

  private read(): { focused: boolean; visible: boolean } {
    const d = this.o.env.document;
    return { focused: d.hasFocus(), visible: d.visibilityState === "visible" };
  }

  private update(next: FocusState): void {
    const frame = stateDiff(this.state, next);
    this.state = next;
    if (!frame) return;
    this.o.send(frame);
    for (const fn of this.listeners) fn(next);
  }
}

interface IdleDetectorLike {
  readonly userState: "active" | "idle" | null;
  readonly screenState: "locked" | "unlocked" | null;
  addEventListener(type: "change", fn: () => void): void;
  start(o: { threshold: number; signal: AbortSignal }): Promise<void>;
}
interface IdleDetectorCtor {
  new (): IdleDetectorLike;
  requestPermission(): Promise<"granted" | "denied">;
}

async function queryIdlePermission(): Promise<string> {
  const perms = globalThis.navigator?.permissions;
  if (!perms) return "denied";
  const status = await perms.query({ name: "idle-detection" as PermissionName });
  return status.state;
}
