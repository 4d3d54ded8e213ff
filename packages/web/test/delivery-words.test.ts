// Delivery statistics in words (GEN-3, GEN-9) without a browser: every rule the outbox records as a reason
// reads as what happened, an unknown one falls back to plain words, and no rule ID or internal outcome name
// reaches the admin page.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  channelWords,
  deliveryReasonWords,
  outcomeWords,
  platformOutcomeWords,
  platformWords,
} from "../src/lib/deliveryWords.ts";

const RULE_ID = /\b[A-Z]{2,4}-\d+\b/;
const JOBS = join(import.meta.dirname, "../../server/src/jobs");

/** The rule IDs the server's jobs write as the first word of a reason (finish(…, "dropped", "PSH-3 …")). */
function recordedRules(): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync(JOBS).filter((n) => n.endsWith(".ts"))) {
    const src = readFileSync(join(JOBS, f), "utf8");
    for (const m of src.matchAll(/(?:"(?:dropped|failed)",\s*|reason:\s*)["`]([A-Z]{2,4}-\d+) /g))
      out.add(m[1]);
  }
  return out;
}

test("[GEN-9] every rule the jobs record reads as words, never its ID", () => {
  const rules = recordedRules();
  assert.ok(rules.size >= 4, `found the recorded rules (${[...rules].join(", ")})`);
  for (const rule of rules) {
    for (const outcome of ["skipped", "failed"]) {
      const w = deliveryReasonWords(outcome, rule);
      assert.doesNotMatch(w, RULE_ID, `${rule}: ${w}`);
      assert.match(w, /^[A-Z][a-z]/, `${rule} reads as a sentence: ${w}`);
    }
  }
  assert.equal(deliveryReasonWords("skipped", "PSH-3"), "Read before it went out");
  assert.equal(deliveryReasonWords("skipped", "TRG-3"), "The message was deleted");
});

test("[GEN-9] sent, unknown reasons and internal names in words", () => {
  assert.equal(deliveryReasonWords("sent", "sent"), "Sent");
  assert.equal(deliveryReasonWords("failed", "smtp"), "Could not be delivered");
  assert.equal(deliveryReasonWords("skipped", "unknown"), "Left out for another reason");
  assert.equal(deliveryReasonWords("skipped", "ZZZ-99"), "Left out for another reason");
  assert.equal(outcomeWords("skipped"), "Left out");
  assert.equal(outcomeWords("failed"), "Not delivered");
  assert.equal(channelWords("push"), "Mobile / web push");
  assert.equal(channelWords("email"), "Email");
  assert.equal(platformWords("webpush"), "Browser push");
  assert.equal(platformOutcomeWords("gone"), "Device gone (removed)");
});
