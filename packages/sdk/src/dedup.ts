// Banner dedup per device (GEN-7, DSK-3): ids of banners already shown, kept in
// local storage (shared by the device's tabs) for 24 h — the resume window.
import type { KeyValueStore } from "./types.ts";

const KEY = "herald.shownBanners";
const TTL_MS = 24 * 60 * 60 * 1000;
const MAX = 500;

export class ShownBanners {
  private readonly store: KeyValueStore;
  private readonly now: () => number;

  constructor(store: KeyValueStore, now: () => number) {
    this.store = store;
    this.now = now;
  }

  has(id: string): boolean {
    return id in this.read();
  }

  /** Records id; returns false when it was already there (the caller must not show it again). */
  claim(id: string): boolean {
    const entries = this.read();
    if (id in entries) return false;
    entries[id] = this.now();
    this.write(entries);
    return true;
  }

  private read(): Record<string, number> {
    try {
      const raw = this.store.getItem(KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      return parsed && typeof parsed === "object" ? (parsed as Record<string, number>) : {};
    } catch {
      return {};
    }
  }

  private write(entries: Record<string, number>): void {
    const cutoff = this.now() - TTL_MS;
    const kept = Object.entries(entries)
      .filter(([, at]) => at >= cutoff)
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX);
    try {
      this.store.setItem(KEY, JSON.stringify(Object.fromEntries(kept)));
    } catch {
      // Storage full or blocked: dedup degrades to per-tab memory of this call only.
    }
  }
}
