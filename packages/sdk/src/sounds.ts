// Sound player on Web Audio (PRF-8 … PRF-10, PRF-45, DSK-7): synthesized tones,
// volume 0–100, once or looped with a stop handle, autoplay-block detection.
import { TONES, type ToneName, type ToneRecipe } from "./tones.ts";
import type { Timers } from "./types.ts";
import { realTimers } from "./types.ts";

interface ParamLike {
  value: number;
  setValueAtTime(v: number, t: number): unknown;
  linearRampToValueAtTime(v: number, t: number): unknown;
  exponentialRampToValueAtTime(v: number, t: number): unknown;
}
interface NodeLike {
  connect(dest: unknown): unknown;
  disconnect(): void;
}
export interface OscillatorLike extends NodeLike {
  type: OscillatorType;
  frequency: ParamLike;
  start(when?: number): void;
  stop(when?: number): void;
}
export interface GainLike extends NodeLike {
  gain: ParamLike;
}
export interface AudioContextLike {
  readonly currentTime: number;
  readonly state: string;
  readonly destination: unknown;
  resume(): Promise<void>;
  createOscillator(): OscillatorLike;
  createGain(): GainLike;
}
interface GestureTarget {
  addEventListener(type: string, fn: () => void, opts?: unknown): void;
  removeEventListener(type: string, fn: () => void, opts?: unknown): void;
}

export interface SoundHandle {
  readonly tone: ToneName;
  readonly loop: boolean;
  isPlaying(): boolean;
  stop(): void;
}

export interface PlayOptions {
  volume?: number;
  loop?: boolean;
}

export interface SoundPlayerOptions {
  createContext?: () => AudioContextLike | null;
  timers?: Timers;
  /** Where a user gesture resumes a blocked context; default: document. */
  gestureTarget?: GestureTarget | null;
  /** Once per player: show "click to enable sound". */
  onAutoplayBlocked?: () => void;
  onAutoplayUnblocked?: () => void;
}

const GESTURES = ["pointerdown", "keydown", "touchstart"];

export class SoundPlayer {
  private readonly o: SoundPlayerOptions;
  private readonly timers: Timers;
  private ctx: AudioContextLike | null = null;
  private reportedBlocked = false;
  private unlockListener: (() => void) | null = null;
  private readonly active = new Set<SoundHandle>();

  constructor(options: SoundPlayerOptions = {}) {
    this.o = options;
    this.timers = options.timers ?? realTimers;
  }

  /** True while the browser keeps audio suspended (autoplay policy). */
  isBlocked(): boolean {
    return this.ctx !== null && this.ctx.state === "suspended";
  }

  play(tone: ToneName, options: PlayOptions = {}): SoundHandle {
    const loop = options.loop ?? false;
    const volume = clampVolume(options.volume ?? 100);
    const recipe = TONES[tone];
    const ctx = this.context();
    let playing = ctx !== null && volume > 0;
    let timer: unknown = null;
    let out: GainLike | null = null;
    const handle: SoundHandle = {
      tone,
      loop,
      isPlaying: () => playing,
      stop: () => {
        if (!playing) return;
        playing = false;
        if (timer !== null) this.timers.clearTimeout(timer);
        // Cutting the handle's own gain stops it at once (SUP-3: within 1 s).
        if (out && ctx) out.gain.setValueAtTime(0, ctx.currentTime);
        out?.disconnect();
        this.active.delete(handle);
      },
    };
    if (!playing || !ctx) return handle;
    out = ctx.createGain();
    out.gain.value = (volume / 100) ** 2; // perceived loudness is roughly quadratic
    out.connect(ctx.destination);
    this.active.add(handle);
    const cycle = () => {
      // While suspended, skip the notes: they would all burst out on resume.
      if (ctx.state !== "suspended" && out) schedule(ctx, out, recipe);
      if (!loop) {
        timer = this.timers.setTimeout(() => handle.stop(), recipe.period * 1000);
        return;
      }
      timer = this.timers.setTimeout(() => playing && cycle(), recipe.period * 1000);
    };
    cycle();
    return handle;
  }

  stopAll(): void {
    for (const h of [...this.active]) h.stop();
  }

  /** Call from a user gesture (e.g. the "enable sound" button or a test button). */
  unlock(): Promise<void> {
    const ctx = this.context();
    if (!ctx || ctx.state !== "suspended") return Promise.resolve();
    return ctx.resume().then(() => {
      if (ctx.state !== "suspended") {
        this.removeUnlockListener();
        this.o.onAutoplayUnblocked?.();
      }
    });
  }

  private context(): AudioContextLike | null {
    if (this.ctx) return this.ctx;
    const make = this.o.createContext ?? browserContext;
    this.ctx = make();
    if (this.ctx) {
      this.ctx.resume().catch(() => {});
      if (this.ctx.state === "suspended") this.blocked();
    }
    return this.ctx;
  }

  private blocked(): void {
    if (this.reportedBlocked) return;
    this.reportedBlocked = true;
    this.o.onAutoplayBlocked?.();
    const target = this.o.gestureTarget === undefined ? (globalThis.document ?? null) : this.o.gestureTarget;
    if (!target) return;
    this.unlockListener = () => void this.unlock();
    for (const g of GESTURES) target.addEventListener(g, this.unlockListener, { capture: true });
  }

  private removeUnlockListener(): void {
    const target = this.o.gestureTarget === undefined ? (globalThis.document ?? null) : this.o.gestureTarget;
    if (!target || !this.unlockListener) return;
    for (const g of GESTURES) target.removeEventListener(g, this.unlockListener, { capture: true });
    this.unlockListener = null;
  }
}

function schedule(ctx: AudioContextLike, out: GainLike, recipe: ToneRecipe): void {
  const t0 = ctx.currentTime + 0.02;
  for (const note of recipe.notes) {
    const osc = ctx.createOscillator();
    const env = ctx.createGain();
    const start = t0 + note.at;
    const end = start + note.dur;
    osc.type = note.wave;
    osc.frequency.setValueAtTime(note.f, start);
    if (note.to) osc.frequency.exponentialRampToValueAtTime(note.to, end);
    // Attack 10 ms, exponential decay: no clicks at either end.
    env.gain.setValueAtTime(0.0001, start);
    env.gain.linearRampToValueAtTime(note.gain, start + 0.01);
    env.gain.exponentialRampToValueAtTime(0.0001, end);
    osc.connect(env);
    env.connect(out);
    osc.start(start);
    osc.stop(end + 0.05);
  }
}

export function clampVolume(v: number): number {
  if (!Number.isFinite(v)) return 100;
  return Math.min(100, Math.max(0, Math.round(v)));
}

function browserContext(): AudioContextLike | null {
  const g = globalThis as {
    AudioContext?: new () => AudioContextLike;
    webkitAudioContext?: new () => AudioContextLike;
  };
  const C = g.AudioContext ?? g.webkitAudioContext;
  return C ? new C() : null;
}
