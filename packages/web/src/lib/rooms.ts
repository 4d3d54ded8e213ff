import { type QueryClient, useMutation, useQueries, useQueryClient } from "@tanstack/react-query";
import { api } from "./api.ts";
import { keys, queryErrorText, useApiQuery } from "./query.ts";
import type { Room, RoomPreferences, User } from "./types.ts";
import { rememberUsers } from "./users.ts";
import { clockText } from "./when.ts";

/** GET /rooms: my rooms with their unread state. */
export function useRoomList() {
  return useApiQuery<{ rooms: Room[] }>(keys.rooms(), "/rooms");
}

/**
 * The rooms I am a member of. GET /rooms carries neither DM members (for the label) nor my room prefs (for
 * the muted look): those are queries of their own per room; members are kept once loaded (a DM's members
 * do not change), prefs load again whenever the list does (see roomsChanged).
 */
export function useRooms() {
  const list = useRoomList();
  const rooms = list.data?.rooms;
  const direct = (rooms ?? []).filter((r) => r.kind === "dm" || r.kind === "gdm");
  const members = useQueries({
    queries: direct.map((r) => ({ ...membersQuery(r.id), staleTime: Number.POSITIVE_INFINITY })),
  });
  const prefs = useQueries({ queries: (rooms ?? []).map((r) => roomPrefsQuery(r.id)) });
  const membersOf = new Map(direct.map((r, i) => [r.id, members[i]?.data]));
  const data =
    rooms?.map((r, i) => {
      const m = membersOf.get(r.id);
      const p = prefs[i]?.data?.effective;
      return { ...r, ...(m && { members: m }), ...(p && { preferences: p }) };
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

/** My settings for a room: what I saved, what applies (`effective`), and the room's defaults. */
export function roomPrefsQuery(roomId: string) {
  return {
    queryKey: keys.roomPreferences(roomId),
    queryFn: () =>
      api.get<{ effective: RoomPreferences; defaults: RoomPreferences }>(`/rooms/${roomId}/preferences`),
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
 * The room list (and every room's prefs) may have changed: a room was created, joined, left, or its settings
 * saved. DM members stay: they do not change.
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
