import type { ReactNode } from "react";

// `@name` the way MEN-3 reads it: not after a letter, digit or `@` (so bob@example.com is no mention), ending
// at the first character outside the username alphabet, a trailing `.` being punctuation.
const MENTION = /(^|[^A-Za-z0-9._@-])@([A-Za-z0-9._-]+)/g;

/**
 * Message text with @mentions highlighted. Built from text nodes and spans only — never HTML (DSK-4) — and
 * `white-space: pre-wrap` keeps the line breaks. My own handle (and @all / @here) stand out more.
 */
export function MessageText({ text, me }: { text: string; me: string }) {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(MENTION)) {
    let handle = m[2];
    while (handle.endsWith(".")) handle = handle.slice(0, -1);
    if (!handle) continue;
    const start = (m.index ?? 0) + m[1].length;
    if (start > last) out.push(text.slice(last, start));
    const lower = handle.toLowerCase();
    const loud = lower === me.toLowerCase() || ["all", "channel", "here"].includes(lower);
    out.push(
      <span key={start} className={loud ? "mention me" : "mention"}>
        @{handle}
      </span>,
    );
    last = start + 1 + handle.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return <>{out}</>;
}
