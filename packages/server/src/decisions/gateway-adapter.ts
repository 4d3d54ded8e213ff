// Maps the gateway's fan-out record (gateway/ports.ts DecisionRecord: notified members + typed "nothing"
// groups) to DecisionEntry rows as they are: one row per notified member and channel, and ONE aggregate row
// per (rule, trigger) for everyone else (EXP-3). Nothing is inferred here: the rule IDs are the chain the
// gateway's decision named, the facts are what only the fan-out knows (devices reached), and rule IDs
// recorded without words are worded at explain time from the member's settings (decisions/facts.ts).
// The user id lists of "nothing" are dropped on purpose: a count keeps the row O(1).
import type { DecisionRecord, DecisionRecorder as GatewayDecisionRecorder } from "../gateway/ports.ts";
import { DecisionBatch } from "./batch.ts";
import type { DecisionRecorder, Reason } from "./recorder.ts";

const bare = (rules: readonly string[]): Reason[] => rules.map((rule) => ({ rule, fact: "" }));

export function gatewayEntries(r: DecisionRecord) {
  const batch = new DecisionBatch("message", r.messageId, r.at);
  for (const n of r.notified) {
    // DSK-3: one banner per device — the fan-out's own fact.
    const devices = `${n.devices.length} device(s) at fan-out`;
    const chain = bare(n.rules);
    batch.member(n.userId, "banner", "delivered", {
      trigger: n.trigger,
      reasons: [...chain, { rule: "DSK-3", fact: `shown on ${devices}` }],
    });
    batch.member(n.userId, "sound", n.sound ? "delivered" : "skipped", {
      trigger: n.trigger,
      // No sound: the member's tone or volume (PRF-8), worded from their settings at explain time.
      reasons: n.sound
        ? [...chain, { rule: "DSK-3", fact: `played with the banner on ${devices}` }]
        : [...chain, { rule: "PRF-8", fact: "" }],
    });
  }
  for (const { rule, trigger, userIds } of r.nothing) {
    const why = { trigger, reasons: [{ rule, fact: "" }] };
    batch.nothing("banner", "skipped", why, userIds.length);
    batch.nothing("sound", "skipped", why, userIds.length);
  }
  return batch.entries();
}

/** The gateway's recorder port, backed by the server's DecisionRecorder. */
export function gatewayRecorder(recorder: DecisionRecorder): GatewayDecisionRecorder {
  return {
    record(r) {
      try {
        recorder.record(gatewayEntries(r));
      } catch {
        // Never let recording break a fan-out; the recorder logs its own failures.
      }
    },
  };
}
