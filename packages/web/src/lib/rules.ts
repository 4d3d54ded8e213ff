// Short words for the SPEC rules an explanation cites (EXP-1), for reasons that arrive with a rule ID but no
// fact of their own. The wording follows /work/shared/SPEC.md; the ID badge beside it points there.
const RULES: Record<string, string> = {
  "TRG-1": "how this message concerns you (direct message, mention, keyword, thread, group, all)",
  "TRG-2": "a thread-only reply reaches only those it mentions or who follow the thread",
  "TRG-3": "system messages notify nobody; edits only the newly mentioned",
  "MEN-1": "a personal @mention of a room member",
  "MEN-2": "@all / @channel / @here",
  "MEN-3": "no mention inside code, links or email addresses",
  "MEN-4": "one of your keywords",
  "MEN-5": "your own messages never notify you",
  "MEN-6": "you ignore the sender",
  "MEN-7": "@all / @here restricted to admins in big rooms",
  "PRF-1": "your desktop notification level",
  "PRF-3": "your push notification level",
  "PRF-4": "your email notification level",
  "PRF-5": "your email delivery batching",
  "PRF-6": "your setting for replies to threads you follow",
  "PRF-8": "your message sound",
  "PRF-9": "your notification volume",
  "PRF-14": "how long a banner stays",
  "PRF-16": "your quiet hours",
  "PRF-20": "push follows your desktop settings",
  "PRF-21": "workspace defaults for settings you never saved",
  "PRF-30": "alerts for this room",
  "PRF-31": "@here / @all muted in this room",
  "PRF-33": "this room's level override",
  "PRF-34": "this room's sound",
  "PRF-35": "this room is snoozed",
  "PRF-36": "alerts off or snoozed in this room",
  "PRF-37": "group mentions muted in this room",
  "PRF-49": "your master switches for sounds and banners",
  "PRS-1": "your presence",
  "PRS-5": "do not disturb",
  "PRS-7": "whether you were inactive",
  "DSK-1": "a banner needs the level to allow it, alerts on, not busy, not quiet hours",
  "DSK-2": "no banner for the room you have open and focused",
  "DSK-3": "one banner per device",
  "PSH-1": "push needs the level to allow it, alerts on, not busy",
  "PSH-2": "push waits until you are inactive and the message is still unread",
  "PSH-3": "reading it cancels pending pushes",
  "PSH-9": "quiet hours hold pushes until they end",
  "EML-1": "email needs the level to allow it, alerts on, not busy, an address",
  "EML-2": "email waits until you are inactive and sends only if still unread",
  "EML-3": "emails are batched",
  "PRV-1": "the workspace's push content setting",
  "PRV-6": "the workspace's wait before room messages go to push / email",
  "PRV-8": "the workspace requires a verified email address",
  "GEN-1": "in-app inbox items for personal triggers",
  "SUP-3": "pending contacts alert available agents",
  "SUP-7": "conversation messages notify the assignee and participants",
  "CAL-1": "calls ring the other members",
};

export function ruleWords(rule: string): string {
  return RULES[rule] ?? "";
}

/** A decision in words (the API's vocabulary is terse). */
export function decisionWords(decision: string, channel: string): string {
  switch (decision) {
    case "delivered":
      return channel === "sound" ? "played" : channel === "inbox" ? "added" : "shown";
    case "sent":
      return "sent";
    case "scheduled":
    case "waiting":
      return "waiting";
    case "skipped":
    case "dropped":
      return "not sent";
    case "failed":
      return "failed";
    default:
      return decision;
  }
}
