// Adapts the gateway's own fan-out record (gateway/ports.ts DecisionRecord: notified members + "nothing"
// lists) to DecisionEntry rows: one row per notified member and channel, and ONE aggregate row per reason for
// everyone else (EXP-3). The user id lists of "nothing" are dropped on purpose: a count keeps the row O(1),
// and explain rebuilds any one member's reasons on demand.
import type { DecisionRecord, DecisionRecorder as GatewayDecisionRecorder } from "../gateway/ports.ts";
import { DecisionBatch } from "./batch.ts";
import type { DecisionRecorder, DecisionTrigger } from "./recorder.ts";

const TRIGGERS = new Set<string>(["dm", "mention", "keyword", "thread", "group", "all"]);

export function gatewayEntries(r: DecisionRecord) {
  const batch = new DecisionBatch("message", r.messageId, r.at);
  for (const n of r.notified) {
    const chain = n.rules.length > 0 ? n.rules : ["DSK-1"];
    // The gateway's chain is rule IDs only: explain fills their facts from the member's rebuilt chain
    // (decisions/facts.ts). What only the fan-out knows rides on a last DSK-3 reason (once per device).
    const rules = [...chain, "DSK-3"];
    const empty = chain.map(() => "");
    const devices = `${n.devices.length} device(s) at fan-out`;
    batch.member(n.userId, "banner", "delivered", {
      trigger: n.trigger,
      rules,
      facts: [...empty, `shown on ${devices}`],
    });
    if (n.sound)
      batch.member(n.userId, "sound", "delivered", {
        trigger: n.trigger,
        rules,
        facts: [...empty, `played with the banner on ${devices}`],
      });
    else
      batch.member(n.userId, "sound", "skipped", {
        trigger: n.trigger,
        rules: ["PRF-8"],
        facts: ["no sound (tone none or volume 0)"],
      });
  }
  for (const { reason, userIds } of r.nothing) {
    // The gateway's reason reads "<RULE> (<trigger>)" or "<RULE>".
    const m = /^(\S+)(?: \((\w+)\))?$/.exec(reason);
    const rule = m?.[1] ?? reason;
    const trigger = m?.[2] && TRIGGERS.has(m[2]) ? (m[2] as DecisionTrigger) : null;
    const why = { trigger, rules: [rule], facts: ["connected here, nothing shown at fan-out"] };
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
