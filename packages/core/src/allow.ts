// Lookup tables of the level rules (PRF-1/3/4, PRF-6, PRF-33) over a member's *set* of triggers (TRG-1):
// which channel allows at least one of them, which one each channel names, and the recipient's trigger.
import { F } from "./columns.ts";
import { BIT } from "./model.ts";
import { levelAllows } from "./preferences.ts";
import { LEVELS } from "./settings.ts";

/** Trigger-set bits: bit `1 << code` for each trigger code of TRIGGER_CODES (1 dm … 6 all). */
export const TS = { dm: 2, mention: 4, keyword: 8, thread: 16, group: 32, all: 64 } as const;
/** mention | keyword: the personal triggers of TRG-3. */
export const PERSONAL = TS.mention | TS.keyword;

/*
 * levelBits (one Uint16 per member): desktop level | push << 2 | email << 4 (codes 0 nothing, 1 mentions,
 * 2 all), PRF-6 thread toggles desktop << 6, push << 7, email << 8, and for a gdm the PRF-33 "overridden to
 * mentions" marks desktop << 9, push << 10, email << 11 (then `dm` does not apply for that channel).
 */
export const LB_GDM_DESKTOP = 1 << 9;

/** One channel's 4 bits out of levelBits: level | thread << 2 | gdm override << 3. */
function channelBits(lb: number, c: number): number {
  return ((lb >> (2 * c)) & 3) | (((lb >> (6 + c)) & 1) << 2) | (((lb >> (9 + c)) & 1) << 3);
}

const TRIGGER_NAMES = ["none", "dm", "mention", "keyword", "thread", "group", "all"];
const CHANNEL_NAMES = ["desktop", "push", "email"] as const;

/** FIRST[(c << 11) | (set << 4) | channelBits]: the first trigger of `set` channel c allows; 0 = none. */
const FIRST = new Uint8Array(3 << 11);
for (let c = 0; c < 3; c++)
  for (let set = 0; set < 128; set++)
    for (let cb = 0; cb < 16; cb++) {
      const level = LEVELS[2 - (cb & 3)] ?? "nothing";
      let first = 0;
      for (let t = 1; t < 7 && first === 0; t++) {
        if (!(set & (1 << t))) continue;
        if (t === 1 && cb & 8) continue; // PRF-33: a gdm overridden to mentions is no dm for this channel
        if (levelAllows(level, TRIGGER_NAMES[t], CHANNEL_NAMES[c], (cb & 4) !== 0)) first = t;
      }
      FIRST[(c << 11) | (set << 4) | cb] = first;
    }

/**
 * ALLOWED[(set << 12) | levelBits]: bit 0 desktop, bit 1 push, bit 2 email allow at least one trigger of the
 * set; bit 3: the trigger push names is `all` (PSH-2 then waits max(PRV-6, PRF-13)). One load in the loop.
 */
export const ALLOWED = new Uint8Array(128 << 12);
export const PUSH_NAMES_ALL = 8;
for (let set = 2; set < 128; set += 2)
  for (let lb = 0; lb < 4096; lb++) {
    const d = FIRST[(0 << 11) | (set << 4) | channelBits(lb, 0)];
    const p = FIRST[(1 << 11) | (set << 4) | channelBits(lb, 1)];
    const e = FIRST[(2 << 11) | (set << 4) | channelBits(lb, 2)];
    ALLOWED[(set << 12) | lb] = (d ? 1 : 0) | (p ? 2 : 0) | (e ? 4 : 0) | (p === 6 ? PUSH_NAMES_ALL : 0);
  }

/**
 * REC[(set << 1) | gdmDesktopOverride]: the recipient's trigger (TRG-1: explain, GEN-1's inbox item) — the
 * first trigger of the set, where `dm` in a gdm whose desktop level is overridden to mentions does not
 * apply. A set holding only that `dm` (a thread-only reply in such a gdm) keeps `dm`: the member still has
 * a trigger some other channel may allow.
 */
const REC = new Uint8Array(256);
for (let set = 0; set < 128; set++)
  for (let o = 0; o < 2; o++) {
    const lowest = (s: number) => (s === 0 ? 0 : 31 - Math.clz32(s & -s));
    const without = o ? set & ~TS.dm : set;
    REC[(set << 1) | o] = lowest(without) || lowest(set);
  }

export function recipientTrigger(set: number, levelBits: number): number {
  return REC[(set << 1) | ((levelBits >> 9) & 1)];
}

/** The trigger channel c (0 desktop, 1 push, 2 email) names for a member's set: its first allowed one. */
export function firstAllowed(set: number, levelBits: number, c: number): number {
  return FIRST[(c << 11) | ((set & 127) << 4) | channelBits(levelBits, c)];
}

/** Does channel c's level allow this single trigger (code)? For explain's wording. */
export function allows(channel: number, levelCode: number, trigger: number, threadOn: boolean): boolean {
  return FIRST[(channel << 11) | ((1 << trigger) << 4) | levelCode | (threadOn ? 4 : 0)] === trigger;
}

/**
 * The channel bits of trigger set `set` for a member with no desktop/web connection, not silenced, not busy
 * and no quiet hours (the common member of a big room): inbox (GEN-1), push at once (PSH-2: no connection,
 * and PRF-17's every choice sends at once then), email candidate (EML-1). Precomputed per member so the
 * dense loop copies it.
 */
export function staticBits(set: number, levelBits: number, flags: number, needVerified: boolean): number {
  const allowed = ALLOWED[(set << 12) | levelBits];
  let out = recipientTrigger(set, levelBits) <= 5 && set !== 0 ? BIT.inbox : 0;
  if (allowed & 2) out |= BIT.push;
  if (allowed & 4 && flags & F.hasEmail && (flags & F.emailVerified || !needVerified))
    out |= BIT.emailScheduled;
  return out;
}
