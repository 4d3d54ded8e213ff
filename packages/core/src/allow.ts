// Lookup tables of the level rules (PRF-1/3/4, PRF-6): which trigger each level allows, per channel.
import { F } from "./columns.ts";
import { BIT } from "./model.ts";
import { levelAllows } from "./preferences.ts";
import { LEVELS } from "./settings.ts";

const ALLOW = new Uint8Array(3 * 3 * 8 * 2);
const TRIGGER_NAMES = ["none", "dm", "mention", "keyword", "thread", "group", "all", "none"];
for (let c = 0; c < 3; c++)
  for (let l = 0; l < 3; l++)
    for (let t = 1; t < 7; t++)
      for (let th = 0; th < 2; th++) {
        const ch = (["desktop", "push", "email"] as const)[c];
        const level = LEVELS[2 - l]; // codes: 0 nothing, 1 mentions, 2 all
        ALLOW[((c * 3 + l) * 8 + t) * 2 + th] = levelAllows(level, TRIGGER_NAMES[t], ch, th === 1) ? 1 : 0;
      }

/** ALLOWED[trigger << 9 | levelBits]: bit 0 desktop, bit 1 push, bit 2 email allow the trigger. */
export const ALLOWED = new Uint8Array(8 << 9);
for (let t = 1; t < 7; t++)
  for (let lb = 0; lb < 512; lb++) {
    const d = ALLOW[((0 * 3 + (lb & 3)) * 8 + t) * 2 + ((lb >> 6) & 1)];
    const p = ALLOW[((1 * 3 + ((lb >> 2) & 3)) * 8 + t) * 2 + ((lb >> 7) & 1)];
    const e = ALLOW[((2 * 3 + ((lb >> 4) & 3)) * 8 + t) * 2 + ((lb >> 8) & 1)];
    ALLOWED[(t << 9) | lb] = (d ? 1 : 0) | (p ? 2 : 0) | (e ? 4 : 0);
  }

export function allows(channel: number, levelCode: number, trigger: number, threadOn: boolean): boolean {
  return ALLOW[((channel * 3 + levelCode) * 8 + trigger) * 2 + (threadOn ? 1 : 0)] === 1;
}

/**
 * The channel bits of trigger t for a member with no desktop/web connection, not silenced, not busy and no
 * quiet hours (the common member of a big room): inbox (GEN-1), push at once (PSH-2: no connection), email
 * candidate (EML-1). Precomputed per member so the dense loop copies it.
 */
export function staticBits(t: number, levelBits: number, flags: number, needVerified: boolean): number {
  const allowed = ALLOWED[(t << 9) | levelBits];
  let out = t <= 5 ? BIT.inbox : 0;
  if (allowed & 2) out |= BIT.push;
  if (allowed & 4 && flags & F.hasEmail && (flags & F.emailVerified || !needVerified))
    out |= BIT.emailScheduled;
  return out;
}
