import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  channelsOf,
  decide,
  keywordMembers,
  removeMember,
  triggerOf,
  updateMemberPresence,
  upsertMember,
} from "../src/index.ts";
import { member, msg, NOW, room } from "./helpers.ts";

const variants = [
  () => ({}),
  () => ({ account: { desktop: "all" as const }, presence: "active" as const }),
  () => ({ room: { muteGroupMentions: true } }),
  () => ({ account: { keywords: ["fire"] } }),
  () => ({ ignores: ["u0"], presence: "idle" as const }),
  () => ({ busyUntil: null }),
];

test("[TRG-1] property: a snapshot updated incrementally (upsert / remove) decides like one built fresh", () => {
  const op = fc.record({ add: fc.boolean(), who: fc.nat(11), variant: fc.nat(variants.length - 1) });
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const current = new Map<string, number>([["u0", 0]]);
      const snap = room([member("u0")]);
      for (const o of ops) {
        const id = `u${o.who}`;
        if (o.add || id === "u0") {
          current.set(id, o.variant);
          upsertMember(snap, member(id, variants[o.variant]()), NOW);
        } else {
          current.delete(id);
          removeMember(snap, id, NOW);
        }
      }
      const fresh = room([...current].map(([id, v]) => member(id, variants[v]())));
      assert.equal(snap.size, fresh.size);
      for (const text of ["@all fire", "plain", "@here @u3 fire"]) {
        const a = decide(msg(text, { from: "u0" }), snap, NOW);
        const b = decide(msg(text, { from: "u0" }), fresh, NOW);
        for (const id of current.keys()) {
          const i = snap.indexByUserId.get(id)!;
          const j = fresh.indexByUserId.get(id)!;
          assert.equal(triggerOf(a, i), triggerOf(b, j), `${text} ${id}`);
          assert.equal(channelsOf(a, i), channelsOf(b, j), `${text} ${id}`);
        }
      }
    }),
    { numRuns: 150 },
  );
});

test("[PRS-1][DSK-2] property: updateMemberPresence (activity, view, busy) decides like a fresh build", () => {
  const presences = ["offline", "active", "idle"] as const;
  const views = [
    undefined,
    { focusedRoom: true, focusedThreadId: null },
    { focusedRoom: false, focusedThreadId: "t1" },
  ];
  const op = fc.record({ who: fc.nat(5), p: fc.nat(2), v: fc.nat(2), busy: fc.boolean() });
  fc.assert(
    fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
      const state = Array.from({ length: 6 }, (_, k) => ({ id: `u${k}`, p: 0, v: 0, busy: false }));
      const opts = (s: (typeof state)[number]) => ({
        presence: presences[s.p],
        view: views[s.v],
        busyUntil: s.busy ? null : undefined,
        account: { desktop: "all" as const },
      });
      const snap = room(state.map((s) => member(s.id, opts(s))));
      for (const o of ops) {
        const s = state[o.who];
        Object.assign(s, { p: o.p, v: o.v, busy: o.busy });
        const m = member(s.id, opts(s));
        updateMemberPresence(snap, s.id, { activity: m.activity, view: m.view, status: m.status });
      }
      const fresh = room(state.map((s) => member(s.id, opts(s))));
      for (const text of ["@all", "plain", "@here"]) {
        const ev = {
          ...msg(text, { from: "u0", threadRootId: "t1", alsoInRoom: true }),
          threadFollowers: [],
        };
        const a = decide(ev, snap, NOW);
        const b = decide(ev, fresh, NOW);
        for (let i = 0; i < 6; i++) {
          assert.equal(triggerOf(a, i), triggerOf(b, i));
          assert.equal(channelsOf(a, i), channelsOf(b, i));
        }
      }
    }),
    { numRuns: 150 },
  );
});

test("[MEN-4] a snapshot compiles a member's keywords when a message is matched, and after a change matches the new list", () => {
  // Deciding a post whose mentions were resolved at post time never matches keywords: building the snapshot
  // for its recipients compiles none.
  const snap = room([member("u0"), member("u1", { account: { keywords: ["fire"] } })]);
  assert.equal(snap.matchers.size, 0, "nothing compiled by the build");
  const hits = (text: string) => {
    const d = decide(msg(text, { from: "u0" }), snap, NOW);
    return triggerOf(d, snap.indexByUserId.get("u1")!);
  };
  const keyword = hits("the fire is out");
  assert.notEqual(keyword, hits("plain"), "the keyword gives a trigger");
  assert.equal(snap.matchers.size, 1, "compiled once a text was matched");
  assert.deepEqual(
    keywordMembers(snap).map((k) => [k.userId, k.matcher.keywords]),
    [["u1", ["fire"]]],
  );
  upsertMember(snap, member("u1", { account: { keywords: ["smoke"] } }), NOW);
  assert.equal(hits("some smoke"), keyword, "the new list matches");
  assert.notEqual(hits("the fire is out"), keyword, "the old one no more");
});
