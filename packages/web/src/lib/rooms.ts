import { type QueryClient, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./api.ts";
import { keys, queryErrorText } from "./query.ts";
import type { Room, RoomPreferences, User } from "./types.ts";
import { rememberUsers } from "./users.ts";
import { clockText } from "./when.ts";

/** My settings for a room as the API answers them: what I saved, what applies, and the room's defaults. */
export interface RoomPrefsAnswer {
  saved: Record<string, unknown>;
  effective: RoomPreferences;
  defaults: RoomPreferences;
}

/**
 * GET /rooms: my rooms with their unread state and my settings for each. Each room's settings also go into
 * its own query (the room settings dialog's), so nothing asks for them room by room.
 */
export function roomListQuery(client: QueryClient) {
  return {
    queryKey: keys.rooms(),
    queryFn: async (): Promise<{ rooms: Room[] }> => {
      const { rooms } = await api.get<{
        rooms: (Omit<Room, "preferences"> & { preferences: RoomPrefsAnswer })[];
      }>("/rooms");
      for (const r of rooms) client.setQueryData(keys.roomPreferences(r.id), r.preferences);
      return { rooms: rooms.map((r) => ({ ...r, preferences: r.preferences.effective })) };
    },
    // The first screen's list was fetched a moment before it mounted (lib/first-load.ts): not again at once.
    // Realtime frames mark it stale when it changes (frame-cache.ts).
    staleTime: 10_000,
  };
}

export function useRoomList() {
  return useQuery(roomListQuery(useQueryClient()));
}

/**
 * The rooms I am a member of, with my settings for each (for the muted look). GET /rooms carries no DM
 * members (for the label): those are a query of their own per DM, kept once loaded (a DM's members do not
 * change).
 */
export function useRooms() {
  const list = useRoomList();
  const rooms = list.data?.rooms;
  const direct = (rooms ?? []).filter((r) => r.kind === "dm" || r.kind === "gdm");
  const members = useQueries({
    queries: direct.map((r) => ({ ...membersQuery(r.id), staleTime: Number.POSITIVE_INFINITY })),
  });
  const membersOf = new Map(direct.map((r, i) => [r.id, members[i]?.data]));
  const data =
    rooms?.map((r) => {
      const m = membersOf.get(r.id);
      return m ? { ...r, members: m } : r;
    }) ?? null;
  return { data, error: queryErrorText(list), loading: list.isPending };
}

/** A room's members (the first 200), remembered as users for names elsewhere. */
export function membersQuery(roomId: string) {
  return {
    queryKey: keys.roomMembers(roomId),
    queryFn: async () => {
      const { members } = await api.get<{ members: User[] }>(`/rooms/${roomId}/members`);
      rememberUsers(members);
      return members;
    },
  };
}

/** My settings for a room alone (the room list brings them for every room, see roomListQuery). */
export function roomPrefsQuery(roomId: string) {
  return {
    queryKey: keys.roomPreferences(roomId),
    queryFn: () => api.get<RoomPrefsAnswer>(`/rooms/${roomId}/preferences`),
  };
}

/** A write that changes my rooms: once it succeeds, the room list (and every room's settings) load again. */
function useRoomsMutation<V, R>(run: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation<R, Error, V>({ mutationFn: run, onSuccess: () => roomsChanged(client) });
}

/** POST /dms: the direct message with these people, made if new. */
export function useOpenDirect() {
  return useRoomsMutation((userIds: string[]) =>
    api.post<{ room: Room }>("/dms", { userIds }).then((r) => r.room),
  );
}

/** POST /rooms: a new channel or group with these members. */
export function useCreateRoom() {
  return useRoomsMutation((body: { kind: "channel" | "group"; name: string; memberIds: string[] }) =>
    api.post<{ room: Room }>("/rooms", body).then((r) => r.room),
  );
}

/** POST /rooms/:id/join: a public channel. */
export function useJoinRoom() {
  return useRoomsMutation((roomId: string) => api.post(`/rooms/${roomId}/join`));
}

/**
 * The room list (and with it every room's settings) may have changed: a room was created, joined, left, or
 * its settings saved. DM members stay: they do not change.
 */
export function roomsChanged(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: keys.rooms(), predicate: (q) => q.queryKey[2] !== "members" });
}

export function roomLabel(room: Room | undefined, me: User): string {
  if (!room) return "";
  if (room.kind === "dm" || room.kind === "gdm") {
    const others = (room.members ?? []).filter((m) => m.id !== me.id);
    // Sorted by name, so a group DM reads the same everywhere and on every load (member order follows ids).
    const names = others.map((m) => m.displayName || m.username).sort((a, b) => a.localeCompare(b));
    if (names.length > 0) return names.join(", ");
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

/**
 * What the room's own settings do to its notifications, in words for the sidebar (GEN-9): "Muted",
 * "Snoozed until 3:00 PM", "@all muted". Presentation of the stored settings, not a decision.
 */
export function roomStateWords(room: Room, now = Date.now()): string[] {
  const p = room.preferences;
  if (!p) return room.silenced ? ["Muted"] : [];
  const out: string[] = [];
  if (p.alerts === false) out.push("Muted");
  const snooze = p.snooze;
  if (snooze && snooze.until === null) out.push("Snoozed until you unsnooze");
  else if (snooze?.until && snooze.until > now) out.push(`Snoozed until ${clockText(snooze.until, now)}`);
  if (p.muteGroupMentions) out.push("@all muted");
  return out;
}
