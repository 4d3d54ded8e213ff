// GEN-6 on the public widget API (the inbox key sits in the customer's page): conversations and messages are
// limited per address and per contact token, a contact has a cap of conversations waiting or open, and a flood
// costs a connected agent one ring (pending.start, SUP-3) per accepted conversation — nothing more.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { WebSocket } from "ws";
import { gatewayRole } from "../../src/gateway/role.ts";
import { type Harness, harness, type TestUser } from "../http/harness.ts";
import { type Frame, openClient, until } from "./helpers/bob-socket.ts";

describe("[GEN-6] widget flood", () => {
  let h: Harness;
  let stop: (() => Promise<void>) | undefined;
  let ann: TestUser;
  let key: string;
  let ws: WebSocket;
  let frames: Frame[] = [];

  before(async () => {
    h = await harness({
      config: { rateWidgetConversationsPerHour: 5, rateWidgetMessagesPerMin: 8, widgetOpenPerContact: 2 },
    });
    const stopper = await gatewayRole.start?.(h.services, h.app);
    stop = stopper ? () => stopper.stop() : undefined;
    await h.app.listen({ port: 0, host: "127.0.0.1" });
    ann = await h.user("agent", "ann");
    const inbox = await h.app.inject({
      method: "POST",
      url: "/api/v1/inboxes",
      headers: h.admin.h,
      payload: { name: "Site", agentIds: [ann.id] },
    });
    key = inbox.json().key;
    const port = (h.app.server.address() as { port: number }).port;
    const client = await openClient(
      `ws://127.0.0.1:${port}/api/v1/realtime`,
      { authorization: `Bearer ${ann.token}` },
      "ann-1",
    );
    ws = client.ws;
    frames = client.frames;
  });
  after(async () => {
    ws.close();
    await stop?.();
    await h.close();
  });

  const start = (ip: string, headers: Record<string, string> = {}) =>
    h.app.inject({
      method: "POST",
      url: "/api/v1/widget/conversations",
      headers: { "x-inbox-key": key, ...headers },
      payload: { name: "Flood", text: "hi" },
      remoteAddress: ip,
    });
  const write = (id: string, token: string, ip: string, text = "again") =>
    h.app.inject({
      method: "POST",
      url: `/api/v1/widget/conversations/${id}/messages`,
      headers: { "x-inbox-key": key, "x-contact-token": token },
      payload: { text },
      remoteAddress: ip,
    });

  test("[GEN-6] [SUP-3] 30 conversations from one address: 5 accepted, the rest 429, one ring each", async () => {
    const codes: number[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await start("203.0.113.1");
      codes.push(r.statusCode);
      if (r.statusCode === 201) ids.push(r.json().conversation.id);
      else {
        assert.equal(r.json().error.code, "rate_limited");
        assert.ok(Number(r.headers["retry-after"]) > 60, "the conversation window is an hour");
      }
    }
    assert.equal(ids.length, 5);
    assert.equal(codes.filter((c) => c === 429).length, 25);
    // Another address is not affected.
    const other = await start("198.51.100.1");
    assert.equal(other.statusCode, 201);
    ids.push(other.json().conversation.id);
    await until(
      () => ids.every((id) => frames.some((f) => f.t === "pending.start" && f.conversationId === id)),
      "rings",
    );
    // Proven absent by a later event: once the agent's read comes back, every earlier frame is in.
    const later = frames.length;
    const marker = await start("198.51.100.9");
    const markerId = marker.json().conversation.id as string;
    await until(
      () => frames.slice(later).some((f) => f.t === "pending.start" && f.conversationId === markerId),
      "marker",
    );
    const rings = frames.filter((f) => f.t === "pending.start");
    assert.equal(rings.length, ids.length + 1, "one ring per accepted conversation");
  });

  test("[GEN-6] messages are limited per contact token and per address", async () => {
    const c = await start("192.0.2.10");
    const { id } = c.json().conversation;
    const token = c.json().contactToken as string;
    // The first message was the conversation's own (1 of 8 for this address and token).
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push((await write(id, token, "192.0.2.10")).statusCode);
    assert.deepEqual(codes, [201, 201, 201, 201, 201, 201, 201, 429]);
    // The token's bucket follows it to another address.
    assert.equal((await write(id, token, "192.0.2.11")).statusCode, 429);
    // Another contact from that other address is fine.
    const d = await start("192.0.2.11");
    assert.equal(
      (await write(d.json().conversation.id, d.json().contactToken, "192.0.2.11")).statusCode,
      201,
    );
  });

  test("[GEN-6] a returning contact keeps its token and may have at most 2 conversations waiting or open", async () => {
    const first = await start("192.0.2.20");
    const token = first.json().contactToken as string;
    const second = await start("192.0.2.20", { "x-contact-token": token });
    assert.equal(second.statusCode, 201);
    assert.equal(second.json().contactToken, token);
    const third = await start("192.0.2.20", { "x-contact-token": token });
    assert.equal(third.statusCode, 409);
    assert.equal(third.json().error.code, "too_many_open_conversations");
    const unknown = await start("192.0.2.20", { "x-contact-token": "hct_nobody" });
    assert.equal(unknown.statusCode, 401);
    // Leaving one frees a place.
    const left = await h.app.inject({
      method: "POST",
      url: `/api/v1/widget/conversations/${first.json().conversation.id}/leave`,
      headers: { "x-inbox-key": key, "x-contact-token": token },
      remoteAddress: "192.0.2.20",
    });
    assert.equal(left.statusCode, 200);
    assert.equal((await start("192.0.2.20", { "x-contact-token": token })).statusCode, 201);
  });

  test("[SUP-3] a contact writing on in a still-pending conversation rings nobody again; once picked up, a message rings", async () => {
    // Ann rings for every conversation of her inboxes (PRF-42 all): without the SUP-3 rule, each message would.
    const pref = await h.app.inject({
      method: "PUT",
      url: "/api/v1/me/agent-preferences",
      headers: ann.h,
      payload: { audioScope: "all" },
    });
    assert.equal(pref.statusCode, 200, pref.body);
    const c = await start("192.0.2.40");
    const { id } = c.json().conversation;
    const token = c.json().contactToken as string;
    await until(() => frames.some((f) => f.t === "pending.start" && f.conversationId === id), "the one ring");
    const from = frames.length;
    for (let i = 0; i < 5; i++)
      assert.equal((await write(id, token, "192.0.2.40", `hello? ${i}`)).statusCode, 201);
    // The later event: picked up, the next contact message does ring (it is open now, Ann's and for all).
    const pick = await h.app.inject({
      method: "POST",
      url: `/api/v1/conversations/${id}/pickup`,
      headers: ann.h,
    });
    assert.equal(pick.statusCode, 200, pick.body);
    assert.equal((await write(id, token, "192.0.2.41", "thanks")).statusCode, 201);
    const sounding = (f: Frame) => f.t === "notify" && f.conversationId === id && f.sound !== undefined;
    await until(() => frames.slice(from).some(sounding), "the ring after the pick-up");
    const rang = frames.slice(from).filter(sounding);
    assert.equal(
      rang.length,
      1,
      "the five messages while pending rang nothing; the one after the pick-up did",
    );
    assert.equal(
      frames.slice(from).filter((f) => f.t === "pending.start" && f.conversationId === id).length,
      0,
    );
  });

  test("[GEN-6] [SUP-3] leaving and writing again re-rings only as often as new conversations may", async () => {
    const c = await start("192.0.2.30");
    const { id } = c.json().conversation;
    const token = c.json().contactToken as string;
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      await h.app.inject({
        method: "POST",
        url: `/api/v1/widget/conversations/${id}/leave`,
        headers: { "x-inbox-key": key, "x-contact-token": token },
        remoteAddress: "192.0.2.30",
      });
      codes.push((await write(id, token, "192.0.2.30", `back ${i}`)).statusCode);
    }
    // 1 conversation + 4 reopenings = the 5 an hour; the 6th reopening is refused before it rings.
    assert.deepEqual(codes, [201, 201, 201, 201, 429, 429]);
  });
});
