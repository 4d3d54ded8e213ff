// The realtime wire types are declared once, in @herald/core/realtime, for the server and the SDK alike
// (docs/ARCHITECTURE.md "Realtime protocol"); re-exported here as the SDK's public types. Below: the SDK's ports.

export type {
  AssignedUnreadFrame,
  BadgeFrame,
  BadgeState,
  BannerStay,
  CallUpdatedFrame,
  ClientFrame,
  ConversationTypingFrame,
  ConversationUpdatedFrame,
  DeviceKind,
  ErrorFrame,
  EventOf,
  HelloFrame,
  MembershipFrame,
  MessageBody,
  MessageFile,
  MessageFrame,
  MessageMentions,
  MultiFrame,
  NotificationPermissionState,
  NotifyBanner,
  NotifyFrame,
  NotifySound,
  PendingFrame,
  Presence,
  PresenceFrame,
  ReadFrame,
  ReadyFrame,
  ResumeCursors,
  RingFrame,
  RoomBadge,
  RoomKind,
  ServerEvent,
  ServerEventType,
  ServerFrame,
  StateFrame,
  Trigger,
  View,
} from "@herald/core/realtime";

/** Storage port: localStorage satisfies it; tests pass a Map-backed fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Timer port, so tests step time by hand. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
};

/** In-memory store used where localStorage is missing or throws (private mode, workers). */
export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}
