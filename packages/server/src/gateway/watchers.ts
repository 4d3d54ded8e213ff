// PRS-6: who watches whose presence. Each tab replaces the set of users it displays; a change goes to exactly
// those tabs — never a room-wide broadcast.
import type { PresenceStore, PublicStatus } from "../cluster/presence.ts";
import type { Connection } from "./connection.ts";
import { frameJson } from "./protocol.ts";

export class PresenceWatchers {
  readonly #byUser = new Map<string, Set<Connection>>();
  readonly #store: PresenceStore;
  readonly #onError?: (e: unknown) => void;

  constructor(store: PresenceStore, onError?: (e: unknown) => void) {
    this.#store = store;
    this.#onError = onError;
  }

  /** A user's status changed (from any node): tell the tabs that show that user. */
  changed(userId: string, status: PublicStatus): void {
    const set = this.#byUser.get(userId);
    if (!set) return;
    const frame = frameJson({ t: "presence", userId, status });
    for (const c of set) c.deliver(frame);
  }

  /** Replaces the tab's set, then sends the current statuses of the new set in one write. */
  set(conn: Connection, userIds: readonly string[]): void {
    for (const id of conn.subscriptions) {
      const set = this.#byUser.get(id);
      set?.delete(conn);
      if (set?.size === 0) this.#byUser.delete(id);
    }
    conn.subscriptions.clear();
    for (const id of userIds) {
      conn.subscriptions.add(id);
      let set = this.#byUser.get(id);
      if (!set) {
        set = new Set();
        this.#byUser.set(id, set);
      }
      set.add(conn);
    }
    if (userIds.length === 0) return;
    this.#store.statuses(userIds).then((all) => {
      const events = [...all].map(([userId, status]) => frameJson({ t: "presence", userId, status }));
      if (conn.socket.isOpen()) conn.deliver(`{"t":"multi","events":[${events.join(",")}]}`);
    }, this.#onError);
  }
}
