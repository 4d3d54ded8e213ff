// Absence proven by order, not by waiting. The server decides one user's events in post order and the page
// presents them in arrival order, so once a LATER event that must show a banner has been presented, an
// earlier event that was going to show one already has. A fixed sleep instead would pass on a slow machine
// for the wrong reason and fail on a very slow one for no reason.
import type { Page } from "playwright-core";
import { type Recorded, recorded, soundCount, syncGateway, until } from "./harness.ts";

/**
 * `act` must cause a banner whose body is `sentinelBody` (post it in the SAME room as the event under test
 * where possible, so both take the same path). Waits for that banner and returns what the page recorded,
 * plus the banners that arrived since `since` other than the sentinel's.
 */
export async function afterSentinel(
  page: Page,
  since: Recorded,
  sentinelBody: string,
  act: () => Promise<unknown>,
): Promise<{ rec: Recorded; others: Recorded["banners"] }> {
  // The sentinel must be decided with the page's latest focus and view, as the event under test was.
  await syncGateway(page);
  await act();
  const rec = await until(`sentinel banner "${sentinelBody}"`, async () => {
    const r = await recorded(page);
    return r.banners.slice(since.banners.length).some((b) => b.body === sentinelBody) && r;
  });
  const others = rec.banners.slice(since.banners.length).filter((b) => b.body !== sentinelBody);
  return { rec, others };
}

/** Waits for the sentinel's sound (a sound starts a moment after its banner) and returns the sound count. */
export function soundsWithSentinel(page: Page, before: Recorded): Promise<number> {
  return until("the sentinel's sound", async () => {
    const n = soundCount(await recorded(page));
    return n > soundCount(before) && n;
  });
}
