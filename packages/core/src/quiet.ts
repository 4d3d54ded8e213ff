// Quiet hours (PRF-16, GEN-2) per weekday in the user's IANA time zone. Intl.DateTimeFormat is pure.
import type { QuietWindow } from "./model.ts";

const WEEK_MIN = 7 * 1440;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// A memo of immutable formatters, one per time zone: building one costs far more than using it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local minute of the week (0 = Sunday 00:00), with fractions, of `now` in `timeZone`. */
export function localMinuteOfWeek(timeZone: string, now: number): number {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatter(timeZone).formatToParts(now);
  } catch {
    parts = formatter("UTC").formatToParts(now);
  }
  let day = 0;
  let h = 0;
  let m = 0;
  let s = 0;
  for (const p of parts) {
    if (p.type === "weekday") day = WEEKDAYS[p.value] ?? 0;
    else if (p.type === "hour") h = Number(p.value);
    else if (p.type === "minute") m = Number(p.value);
    else if (p.type === "second") s = Number(p.value);
  }
  const ms = ((now % 1000) + 1000) % 1000;
  return day * 1440 + h * 60 + m + (s + ms / 1000) / 60;
}

function parseHm(hm: string): number {
  const [h, m] = hm.split(":").map(Number);
  return (h || 0) * 60 + (m || 0);
}

/** Window as [start, end) in minutes of the week; end may pass the week's end. */
function span(w: QuietWindow): [number, number] {
  const s = parseHm(w.start);
  const e = parseHm(w.end);
  const start = w.day * 1440 + s;
  return [start, start + (e > s ? e - s : 1440 - s + e)];
}

export interface QuietSpan {
  start: number;
  end: number;
}

/**
 * The quiet window `now` is in (start ≤ now < end, epoch ms), or else the next one to begin within a week;
 * null when there are no windows. Back-to-back windows merge. Offsets are taken at `now`: a DST change
 * inside a window moves its end by that hour.
 */
export function quietSpanAround(
  windows: readonly QuietWindow[],
  timeZone: string,
  now: number,
): QuietSpan | null {
  if (windows.length === 0) return null;
  const nowMow = localMinuteOfWeek(timeZone, now);
  const spans: [number, number][] = [];
  for (const w of windows) {
    const [s, e] = span(w);
    for (const k of [-1, 0, 1]) spans.push([s + k * WEEK_MIN, e + k * WEEK_MIN]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  // Merge overlapping or touching spans so "22:00–24:00 Mon" + "00:00–07:00 Tue" is one window.
  const merged: [number, number][] = [];
  for (const sp of spans) {
    const last = merged[merged.length - 1];
    if (last && sp[0] <= last[1]) last[1] = Math.max(last[1], sp[1]);
    else merged.push([sp[0], sp[1]]);
  }
  const toMs = (mow: number) => now + Math.round((mow - nowMow) * 60_000);
  for (const [s, e] of merged) {
    if (s <= nowMow && nowMow < e) return { start: toMs(s), end: toMs(e) };
    if (s > nowMow) return { start: toMs(s), end: toMs(e) };
  }
  return null;
}

/** PRF-16 at `now`: the end of the quiet window the user is in, or null when not in quiet hours. */
export function quietUntil(windows: readonly QuietWindow[], timeZone: string, now: number): number | null {
  const sp = quietSpanAround(windows, timeZone, now);
  return sp !== null && sp.start <= now && now < sp.end ? sp.end : null;
}
