// CAL-1: a call in a dm/gdm rings the other members at once (no inactivity wait).
import type { Busy, Call, ChannelDecision, RoomKind } from "./model.ts";
import { silencedUntil } from "./preferences.ts";
import { isBusy } from "./presence.ts";
import type { AccountPreferences, AdminSettings, RoomPreferences } from "./settings.ts";

/** CAL-2: ringing stops after this long. */
export const RING_TIMEOUT_MS = 30_000;

export interface CallRecipient {
  userId: string;
  account: AccountPreferences;
  room: RoomPreferences;
  busy: Busy | null;
  hasDesktopConnection: boolean;
}

export interface CallDecision {
  userId: string;
  /** Ring = banner with Answer/Decline + looping ring tone on every client. */
  banner: ChannelDecision;
  sound: ChannelDecision & { tone?: string };
  push: ChannelDecision;
  email: ChannelDecision;
  inbox: ChannelDecision;
}

/** PRF-10: the tone an incoming call rings with (looping), null when the user chose none. */
export function callTone(account: Pick<AccountPreferences, "callSound">): string | null {
  return account.callSound === "none" ? null : account.callSound;
}

export function decideCall(
  call: Call,
  roomKind: RoomKind,
  members: readonly CallRecipient[],
  admin: AdminSettings,
  now: number,
): CallDecision[] {
  const out: CallDecision[] = [];
  for (const m of members) {
    if (m.userId === call.callerId) continue; // CAL-1: the other members
    out.push(decideCallFor(call, roomKind, m, admin, now));
  }
  return out;
}

function decideCallFor(
  call: Call,
  kind: RoomKind,
  m: CallRecipient,
  admin: AdminSettings,
  now: number,
): CallDecision {
  const skip = (rule: string, fact: string): ChannelDecision => ({
    decision: "skip",
    reasons: [{ rule, fact }],
  });
  const inbox: ChannelDecision = {
    decision: "schedule",
    until: call.startedAt + RING_TIMEOUT_MS,
    waitsFor: "CAL-2",
    reasons: [{ rule: "GEN-1", fact: "an inbox item is made only if the call is missed" }],
  };
  const email = skip("CAL-1", "calls do not send email");
  let block: ChannelDecision | null = null;
  if (kind !== "dm" && kind !== "gdm") block = skip("CAL-1", `calls ring only in dm/gdm, not ${kind}`);
  else if (!admin.callRinging) block = skip("PRV-4", "call ringing is off in this workspace");
  else if (isBusy(m.busy, now)) block = skip("CAL-1", "busy");
  else if (silencedUntil(m.room, now) !== false) block = skip("PRF-36", "room silenced");
  // A missed call still makes an inbox item (GEN-1), even when it did not ring.
  if (block)
    return {
      userId: m.userId,
      banner: block,
      sound: block,
      push: block,
      email,
      inbox: kind === "dm" || kind === "gdm" ? inbox : block,
    };
  const ring: ChannelDecision = {
    decision: "deliver",
    reasons: [{ rule: "CAL-1", fact: "incoming call rings at once" }],
  };
  const tone = callTone(m.account);
  const sound =
    tone === null
      ? skip("PRF-10", "incoming call sound none")
      : {
          decision: "deliver" as const,
          tone,
          reasons: [{ rule: "PRF-10", fact: `ring tone ${tone}, looping` }],
        };
  return {
    userId: m.userId,
    banner: m.hasDesktopConnection ? ring : skip("CAL-1", "no desktop/web client open"),
    sound: m.hasDesktopConnection ? sound : skip("CAL-1", "no desktop/web client open"),
    push: {
      decision: "deliver",
      reasons: [{ rule: "CAL-1", fact: "pushed to mobile devices at once, no inactivity wait" }],
    },
    email,
    inbox,
  };
}
