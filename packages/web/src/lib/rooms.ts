import { useEffect, useRef, useState } from "react";
import { api } from "./api.ts";
import { asList, useGet } from "./data.ts";
import { useFrames } from "./live.tsx";
import type { Room, RoomPreferences, User } from "./types.ts";
import { rememberUsers } from "./users.ts";

type Extra = { members?: User[]; preferences?: RoomPreferences };

/**
 * The rooms I am a member of; reloaded when a message arrives for a room not in the list (new DM, invite).
 * GET /rooms carries neither DM members (for the label) nor my room prefs (for the muted look), so those are
 * fetched per room once and kept.
 */
export function useRooms() {
  const rooms = useGet<Room[]>("/rooms", (raw) => asList<Room>(raw, "rooms"));
  const [extra, setExtra] = useState<Record<string, Extra>>({});
  const [tick, setTick] = useState(0);
  const seenReady = useRef(false);
  useFrames((f) => {
    // A reconnect (`ready` after the first) may have missed joins, leaves and new DMs: fetch the list again.
    if (f.t === "ready") {
      if (seenReady.current) rooms.reload();
      seenReady.current = true;
      return;
    }
    if (f.t !== "message") return;
    if (rooms.data && !rooms.data.some((r) => r.id === f.roomId)) rooms.reload();
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch extras when the list or tick changes
  useEffect(() => {
    for (const r of rooms.data ?? []) {
      const direct = r.kind === "dm" || r.kind === "gdm";
      if (direct && !extra[r.id]?.members) {
        api.get<unknown>(`/rooms/${r.id}/members`).then((raw) => {
          const members = asList<User>(raw, "members");
          rememberUsers(members);
          setExtra((e) => ({ ...e, [r.id]: { ...e[r.id], members } }));
        }, noop);
      }
      api.get<{ effective?: RoomPreferences }>(`/rooms/${r.id}/preferences`).then((p) => {
        setExtra((e) => ({ ...e, [r.id]: { ...e[r.id], preferences: p.effective } }));
      }, noop);
    }
  }, [rooms.data, tick]);
  const data = rooms.data?.map((r) => ({ ...r, ...extra[r.id] })) ?? null;
  return { ...rooms, data, prefsChanged: () => setTick((t) => t + 1) };
}

const noop = () => undefined;

export function roomLabel(room: Room | undefined, me: User): string {
  if (!room) return "";
  if (room.kind === "dm" || room.kind === "gdm") {
    const others = (room.members ?? []).filter((m) => m.id !== me.id);
    if (others.length > 0) return others.map((m) => m.displayName || m.username).join(", ");
    return room.name ?? "Direct message";
  }
  return room.name ?? "(unnamed)";
}

/** Plain-text prefix for places that take a string (titles); the UI draws <RoomKindIcon>. */
export function roomPrefix(kind: Room["kind"]): string {
  return kind === "channel" ? "#" : "";
}

/** PRF-36: alerts off or snoozed rooms look muted in the sidebar. */
export function isSilenced(room: Room, now = Date.now()): boolean {
  const p = room.preferences;
  if (!p) return Boolean(room.silenced);
  if (p.alerts === false) return true;
  const snooze = p.snooze;
  return Boolean(snooze && (snooze.until === null || snooze.until > now));
}
