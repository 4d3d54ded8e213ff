// The compact result of decide() and its accessors.

export interface Decisions {
  size: number;
  /** Dense: triggers/channels are indexed by member index. Sparse: parallel to `indices`. */
  dense: boolean;
  indices: Int32Array | null;
  /** The recipient's trigger (TRG-1): the first of the set that applies; 0 = none. */
  triggers: Uint8Array;
  /** Every trigger that applies, as bits `1 << code` (TS); each channel names its first allowed one. */
  triggerSets: Uint8Array;
  channels: Uint8Array;
  /** Outcome of members absent from a sparse result. */
  defaultTrigger: number;
  defaultTriggerSet: number;
  defaultChannels: number;
  senderIndex: number;
  /** MEN-1: mentioned usernames that are not members (the server hints the sender if they exist). */
  unknownMentions: string[];
  /** MEN-7: the group mention was ignored because the sender may not use it here (PRV-9). */
  groupRestricted: boolean;
}

/** Position of member i in the arrays, or -1 for a member absent from a sparse result. */
function slot(d: Decisions, i: number): number {
  if (d.dense) return i;
  const a = d.indices!;
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] === i) return mid;
    if (a[mid] < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function triggerOf(d: Decisions, i: number): number {
  const k = slot(d, i);
  return k < 0 ? d.defaultTrigger : d.triggers[k];
}

export function triggerSetOf(d: Decisions, i: number): number {
  const k = slot(d, i);
  return k < 0 ? d.defaultTriggerSet : d.triggerSets[k];
}

export function channelsOf(d: Decisions, i: number): number {
  const k = slot(d, i);
  return k < 0 ? d.defaultChannels : d.channels[k];
}

/** Calls fn for every member with at least one channel bit (the recipients of anything). */
export function forEachRecipient(
  d: Decisions,
  fn: (member: number, trigger: number, channels: number, triggerSet: number) => void,
): void {
  const n = d.dense ? d.size : d.indices!.length;
  for (let k = 0; k < n; k++) {
    const ch = d.channels[k];
    if (ch !== 0) fn(d.dense ? k : d.indices![k], d.triggers[k], ch, d.triggerSets[k]);
  }
}

/** Member indices whose channel bits include any of `mask` (e.g. BIT.push | BIT.pushScheduled). */
export function membersWith(d: Decisions, mask: number): number[] {
  const out: number[] = [];
  forEachRecipient(d, (i, _t, ch) => {
    if (ch & mask) out.push(i);
  });
  return out;
}
