// Account (PRF-1 … PRF-16), room (PRF-30 … PRF-35) and agent (PRF-40 … PRF-50) preferences over HTTP:
// defaults, partial saves, `null` back to the default, validation with the field at fault, and PRF-21.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { MESSAGE_TONES, RING_TONES } from "@herald/core";
import { caller, errorOf } from "../helpers/api.ts";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

describe("preferences", () => {
  let h: Harness;
  let call: ReturnType<typeof caller>;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;
  before(async () => {
    h = await harness();
    call = caller(h.app);
    alice = await h.user("member");
    bob = await h.user("member");
    const r = await call(alice, "POST", "/rooms", { kind: "channel", name: "prefs", memberIds: [bob.id] });
    roomId = r.json().room.id;
  });
  after(() => h.close());

  test("[PRF-1 … PRF-17] a new user saved nothing and gets the SPEC defaults", async () => {
    const r = await call(alice, "GET", "/me/preferences");
    assert.equal(r.statusCode, 200);
    const { saved, effective } = r.json();
    assert.deepEqual(saved, {});
    const { sound, callSound, ...rest } = effective;
    assert.deepEqual(rest, {
      desktop: "mentions",
      mobileDifferent: false,
      push: "mentions",
      email: "mentions",
      emailDelivery: "batched_2m",
      threadReplies: { desktop: true, push: true, email: true },
      keywords: [],
      volume: 100,
      loginEmails: true,
      autoAway: true,
      idleSeconds: 60,
      bannerSeconds: 10,
      showBadge: true,
      quietHours: [],
      pushWhen: "inactive",
    });
    assert.ok((MESSAGE_TONES as readonly string[]).includes(sound), "PRF-8: a tone");
    assert.ok((RING_TONES as readonly string[]).includes(callSound), "PRF-10: a ring tone");
    assert.ok(MESSAGE_TONES.length >= 5 && RING_TONES.length >= 3);
  });

  test("[PRF-21] PUT saves only the keys it names; nested thread toggles merge", async () => {
    const u = await h.user();
    let r = await call(u, "PUT", "/me/preferences", { desktop: "all", threadReplies: { push: false } });
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json().saved, { desktop: "all", threadReplies: { push: false } });
    r = await call(u, "PUT", "/me/preferences", { threadReplies: { email: false }, keywords: ["deploy"] });
    assert.deepEqual(r.json().saved, {
      desktop: "all",
      threadReplies: { push: false, email: false },
      keywords: ["deploy"],
    });
    // PRF-20: PRF-2 is off, so the push thread toggle shown follows desktop's (the saved one waits for PRF-2).
    assert.deepEqual(r.json().effective.threadReplies, { desktop: true, push: true, email: false });
    const g = (await call(u, "GET", "/me/preferences")).json();
    assert.deepEqual(g.saved, r.json().saved);
    assert.equal(g.effective.desktop, "all");
    assert.equal(g.effective.push, "all", "PRF-20: push follows desktop");
  });

  test("[PRF-20] with PRF-2 off the effective push follows desktop (account and room); with PRF-2 on its own values", async () => {
    const u = await h.user();
    const room = (await call(u, "POST", "/rooms", { kind: "channel", name: `prf20-${u.id}` })).json().room.id;
    let r = await call(u, "PUT", "/me/preferences", { desktop: "all", push: "nothing" });
    assert.deepEqual([r.json().effective.desktop, r.json().effective.push], ["all", "all"]);
    assert.equal(r.json().saved.push, "nothing", "the saved push value is kept for PRF-2 on");
    r = await call(u, "PUT", `/rooms/${room}/preferences`, { desktop: "nothing", push: "all" });
    assert.deepEqual([r.json().effective.desktop, r.json().effective.push], ["nothing", "nothing"]);
    assert.equal((await call(u, "GET", `/rooms/${room}/preferences`)).json().effective.push, "nothing");
    r = await call(u, "PUT", "/me/preferences", { mobileDifferent: true, threadReplies: { push: false } });
    assert.deepEqual([r.json().effective.push, r.json().effective.threadReplies.push], ["nothing", false]);
    assert.equal((await call(u, "GET", `/rooms/${room}/preferences`)).json().effective.push, "all");
  });

  test("[PRF-21] null removes a saved choice: the default applies again", async () => {
    const u = await h.user();
    await call(u, "PUT", "/me/preferences", { volume: 40, desktop: "nothing" });
    const r = await call(u, "PUT", "/me/preferences", { volume: null });
    assert.deepEqual(r.json().saved, { desktop: "nothing" });
    assert.equal(r.json().effective.volume, 100);
  });

  test("[PRF-1 … PRF-16] every value the SPEC allows is accepted", async () => {
    const u = await h.user();
    const good: Record<string, unknown>[] = [
      { desktop: "nothing", push: "all", email: "nothing", mobileDifferent: true },
      ...["immediately", "batched_2m", "batched_15m", "batched_1h"].map((v) => ({ emailDelivery: v })),
      ...[...MESSAGE_TONES, "none"].map((v) => ({ sound: v })),
      ...[...RING_TONES, "none"].map((v) => ({ callSound: v })),
      { volume: 0 },
      { volume: 100 },
      { idleSeconds: 60 },
      { idleSeconds: 3600 },
      ...[5, 10, 20, 30, "until_closed"].map((v) => ({ bannerSeconds: v })),
      { loginEmails: false, autoAway: false, showBadge: false },
      { keywords: ["release", "on call"] },
      {
        quietHours: [
          { day: 0, start: "22:00", end: "07:00" },
          { day: 6, start: "00:00", end: "23:59" },
        ],
      },
      { quietHours: [] },
    ];
    for (const body of good) {
      const r = await call(u, "PUT", "/me/preferences", body);
      assert.equal(r.statusCode, 200, `${JSON.stringify(body)} → ${r.body}`);
      for (const [k, v] of Object.entries(body)) assert.deepEqual(r.json().effective[k], v, k);
    }
  });

  test("[GEN-4] invalid values are 400 with the field at fault, and nothing is saved", async () => {
    const u = await h.user();
    await call(u, "PUT", "/me/preferences", { volume: 55 });
    const bad: [Record<string, unknown>, string, string][] = [
      [{ desktop: "some" }, "invalid_field", "desktop"],
      [{ push: "everything" }, "invalid_field", "push"],
      [{ emailDelivery: "batched_5m" }, "invalid_field", "emailDelivery"],
      [{ idleSeconds: 59 }, "invalid_field", "idleSeconds"], // PRF-13 ≥ 60 s
      [{ idleSeconds: 60.5 }, "invalid_field", "idleSeconds"],
      [{ volume: 101 }, "invalid_field", "volume"], // PRF-9 0–100
      [{ volume: -1 }, "invalid_field", "volume"],
      [{ sound: "trumpet" }, "invalid_field", "sound"], // PRF-8: core's tone list
      [{ callSound: "chime" }, "invalid_field", "callSound"], // PRF-10: ring tones only
      [{ bannerSeconds: 15 }, "invalid_field", "bannerSeconds"], // PRF-14
      [{ threadReplies: { sms: true } }, "unknown_field", "threadReplies.sms"],
      [{ keywords: [""] }, "invalid_field", "keywords.0"],
      [{ quietHours: [{ day: 7, start: "22:00", end: "07:00" }] }, "invalid_field", "quietHours.0.day"],
      [{ quietHours: [{ day: 1, start: "24:00", end: "07:00" }] }, "invalid_field", "quietHours.0.start"],
      [{ quietHours: [{ day: 1, start: "9:00", end: "17:00" }] }, "invalid_field", "quietHours.0.start"],
      [{ quietHours: [{ day: 1, start: "09:00" }] }, "missing_field", "quietHours.0.end"],
      [{ quietHours: { day: 1 } }, "invalid_field", "quietHours"],
      [{ volume: 10, colour: "red" }, "unknown_field", "colour"],
    ];
    for (const [body, code, field] of bad) {
      const r = await call(u, "PUT", "/me/preferences", body);
      assert.deepEqual(errorOf(r), { status: 400, code, field }, JSON.stringify(body));
    }
    assert.deepEqual((await call(u, "GET", "/me/preferences")).json().saved, { volume: 55 });
  });

  test("[PRF-17] send push: every choice is saved and read back; anything else is 400", async () => {
    const u = await h.user();
    for (const pushWhen of ["always", "offline", "inactive"]) {
      const r = await call(u, "PUT", "/me/preferences", { pushWhen });
      assert.equal(r.statusCode, 200, r.body);
      const g = (await call(u, "GET", "/me/preferences")).json();
      assert.deepEqual([g.saved.pushWhen, g.effective.pushWhen], [pushWhen, pushWhen]);
    }
    for (const pushWhen of ["never", "active", 1, true]) {
      const r = await call(u, "PUT", "/me/preferences", { pushWhen });
      assert.deepEqual(
        errorOf(r),
        { status: 400, code: "invalid_field", field: "pushWhen" },
        String(pushWhen),
      );
    }
    assert.equal((await call(u, "GET", "/me/preferences")).json().saved.pushWhen, "inactive");
    const reset = await call(u, "PUT", "/me/preferences", { pushWhen: null });
    assert.deepEqual([reset.json().saved.pushWhen, reset.json().effective.pushWhen], [undefined, "inactive"]);
    // PRF-21: an admin default reaches a user who never chose.
    const never = await h.user();
    await call(h.admin, "PUT", "/admin/settings", { defaults: { account: { pushWhen: "offline" } } });
    assert.equal((await call(never, "GET", "/me/preferences")).json().effective.pushWhen, "offline");
    await call(h.admin, "PUT", "/admin/settings", { defaults: { account: { pushWhen: null } } });
    assert.equal((await call(never, "GET", "/me/preferences")).json().effective.pushWhen, "inactive");
  });

  test("[PRF-21] a user who never saved follows the current admin default, even after it changes", async () => {
    const never = await h.user();
    const chose = await h.user();
    await call(chose, "PUT", "/me/preferences", { desktop: "nothing", idleSeconds: 120 });
    const admin = (body: unknown) => call(h.admin, "PUT", "/admin/settings", body);
    const eff = async (u: TestUser) => (await call(u, "GET", "/me/preferences")).json().effective;

    assert.equal(
      (await admin({ defaults: { account: { desktop: "all", idleSeconds: 300 } } })).statusCode,
      200,
    );
    assert.equal((await eff(never)).desktop, "all");
    assert.equal((await eff(never)).idleSeconds, 300);
    assert.equal((await eff(chose)).desktop, "nothing", "a saved choice always wins");
    assert.equal((await eff(chose)).idleSeconds, 120);

    await admin({ defaults: { account: { desktop: "nothing" } } });
    assert.equal((await eff(never)).desktop, "nothing");
    assert.equal((await eff(never)).idleSeconds, 300, "other admin defaults stay");

    // The user resets to "default": they follow the admin again.
    await call(chose, "PUT", "/me/preferences", { desktop: null });
    assert.equal((await eff(chose)).desktop, "nothing");
    await admin({ defaults: { account: { desktop: null, idleSeconds: null } } });
    assert.equal((await eff(never)).desktop, "mentions", "back to the SPEC default");
    assert.equal((await eff(never)).idleSeconds, 60);
  });

  test("[PRF-30 … PRF-35] room preferences start at their defaults", async () => {
    const r = await call(bob, "GET", `/rooms/${roomId}/preferences`);
    assert.equal(r.statusCode, 200);
    const start = {
      alerts: true,
      muteGroupMentions: false,
      markUnread: true,
      desktop: "default",
      push: "default",
      email: "default",
      sound: "default",
      snooze: null,
    };
    assert.deepEqual(r.json(), { saved: {}, effective: start, defaults: start });
  });

  test("[PRF-21] every answer states the defaults — the workspace's, whatever the user saved — so the app can say them", async () => {
    const u = await h.user("agent");
    await call(u, "PUT", "/me/preferences", { desktop: "nothing" });
    await call(u, "PUT", "/me/agent-preferences", { audioMaster: false });
    await call(h.admin, "PUT", "/admin/settings", { defaults: { account: { desktop: "all" } } });
    const account = (await call(u, "GET", "/me/preferences")).json();
    assert.equal(account.effective.desktop, "nothing");
    assert.equal(account.defaults.desktop, "all");
    assert.equal(account.defaults.bannerSeconds, account.effective.bannerSeconds);
    const agent = (await call(u, "GET", "/me/agent-preferences")).json();
    assert.equal(agent.effective.audioMaster, false);
    assert.equal(agent.defaults.audioMaster, true);
    const put = (await call(u, "PUT", "/me/preferences", { email: "all" })).json();
    assert.equal(put.defaults.desktop, "all", "a save answers the defaults too");
    await call(h.admin, "PUT", "/admin/settings", { defaults: { account: { desktop: null } } });
    assert.equal((await call(u, "GET", "/me/preferences")).json().defaults.desktop, "mentions");
  });

  test("[PRF-30 … PRF-34] room overrides save partially; invalid values are 400", async () => {
    let r = await call(bob, "PUT", `/rooms/${roomId}/preferences`, {
      alerts: false,
      muteGroupMentions: true,
      desktop: "all",
      push: "nothing",
      email: "mentions",
      sound: "none",
    });
    assert.equal(r.statusCode, 200);
    r = await call(bob, "PUT", `/rooms/${roomId}/preferences`, { alerts: null, sound: "pop" });
    assert.deepEqual(r.json().saved, {
      muteGroupMentions: true,
      desktop: "all",
      push: "nothing",
      email: "mentions",
      sound: "pop",
    });
    assert.equal(r.json().effective.alerts, true);
    for (const [body, field] of [
      [{ desktop: "loud" }, "desktop"],
      [{ sound: "trumpet" }, "sound"],
      [{ alerts: "no" }, "alerts"],
      [{ snooze: "2h" }, "snooze"],
    ] as const) {
      const e = errorOf(await call(bob, "PUT", `/rooms/${roomId}/preferences`, body));
      assert.equal(e.status, 400, JSON.stringify(body));
      assert.equal(e.field, field, JSON.stringify(body));
    }
    await call(bob, "PUT", `/rooms/${roomId}/preferences`, {
      muteGroupMentions: null,
      desktop: null,
      push: null,
      email: null,
      sound: null,
    });
    assert.deepEqual((await call(bob, "GET", `/rooms/${roomId}/preferences`)).json().saved, {});
  });

  test("[PRF-35] snooze 1 h / 8 h / 24 h from now, until I unsnooze, an end time, and unsnooze", async () => {
    const now = h.clock.now();
    const snooze = async (v: unknown) =>
      (await call(bob, "PUT", `/rooms/${roomId}/preferences`, { snooze: v })).json().effective.snooze;
    assert.deepEqual(await snooze("1h"), { until: now + 3_600_000 });
    assert.deepEqual(await snooze("8h"), { until: now + 8 * 3_600_000 });
    assert.deepEqual(await snooze("24h"), { until: now + 24 * 3_600_000 });
    assert.deepEqual(await snooze("forever"), { until: null });
    assert.deepEqual(
      (await call(bob, "GET", `/rooms/${roomId}/preferences`)).json().saved.snooze,
      { until: null },
      "until I unsnooze, also after a timed snooze",
    );
    assert.deepEqual(await snooze({ until: now + 42_000 }), { until: now + 42_000 });
    assert.equal(await snooze(null), null);
  });

  test("[PRF-36] alerts off: unread and mention counts still move", async () => {
    const u = await h.user();
    await call(alice, "POST", `/rooms/${roomId}/members`, { userIds: [u.id] });
    await call(u, "PUT", `/rooms/${roomId}/preferences`, { alerts: false, snooze: "forever" });
    await call(alice, "POST", `/rooms/${roomId}/messages`, { text: `hey @${u.username}` });
    const b = (await call(u, "GET", "/me/badge")).json();
    assert.deepEqual(b.rooms[roomId], { unread: 1, mentions: 1, threads: 0 });
    assert.equal(b.total, 1);
  });

  test("[PRF-38] mark-as-unread off: no dot from the room, its mentions still count", async () => {
    const u = await h.user();
    const r = await call(alice, "POST", "/rooms", { kind: "channel", name: "quiet", memberIds: [u.id] });
    const id = r.json().room.id;
    await call(u, "PUT", `/rooms/${id}/preferences`, { markUnread: false });
    await call(alice, "POST", `/rooms/${id}/messages`, { text: "plain" });
    let b = (await call(u, "GET", "/me/badge")).json();
    assert.equal(b.dot, false);
    assert.equal(b.total, 0);
    await call(alice, "POST", `/rooms/${id}/messages`, { text: `@${u.username} look` });
    b = (await call(u, "GET", "/me/badge")).json();
    assert.equal(b.total, 1);
  });

  test("[GEN-5] room preferences of a room one is not in answer 404", async () => {
    const outsider = await h.user();
    for (const method of ["GET", "PUT"] as const) {
      const r = await call(
        outsider,
        method,
        `/rooms/${roomId}/preferences`,
        method === "PUT" ? {} : undefined,
      );
      assert.deepEqual(errorOf(r), { status: 404, code: "room_not_found", field: undefined });
    }
  });

  test("[PRF-40 … PRF-50] agent preferences start at the SPEC defaults", async () => {
    const agent = await h.user("agent");
    const r = await call(agent, "GET", "/me/agent-preferences");
    assert.equal(r.statusCode, 200);
    const { saved, effective: e } = r.json();
    assert.deepEqual(saved, {});
    assert.deepEqual(e.email, {
      pending_contact: false,
      conversation_created: false,
      conversation_assigned: true,
      conversation_mention: true,
      assigned_conversation_message: false,
      participating_conversation_message: false,
    });
    assert.deepEqual(e.push, {
      pending_contact: false,
      conversation_created: false,
      conversation_assigned: true,
      conversation_mention: true,
      assigned_conversation_message: true,
      participating_conversation_message: false,
    });
    assert.equal(e.audioScope, "assigned");
    for (const kind of ["pending", "messages"]) {
      const { tone, loop, ...a } = e[kind];
      assert.deepEqual(a, {
        audio: true,
        desktop: true,
        alsoWhenFocused: false,
        bannerSeconds: 10,
        click: "open",
      });
      assert.ok((RING_TONES as readonly string[]).includes(tone), "PRF-46");
      if (kind === "pending") assert.equal(loop, true, "PRF-45 loop");
    }
    assert.equal(e.audioMaster, true);
    assert.equal(e.desktopMaster, true);
    assert.equal(e.remindUnread, false);
  });

  test("[PRF-40 … PRF-50] agent preferences save partially per event and per alert kind", async () => {
    const agent = await h.user("agent");
    let r = await call(agent, "PUT", "/me/agent-preferences", {
      email: { pending_contact: true },
      pending: { loop: false, tone: "soft", click: "pickup" },
      audioScope: "all",
      audioMaster: false,
      remindUnread: true,
    });
    assert.equal(r.statusCode, 200);
    r = await call(agent, "PUT", "/me/agent-preferences", { push: { conversation_assigned: false } });
    const e = r.json().effective;
    assert.equal(e.email.pending_contact, true);
    assert.equal(e.email.conversation_assigned, true, "unsaved events keep their default");
    assert.equal(e.push.conversation_assigned, false);
    assert.equal(e.pending.loop, false);
    assert.equal(e.pending.click, "pickup");
    assert.equal(e.pending.desktop, true);
    assert.equal(e.audioScope, "all");
    assert.equal(e.audioMaster, false);
    assert.equal(e.desktopMaster, true);
    assert.equal(e.remindUnread, true);
  });

  test("[GEN-4] invalid agent preferences are 400 with the field", async () => {
    const agent = await h.user("agent");
    const bad: [Record<string, unknown>, string, string][] = [
      [{ email: { new_ticket: true } }, "unknown_field", "email.new_ticket"],
      [{ audioScope: "some" }, "invalid_field", "audioScope"],
      [{ pending: { tone: "chime" } }, "invalid_field", "pending.tone"],
      [{ pending: { bannerSeconds: 7 } }, "invalid_field", "pending.bannerSeconds"],
      [{ pending: { click: "reply" } }, "invalid_field", "pending.click"],
      // PRF-48: "pick up the contact" exists for pending contacts only.
      [{ messages: { click: "pickup" } }, "invalid_field", "messages.click"],
    ];
    for (const [body, code, field] of bad) {
      const r = await call(agent, "PUT", "/me/agent-preferences", body);
      assert.deepEqual(errorOf(r), { status: 400, code, field }, JSON.stringify(body));
    }
    assert.deepEqual((await call(agent, "GET", "/me/agent-preferences")).json().saved, {});
  });

  test("[PRF-21] agent and room defaults from the admin reach members who never saved", async () => {
    const agent = await h.user("agent");
    await call(h.admin, "PUT", "/admin/settings", {
      defaults: {
        agent: { audioScope: "none", email: { conversation_created: true } },
        room: { markUnread: false },
      },
    });
    const a = (await call(agent, "GET", "/me/agent-preferences")).json().effective;
    assert.equal(a.audioScope, "none");
    assert.equal(a.email.conversation_created, true);
    assert.equal(a.email.conversation_assigned, true);
    const r = (await call(alice, "GET", `/rooms/${roomId}/preferences`)).json().effective;
    assert.equal(r.markUnread, false);
    const reset = await call(h.admin, "PUT", "/admin/settings", { defaults: { agent: null, room: null } });
    assert.equal(reset.statusCode, 200);
    assert.equal((await call(agent, "GET", "/me/agent-preferences")).json().effective.audioScope, "assigned");
  });
});

describe("admin settings (PRV-1 … PRV-10)", () => {
  let h: Harness;
  let call: ReturnType<typeof caller>;
  before(async () => {
    h = await harness();
    call = caller(h.app);
  });
  after(() => h.close());
  const put = (body: unknown) => call(h.admin, "PUT", "/admin/settings", body);

  test("[PRV-1 … PRV-10] defaults as the SPEC says; PRV-7 holds every user default", async () => {
    const r = await call(h.admin, "GET", "/admin/settings");
    assert.equal(r.statusCode, 200);
    const { saved, effective } = r.json();
    assert.deepEqual(saved, {});
    const { defaults, ...rest } = effective;
    assert.deepEqual(rest, {
      pushContent: "full",
      emailContent: "full",
      siteName: "Herald",
      callRinging: true,
      loginEmails: true,
      roomInactivitySeconds: 300,
      requireVerifiedEmail: false,
      restrictGroupMentionsAbove: null,
      bannerContent: "full",
    });
    assert.deepEqual(Object.keys(defaults).sort(), ["account", "agent", "room"]);
    assert.equal(defaults.account.desktop, "mentions");
    assert.equal(defaults.room.alerts, true);
    assert.equal(defaults.agent.audioScope, "assigned");
  });

  test("[PRV-1 … PRV-9] every allowed value is saved and read back", async () => {
    for (const pushContent of ["full", "generic", "generic_no_room", "id_only"]) {
      assert.equal((await put({ pushContent })).json().effective.pushContent, pushContent);
    }
    const r = await put({
      emailContent: "generic",
      siteName: "Acme Chat",
      callRinging: false,
      loginEmails: false,
      roomInactivitySeconds: 600,
      requireVerifiedEmail: true,
      restrictGroupMentionsAbove: 50,
    });
    assert.equal(r.statusCode, 200);
    const g = (await call(h.admin, "GET", "/admin/settings")).json();
    assert.deepEqual(g.saved, {
      pushContent: "id_only",
      emailContent: "generic",
      siteName: "Acme Chat",
      callRinging: false,
      loginEmails: false,
      roomInactivitySeconds: 600,
      requireVerifiedEmail: true,
      restrictGroupMentionsAbove: 50,
    });
    // PRV-9 "off" again, and the rest back to defaults.
    const off = await put({
      restrictGroupMentionsAbove: null,
      pushContent: null,
      emailContent: null,
      siteName: null,
      callRinging: null,
      loginEmails: null,
      roomInactivitySeconds: null,
      requireVerifiedEmail: null,
    });
    assert.deepEqual(off.json().saved, {});
    assert.equal(off.json().effective.restrictGroupMentionsAbove, null);
    assert.equal(off.json().effective.siteName, "Herald");
  });

  test("[PRV-10] desktop banner content: every choice is saved and read back; anything else is 400", async () => {
    for (const bannerContent of ["generic", "generic_no_room", "full"]) {
      assert.equal((await put({ bannerContent })).statusCode, 200);
      const g = (await call(h.admin, "GET", "/admin/settings")).json();
      assert.deepEqual([g.saved.bannerContent, g.effective.bannerContent], [bannerContent, bannerContent]);
    }
    for (const bannerContent of ["id_only", "none", "", 0]) {
      assert.deepEqual(
        errorOf(await put({ bannerContent })),
        { status: 400, code: "invalid_field", field: "bannerContent" },
        String(bannerContent),
      );
    }
    assert.equal((await call(h.admin, "GET", "/admin/settings")).json().saved.bannerContent, "full");
    const off = await put({ bannerContent: null });
    assert.deepEqual(
      [off.json().saved.bannerContent, off.json().effective.bannerContent],
      [undefined, "full"],
    );
  });

  test("[GEN-4] invalid admin settings are 400 with the field, and nothing is saved", async () => {
    await put({ siteName: "Kept" });
    const bad: [Record<string, unknown>, string, string][] = [
      [{ pushContent: "partial" }, "invalid_field", "pushContent"],
      [{ emailContent: "id_only" }, "invalid_field", "emailContent"],
      [{ siteName: "" }, "invalid_field", "siteName"],
      [{ siteName: "   " }, "invalid_field", "siteName"],
      [{ siteName: "x".repeat(81) }, "invalid_field", "siteName"],
      [{ callRinging: "yes" }, "invalid_field", "callRinging"],
      [{ roomInactivitySeconds: -1 }, "invalid_field", "roomInactivitySeconds"],
      [{ restrictGroupMentionsAbove: 0 }, "invalid_field", "restrictGroupMentionsAbove"],
      [{ defaults: { account: { idleSeconds: 30 } } }, "invalid_field", "defaults.account.idleSeconds"],
      [{ defaults: { account: { volume: 101 } } }, "invalid_field", "defaults.account.volume"],
      [{ defaults: { account: { sound: "trumpet" } } }, "invalid_field", "defaults.account.sound"],
      [{ defaults: { room: { desktop: "loud" } } }, "invalid_field", "defaults.room.desktop"],
      [{ defaults: { users: {} } }, "unknown_field", "defaults.users"],
      [{ siteName: "Half", ringing: true }, "unknown_field", "ringing"],
    ];
    for (const [body, code, field] of bad) {
      assert.deepEqual(errorOf(await put(body)), { status: 400, code, field }, JSON.stringify(body));
    }
    assert.deepEqual((await call(h.admin, "GET", "/admin/settings")).json().saved, { siteName: "Kept" });
  });

  test("[PRV-7] admin defaults keep the user tables' rules (a room default snooze is not a default)", async () => {
    const r = await put({ defaults: { room: { snooze: "1h" } } });
    assert.deepEqual(errorOf(r), { status: 400, code: "unknown_field", field: "defaults.room.snooze" });
  });

  test("[GEN-5] members and agents get 403 admin_only on admin settings", async () => {
    for (const role of ["member", "agent"] as const) {
      const u = await h.user(role);
      assert.equal(errorOf(await call(u, "GET", "/admin/settings")).code, "admin_only");
      assert.equal(errorOf(await call(u, "PUT", "/admin/settings", { siteName: "x" })).code, "admin_only");
    }
  });
});
