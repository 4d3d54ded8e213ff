/** Small pure text helpers shared by the push and email builders. */

const encoder = new TextEncoder();

export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

export function jsonBytes(value: unknown): number {
  return byteLength(JSON.stringify(value));
}

const ELLIPSIS = "…";

/**
 * Largest prefix of `text` (by code points, so no surrogate pair is split) such that `build(prefix…)` fits
 * `maxBytes` as JSON. Binary search: the JSON size grows with the prefix, and each step re-measures.
 */
export function cutToBytes<T>(maxBytes: number, build: (text: string) => T, text: string): T {
  const points = Array.from(text);
  const make = (keep: number) =>
    build(keep >= points.length ? text : points.slice(0, keep).join("") + ELLIPSIS);
  if (jsonBytes(make(points.length)) <= maxBytes) return make(points.length);
  let lo = 0;
  let hi = points.length - 1;
  // Even the ellipsis alone is too big: empty this field and let the caller cut the next one.
  if (jsonBytes(make(0)) > maxBytes) return build("");
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (jsonBytes(make(mid)) <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  return make(lo);
}
