// The gateway inside the real server (SQLite) with support, preferences and accounts: a conversation message
// alerts an agent once (SUP-7), pending alerts reach an agent who connects later and a stale resume is rebuilt
// from the store (GEN-7), assigned.unread (PRF-50), workspace defaults (PRF-21) and renames reach the gateway.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { WebSocket } from "ws";
import { gatewayRole } from "../../src/gateway/role.ts";
import { type Harness, harness, type TestUser } from "../http/harness.ts";
import { type Frame, openClient, until } from "./helpers/bob-socket.ts";

function client(url: string, user: TestUser, resume?: unknown) {
  const deviceId = `${user.username}-${Math.random()}`;
  return openClient(url, { authorization: `Bearer ${user.token}` }, deviceId, resume);
}

/** The real server with its gateway role on a free port; sockets opened with `connect` close after `fn`. */
async function withGateway(
  fn: (h: Harness, connect: (user: TestUser, resume?: unknown) => ReturnType<typeof client>) => Promise<void>,
): Promise<void> {
  const h = await harness();
  const stopper = await gatewayRole.start!(h.services, h.app);
  const clients: WebSocket[] = [];
  try {
    await h.app.listen({ port: 0, host: "127.0.0.1" });
    const port = (h.app.server.address() as { port: number }).port;
    const url = `ws://127.0.0.1:${port}/api/v1/realtime`;
    await fn(h, async (user, resume) => {
      const c = await client(url, user, resume);
      clients.push(c.ws);
      return c;
    });
  } finally {
    for (const ws of clients) ws.close();
    await stopper?.stop();
    await h.close();
  }
}

const call = async (
  h: Harness,
  method: "GET" | "POST" | "PUT" | "PATCH",
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
) => {
  const r = await h.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as object });
  assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json();
};

test("[SUP-7] a conversation message alerts an agent once, not twice; [SUP-3] [GEN-7] [PRF-50] through the server", async () => {
  await withGateway(async (h, connect) => {
    const ann = await h.user("agent", "ann");
    const ben = await h.user("agent", "ben");
    const inbox = await call(h, "POST", "/inboxes", h.admin.h, { name: "Web", agentIds: [ann.id, ben.id] });
    const key = { "x-inbox-key": inbox.key as string };
    const a = await connect(ann);
    const conv = await call(h, "POST", "/widget/conversations", key, { name: "Zoe", text: "Hello" });
    const convId = conv.conversation.id as string;
    const roomId = conv.conversation.roomId as string;
    await until(() => a.frames.some((f) => f.t === "pending.start"), "pending.start to the connected agent");
    // [SUP-3] [GEN-7] ben connects after the alert started: his hello brings it from the support tables.
    const b = await connect(ben);
    const replayed = b.frames.find((f) => f.t === "pending.start");
    assert.equal(replayed?.conversationId, convId);
    assert.equal(replayed?.contactName, "Zoe");
    await call(h, "POST", `/conversations/${convId}/pickup`, ann.h);
    await until(() => b.frames.some((f) => f.t === "pending.stop"), "pending.stop");
    const contact = { ...key, "x-contact-token": conv.contactToken as string };
    const posted = await call(h, "POST", `/widget/conversations/${convId}/messages`, contact, {
      text: "still there?",
    });
    const messageId = posted.message.id as string;
    // Bus events are handled in order: once ann's read of the room is back, everything before it is too.
    await call(h, "POST", `/rooms/${roomId}/read`, ann.h, {});
    await until(() => a.frames.some((f) => f.t === "read"), "read");
    const about = a.frames.filter((f) => f.t === "notify" && f.messageId === messageId);
    assert.equal(about.length, 1, `one notify, got ${JSON.stringify(about)}`);
    assert.equal(about[0].trigger, "support");
    assert.equal(about[0].event, "assigned_conversation_message");
    assert.ok(about[0].banner, "SUP-8 / PRF-42 assigned: banner");
    assert.deepEqual(about[0].sound, { name: "classic", loop: false });
    assert.equal((about[0].banner as { click: string }).click, "open");
    // Only the support event's deliveries: no chat-level outbox row for the conversation message.
    const rows = await h.services.store.db
      .selectFrom("deliveries")
      .select("id")
      .where("message_id", "=", messageId)
      .execute();
    assert.deepEqual(rows, []);
    // PRF-50: unread in an assigned conversation, then read.
    const sets = a.frames.filter((f) => f.t === "assigned.unread").map((f) => f.conversationIds);
    assert.deepEqual(sets, [[convId], []]);
    // [GEN-7] a resume from a cursor no log on this node covers is rebuilt from the store, without banners:
    // ben's unread SUP-2 item comes back (ann read hers by reading the room).
    const stale = await connect(ben, { rooms: {}, userCursor: 1 });
    const ready = stale.frames[0];
    assert.equal(ready.rebuilt, true);
    assert.equal(ready.gap, false);
    const rebuilt = stale.frames.filter((f) => f.t === "notify");
    assert.deepEqual(
      rebuilt.map((f) => [f.trigger, f.event, f.conversationId]),
      [["support", "conversation_created", convId]],
    );
    assert.ok(rebuilt.every((f) => f.replay === true && f.banner === undefined));
    assert.ok(stale.frames.some((f) => f.t === "pending.stop" && f.conversationId === convId));
  });
});

test("[PRF-21] [PRV-7] a workspace default change reaches connected users at once; a rename reaches banner titles", async () => {
  await withGateway(async (h, connect) => {
    const alice = await h.user("member", "alice");
    const bob = await h.user("member", "bob");
    const room = await call(h, "POST", "/rooms", alice.h, {
      kind: "channel",
      name: "town",
      memberIds: [bob.id],
    });
    const roomId = (room.room ?? room).id as string;
    const b = await connect(bob);
    const post = async (text: string) => {
      const m = await call(h, "POST", `/rooms/${roomId}/messages`, alice.h, { text });
      await until(
        () => b.frames.some((f) => f.t === "message" && (f.message as { id: string }).id === m.message.id),
        "message",
      );
      return m.message.id as string;
    };
    const notifyOf = (id: string) => b.frames.find((f) => f.t === "notify" && f.messageId === id);
    // PRF-1 default "mentions": a plain message gives no notify.
    assert.equal(notifyOf(await post("plain one")), undefined);
    // The admin makes "all" the default; bob never saved a level, so he follows it (PRF-21).
    await call(h, "PUT", "/admin/settings", h.admin.h, { defaults: { account: { desktop: "all" } } });
    const second = await post("plain two");
    await until(() => notifyOf(second) !== undefined, "notify after the default changed");
    assert.equal((notifyOf(second)!.banner as { title: string }).title, "alice in #town");
    // A rename shows in the next banner's title (the sender-name cache follows writes to users).
    await call(h, "PATCH", "/me", alice.h, { displayName: "Alice Cooper" });
    const third = await post("plain three");
    await until(() => notifyOf(third) !== undefined, "notify after the rename");
    assert.equal((notifyOf(third)!.banner as { title: string }).title, "Alice Cooper in #town");
  });
});

test("[SUP-4] [SUP-5] pick-up, reassignment and resolve reach every agent of the inbox as conversation.updated; nobody outside it", async () => {
  await withGateway(async (h, connect) => {
    const ann = await h.user("agent", "ann");
    const ben = await h.user("agent", "ben");
    const cat = await h.user("agent", "cat");
    const outsider = await h.user("agent", "otto");
    const inbox = await call(h, "POST", "/inboxes", h.admin.h, {
      name: "Web",
      agentIds: [ann.id, ben.id, cat.id],
    });
    await call(h, "POST", "/inboxes", h.admin.h, { name: "Other", agentIds: [outsider.id] });
    const key = { "x-inbox-key": inbox.key as string };
    const [a, c, o] = [await connect(ann), await connect(cat), await connect(outsider)];
    const conv = await call(h, "POST", "/widget/conversations", key, { name: "Zoe", text: "Hello" });
    const convId = conv.conversation.id as string;
    const updates = (frames: Frame[]) =>
      frames
        .filter((f) => f.t === "conversation.updated" && f.conversationId === convId)
        .map((f) => [f.status, f.assigneeId]);
    await call(h, "POST", `/conversations/${convId}/pickup`, ann.h);
    await until(() => updates(c.frames).length === 1, "pick-up reaches cat");
    // ben takes it over: ann, who had it, learns it left her "Mine" list without reloading.
    await call(h, "POST", `/conversations/${convId}/assign`, ben.h, { userId: ben.id });
    await until(() => updates(a.frames).length === 2, "reassignment reaches ann");
    await call(h, "POST", `/conversations/${convId}/resolve`, ben.h);
    await until(() => updates(c.frames).length === 3, "resolve reaches cat");
    const expected = [
      ["open", ann.id],
      ["open", ben.id],
      ["resolved", ben.id],
    ];
    assert.deepEqual(updates(a.frames), expected);
    assert.deepEqual(updates(c.frames), expected);
    // GEN-5: an agent of another inbox hears nothing of it. Bus events are handled in order, so a frame
    // sent to otto after the resolve proves none about this conversation is still on its way.
    const other = await call(h, "POST", "/inboxes", h.admin.h, { name: "Later", agentIds: [outsider.id] });
    await call(
      h,
      "POST",
      "/widget/conversations",
      { "x-inbox-key": other.key as string },
      { name: "Y", text: "hi" },
    );
    await until(() => o.frames.some((f) => f.t === "pending.start"), "otto's own pending contact");
    assert.deepEqual(updates(o.frames), []);
  });
});
