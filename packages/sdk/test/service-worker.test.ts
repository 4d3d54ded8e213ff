import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { clearMatches, parsePayload, pickClient, showSpec, targetUrl } from "../src/sw/payload.ts";

// The real service worker module, run in a fake ServiceWorkerGlobalScope.
type Handler = (e: unknown) => void;
const handlers = new Map<string, Handler>();
const shown: { title: string; tag: string; data: unknown; body: string; closed: boolean; close(): void }[] =
  [];
const fetched: { url: string; init: RequestInit | undefined }[] = [];
const badges: (number | "clear")[] = [];
const windows: {
  url: string;
  focused: boolean;
  messages: unknown[];
  focus(): Promise<void>;
  postMessage(m: unknown): void;
}[] = [];
const opened: string[] = [];
let fetchReply: { ok: boolean; body: unknown } = { ok: true, body: {} };
const saved = new Map<string, PropertyDescriptor | undefined>();

const scope: Record<string, unknown> = {
  addEventListener: (t: string, fn: Handler) => handlers.set(t, fn),
  location: { origin: "https://herald.test" },
  registration: {
    showNotification: (title: string, o: { tag: string; data: unknown; body: string }) => {
      const n = {
        title,
        tag: o.tag,
        data: o.data,
        body: o.body,
        closed: false,
        close: () => {
          n.closed = true;
        },
      };
      shown.push(n);
      return Promise.resolve();
    },
    getNotifications: () => Promise.resolve(shown.filter((n) => !n.closed)),
  },
  clients: {
    matchAll: () => Promise.resolve(windows),
    openWindow: (url: string) => Promise.resolve(void opened.push(url)),
    claim: () => Promise.resolve(),
  },
  navigator: {
    setAppBadge: (n: number) => Promise.resolve(void badges.push(n)),
    clearAppBadge: () => Promise.resolve(void badges.push("clear")),
  },
  skipWaiting: () => Promise.resolve(),
  fetch: (url: string, init?: RequestInit) => {
    fetched.push({ url, init });
    return Promise.resolve({ ok: fetchReply.ok, json: () => Promise.resolve(fetchReply.body) });
  },
};

before(async () => {
  for (const [k, v] of Object.entries(scope)) {
    saved.set(k, Object.getOwnPropertyDescriptor(globalThis, k));
    Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
  }
  await import("../src/sw/service-worker.ts");
});
after(() => {
  for (const [k, d] of saved) {
    if (d) Object.defineProperty(globalThis, k, d);
    else delete (globalThis as Record<string, unknown>)[k];
  }
});

async function push(payload: unknown): Promise<void> {
  let done: Promise<unknown> = Promise.resolve();
  handlers.get("push")?.({
    data: { text: () => JSON.stringify(payload) },
    waitUntil: (p: Promise<unknown>) => {
      done = p;
    },
  });
  await done;
}

const msg = (id: string, over: Record<string, unknown> = {}) => ({
  v: 1,
  type: "message",
  id,
  roomId: "r1",
  tag: "room-r1",
  badge: 3,
  title: "Alice in #general",
  body: "hello",
  ...over,
});

test("[PSH-5] a push shows title/body/tag from the payload and sets the badge count", async () => {
  shown.length = 0;
  await push(msg("m1"));
  assert.equal(shown.length, 1);
  assert.deepEqual([shown[0].title, shown[0].body, shown[0].tag], ["Alice in #general", "hello", "room-r1"]);
  assert.deepEqual(shown[0].data, {
    url: "/chat/r1?message=m1",
    roomId: "r1",
    messageId: "m1",
    threadId: undefined,
  });
  assert.equal(badges.at(-1), 3);
});

test("[PSH-4] id-only payloads fetch the content with the user's credentials", async () => {
  shown.length = 0;
  fetchReply = { ok: true, body: { title: "Bob", body: "secret text" } };
  await push({ v: 1, type: "message", id: "m 2", roomId: "r2", tag: "room-r2", badge: 1, fetch: true });
  assert.equal(fetched.at(-1)?.url, "/api/v1/push/messages/m%202");
  assert.equal(fetched.at(-1)?.init?.credentials, "include");
  assert.deepEqual([shown[0].title, shown[0].body], ["Bob", "secret text"]);
  fetchReply = { ok: false, body: {} };
  await push({ v: 1, type: "message", id: "m3", roomId: "r2", tag: "room-r2", badge: 1, fetch: true });
  assert.deepEqual(
    [shown[1].title, shown[1].body],
    ["Herald", "You have a new message"],
    "signed out: generic text",
  );
});

test("[PSH-3] a clear push closes that room's notifications, or only the listed messages", async () => {
  shown.length = 0;
  await push(msg("a"));
  await push(msg("b"));
  await push(msg("c", { roomId: "r9", tag: "room-r9" }));
  await push({ v: 1, type: "clear", tag: "room-r1", roomId: "r1", messageIds: ["a"], badge: 2 });
  assert.deepEqual(
    shown.map((n) => n.closed),
    [true, false, false],
  );
  await push({ v: 1, type: "clear", tag: "room-r1", roomId: "r1", badge: 0 });
  assert.deepEqual(
    shown.map((n) => n.closed),
    [true, true, false],
  );
  assert.equal(badges.at(-1), "clear");
  assert.equal(shown.length, 3, "a clear push shows nothing");
});

test("[DSK-6] a click focuses an open window and tells it what to open; else opens a new one", async () => {
  const click = async (data: unknown) => {
    let done: Promise<unknown> = Promise.resolve();
    const n = { tag: "room-r1", data, close() {} };
    handlers.get("notificationclick")?.({
      notification: n,
      action: "",
      waitUntil: (p: Promise<unknown>) => {
        done = p;
      },
    });
    await done;
  };
  await click({ url: "/chat/r1?message=m1", roomId: "r1", messageId: "m1" });
  assert.deepEqual(opened, ["/chat/r1?message=m1"]);
  const w = {
    url: "https://herald.test/chat/r0",
    focused: false,
    messages: [] as unknown[],
    focusCalls: 0,
    focus() {
      w.focusCalls++;
      return Promise.resolve();
    },
    postMessage(m: unknown) {
      w.messages.push(m);
    },
  };
  windows.push(w);
  await click({ url: "/chat/r1?message=m1", roomId: "r1", messageId: "m1" });
  assert.equal(opened.length, 1);
  assert.equal(w.focusCalls, 1);
  assert.deepEqual(w.messages, [
    { t: "herald.open", action: "", url: "/chat/r1?message=m1", roomId: "r1", messageId: "m1" },
  ]);
});

test("[PSH-4] payload helpers: parse, target URLs, call/summary/support texts, client choice", () => {
  assert.equal(parsePayload("not json"), null);
  assert.equal(parsePayload(JSON.stringify({ v: 2, type: "message", tag: "x" })), null);
  const thread = parsePayload(JSON.stringify(msg("m1", { threadId: "t1" })));
  assert.ok(thread);
  assert.equal(targetUrl(thread), "/chat/r1/thread/t1?message=m1");
  const call = showSpec({
    v: 1,
    type: "call",
    callId: "k",
    roomId: "r",
    tag: "call-k",
    badge: 0,
    from: { id: "u", name: "Bob" },
  });
  assert.equal(call?.title, "Bob is calling");
  assert.equal(call?.options.requireInteraction, true);
  const summary = showSpec({
    v: 1,
    type: "summary",
    roomId: "r",
    tag: "room-r",
    badge: 0,
    count: 4,
    fetch: true,
  });
  assert.equal(summary?.options.body, "4 new messages");
  const support = showSpec({
    v: 1,
    type: "support",
    event: "conversation_assigned",
    conversationId: "c",
    inboxId: "i",
    tag: "conv-c",
    badge: 0,
  });
  assert.equal(support?.options.data.url, "/support/c/c");
  assert.equal(
    clearMatches(
      { v: 1, type: "clear", tag: "room-r", roomId: "r", threadId: "t", badge: 0 },
      { tag: "room-r", data: { threadId: "u" } },
    ),
    false,
  );
  const clients = [
    { url: "https://other.test/", focused: true },
    { url: "https://herald.test/chat", focused: false },
    { url: "https://herald.test/x", focused: true },
  ];
  assert.equal(pickClient(clients, "/chat", "https://herald.test"), clients[1]);
  assert.equal(pickClient(clients, "/nope", "https://herald.test"), clients[2]);
});
