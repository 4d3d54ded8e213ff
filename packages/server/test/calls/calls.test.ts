// [CAL-1] [CAL-2] calls through the HTTP API on SQLite: ring.start with the PRF-10 tone and an immediate push,
// not when busy / silenced / PRV-4 off; ringing stops on answer, decline, hang-up and after 30 s (stepped
// timer); a missed call becomes an inbox item (GEN-1).
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { settleCalls } from "../../src/calls/service.ts";
import type { TimerHandle } from "../../src/gateway/ports.ts";
import { setSupportPorts } from "../../src/support/ports.ts";
import type { TestUser } from "../http/harness.ts";
import type { SupportFixture } from "../support/fixture.ts";
import { supportFixture } from "../support/fixture.ts";

/** Timers that fire only when the test steps the harness clock past them. */
class StepTimer {
  readonly pending = new Map<object, { at: number; fn: () => void }>();
  readonly now: () => number;
  constructor(now: () => number) {
    this.now = now;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const h = {};
    this.pending.set(h, { at: this.now() + ms, fn });
    return h;
  }
  clearTimeout(h: TimerHandle): void {
    this.pending.delete(h);
  }
  fireDue(): void {
    for (const [h, t] of [...this.pending]) {
      if (t.at > this.now()) continue;
      this.pending.delete(h);
      t.fn();
    }
  }
}

describe("calls", () => {
  let f: SupportFixture;
  let timer: StepTimer;
  let al: TestUser;
  let bo: TestUser;
  let cy: TestUser;
  let dm: string;
  let gdm: string;
  const call = async (u: TestUser, roomId: string) => {
    const r = await f.api(u, "POST", `/rooms/${roomId}/calls`);
    assert.equal(r.statusCode, 201, r.body);
    return r.json().call as { id: string; members: { userId: string }[] };
  };
  const items = async (u: TestUser) =>
    (await f.api(u, "GET", "/notifications")).json().items as {
      type: string;
      event: string;
      callId: string;
    }[];
  const step = async (ms: number) => {
    f.h.clock.advance(ms);
    timer.fireDue();
    await settleCalls(f.h.services);
  };

  before(async () => {
    f = await supportFixture();
    timer = new StepTimer(() => f.h.clock.now());
    setSupportPorts(f.h.services, { timer });
    al = await f.h.user("member", "al");
    bo = await f.h.user("member", "bo");
    cy = await f.h.user("member", "cy");
    dm = (await f.api(al, "POST", "/dms", { userIds: [bo.id] })).json().room.id;
    gdm = (await f.api(al, "POST", "/dms", { userIds: [bo.id, cy.id] })).json().room.id;
  });
  beforeEach(async () => {
    f.frames.length = 0;
    f.callDeliveries.length = 0;
    await step(31_000); // any call left from the test before has rung out
    f.frames.length = 0;
  });
  after(() => f.h.close());

  test("[CAL-1] a call rings the other members with the PRF-10 tone and pushes at once", async () => {
    const pref = await f.api(cy, "PUT", "/me/preferences", { callSound: "none" });
    assert.equal(pref.statusCode, 200, pref.body);
    f.online.add(bo.id);
    f.online.add(cy.id);
    const c = await call(al, gdm);
    const starts = f.frames.filter((x) => x.frame.t === "ring.start");
    assert.deepEqual(starts.map((s) => s.userId).sort(), [bo.id, cy.id].sort());
    const toBo = starts.find((s) => s.userId === bo.id)?.frame;
    assert.ok(toBo && toBo.t === "ring.start" && toBo.sound?.loop === true && toBo.from === al.id);
    assert.equal(toBo.sound?.name, "classic");
    // PRF-10 "none": the call still rings (banner, push), silently.
    const toCy = starts.find((s) => s.userId === cy.id)?.frame;
    assert.ok(toCy && toCy.t === "ring.start" && toCy.sound === undefined);
    assert.deepEqual(f.callDeliveries.map((d) => d.userId).sort(), [bo.id, cy.id].sort());
    assert.ok(f.callDeliveries.every((d) => d.callId === c.id));
    assert.equal(
      f.frames.some((x) => x.userId === al.id),
      false,
      "the caller does not ring",
    );
    const again = await f.api(bo, "POST", `/rooms/${gdm}/calls`);
    assert.deepEqual([again.statusCode, again.json().error.code], [409, "call_in_progress"]);
    await f.api(al, "POST", `/calls/${c.id}/end`);
  });

  test("[CAL-1] no ring for a busy member, in a silenced room, or with call ringing off (PRV-4)", async () => {
    await f.api(bo, "PUT", "/me/status", { presence: "auto", dnd: { until: null } });
    await call(al, dm).then((c) => f.api(al, "POST", `/calls/${c.id}/end`));
    assert.equal(f.frames.filter((x) => x.frame.t === "ring.start").length, 0);
    await f.api(bo, "PUT", "/me/status", { presence: "auto", dnd: null });
    await f.api(bo, "PUT", `/rooms/${dm}/preferences`, { alerts: false });
    await call(al, dm).then((c) => f.api(al, "POST", `/calls/${c.id}/end`));
    assert.equal(f.frames.filter((x) => x.frame.t === "ring.start").length, 0);
    await f.api(bo, "PUT", `/rooms/${dm}/preferences`, { alerts: true });
    const off = await f.api(f.h.admin, "PUT", "/admin/settings", { callRinging: false });
    assert.equal(off.statusCode, 200, off.body);
    await call(al, dm).then((c) => f.api(al, "POST", `/calls/${c.id}/end`));
    assert.equal(f.frames.filter((x) => x.frame.t === "ring.start").length, 0);
    assert.equal(f.callDeliveries.length, 0);
    await f.api(f.h.admin, "PUT", "/admin/settings", { callRinging: true });
  });

  test("[CAL-2] answering or declining stops the ringing for that user only", async () => {
    const c = await call(al, gdm);
    const a = await f.api(bo, "POST", `/calls/${c.id}/answer`);
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(a.json().call.state, "ongoing");
    assert.deepEqual(
      f.frames.filter((x) => x.frame.t === "ring.stop").map((x) => x.userId),
      [bo.id],
    );
    // The caller (and every callee) learns the new state: "Calling…" becomes the call.
    const updates = f.frames.filter((x) => x.frame.t === "call.updated");
    assert.deepEqual(updates.map((x) => x.userId).sort(), [al.id, bo.id, cy.id].sort());
    const seen = updates.find((x) => x.userId === al.id)?.frame;
    assert.ok(seen?.t === "call.updated" && seen.call.state === "ongoing");
    const twice = await f.api(bo, "POST", `/calls/${c.id}/answer`);
    assert.deepEqual([twice.statusCode, twice.json().error.code], [409, "call_not_ringing"]);
    await f.api(cy, "POST", `/calls/${c.id}/decline`);
    assert.deepEqual(
      f.frames.filter((x) => x.frame.t === "ring.stop").map((x) => x.userId),
      [bo.id, cy.id],
    );
    assert.equal(
      (await items(cy)).some((i) => i.callId === c.id),
      false,
      "a declined call is not missed",
    );
    await f.api(al, "POST", `/calls/${c.id}/end`);
  });

  test("[CAL-2][GEN-1] the caller hanging up stops every ring; those who did not answer get a missed call", async () => {
    const c = await call(al, gdm);
    const r = await f.api(al, "POST", `/calls/${c.id}/end`);
    assert.equal(r.json().call.state, "ended");
    const ended = f.frames.filter((x) => x.frame.t === "call.updated" && x.frame.call.state === "ended");
    assert.deepEqual(ended.map((x) => x.userId).sort(), [al.id, bo.id, cy.id].sort());
    assert.deepEqual(
      f.frames
        .filter((x) => x.frame.t === "ring.stop")
        .map((x) => x.userId)
        .sort(),
      [bo.id, cy.id].sort(),
    );
    for (const u of [bo, cy])
      assert.equal((await items(u)).find((i) => i.callId === c.id)?.event, "missed_call");
  });

  test("[CAL-2] ringing stops after 30 s", async () => {
    const c = await call(al, dm);
    await step(29_000);
    assert.equal(f.frames.filter((x) => x.frame.t === "ring.stop").length, 0);
    await step(1_000);
    assert.deepEqual(
      f.frames.filter((x) => x.frame.t === "ring.stop").map((x) => x.userId),
      [bo.id],
    );
    assert.equal((await items(bo)).find((i) => i.callId === c.id)?.type, "call");
    const late = await f.api(bo, "POST", `/calls/${c.id}/answer`);
    assert.equal(late.statusCode, 409);
  });

  test("[GEN-5] calls: outsiders get 404; only dm/gdm; validation 4xx", async () => {
    const c = await call(al, dm);
    for (const a of ["answer", "decline", "end"]) {
      const r = await f.api(cy, "POST", `/calls/${c.id}/${a}`);
      assert.deepEqual([r.statusCode, r.json().error.code], [404, "call_not_found"]);
    }
    assert.equal((await f.api(cy, "POST", `/rooms/${dm}/calls`)).statusCode, 404);
    const ch = (
      await f.api(al, "POST", "/rooms", { kind: "channel", name: "town", memberIds: [bo.id] })
    ).json().room.id;
    const r = await f.api(al, "POST", `/rooms/${ch}/calls`);
    assert.deepEqual([r.statusCode, r.json().error.code], [400, "call_not_allowed"]);
    const body = await f.api(al, "POST", `/calls/${c.id}/answer`, { x: 1 });
    assert.equal(body.statusCode, 400);
    await f.api(al, "POST", `/calls/${c.id}/end`);
  });
});
