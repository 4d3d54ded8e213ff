// Delivery statistics in words for the admin page (GEN-3, GEN-9): the server counts outbox rows by channel,
// outcome and the rule that decided; people read what happened ("Read before it went out"), never the rule.
import { CHANNELS } from "./explainWords.ts";
import { ruleWords } from "./rules.ts";
import { clockText } from "./when.ts";

export type Outcome = "sent" | "skipped" | "failed";

/** What an admin reads for the rules that leave deliveries out most often, said as what happened. */
const LEFT_OUT: Record<string, string> = {
  "PSH-1": "Their settings did not allow it",
  "EML-1": "Their settings did not allow it, or no address",
  "PSH-2": "Read while they were still active",
  "EML-2": "Read while they were still active",
  "PSH-3": "Read before it went out",
  "PSH-7": "Sent again after an interruption",
  "PSH-9": "Held by quiet hours",
  "PRF-16": "Held by quiet hours",
  "PRS-5": "Do not disturb",
  "EML-3": "Carried by another email of the batch",
  "TRG-3": "The message was deleted",
  "GEN-5": "They can no longer see it",
  "PRV-8": "Their email address is not verified",
  "SUP-9": "Read before it went out",
  // Banners left out by the fan-out (recorded decisions).
  "TRG-1": "The message did not concern them",
  "TRG-2": "A thread reply they do not follow",
  "MEN-5": "Their own message",
  "MEN-6": "They ignore the sender",
  "DSK-1": "Their settings did not allow it",
  "DSK-2": "They had the room open",
  "PRF-1": "Their desktop level did not allow it",
  "PRF-30": "Alerts are off for the room",
  "PRF-35": "The room is snoozed",
  "PRF-36": "Alerts are off or snoozed for the room",
  "PRF-37": "Group mentions muted in the room",
  "PRF-49": "Banners switched off",
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A reason in words: sent, a known rule said as what happened, the SPEC rule's own words, or a plain fallback. */
export function deliveryReasonWords(outcome: string, reason: string): string {
  if (outcome === "sent" || reason === "sent") return "Sent";
  const known = LEFT_OUT[reason] ?? capital(ruleWords(reason));
  if (known) return known;
  return outcome === "failed" ? "Could not be delivered" : "Left out for another reason";
}

export function outcomeWords(outcome: string): string {
  if (outcome === "sent") return "Sent";
  if (outcome === "failed") return "Not delivered";
  return "Left out";
}

/** A channel's name as explain says it ("Mobile / web push", "Email"). */
export function channelWords(channel: string): string {
  return CHANNELS.find(([id]) => id === channel)?.[1] ?? capital(channel);
}

const PLATFORMS: Record<string, string> = {
  webpush: "Browser push",
  webhook: "Webhook",
  apns: "Apple devices (APNs)",
  fcm: "Android devices (FCM)",
};
const PLATFORM_OUTCOMES: Record<string, string> = {
  sent: "Sent",
  gone: "Device gone (removed)",
  retry: "Tried again later",
  failed: "Not delivered",
};

export function platformWords(platform: string): string {
  return PLATFORMS[platform] ?? capital(platform);
}

export function platformOutcomeWords(outcome: string): string {
  return PLATFORM_OUTCOMES[outcome] ?? capital(outcome);
}

export const RANGES = [
  ["hour", "Last hour"],
  ["day", "Last 24 hours"],
  ["week", "Last 7 days"],
  ["month", "Last 30 days"],
] as const;
export type Range = (typeof RANGES)[number][0];

/** A bar's label: the time of day within a day, the date beyond. */
export function bucketLabel(start: number, range: Range, now = Date.now()): string {
  const d = new Date(start);
  // The time of day, with the date when it is not today ("Dec 5, 7:39 PM" at the start of the last 24 hours).
  if (range === "hour" || range === "day") return clockText(start, now);
  if (range === "week") return d.toLocaleString([], { weekday: "short", hour: "numeric" });
  return d.toLocaleDateString([], { month: "short", day: "numeric" });
}
