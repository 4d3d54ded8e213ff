// Times in words for end users (GEN-9): the API carries epoch milliseconds, people read "in 40 s",
// "12 s ago", "at 3:02 PM". Pure functions of (time, now) so a screen can re-render them as the clock moves.

/** A length of time: "40 s", "5 min", "2 h", "3 days". Rounded the way a person would say it. */
export function durationWords(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `${min} min`;
  const h = Math.round(min / 60);
  if (h < 36) return `${h} h`;
  const d = Math.round(h / 24);
  return `${d} ${d === 1 ? "day" : "days"}`;
}

/** "12 s ago" for a past moment ("just now" under a second). */
export function agoWords(at: number, now: number): string {
  const ms = now - at;
  if (ms < 1000) return "just now";
  return `${durationWords(ms)} ago`;
}

/** "in 40 s" for a future moment ("now" once it is due). */
export function inWords(at: number, now: number): string {
  const ms = at - now;
  if (ms < 1000) return "now";
  return `in ${durationWords(ms)}`;
}

/** "today" / "tomorrow" / "yesterday" for a moment within a day of now's date, else null. */
function nearDay(d: Date, now: number): string | null {
  const day = new Date(now);
  for (const [shift, word] of [
    [0, "today"],
    [1, "tomorrow"],
    [-1, "yesterday"],
  ] as const) {
    const other = new Date(day.getFullYear(), day.getMonth(), day.getDate() + shift);
    if (d.toDateString() === other.toDateString()) return word;
  }
  return null;
}

/** "3:02 PM" today, "3:00 PM tomorrow", "Dec 9, 3:02 PM" another day — in the viewer's locale and time zone. */
export function clockText(at: number, now: number): string {
  const d = new Date(at);
  const time = d.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
  const near = nearDay(d, now);
  if (near === "today") return time;
  if (near) return `${time} ${near}`;
  return `${d.toLocaleDateString([], { month: "short", day: "numeric" })}, ${time}`;
}

/** "at 3:02 PM" today, "tomorrow at 3:00 PM", "on Dec 9 at 3:02 PM" another day. */
export function clockWords(at: number, now: number): string {
  const d = new Date(at);
  const time = d.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
  const near = nearDay(d, now);
  if (near === "today") return `at ${time}`;
  if (near) return `${near} at ${time}`;
  return `on ${d.toLocaleDateString([], { month: "short", day: "numeric" })} at ${time}`;
}

/** "at 3:02 PM (in 40 s)" / "at 3:01 PM (12 s ago)": a moment both ways, as explain states due times. */
export function momentWords(at: number, now: number): string {
  return `${clockWords(at, now)} (${relWords(at, now)})`;
}

/** "3:01 PM (12 s ago)": the same without "at", after "since" or "until". */
export function momentText(at: number, now: number): string {
  return `${clockText(at, now)} (${relWords(at, now)})`;
}

const relWords = (at: number, now: number) => (at >= now ? inWords(at, now) : agoWords(at, now));

// An ISO-8601 instant as the server's older fact strings carry them ("quiet hours until 2026-12-06T15:02:00.000Z").
const ISO = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\b/g;
// A rule ID cited inside a fact, bare or bracketed: "[PSH-2]", "(PRV-6, PRF-13)", "max(PRV-6, PRF-13)".
const CITED = /\s*(?:max)?[[(](?:[A-Z]{3}-\d+(?:,\s*)?)+[\])]|\b[A-Z]{3}-\d+\b/g;

/**
 * A reason's fact as a user reads it: ISO instants become clock words, rule IDs are left out (they are shown
 * behind "details"). Presentation only — it never changes what was decided.
 */
export function factWords(fact: string, now: number): string {
  return detailWords(fact, now)
    .replace(CITED, "")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/** The same for the "details" view: times in words, rule IDs kept. */
export function detailWords(fact: string, now: number): string {
  return fact.replace(ISO, (iso) => {
    const at = Date.parse(iso);
    return Number.isNaN(at) ? iso : clockText(at, now);
  });
}

/** A message's time: the clock today, else the date and the clock. */
export function formatTime(ms: number | undefined): string {
  if (!ms) return "";
  const d = new Date(ms);
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  return sameDay
    ? d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
    : d.toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}
