// decide(event, snapshot, now): the trigger per recipient (TRG-1 … TRG-3) and per channel a decision,
// as compact arrays. Members outside the small index lists get the default outcome without any work.
import type { Decisions } from "./decisions.ts";
import { type EventContext, eventContext, type MessageEvent, triggerFor } from "./event.ts";
import { channelsFor, denseChannels, onlineAt, SENDER_MARK } from "./kernel.ts";
import { TRIGGER_CODES as T } from "./model.ts";
import type { RoomSnapshot } from "./snapshot.ts";

export function decide(ev: MessageEvent, snap: RoomSnapshot, now: number): Decisions {
  const ctx = eventContext(ev, snap);
  const online = (i: number) => onlineAt(snap, i, now);
  // Dense only when (nearly) every member has a trigger worth a channel: @all, or a dm/gdm.
  const dense = ctx.groupAll || snap.kind === "dm" || snap.kind === "gdm";
  const result: Decisions = {
    size: snap.size,
    dense,
    indices: null,
    triggers: new Uint8Array(0),
    channels: new Uint8Array(0),
    defaultTrigger: ctx.base,
    defaultChannels: 0,
    senderIndex: ctx.senderIndex,
    unknownMentions: ctx.unknownMentions,
    groupRestricted: ctx.groupRestricted,
  };
  if (dense) {
    // One buffer for both arrays: half the (external) allocations the GC has to account for.
    const buf = new ArrayBuffer(snap.size * 2);
    const triggers = new Uint8Array(buf, 0, snap.size);
    const [fallback, fallbackMuted] = denseTriggers(snap, ctx, triggers);
    const channels = new Uint8Array(buf, snap.size, snap.size);
    denseChannels(snap, ctx, triggers, channels, fallback, fallbackMuted, now);
    result.triggers = triggers;
    result.channels = channels;
    return result;
  }
  const indices = sparseCandidates(snap, ctx);
  const triggers = new Uint8Array(indices.length);
  const channels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    const t = triggerFor(snap, ctx, i, online);
    triggers[k] = t;
    channels[k] = channelsFor(snap, ctx, i, t, now);
  }
  result.indices = indices;
  result.triggers = triggers;
  result.channels = channels;
  return result;
}

/**
 * TRG-1 without a lookup per member: writes only the specials (mention / keyword / thread, which come before
 * group) and the sender (SENDER_MARK), and returns the trigger of everyone else — unmuted and muted (PRF-31) —
 * which the dense loop fills in as it goes.
 */
function denseTriggers(snap: RoomSnapshot, ctx: EventContext, triggers: Uint8Array): [number, number] {
  let fallback: number;
  let fallbackMuted: number;
  if (snap.kind === "dm" || snap.kind === "gdm") {
    // An edit in a dm notifies only the newly mentioned (TRG-3); anything else is trigger dm for all.
    for (const i of ctx.special.keys()) triggers[i] = T.dm;
    fallback = ctx.isEdit || ctx.system ? T.none : T.dm;
    fallbackMuted = fallback;
  } else {
    for (const [i, t] of ctx.special) triggers[i] = t;
    fallback = ctx.groupAll ? T.group : ctx.base;
    fallbackMuted = ctx.base;
  }
  if (ctx.senderIndex >= 0) triggers[ctx.senderIndex] = SENDER_MARK; // MEN-5
  return [fallback, fallbackMuted];
}

/**
 * Members that can differ from the default outcome (base trigger, no channel): the specials, the sender, the
 * level-`all` bucket for a room message and the connected bucket for @here, ascending and unique. Nothing
 * here is proportional to the room size for a small candidate set; a large one goes through a bitmap.
 */
function sparseCandidates(snap: RoomSnapshot, ctx: EventContext): Int32Array {
  const lists: Iterable<number>[] = [ctx.special.keys()];
  let total = ctx.special.size + 1;
  if (ctx.base === T.all) {
    lists.push(snap.allLevel);
    total += snap.allLevel.size;
  }
  if (ctx.groupHere) {
    lists.push(snap.anyConnected);
    total += snap.anyConnected.size;
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
