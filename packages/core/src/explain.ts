// explain(): rebuilds, for one recipient, the chain of rule IDs and facts behind decide() (EXP-1).
import { LB_GDM_DESKTOP } from "./allow.ts";
import { type EventContext, eventContext, hereOnlineAt, type MessageEvent, triggerSetFor } from "./event.ts";
import {
  channelsFor,
  channelTrigger,
  inactiveFromAt,
  inViewAt,
  offlineFromAt,
  recipientTrigger,
  thresholdMs,
} from "./kernel.ts";
import {
  BIT,
  type Channel,
  type ChannelDecision,
  type Reason,
  TRIGGER_CODES as T,
  TRIGGERS,
  type Trigger,
} from "./model.ts";
import { silencedFact } from "./preferences.ts";
import { noDesktopFrom } from "./presence.ts";
import { EMAIL_DELIVERY, LEVELS } from "./settings.ts";
import { F, inQuietHours, quietEndFor, type RoomSnapshot } from "./snapshot.ts";
import { describeWait, inactivityFacts, offlineFacts, type WaitFacts } from "./wait-facts.ts";

export interface Explanation {
  userId: string;
  trigger: Trigger | null;
  triggerReasons: Reason[];
  channels: Record<Channel, ChannelDecision>;
}

const skip = (rule: string, fact: string): ChannelDecision => ({
  decision: "skip",
  reasons: [{ rule, fact }],
});
const levelName = (code: number) => LEVELS[2 - code];
const secs = (ms: number) => `${Math.round(ms / 1000)} s`;

export function explain(ev: MessageEvent, snap: RoomSnapshot, memberIndex: number, now: number): Explanation {
  const ctx = eventContext(ev, snap);
  const i = memberIndex;
  // TRG-1: every trigger that applies; the recipient's is the first, each channel names its first allowed.
  const set = triggerSetFor(snap, ctx, i, (k) => hereOnlineAt(snap, ctx, k, now));
  const t = recipientTrigger(set, snap.levelBits[i]);
  const named = (c: Channel) => channelTrigger(snap, i, set, c) || t;
  const trigger = TRIGGERS[t];
  const triggerReasons = explainTrigger(snap, ctx, i, t, ev);
  const out: Explanation = {
    userId: snap.userIds[i],
    trigger,
    triggerReasons,
    channels: {} as Record<Channel, ChannelDecision>,
  };
  const bits = channelsFor(snap, ctx, i, set, now);
  const all = (d: ChannelDecision) => {
    for (const c of ["banner", "sound", "push", "email", "inbox"] as const) out.channels[c] = d;
  };
  if (t === T.none) {
    all({ decision: "skip", reasons: triggerReasons });
    return out;
  }
  if (ctx.ignorers?.has(i)) {
    all(skip("MEN-6", "you ignore the sender"));
    return out;
  }
  out.channels.inbox =
    t === T.all
      ? skip("GEN-1", "trigger all makes no inbox item")
      : { decision: "deliver", reasons: [{ rule: "GEN-1", fact: `trigger ${trigger} makes an inbox item` }] };
  const blocked = blockedBy(snap, i, now);
  if (blocked) {
    // Busy is stated by the rule of each channel (DSK-1, PSH-1, EML-1); silencing by PRF-36 for all.
    const busyRule = { banner: "DSK-1", sound: "DSK-1", push: "PSH-1", email: "EML-1" } as const;
    for (const c of ["banner", "sound", "push", "email"] as const) {
      const reason = blocked.rule === "PRS-5" ? { rule: busyRule[c], fact: blocked.fact } : blocked;
      out.channels[c] = {
        decision: "skip",
        reasons: blocked.rule === "PRS-5" ? [reason, blocked] : [reason],
      };
    }
    return out;
  }
  out.channels.banner = bannerDecision(snap, i, named("banner"), now, bits);
  out.channels.sound = soundDecision(snap, i, bits, out.channels.banner);
  out.channels.push =
    pushWhenDecision(snap, ctx, i, now, bits) ?? pushDecision(snap, i, named("push"), now, bits);
  out.channels.email = emailDecision(snap, i, named("email"), now, bits);
  return out;
}

function explainTrigger(
  snap: RoomSnapshot,
  ctx: EventContext,
  i: number,
  t: number,
  ev: MessageEvent,
): Reason[] {
  const m = snap.members[i];
  switch (t) {
    case T.none:
      if (i === ctx.senderIndex) return [{ rule: "MEN-5", fact: "you sent this message" }];
      if (ev.message.kind === "system") return [{ rule: "TRG-3", fact: "system messages notify nobody" }];
      if (ctx.isEdit) return [{ rule: "TRG-3", fact: "an edit notifies only users it newly mentions" }];
      return [{ rule: "TRG-2", fact: "thread reply in a thread you do not follow, no mention" }];
    case T.dm:
      return [{ rule: "TRG-1", fact: `direct message (room kind ${snap.kind})` }];
    case T.mention:
      return [{ rule: "MEN-1", fact: `@${m.username} in the message` }];
    case T.keyword:
      return [{ rule: "MEN-4", fact: `keyword "${ctx.keywordHits.get(i)}" matched` }];
    case T.thread:
      return [{ rule: "TRG-1", fact: "reply in a thread you follow" }];
    case T.group:
      return [{ rule: "MEN-2", fact: ctx.groupAll ? "@all / @channel" : "@here while you were online" }];
    default: {
      const r: Reason[] = [{ rule: "TRG-1", fact: "message in a room you are a member of" }];
      if (snap.kind === "gdm" && snap.levelBits[i] & LB_GDM_DESKTOP)
        r.push({ rule: "PRF-33", fact: "this group DM is set to mentions for you, so not a direct message" });
      if ((ctx.groupAll || ctx.groupHere) && snap.flags[i] & F.muteGroup)
        r.push({ rule: "PRF-37", fact: "you muted @all/@here in this room" });
      if (ctx.groupRestricted)
        r.push({ rule: "MEN-7", fact: "@all/@here is restricted to admins in this room (PRV-9)" });
      return r;
    }
  }
}

function blockedBy(snap: RoomSnapshot, i: number, now: number): Reason | null {
  const m = snap.members[i];
  if (snap.silencedUntil[i] > now) return { rule: "PRF-36", fact: silencedFact(m.room) };
  if (snap.busyUntil[i] > now) {
    const u = snap.busyUntil[i];
    return {
      rule: "PRS-5",
      fact:
        u === Number.POSITIVE_INFINITY
          ? "busy until you change it"
          : `busy until ${new Date(u).toISOString()}`,
    };
  }
  return null;
}

function levelReason(snap: RoomSnapshot, i: number, t: number, ch: 0 | 1 | 2): Reason {
  const eff = snap.effective[i];
  const name = (["desktop", "push", "email"] as const)[ch];
  const code = (ch === 0 ? snap.desktop : ch === 1 ? snap.push : snap.email)[i];
  const src = eff.sources[name];
  const threadOff = TRIGGERS[t] === "thread" && !eff.threads[name] && code === 1;
  const rule = threadOff
    ? "PRF-6"
    : src === "room"
      ? "PRF-33"
      : src === "desktop"
        ? "PRF-20"
        : ["PRF-1", "PRF-3", "PRF-4"][ch];
  const origin = src === "room" ? " (room override)" : src === "desktop" ? " (push follows desktop)" : "";
  const extra = threadOff ? ", thread replies off" : "";
  return { rule, fact: `level ${levelName(code)}${origin}${extra}, trigger ${TRIGGERS[t]}` };
}

function bannerDecision(
  snap: RoomSnapshot,
  i: number,
  t: number,
  now: number,
  bits: number,
): ChannelDecision {
  if (channelTrigger(snap, i, 1 << t, "banner") === 0)
    return { decision: "skip", reasons: [levelReason(snap, i, t, 0)] };
  if (inQuietHours(snap, i, now)) return skip("PRF-16", "in quiet hours");
  if (now >= snap.noDesktopFrom[i]) return skip("DSK-1", "no desktop/web connection open");
  if (!(bits & BIT.banner)) return skip("DSK-2", "the room is open in a focused window");
  return {
    decision: "deliver",
    reasons: [{ rule: "DSK-1", fact: `level ${levelName(snap.desktop[i])} allows trigger ${TRIGGERS[t]}` }],
  };
}

function soundDecision(
  snap: RoomSnapshot,
  i: number,
  bits: number,
  banner: ChannelDecision,
): ChannelDecision {
  if (banner.decision !== "deliver") return banner;
  if (bits & BIT.sound)
    return { decision: "deliver", reasons: [{ rule: "PRF-34", fact: `tone ${snap.effective[i].sound}` }] };
  const m = snap.members[i];
  return m.account.volume === 0
    ? skip("PRF-9", "volume 0")
    : skip(m.room.sound === "none" ? "PRF-34" : "PRF-8", "sound none");
}

function pushDecision(snap: RoomSnapshot, i: number, t: number, now: number, bits: number): ChannelDecision {
  if (!(bits & (BIT.push | BIT.pushScheduled)))
    return { decision: "skip", reasons: [levelReason(snap, i, t, 1)] };
  const qEnd = quietEndFor(snap, i, now);
  if (qEnd !== null) {
    const wait: WaitFacts = { kind: "quiet_hours", until: qEnd };
    return {
      decision: "schedule",
      until: qEnd,
      waitsFor: "PSH-9",
      reasons: [{ rule: "PSH-9", fact: describeWait(wait, now), wait }],
    };
  }
  return waitOrGo(snap, i, t, now, bits & BIT.push ? "deliver" : "schedule", "PSH-2");
}

/**
 * PRF-17: a push sent at once while active ("always"), or one that waits for no desktop/web connection
 * ("offline"); null when PSH-2's inactivity decides (the default, or "always" with the message in view).
 * Only for a push candidate outside quiet hours (PSH-9 holds those first).
 */
function pushWhenDecision(
  snap: RoomSnapshot,
  ctx: EventContext,
  i: number,
  now: number,
  bits: number,
): ChannelDecision | null {
  const f = snap.flags[i];
  if (!(bits & (BIT.push | BIT.pushScheduled)) || !(f & (F.pushAlways | F.pushOffline))) return null;
  if (quietEndFor(snap, i, now) !== null) return null;
  if (f & F.pushAlways) {
    if (inViewAt(snap, ctx, i)) return null;
    return {
      decision: "deliver",
      reasons: [{ rule: "PRF-17", fact: "sent at once: you chose push even while active" }],
    };
  }
  if (bits & BIT.push)
    return {
      decision: "deliver",
      reasons: [{ rule: "PRF-17", fact: "no desktop/web connection for 30 s (push only when offline)" }],
    };
  const from = offlineFromAt(snap, i);
  // EXP-1: the same facts, data and words, as the scheduler's wait (schedulePush).
  const wait = offlineFacts(snap.members[i].activity, from);
  return {
    decision: "schedule",
    until: Number.isFinite(from) ? from : null,
    waitsFor: "PRF-17",
    reasons: [{ rule: "PRF-17", fact: describeWait(wait, now), wait }],
  };
}

function waitOrGo(
  snap: RoomSnapshot,
  i: number,
  t: number,
  now: number,
  decision: "deliver" | "schedule",
  rule: string,
): ChannelDecision {
  const th = thresholdMs(snap, i, t);
  const from = inactiveFromAt(snap, i, th);
  const a = snap.members[i].activity;
  const idle = now - snap.lastActivity[i];
  const room = t === T.all ? ` (room messages wait max(PRV-6, PRF-13))` : "";
  if (decision === "deliver") {
    const fact =
      now >= noDesktopFrom(a)
        ? "no desktop/web connection for 30 s"
        : a.autoAway
          ? `inactive on desktop/web ${secs(idle)} ago, threshold ${secs(th)}`
          : a.lockedSince === null
            ? "desktop/web client open and not locked (auto-away off)"
            : `screen locked ${secs(now - a.lockedSince)} ago, threshold ${secs(th)}`;
    return { decision, reasons: [{ rule, fact: fact + room }] };
  }
  // EXP-1: the facts of the wait, the same data and words the scheduler records for it.
  const wait = inactivityFacts(a, th, from);
  return {
    decision,
    until: Number.isFinite(from) ? from : null,
    waitsFor: rule,
    reasons: [{ rule, fact: describeWait(wait, now) + room, wait }],
  };
}

function emailDecision(snap: RoomSnapshot, i: number, t: number, now: number, bits: number): ChannelDecision {
  const f = snap.flags[i];
  if (channelTrigger(snap, i, 1 << t, "email") === 0)
    return { decision: "skip", reasons: [levelReason(snap, i, t, 2)] };
  if (!(f & F.hasEmail)) return skip("EML-1", "no email address");
  if (!(bits & BIT.emailScheduled)) return skip("PRV-8", "email address not verified");
  const th = thresholdMs(snap, i, t);
  if (now >= inactiveFromAt(snap, i, th)) {
    const w = EMAIL_DELIVERY[snap.members[i].account.emailDelivery] * 1000;
    const wait: WaitFacts = { kind: "batch_window", until: now + w, windowMs: w };
    return {
      decision: "schedule",
      until: now + w,
      waitsFor: "EML-3",
      reasons: [{ rule: "EML-3", fact: `due now; ${describeWait(wait, now)}`, wait }],
    };
  }
  return waitOrGo(snap, i, t, now, "schedule", "EML-2");
}

/** Renders an explanation as lines like "push: waiting — active on web 12 s ago, threshold 60 s [PSH-2]". */
export function explainText(e: Explanation): string[] {
  return [
    `trigger: ${e.trigger ?? "none"} — ${e.triggerReasons.map(fmt).join("; ")}`,
    ...channelLines(e.channels),
  ];
}

/** One line per channel; also used for support and call decisions, which carry the same ChannelDecision. */
export function channelLines(channels: Partial<Record<Channel, ChannelDecision>>): string[] {
  const lines: string[] = [];
  for (const c of ["banner", "sound", "push", "email", "inbox"] as const) {
    const d = channels[c];
    if (!d) continue;
    const verb = d.decision === "deliver" ? "sent" : d.decision === "schedule" ? "waiting" : "not sent";
    // The wait's own fact says when it may go, in words (GEN-9: no raw timestamp in a line users read).
    lines.push(`${c}: ${verb} — ${d.reasons.map(fmt).join("; ")}`);
  }
  return lines;
}

const fmt = (r: Reason) => `${r.fact} [${r.rule}]`;
