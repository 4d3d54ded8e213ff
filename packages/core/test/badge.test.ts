import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { computeBadge, type RoomKind, type RoomReadState, roomCounts, threadCounts } from "../src/index.ts";

const base = (o: Partial<RoomReadState> = {}): RoomReadState => ({
  roomId: "r",
  kind: "channel",
  lastSeq: 10,
  lastReadSeq: 10,
  mentionSeqs: [],
  groupMentionSeqs: [],
  muteGroupMentions: false,
  markUnread: true,
  ...o,
});

test("[BDG-1] unread = room sequence − read position; mentions = personal + group after it; followed threads with unread replies", () => {
  const c = roomCounts(
    base({
      lastReadSeq: 4,
      mentionSeqs: [2, 6, 8],
      hereSeqs: [9],
      groupMentionSeqs: [3, 6, 7],
      threads: [
        { rootId: "t1", lastSeq: 5, lastReadSeq: 3, mentionThreadSeqs: [4, 2] },
        { rootId: "t2", lastSeq: 2, lastReadSeq: 2 },
      ],
    }),
  );
  // personal 6, 8; here 9; group 6 (dup), 7; thread mention 4.
  assert.deepEqual(c, { unread: 6, mentions: 5, threads: 1, showsUnread: true });
});

test("[PRF-37] muted group mentions do not count in the mention badge", () => {
  const c = roomCounts(
    base({
      lastReadSeq: 0,
      mentionSeqs: [5],
      hereSeqs: [6],
      groupMentionSeqs: [1, 2, 5],
      muteGroupMentions: true,
    }),
  );
  assert.equal(c.mentions, 1);
});

test("[BDG-2] numbered badge = dm/gdm unread + mentions elsewhere + unread in conversations assigned to me", () => {
  const b = computeBadge([
    base({ roomId: "dm", kind: "dm", lastSeq: 5, lastReadSeq: 2 }),
    base({ roomId: "g", kind: "gdm", lastSeq: 5, lastReadSeq: 4 }),
    base({
      roomId: "c",
      kind: "channel",
      lastSeq: 50,
      lastReadSeq: 0,
      mentionSeqs: [3],
      groupMentionSeqs: [7],
    }),
    base({ roomId: "conv", kind: "conversation", lastSeq: 4, lastReadSeq: 0, assignedToMe: true }),
    base({ roomId: "conv2", kind: "conversation", lastSeq: 4, lastReadSeq: 0, mentionSeqs: [2] }),
  ]);
  assert.equal(b.total, 3 + 1 + 2 + 4 + 1);
  assert.deepEqual(b.rooms.c, { unread: 50, mentions: 2, threads: 0 });
});

test("[BDG-3][PRF-32][PRF-38] dot = some room that shows unread state has unread; mark-as-unread off keeps mentions in the number", () => {
  const quiet = base({ roomId: "q", lastSeq: 9, lastReadSeq: 1, markUnread: false, mentionSeqs: [5] });
  const b = computeBadge([quiet]);
  assert.deepEqual([b.dot, b.total, roomCounts(quiet).showsUnread], [false, 1, false]);
  assert.equal(computeBadge([quiet, base({ roomId: "x", lastSeq: 3, lastReadSeq: 2 })]).dot, true);
  assert.equal(computeBadge([base()]).dot, false);
});

// ---- BDG-1/BDG-6: the O(1) model equals a naive recount over random histories ----

interface Msg {
  room: number;
  seq: number; // 0 = thread-only
  root: number | null; // index into msgs of the thread root
  tseq: number;
  sender: number;
  mentions: number[];
  all: boolean;
  deleted: boolean;
}

type Op =
  | {
      k: "post";
      room: number;
      sender: number;
      mentions: number[];
      all: boolean;
      reply: number | null;
      alsoInRoom: boolean;
    }
  | { k: "read"; room: number; user: number }
  | { k: "readThread"; user: number; pick: number }
  | { k: "delete"; pick: number };

const USERS = 4;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    k: fc.constant("post" as const),
    room: fc.nat(1),
    sender: fc.nat(USERS - 1),
    mentions: fc.uniqueArray(fc.nat(USERS - 1), { maxLength: 2 }),
    all: fc.boolean(),
    reply: fc.option(fc.nat(30), { nil: null }),
    alsoInRoom: fc.boolean(),
  }),
  fc.record({ k: fc.constant("read" as const), room: fc.nat(1), user: fc.nat(USERS - 1) }),
  fc.record({ k: fc.constant("readThread" as const), user: fc.nat(USERS - 1), pick: fc.nat(30) }),
  fc.record({ k: fc.constant("delete" as const), pick: fc.nat(30) }),
);

function simulate(ops: Op[], kinds: RoomKind[], mute: boolean[], markUnread: boolean[]) {
  const msgs: Msg[] = [];
  const lastSeq = [0, 0];
  const read = kinds.map(() => new Array<number>(USERS).fill(0));
  const threadLast = new Map<number, number>(); // root msg index → last tseq
  const follows = new Map<number, Map<number, number>>(); // root → user → thread read
  // O(1) stores: mention rows and group rows, as the server writes them at post time.
  // A delete removes the message's mention and group rows (as the server does) and leaves its seq taken.
  const mentionRows: {
    msg: number;
    user: number;
    room: number;
    seq: number;
    root: number | null;
    tseq: number;
  }[] = [];
  const groupRows: { msg: number; room: number; seq: number }[] = [];
  for (const op of ops) {
    if (op.k === "post") {
      const rootIdx = op.reply !== null && msgs.length > 0 ? op.reply % msgs.length : null;
      const root = rootIdx !== null && msgs[rootIdx].root === null ? rootIdx : null;
      const room = root !== null ? msgs[root].room : op.room;
      const inRoom = root === null || op.alsoInRoom;
      const seq = inRoom ? ++lastSeq[room] : 0;
      let tseq = 0;
      if (root !== null) {
        tseq = (threadLast.get(root) ?? 0) + 1;
        threadLast.set(root, tseq);
        const f = follows.get(root) ?? new Map([[msgs[root].sender, 0]]);
        follows.set(root, f);
        f.set(op.sender, tseq); // replying follows and reads the thread
        for (const u of op.mentions) if (u !== op.sender && !f.has(u)) f.set(u, 0);
      }
      if (inRoom) read[room][op.sender] = seq; // posting marks it read for the sender
      const msg = msgs.length;
      msgs.push({
        room,
        seq,
        root,
        tseq,
        sender: op.sender,
        mentions: op.mentions,
        all: op.all,
        deleted: false,
      });
      for (const u of op.mentions)
        if (u !== op.sender) mentionRows.push({ msg, user: u, room, seq, root: inRoom ? null : root, tseq });
      if (op.all && inRoom) groupRows.push({ msg, room, seq });
    } else if (op.k === "read") read[op.room][op.user] = lastSeq[op.room];
    else if (op.k === "delete") {
      if (msgs.length > 0) msgs[op.pick % msgs.length].deleted = true;
    } else {
      const roots = [...follows.keys()];
      if (roots.length === 0) continue;
      const root = roots[op.pick % roots.length];
      const f = follows.get(root)!;
      if (f.has(op.user)) f.set(op.user, threadLast.get(root)!);
    }
  }
  const live = <T extends { msg: number }>(rows: T[]) => rows.filter((x) => !msgs[x.msg].deleted);
  for (let u = 0; u < USERS; u++) {
    const states: RoomReadState[] = kinds.map((kind, r) => ({
      roomId: `r${r}`,
      kind,
      lastSeq: lastSeq[r],
      lastReadSeq: read[r][u],
      mentionSeqs: live(mentionRows)
        .filter((m) => m.user === u && m.room === r && m.root === null)
        .map((m) => m.seq),
      groupMentionSeqs: live(groupRows)
        .filter((g) => g.room === r)
        .map((g) => g.seq),
      deletedSeqs: msgs.filter((m) => m.deleted && m.room === r && m.seq > 0).map((m) => m.seq),
      muteGroupMentions: mute[u],
      markUnread: markUnread[r],
      threads: [...follows.entries()]
        .filter(([root, f]) => msgs[root].room === r && f.has(u))
        .map(([root, f]) => ({
          rootId: String(root),
          lastSeq: threadLast.get(root)!,
          lastReadSeq: f.get(u)!,
          mentionThreadSeqs: live(mentionRows)
            .filter((m) => m.user === u && m.root === root)
            .map((m) => m.tseq),
          deletedThreadSeqs: msgs.filter((m) => m.deleted && m.root === root).map((m) => m.tseq),
        })),
    }));
    const fast = computeBadge(states);
    // Naive recount from the stored messages and read positions.
    let total = 0;
    let dot = false;
    for (let r = 0; r < kinds.length; r++) {
      const own = msgs.filter((m) => m.room === r && !m.deleted);
      const unread = own.filter((m) => m.seq > read[r][u] && m.sender !== u).length;
      const roomMentions = own.filter(
        (m) => m.seq > read[r][u] && m.sender !== u && (m.mentions.includes(u) || (m.all && !mute[u])),
      ).length;
      let threadMentions = 0;
      let threads = 0;
      for (const [root, f] of follows) {
        if (msgs[root].room !== r || !f.has(u)) continue;
        const replies = msgs.filter(
          (m) => m.root === root && !m.deleted && m.tseq > f.get(u)! && m.sender !== u,
        );
        if (replies.length > 0) threads++;
        threadMentions += replies.filter((m) => m.seq === 0 && m.mentions.includes(u)).length;
      }
      const mentions = roomMentions + threadMentions;
      assert.deepEqual(fast.rooms[`r${r}`], { unread, mentions, threads }, `user ${u} room ${r}`);
      total += kinds[r] === "dm" || kinds[r] === "gdm" ? unread : mentions;
      if (markUnread[r] && unread > 0) dot = true;
    }
    assert.equal(fast.total, total);
    assert.equal(fast.dot, dot);
  }
}

test("[BDG-1][BDG-2][BDG-3][BDG-6] property: unread/mention/badge math equals a naive recount over random histories (deletes included)", () => {
  fc.assert(
    fc.property(
      fc.array(opArb, { maxLength: 60 }),
      fc.constantFrom<RoomKind[]>(["channel", "group"], ["channel", "gdm"], ["dm", "channel"]),
      fc.array(fc.boolean(), { minLength: USERS, maxLength: USERS }),
      fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
      (ops, kinds, mute, markUnread) => simulate(ops, kinds, mute, markUnread),
    ),
    { numRuns: 300 },
  );
});

test("[BDG-1] one followed thread: replies after its own read position, deleted ones out, personal mentions among them", () => {
  const t = {
    rootId: "t1",
    lastSeq: 7,
    lastReadSeq: 3,
    mentionThreadSeqs: [2, 5],
    deletedThreadSeqs: [1, 6],
  };
  assert.deepEqual(threadCounts(t), { unread: 3, mentions: 1 });
  assert.deepEqual(threadCounts({ rootId: "t2", lastSeq: 4, lastReadSeq: 4 }), { unread: 0, mentions: 0 });
  // The room's counts are the sum of its threads' (a thread with unread replies is one thread).
  const room: RoomReadState = {
    roomId: "r",
    kind: "channel",
    lastSeq: 0,
    lastReadSeq: 0,
    mentionSeqs: [],
    groupMentionSeqs: [],
    muteGroupMentions: false,
    markUnread: true,
    threads: [t, { rootId: "t3", lastSeq: 2, lastReadSeq: 0, deletedThreadSeqs: [1, 2] }],
  };
  assert.deepEqual(roomCounts(room), { unread: 0, mentions: 1, threads: 1, showsUnread: false });
});
