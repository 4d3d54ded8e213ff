// Preference tables of SPEC §3 (account, room, agent, admin) with their defaults and value lists.
import type { QuietWindow, SupportEventType } from "./model.ts";

export type Level = "all" | "mentions" | "nothing";
export const LEVELS: readonly Level[] = ["all", "mentions", "nothing"];
/** Level codes in compact snapshots: higher = more. */
export const LEVEL_CODES = { nothing: 0, mentions: 1, all: 2 } as const;

export const MESSAGE_TONES = ["chime", "ding", "pop", "marimba", "bell", "glass"] as const;
export type MessageTone = (typeof MESSAGE_TONES)[number];
export const RING_TONES = ["classic", "digital", "soft"] as const;
export type RingTone = (typeof RING_TONES)[number];

/** PRF-5; the value is the batching window in seconds ("immediately" = 10 s, EML-3). */
export const EMAIL_DELIVERY = {
  immediately: 10,
  batched_2m: 120,
  batched_15m: 900,
  batched_1h: 3600,
} as const;
export type EmailDelivery = keyof typeof EMAIL_DELIVERY;
export const BANNER_SECONDS = [5, 10, 20, 30, "until_closed"] as const;
export type BannerDuration = (typeof BANNER_SECONDS)[number];

/** PRF-1 … PRF-17. */
export interface AccountPreferences {
  desktop: Level; // PRF-1
  mobileDifferent: boolean; // PRF-2
  push: Level; // PRF-3
  email: Level; // PRF-4
  emailDelivery: EmailDelivery; // PRF-5
  threadReplies: { desktop: boolean; push: boolean; email: boolean }; // PRF-6
  keywords: string[]; // PRF-7
  sound: MessageTone | "none"; // PRF-8
  volume: number; // PRF-9, 0–100
  callSound: RingTone | "none"; // PRF-10
  loginEmails: boolean; // PRF-11
  autoAway: boolean; // PRF-12
  idleSeconds: number; // PRF-13, ≥ 60
  bannerSeconds: BannerDuration; // PRF-14
  showBadge: boolean; // PRF-15
  quietHours: QuietWindow[]; // PRF-16
  pushWhen: PushWhen; // PRF-17
}

/** PRF-17: when push goes out — after inactivity (PSH-2), at once even while active (DSK-2 still applies),
 * or only once no desktop/web connection has been open for 30 s (PRS-7). */
export type PushWhen = "inactive" | "always" | "offline";
export const PUSH_WHEN: readonly PushWhen[] = ["inactive", "always", "offline"];

/** Snooze (PRF-35): `until` null = "until I unsnooze". */
export interface Snooze {
  until: number | null;
}

/** PRF-30 … PRF-35. */
export interface RoomPreferences {
  alerts: boolean; // PRF-30
  muteGroupMentions: boolean; // PRF-31
  markUnread: boolean; // PRF-32
  desktop: Level | "default"; // PRF-33
  push: Level | "default"; // PRF-33
  email: Level | "default"; // PRF-33
  sound: MessageTone | "none" | "default"; // PRF-34
  snooze: Snooze | null; // PRF-35
}

export type AudioScope = "none" | "assigned" | "all";
export type BannerClick = "open" | "pickup" | "focus";

/** Settings for one support alert kind (PRF-43 … PRF-48): pending contacts or incoming chat messages. */
export interface SupportAlertPreferences {
  audio: boolean; // PRF-43
  desktop: boolean; // PRF-43
  alsoWhenFocused: boolean; // PRF-44
  loop: boolean; // PRF-45 (pending contacts; ignored for messages)
  tone: RingTone; // PRF-46
  bannerSeconds: BannerDuration; // PRF-47
  click: BannerClick; // PRF-48
}

/** PRF-40 … PRF-50. */
export interface AgentPreferences {
  email: Record<SupportEventType, boolean>; // PRF-40
  push: Record<SupportEventType, boolean>; // PRF-41
  audioScope: AudioScope; // PRF-42
  pending: SupportAlertPreferences; // PRF-43 … PRF-48
  messages: SupportAlertPreferences;
  audioMaster: boolean; // PRF-49
  desktopMaster: boolean; // PRF-49
  remindUnread: boolean; // PRF-50
}

export type PushContent = "full" | "generic" | "generic_no_room" | "id_only";
/** PRV-10: what a desktop banner shows (for shared or projected screens). */
export type BannerContent = "full" | "generic" | "generic_no_room";

/** PRV-1 … PRV-10 (PRV-7 = `defaults`). */
export interface AdminSettings {
  pushContent: PushContent; // PRV-1
  emailContent: "full" | "generic"; // PRV-2
  siteName: string; // PRV-3
  callRinging: boolean; // PRV-4
  loginEmails: boolean; // PRV-5
  roomInactivitySeconds: number; // PRV-6
  defaults: { account: AccountPreferences; room: RoomPreferences; agent: AgentPreferences }; // PRV-7
  requireVerifiedEmail: boolean; // PRV-8
  /** PRV-9: restrict @all/@here in rooms above N members to admins; null = no restriction. */
  restrictGroupMentionsAbove: number | null;
  bannerContent: BannerContent; // PRV-10
}

export const DEFAULT_ACCOUNT_PREFERENCES: AccountPreferences = {
  desktop: "mentions",
  mobileDifferent: false,
  push: "mentions",
  email: "mentions",
  emailDelivery: "batched_2m",
  threadReplies: { desktop: true, push: true, email: true },
  keywords: [],
  sound: "chime",
  volume: 100,
  callSound: "classic",
  loginEmails: true,
  autoAway: true,
  idleSeconds: 60,
  bannerSeconds: 10,
  showBadge: true,
  quietHours: [],
  pushWhen: "inactive",
};

export const DEFAULT_ROOM_PREFERENCES: RoomPreferences = {
  alerts: true,
  muteGroupMentions: false,
  markUnread: true,
  desktop: "default",
  push: "default",
  email: "default",
  sound: "default",
  snooze: null,
};

const DEFAULT_SUPPORT_ALERT: SupportAlertPreferences = {
  audio: true,
  desktop: true,
  alsoWhenFocused: false,
  loop: true,
  tone: "classic",
  bannerSeconds: 10,
  click: "open",
};

export const DEFAULT_AGENT_PREFERENCES: AgentPreferences = {
  email: {
    pending_contact: false,
    conversation_created: false,
    conversation_assigned: true,
    conversation_mention: true,
    assigned_conversation_message: false,
    participating_conversation_message: false,
  },
  push: {
    pending_contact: false,
    conversation_created: false,
    conversation_assigned: true,
    conversation_mention: true,
    assigned_conversation_message: true,
    participating_conversation_message: false,
  },
  audioScope: "assigned",
  pending: DEFAULT_SUPPORT_ALERT,
  messages: { ...DEFAULT_SUPPORT_ALERT, loop: false },
  audioMaster: true,
  desktopMaster: true,
  remindUnread: false,
};

export const DEFAULT_ADMIN_SETTINGS: AdminSettings = {
  pushContent: "full",
  emailContent: "full",
  siteName: "Herald",
  callRinging: true,
  loginEmails: true,
  roomInactivitySeconds: 300,
  defaults: {
    account: DEFAULT_ACCOUNT_PREFERENCES,
    room: DEFAULT_ROOM_PREFERENCES,
    agent: DEFAULT_AGENT_PREFERENCES,
  },
  requireVerifiedEmail: false,
  restrictGroupMentionsAbove: null,
  bannerContent: "full",
};

/** What a user saved: only the keys they set (PRF-21: unsaved keys follow the current admin default). */
export type SavedAccountPreferences = Partial<Omit<AccountPreferences, "threadReplies">> & {
  threadReplies?: Partial<AccountPreferences["threadReplies"]>;
};
export type SavedRoomPreferences = Partial<RoomPreferences>;
export type SavedAgentPreferences = Partial<
  Omit<AgentPreferences, "email" | "push" | "pending" | "messages">
> & {
  email?: Partial<Record<SupportEventType, boolean>>;
  push?: Partial<Record<SupportEventType, boolean>>;
  pending?: Partial<SupportAlertPreferences>;
  messages?: Partial<SupportAlertPreferences>;
};
