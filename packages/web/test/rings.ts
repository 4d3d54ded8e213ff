// Looping tones (pending contacts SUP-3, calls CAL-1): a loop keeps starting notes, one ring period apart.
import type { Page } from "playwright-core";
import { STEP_MS, settle, until } from "./harness.ts";

/** The longest ring period of the built-in ring tones ("classic": 3 s). */
const RING_PERIOD_MS = 3_000;

/** Resolves once the page starts another note after this call: the tone is looping. */
export async function ringsAgain(page: Page, starts: (p: Page) => Promise<number>): Promise<true> {
  const from = await starts(page);
  return until("the ring starts again", async () => (await starts(page)) > from);
}

/**
 * True once no note starts for a full ring period plus a margin; false when notes keep starting for
 * STEP_MS. A stopped loop can only be told from a running one over its period, so this is the one place a
 * test waits a fixed time. It looks again because the stop reaches the page in a frame of its own, which a
 * loaded machine may deliver after the screen changed.
 */
export async function silentForAPeriod(page: Page, starts: (p: Page) => Promise<number>): Promise<boolean> {
  const end = performance.now() + STEP_MS;
  while (performance.now() < end) {
    const from = await starts(page);
    await settle(RING_PERIOD_MS + 500);
    if ((await starts(page)) === from) return true;
  }
  return false;
}
