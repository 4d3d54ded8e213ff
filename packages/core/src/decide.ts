// decide(event, snapshot, now): the trigger per recipient (TRG-1 … TRG-3) and per channel a decision,
// as compact arrays. Members outside the small index lists get the default outcome without any work.
import { TS } from "./allow.ts";
import type { Decisions } from "./decisions.ts";
import { type EventContext, eventContext, hereOnlineAt, type MessageEvent, triggerSetFor } from "./event.ts";
import { channelsFor, denseChannels, recipientTrigger, SENDER_MARK } from "./kernel.ts";
import { TRIGGER_CODES as T } from "./model.ts";
import { F, type RoomSnapshot } from "./snapshot.ts";

export function decide(ev: MessageEvent, snap: RoomSnapshot, now: number): Decisions {
  const ctx = eventContext(ev, snap);
  const online = (i: number) => hereOnlineAt(snap, ctx, i, now);
  // Dense only when (nearly) every member has a trigger worth a channel: @all, or a dm/gdm.
  const dense = ctx.groupAll || snap.kind === "dm" || snap.kind === "gdm";
  const result: Decisions = {
    size: snap.size,
    dense,
    indices: null,
    triggers: new Uint8Array(0),
    triggerSets: new Uint8Array(0),
    channels: new Uint8Array(0),
    defaultTrigger: ctx.baseSet & TS.all ? T.all : T.none,
    defaultTriggerSet: ctx.baseSet & TS.all,
    defaultChannels: 0,
    senderIndex: ctx.senderIndex,
    unknownMentions: ctx.unknownMentions,
    groupRestricted: ctx.groupRestricted,
  };
  if (dense) {
    // One buffer for the three arrays: fewer (external) allocations for the GC to account for.
    const n = snap.size;
    const buf = new ArrayBuffer(n * 3);
    const sets = new Uint8Array(buf, 0, n);
    const triggers = new Uint8Array(buf, n, n);
    const channels = new Uint8Array(buf, 2 * n, n);
    // The specials go into `triggers` first (the loop reads and overwrites them); everyone else's set is
    // the fallback, written in one fill rather than member by member.
    const [fallback, fallbackMuted] = denseSets(snap, ctx, triggers, online);
    sets.fill(fallback);
    denseChannels(snap, ctx, sets, triggers, channels, fallback, fallbackMuted, now);
    result.triggers = triggers;
    result.triggerSets = sets;
    result.channels = channels;
    return result;
  }
  const indices = sparseCandidates(snap, ctx);
  const sets = new Uint8Array(indices.length);
  const triggers = new Uint8Array(indices.length);
  const channels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    const set = triggerSetFor(snap, ctx, i, online);
    sets[k] = set;
    triggers[k] = recipientTrigger(set, snap.levelBits[i]);
    channels[k] = channelsFor(snap, ctx, i, set, now);
  }
  result.indices = indices;
  result.triggers = triggers;
  result.triggerSets = sets;
  result.channels = channels;
  return result;
}

/**
 * TRG-1 without a lookup per member: writes into `out` only the specials' bits (mention / keyword / thread, and
 * `group` for `@here` while online) and the sender (SENDER_MARK), and returns the bits everyone else adds —
 * unmuted and muted (PRF-31) — which the dense loop ORs in as it goes.
 */
function denseSets(
  snap: RoomSnapshot,
  ctx: EventContext,
  out: Uint8Array,
  online: (i: number) => boolean,
): [number, number] {
  if (ctx.isEdit) {
    // TRG-3: an edit notifies only its new personal triggers (plus `dm` in a dm/gdm).
    for (const [i, bits] of ctx.special) out[i] = bits | (ctx.dmRoom ? TS.dm : 0);
  } else {
    for (const [i, bits] of ctx.special) out[i] = bits;
    if (ctx.groupHere)
      for (const i of ctx.hereOnline ?? snap.anyConnected)
        if (!(snap.flags[i] & F.muteGroup) && online(i)) out[i] |= TS.group;
  }
  if (ctx.senderIndex >= 0) out[ctx.senderIndex] = SENDER_MARK; // MEN-5
  return [ctx.baseSet | (ctx.groupAll ? TS.group : 0), ctx.baseSet];
}

/**
 * Members that can differ from the default outcome (base trigger, no channel): the specials, the sender, the
 * level-`all` bucket for a room message and the connected bucket for @here, ascending and unique. Nothing
 * here is proportional to the room size for a small candidate set; a large one goes through a bitmap.
 */
function sparseCandidates(snap: RoomSnapshot, ctx: EventContext): Int32Array {
  const lists: Iterable<number>[] = [ctx.special.keys()];
  let total = ctx.special.size + 1;
  if (ctx.baseSet & TS.all) {
    lists.push(snap.allLevel);
    total += snap.allLevel.size;
  }
  if (ctx.groupHere) {
    const here = ctx.hereOnline ?? snap.anyConnected;
    lists.push(here);
    total += here.size;
  }
  if (total > 512) return viaBitmap(snap, ctx, lists);
  const out = ctx.senderIndex >= 0 ? [ctx.senderIndex] : [];
  for (const list of lists) for (const i of list) out.push(i);
  out.sort((a, b) => a - b);
  let w = 0;
  for (let k = 0; k < out.length; k++) if (k === 0 || out[k] !== out[k - 1]) out[w++] = out[k];
  out.length = w;
  return Int32Array.from(out);
}

/** Set bits in the snapshot's scratch bitmap, then read them back in order (and clear them). */
function viaBitmap(snap: RoomSnapshot, ctx: EventContext, lists: Iterable<number>[]): Int32Array {
  const bits = snap.bits;
  let count = 0;
  const set = (i: number) => {
    const w = i >>> 5;
    const m = 1 << (i & 31);
    if (!(bits[w] & m)) {
      bits[w] |= m;
      count++;
    }
  };
  if (ctx.senderIndex >= 0) set(ctx.senderIndex);
  for (const list of lists) for (const i of list) set(i);
  const out = new Int32Array(count);
  let k = 0;
  const words = (snap.size + 31) >>> 5;
  for (let w = 0; w < words; w++) {
    let v = bits[w];
    if (v === 0) continue;
    bits[w] = 0;
    while (v !== 0) {
      const low = v & -v;
      out[k++] = (w << 5) + (31 - Math.clz32(low));
      v ^= low;
    }
  }
  return out;
}
