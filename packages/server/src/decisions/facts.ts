// EXP-1: every reason of an explain answer carries a human fact. Recorded rows may have rule IDs without
// words (the gateway records its chain's rule IDs and one fact for the last rule only); their empty facts
// are filled from core's `explain` rebuilt for that member (same rule, same channel first), then from the
// member's resolved preferences, then from a short description of the rule. The decision and its source
// stay as recorded: only the words are added.
import type { Reason, Rebuilt } from "./answer.ts";
import type { DecisionChannel } from "./recorder.ts";

/** Short descriptions of the rules a recorded chain may name (SPEC.md), for when nothing better is known. */
const RULE_FACTS: Record<string, string> = {
  "TRG-1": "the first trigger that applies (dm, mention, keyword, thread, group, all)",
  "TRG-2": "a thread-only reply reaches only thread followers and mentions",
  "TRG-3": "system messages notify nobody; an edit notifies only newly mentioned users",
  "MEN-1": "@username of a member",
  "MEN-2": "@all / @channel / @here",
  "MEN-4": "a keyword matched",
  "MEN-5": "you sent this message",
  "MEN-6": "you ignore the sender",
  "MEN-7": "@all/@here restricted to admins in big rooms (PRV-9)",
  "DSK-1": "the desktop level allows the trigger, the room is not silenced, not busy, not in quiet hours",
  "DSK-2": "a focused window already shows this room",
  "DSK-3": "one banner per device, not per tab",
  "PRF-1": "desktop notification level (account)",
  "PRF-2": "separate settings for mobile devices",
  "PRF-3": "push notification level (account)",
  "PRF-4": "email notification level (account)",
  "PRF-6": "notifications for replies in threads you follow",
  "PRF-8": "message notification sound (account)",
  "PRF-9": "notification volume",
  "PRF-16": "quiet hours",
  "PRF-20": "push follows the desktop setting (PRF-2 off)",
  "PRF-33": "this room's level override",
  "PRF-34": "this room's sound",
  "PRF-36": "alerts off or snoozed in this room",
  "PRF-37": "@all/@here muted in this room",
  "PRF-40": "support email setting for this event type",
  "PRF-41": "support push setting for this event type",
  "PRF-42": "support audio alerts scope",
  "PRF-43": "support audio/desktop alerts enabled for this kind",
  "PRF-44": "support alerts also while the console has focus",
  "PRF-49": "master switches for audio and desktop alerts",
  "PRF-51": "support alert conditions (masters, type switch, scope, focus)",
  "PRS-5": "do not disturb (busy)",
  "PSH-1": "the push level allows the trigger",
  "PSH-2": "push waits until you are inactive",
  "EML-1": "the email level allows the trigger",
  "EML-2": "email waits until you are inactive",
  "GEN-1": "in-app inbox item for personal triggers and support events",
  "SUP-8": "audio/banner alert for conversations of my inboxes",
};

function firstFact(reasons: readonly Reason[] | undefined, rule: string): string | undefined {
  return reasons?.find((r) => r.rule === rule && r.fact)?.fact;
}

/** Does the rebuilt channel decide the same way as the record? Only then do its facts describe the record. */
function agrees(rebuilt: "deliver" | "schedule" | "skip", outcome: string): boolean {
  if (rebuilt === "deliver") return outcome === "delivered" || outcome === "sent";
  if (rebuilt === "schedule") return outcome === "scheduled" || outcome === "waiting";
  return outcome === "skipped" || outcome === "dropped";
}

/**
 * The fact for one rule: the rebuilt channel's own when it decided alike (state may have moved since: a
 * member offline now was connected at fan-out), else the trigger's reasons (they do not depend on presence),
 * else the member's resolved settings.
 */
function knownFact(
  rule: string,
  channel: DecisionChannel,
  outcome: string,
  rebuilt: Rebuilt | null,
  trigger: string | null,
): string | undefined {
  if (!rebuilt) return undefined;
  const c = rebuilt.channels[channel];
  const same = c && agrees(c.decision, outcome) ? firstFact(c.reasons, rule) : undefined;
  if (same) return same;
  // The sound rides on the banner (DSK-1): the banner's level fact is the sound's, naming the trigger the
  // desktop level allowed — not the recipient's, which may be one that level does not allow (TRG-1).
  const banner = channel === "sound" ? rebuilt.channels.banner : undefined;
  const withBanner = banner && agrees(banner.decision, outcome) ? firstFact(banner.reasons, rule) : undefined;
  if (withBanner) return withBanner;
  const lead = firstFact(rebuilt.triggerReasons, rule);
  if (lead) return lead;
  const pref = rebuilt.ruleFacts?.[rule];
  if (pref && rule === "DSK-1" && trigger && (outcome === "delivered" || outcome === "sent"))
    return `${pref} allows trigger ${trigger}`;
  return pref;
}

/** Reasons with every empty fact filled (EXP-1). `trigger` is the decision's trigger, when known. */
export function fillFacts(
  reasons: readonly Reason[],
  channel: DecisionChannel,
  outcome: string,
  rebuilt: Rebuilt | null,
  trigger: string | null,
): Reason[] {
  return reasons.map((r) => {
    if (r.fact) return r;
    let fact = knownFact(r.rule, channel, outcome, rebuilt, trigger);
    if (!fact && r.rule === "TRG-1" && trigger) fact = `trigger ${trigger} (the first that applies)`;
    return { rule: r.rule, fact: fact ?? RULE_FACTS[r.rule] ?? `rule ${r.rule} applied` };
  });
}
