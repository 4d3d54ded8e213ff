// The preferences the SDK needs, with the same field names as packages/core's
// AccountPreferences / AgentPreferences, so effective prefs from the server fit as-is.
import type { SupportAlertPrefs } from "./alerts.ts";
import type { MessageTone, RingTone } from "./tones.ts";
import type { BannerStay } from "./types.ts";

export interface ClientPreferences {
  account: {
    sound: MessageTone | "none"; // PRF-8
    volume: number; // PRF-9
    callSound: RingTone | "none"; // PRF-10
    bannerSeconds: BannerStay; // PRF-14
    showBadge: boolean; // PRF-15
  };
  agent: {
    pending: SupportAlertPrefs; // PRF-43 … PRF-48
    messages: SupportAlertPrefs;
    audioMaster: boolean; // PRF-49
    desktopMaster: boolean; // PRF-49
    remindUnread: boolean; // PRF-50
  };
}

const SUPPORT_DEFAULT: SupportAlertPrefs = {
  audio: true,
  desktop: true,
  alsoWhenFocused: false,
  loop: true,
  tone: "classic",
  bannerSeconds: 10,
  click: "open",
};

/** Defaults of SPEC §3 (same as core's DEFAULT_*_PREFERENCES). */
export const DEFAULT_CLIENT_PREFERENCES: ClientPreferences = {
  account: { sound: "chime", volume: 100, callSound: "classic", bannerSeconds: 10, showBadge: true },
  agent: {
    pending: SUPPORT_DEFAULT,
    messages: { ...SUPPORT_DEFAULT, loop: false },
    audioMaster: true,
    desktopMaster: true,
    remindUnread: false,
  },
};

export type PreferencesPatch = {
  account?: Partial<ClientPreferences["account"]>;
  agent?: Partial<Omit<ClientPreferences["agent"], "pending" | "messages">> & {
    pending?: Partial<SupportAlertPrefs>;
    messages?: Partial<SupportAlertPrefs>;
  };
};

export function mergePreferences(base: ClientPreferences, patch: PreferencesPatch): ClientPreferences {
  const a = patch.agent ?? {};
  return {
    account: { ...base.account, ...patch.account },
    agent: {
      ...base.agent,
      ...a,
      pending: { ...base.agent.pending, ...a.pending },
      messages: { ...base.agent.messages, ...a.messages },
    },
  };
}
