// Tone names (kept equal to packages/core's MESSAGE_TONES / RING_TONES; a test
// checks it) and their synthesis recipes: oscillators + envelopes, no files.

export const MESSAGE_TONES = ["chime", "ding", "pop", "marimba", "bell", "glass"] as const;
export type MessageTone = (typeof MESSAGE_TONES)[number];
export const RING_TONES = ["classic", "digital", "soft"] as const;
export type RingTone = (typeof RING_TONES)[number];
export type ToneName = MessageTone | RingTone;

export interface ToneNote {
  /** Frequency in Hz; `to` glides to a second frequency. */
  f: number;
  to?: number;
  /** Start and duration in seconds from the start of the tone. */
  at: number;
  dur: number;
  wave: OscillatorType;
  /** Peak gain 0–1 before the volume setting. */
  gain: number;
}

export interface ToneRecipe {
  notes: ToneNote[];
  /** Loop period in seconds (tone + pause). */
  period: number;
}

const n = (
  f: number,
  at: number,
  dur: number,
  gain = 0.5,
  wave: OscillatorType = "sine",
  to?: number,
): ToneNote => ({
  f,
  at,
  dur,
  gain,
  wave,
  to,
});

function repeat(notes: ToneNote[], times: number, every: number): ToneNote[] {
  const out: ToneNote[] = [];
  for (let i = 0; i < times; i++) for (const x of notes) out.push({ ...x, at: x.at + i * every });
  return out;
}

export const TONES: Record<ToneName, ToneRecipe> = {
  chime: { notes: [n(880, 0, 0.6, 0.4), n(1318.5, 0.12, 0.9, 0.35)], period: 2 },
  ding: { notes: [n(1046.5, 0, 0.9, 0.5, "triangle"), n(2093, 0, 0.4, 0.12)], period: 2 },
  pop: { notes: [n(620, 0, 0.09, 0.6, "sine", 180)], period: 1.5 },
  marimba: {
    notes: [
      n(523.25, 0, 0.22, 0.5, "triangle"),
      n(659.25, 0.1, 0.22, 0.45, "triangle"),
      n(783.99, 0.2, 0.35, 0.45),
    ],
    period: 2,
  },
  bell: { notes: [n(784, 0, 1.6, 0.4), n(1568, 0, 1.1, 0.18), n(2352, 0, 0.7, 0.08)], period: 2.5 },
  glass: { notes: [n(1760, 0, 0.5, 0.3), n(2637, 0.06, 0.45, 0.2)], period: 2 },
  // Rings loop: each period is one ring cycle.
  classic: { notes: repeat([n(440, 0, 0.38, 0.3), n(480, 0, 0.38, 0.3)], 2, 0.5), period: 3 },
  digital: { notes: repeat([n(1400, 0, 0.09, 0.18, "square")], 4, 0.16), period: 2 },
  soft: {
    notes: [n(523.25, 0, 0.5, 0.35), n(659.25, 0.25, 0.5, 0.3), n(783.99, 0.5, 0.8, 0.3)],
    period: 2.5,
  },
};

export function isToneName(x: unknown): x is ToneName {
  return typeof x === "string" && Object.hasOwn(TONES, x);
}
