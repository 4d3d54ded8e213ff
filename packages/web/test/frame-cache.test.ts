// What realtime frames do to the web app's query cache, without a browser: each frame marks stale exactly the
// server state it may have changed, so the screens showing it load it again and nothing else does.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ServerEvent } from "@herald/sdk";
import { QueryClient } from "@tanstack/react-query";
import { frameToCache } from "../src/lib/frame-cache.ts";
import { keys } from "../src/lib/query.ts";
import { flatten, type History, newestWithArrivals, olderCursor, toPage } from "../src/lib/room-history.ts";

const ROOM = "room-1";

/** A cache holding one fresh answer under every key a frame may touch. */
function filled(): QueryClient {
  const client = new QueryClient();
  const put = (key: readonly unknown[], data: unknown) => client.setQueryData(key, data);
  put(keys.rooms(), { rooms: [{ id: ROOM, kind: "channel", name: "general" }] });
  put(keys.roomMembers(ROOM), []);
  put(keys.roomPreferences(ROOM), { effective: {}, defaults: {} });
  put(keys.followedThreads(), { threads: [] });
  put(keys.notifications(""), { pages: [], pageParams: [] });
  put(keys.inboxCount(), { unread: 0 });
  put(keys.user("u1"), { id: "u1" });
  return client;
}

/** The keys a frame left stale, by name. */
function staleAfter(frame: ServerEvent, reconnected = false): string[] {
  const client = filled();
  frameToCache(client, frame, reconnected);
  return client
    .getQueryCache()
    .getAll()
    .filter((q) => q.isStale() && q.state.isInvalidated)
    .map((q) => q.queryKey.join("/"))
    .sort();
}

const message = (roomId: string, threadRootId: string | null = null) =>
  ({
    t: "message",
    roomId,
    seq: 1,
    message: { id: "m1", roomId, seq: 1, senderId: "u1", text: "hi", createdAt: 1, threadRootId },
  }) as unknown as ServerEvent;

test("[GEN-7] the first ready changes nothing; a ready after a reconnect reloads rooms, their settings, threads and the inbox", () => {
  const ready = { t: "ready", userId: "u1", userCursor: null, badge: { total: 0, dot: false, rooms: {} } };
  assert.deepEqual(staleAfter(ready as ServerEvent, false), []);
  assert.deepEqual(staleAfter(ready as ServerEvent, true), [
    "notifications/list/",
    "notifications/unread-count",
    "rooms",
    `rooms/${ROOM}/preferences`,
    "threads/followed",
  ]);
});

test("[SPEC §1] a message in a room I know leaves the room list alone; one from an unknown room (a new DM) reloads it", () => {
  assert.deepEqual(staleAfter(message(ROOM)), []);
  assert.deepEqual(staleAfter(message("room-new")), ["rooms"]);
});

test("[BDG-1] a thread reply, a read position or a badge change reloads the followed threads; badge and read also the inbox count", () => {
  assert.deepEqual(staleAfter(message(ROOM, "root-1")), ["threads/followed"]);
  const read = { t: "read", roomId: ROOM, seq: 3 } as unknown as ServerEvent;
  assert.deepEqual(staleAfter(read), ["notifications/unread-count", "threads/followed"]);
  const badge = { t: "badge", total: 1, dot: false, rooms: {} } as unknown as ServerEvent;
  assert.deepEqual(staleAfter(badge), ["notifications/unread-count", "threads/followed"]);
});

test("[GEN-1] a notify frame reloads the inbox and its count, nothing else", () => {
  const notify = { t: "notify", cursor: 1, roomId: ROOM, messageId: "m1" } as unknown as ServerEvent;
  assert.deepEqual(staleAfter(notify), ["notifications/list/", "notifications/unread-count"]);
});

test("[TRG-2] an open thread takes its new, edited and deleted replies from frames, and its root's edits", () => {
  const client = new QueryClient();
  const root = { id: "root-1", roomId: ROOM, seq: 1, senderId: "u1", text: "plan", createdAt: 1 };
  client.setQueryData(keys.thread("root-1"), { root, replies: [], following: true });
  const frame = (t: string, m: Record<string, unknown>) =>
    ({
      t,
      roomId: ROOM,
      seq: 0,
      message: { roomId: ROOM, senderId: "u2", createdAt: 2, ...m },
    }) as unknown as ServerEvent;
  const thread = () =>
    client.getQueryData<{ root: { text: string }; replies: { id: string; text: string }[] }>(
      keys.thread("root-1"),
    );

  frameToCache(client, frame("message", { id: "r1", text: "yes", threadRootId: "root-1" }), false);
  frameToCache(client, frame("message", { id: "r2", text: "no", threadRootId: "root-1" }), false);
  frameToCache(client, frame("message.updated", { id: "r1", text: "yes!", threadRootId: "root-1" }), false);
  frameToCache(client, frame("message.deleted", { id: "r2", text: "", threadRootId: "root-1" }), false);
  frameToCache(
    client,
    frame("message.updated", { id: "root-1", text: "plan v2", threadRootId: null }),
    false,
  );
  frameToCache(client, frame("message", { id: "x", text: "elsewhere", threadRootId: "root-9" }), false);

  assert.deepEqual(
    thread()?.replies.map((r) => [r.id, r.text]),
    [["r1", "yes!"]],
  );
  assert.equal(thread()?.root.text, "plan v2");
});

test("[TRG-2] open room history takes new, edited and deleted messages from frames; a thread-only reply counts on its root once", async () => {
  const client = new QueryClient();
  const msg = (id: string, seq: number, extra: Record<string, unknown> = {}) => ({
    id,
    roomId: ROOM,
    seq,
    senderId: "u2",
    text: id,
    createdAt: seq,
    ...extra,
  });
  const older = toPage([msg("a", 1), msg("b", 2)] as never, 50);
  const newest = toPage([msg("c", 3), msg("root", 4)] as never, 2, 2);
  client.setQueryData(keys.history(ROOM), { pages: [newest, older], pageParams: [null, 3] });
  const frame = (t: string, m: Record<string, unknown>) =>
    ({ t, roomId: ROOM, seq: m.seq, message: m }) as unknown as ServerEvent;
  const reply = msg("r1", 0, { threadRootId: "root" });

  frameToCache(client, frame("message", msg("d", 5)), false);
  frameToCache(client, frame("message", reply), false);
  frameToCache(client, frame("message", reply), false);
  frameToCache(client, frame("message.updated", { ...msg("a", 1), text: "a!" }), false);
  frameToCache(client, frame("message.deleted", msg("b", 2)), false);
  const elsewhere = { ...msg("x", 1), roomId: "elsewhere" };
  frameToCache(client, { ...frame("message", elsewhere), roomId: "elsewhere" } as ServerEvent, false);

  const pages = client.getQueryData<History>(keys.history(ROOM))?.pages ?? [];
  assert.deepEqual(
    flatten(pages).map((m) => [m.id, m.text, m.replyCount ?? 0]),
    [
      ["a", "a!", 0],
      ["c", "c", 0],
      ["root", "root", 1],
      ["d", "d", 0],
    ],
  );
  assert.equal(pages[0]?.readSeq, 2, "the read position of the newest page stays where it was");
  assert.equal(olderCursor(pages), undefined, "a page shorter than asked for is the room's first");

  // A message sent while the newest page of another room loads is in that page once it lands.
  const loading = newestWithArrivals("room-2", async () => {
    frameToCache(client, { ...frame("message", msg("late", 9)), roomId: "room-2" } as ServerEvent, false);
    return toPage([msg("early", 8)] as never, 50, 0);
  });
  assert.deepEqual(
    (await loading).messages.map((m) => m.id),
    ["early", "late"],
  );
});
